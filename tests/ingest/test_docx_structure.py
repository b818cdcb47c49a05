"""Files typed without Verbatim's styles: structure read as Verbatim reads it, or a clear refusal.

A public-forum case typed in Google Docs has no Heading 4 anywhere; it used to import as an empty
brief with exit code 0. Now tags come from outline levels (direct or through the style chain) and
from Verbatim's "Fix Fake Tags" rule (a body paragraph all bold and larger than 11 pt is a tag),
plus bold lines a cite follows; a file that still has nothing in it is refused with a message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.domain import Analytic, Card
from evidence.ingest.docx import read_docx
from evidence.ingest.report import IngestError
from evidence.settings import Settings
from tests.fixtures.cli import evidence
from tests.fixtures.docx import VERBATIM_STYLES, make_docx, p, r, style
from tests.fixtures.shared import verbatim

CITE = p(r("Mehmet Ace 21", rpr="<w:b/>") + r(", columnist, 9-16-2021, “Putin warns”, The Moscow Times"))
BODY = p(r("Russia ") + r("will not cooperate", "StyleUnderline") + r(" on Syria."))


def test_public_forum_case_without_tag_styles_has_its_cards() -> None:
    brief, report = read_docx(verbatim() / "pf-no-tag-styles.docx")
    cards = brief.cards()
    assert len(cards) >= 15
    first = cards[0]
    assert first.tag == "Unregulated crypto fuels scamming"
    assert first.cite is not None and first.cite.short.startswith("Carmona")
    assert "Increased crypto risk-taking" in first.text
    assert any("Fix Fake Tags" in note for note in report.notes)
    # The big bold contention lines are Verbatim's fake tags too: with no cite after them, analytics.
    analytics = [n.text for _, n in brief.walk() if isinstance(n, Analytic)]
    assert "Contention 1 is CRYPTO." in analytics


def test_bold_larger_than_eleven_point_is_a_tag() -> None:
    body = p(r("Russia cooperates now", rpr='<w:b/><w:sz w:val="26"/>')) + CITE + BODY
    brief, _ = read_docx(make_docx(body))
    [card] = brief.cards()
    assert card.tag == "Russia cooperates now"
    assert card.text == "Russia will not cooperate on Syria."


def test_bold_through_the_style_chain_counts() -> None:
    styles = [
        *VERBATIM_STYLES,
        style("paragraph", "Big", "Big bold", based="Normal", rpr='<w:b/><w:sz w:val="28"/>'),
        style("paragraph", "Bigger", "Bigger", based="Big"),
    ]
    brief, _ = read_docx(make_docx(p(r("Tag from a style chain"), "Bigger") + CITE + BODY, styles))
    assert [c.tag for c in brief.cards()] == ["Tag from a style chain"]


def test_eleven_point_bold_is_a_tag_only_when_a_cite_follows() -> None:
    body = (
        p(r("A bold line with no cite after it", rpr="<w:b/>"))
        + BODY
        + p(r("Hand-typed tag", rpr="<w:b/>"))
        + CITE
        + BODY
    )
    brief, _ = read_docx(make_docx(body))
    assert [c.tag for c in brief.cards()] == ["Hand-typed tag"]


def test_partly_bold_paragraph_is_not_a_tag() -> None:
    body = p(r("Partly ", rpr='<w:b/><w:sz w:val="28"/>') + r("bold", rpr='<w:sz w:val="28"/>')) + CITE + BODY
    with pytest.raises(IngestError, match="found no cards"):
        read_docx(make_docx(body))


@pytest.mark.parametrize(
    "tag",
    [
        p(r("Tag by direct outline level"), ppr='<w:outlineLvl w:val="3"/>'),
        p(r("Tag by a style's outline level"), "Custom"),
        p(r("Tag by an inherited outline level"), "Child"),
    ],
)
def test_outline_level_makes_a_tag(tag: str) -> None:
    styles = [
        *VERBATIM_STYLES,
        style("paragraph", "Custom", "My tags", based="Normal", outline=3),
        style("paragraph", "Child", "My child tags", based="Custom"),
    ]
    brief, _ = read_docx(make_docx(tag + CITE + BODY, styles))
    [card] = brief.cards()
    assert card.tag.startswith("Tag by")


def test_fake_tags_are_not_looked_for_in_a_file_with_tags() -> None:
    body = (
        p(r("Real tag"), "Heading4")
        + CITE
        + BODY
        + p(r("A bold 14 pt line inside the card text", rpr='<w:b/><w:sz w:val="28"/>'))
    )
    brief, _ = read_docx(make_docx(body))
    [card] = brief.cards()
    assert "A bold 14 pt line inside the card text" in card.text


def test_file_with_no_cards_is_refused_with_a_reason() -> None:
    body = p(r("Just a heading"), "Heading3") + p(r("Some words someone typed."))
    with pytest.raises(IngestError, match="found no cards in this Word file"):
        read_docx(make_docx(body))


def test_analytics_only_file_is_kept() -> None:
    brief, _ = read_docx(make_docx(p(r("Our argument"), "Heading4") + p(r("and its second line"))))
    assert isinstance(brief.children[0], Analytic)
    assert not any(isinstance(n, Card) for _, n in brief.walk())


def test_cli_exits_non_zero_for_a_file_without_cards(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "empty-case.docx"
    path.write_bytes(make_docx(p(r("Some words someone typed."))))
    result = evidence(settings, "import", str(path))
    assert result.exit_code == 1
    assert "found no cards" in result.stderr
    assert result.stdout == ""  # no brief id: nothing was created
