"""The editor's cite box in real Chromium (issue 10): a typed cite line fills the fields, each with
how sure the reading is; the box keeps the line until the user accepts, and the line becomes the
cite's text."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.fixtures.browser import (
    LAVROV,
    PASSAGE_END,
    PASSAGE_START,
    api_card,
    cut,
    new_source,
    version,
    wait_saved,
)

pytestmark = pytest.mark.browser

ACE = (
    "Ace 21 (John Ace, Professor of Politics at MGIMO, 3-4-2021, 'Putin warns', The Moscow Times, "
    "https://www.themoscowtimes.com/2021/03/04/putin-warns)"
)
KOFMAN = (
    "Kofman '16 (Michael, Analyst at CNA Corporation and Fellow at the Kennan Institute, 6-4-2016, "
    "“Fixing NATO deterrence in the East”, War on the Rocks, https://warontherocks.com/2016/06/fixing-nato)"
)
SABROSKY = (
    "Sabrosky ’88 [Alan Ned; retired Marine officer and former Director of Studies at the United States "
    "Army War College; 1988; “Foreword”; Alliances in U.S. Foreign Policy]"
)

EXPECTED = {
    ACE: {
        "short": "Ace 21",
        "authors": "John Ace",
        "date": "2021-03-04",
        "title": "Putin warns",
        "publication": "The Moscow Times",
        "qualifications": "Professor of Politics at MGIMO",
        "url": "https://www.themoscowtimes.com/2021/03/04/putin-warns",
    },
    KOFMAN: {
        "short": "Kofman '16",
        "authors": "Michael Kofman",
        "date": "2016-06-04",
        "title": "Fixing NATO deterrence in the East",
        "publication": "War on the Rocks",
        "qualifications": "Analyst at CNA Corporation and Fellow at the Kennan Institute",
        "url": "https://warontherocks.com/2016/06/fixing-nato",
    },
    SABROSKY: {
        "short": "Sabrosky ’88",
        "authors": "Alan Ned Sabrosky",
        "date": "1988",
        "title": "Foreword",
        "publication": "Alliances in U.S. Foreign Policy",
    },
}


def _type_line(page: Page, line: str) -> None:
    page.click("#cite-line")
    page.fill("#cite-line", "")
    page.keyboard.type(line)


@pytest.mark.parametrize("line", [ACE, KOFMAN, SABROSKY], ids=["ace", "kofman", "sabrosky"])
def test_typed_cite_line_fills_the_fields_with_confidence_then_is_accepted(
    page: Page, live_server: str, shots: Path, line: str
) -> None:
    new_source(page, live_server, LAVROV, title="Lavrov")
    card_id = cut(page, PASSAGE_START, PASSAGE_END)
    want = EXPECTED[line]
    before = version(page)

    _type_line(page, line)
    for field in ("authors", "date", "title", "publication", "qualifications", "url"):
        if field in want:
            expect(page.locator(f"#cite-{field}")).to_have_value(want[field])
    expect(page.locator("#cite-short")).to_have_text(want["short"])
    # Each field says how it was read; the short cite and the quoted title were read, not guessed.
    expect(page.locator("#conf-title")).to_have_text("(read)")
    expect(page.locator("#conf-publication")).to_have_text("(guess: check)")
    # Nothing is saved yet, and the box keeps the line until the user accepts.
    expect(page.locator("#cite-line")).to_have_value(line)
    expect(page.locator("#cite-accept")).to_be_enabled()
    assert version(page) == before
    page.screenshot(path=str(shots / f"cite-box-{want['short'][:6].strip()}.png"), full_page=True)

    page.press("#cite-line", "Enter")
    wait_saved(page, before)
    expect(page.locator("#cite-line")).to_have_value("")
    expect(page.locator("#cite-accept")).to_be_disabled()
    expect(page.locator("#conf-title")).to_have_text("")
    expect(page.locator("#cite-authors")).to_have_value(want["authors"])
    expect(page.locator("#cite-date")).to_have_value(want["date"])

    cite = api_card(live_server, card_id)["cite"]
    assert "; ".join(cite["authors"]) == want["authors"]
    assert cite["date"] == want["date"]
    assert cite["title"] == want["title"]
    assert cite["publication"] == want["publication"]
    if "text" in cite:  # the cite's own text (issue 10): the line as typed, short cite marked
        assert cite["text"] == line
        assert cite["short"] == want["short"]


def test_a_field_corrected_before_accepting_is_what_is_saved(page: Page, live_server: str) -> None:
    new_source(page, live_server, LAVROV, title="Lavrov")
    card_id = cut(page, PASSAGE_START, PASSAGE_END)
    before = version(page)
    _type_line(page, ACE)
    expect(page.locator("#cite-publication")).to_have_value("The Moscow Times")
    page.fill("#cite-publication", "Moscow Times")
    page.press("#cite-publication", "Tab")
    assert version(page) == before  # still waiting for the accept
    page.click("#cite-accept")
    wait_saved(page, before)
    cite = api_card(live_server, card_id)["cite"]
    assert cite["publication"] == "Moscow Times"
    assert cite["title"] == "Putin warns"
