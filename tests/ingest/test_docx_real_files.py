"""The three real Verbatim files import with every card, its cite and its marks.

Expected card counts are computed independently with python-docx (style names through its own
API, not our style resolver) and also pinned, so a regression in either shows up.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from evidence.domain import Analytic, Card, Heading, Level, MarkKind
from evidence.ingest.docx import read_docx
from tests.fixtures.shared import verbatim

VERBATIM = verbatim()

FILES = {
    # file: (cards, analytics), checked by eye against the documents
    "debate-cards-sample.docx": (15, 1),
    "1nc.docx": (20, 10),
    "neg.docx": (59, 7),
}


def _opens_bold(para) -> bool:
    """Bold, unhighlighted words within the first 60 characters; a year early on or a URL."""
    if re.search(r"\d{2}", para.text[:200]) is None and "http" not in para.text:
        return False
    seen = 0
    for run in para.runs:
        if not run.text.strip():
            continue
        style_bold = run.style is not None and run.style.font.bold
        if (run.bold or (run.bold is None and style_bold)) and run.font.highlight_color is None:
            return True
        seen += len(run.text)
        if seen > 60:
            return False
    return False


def _independent_counts(path: Path) -> tuple[int, int]:
    """Tags with a cite after them, and tags without, read through python-docx.

    A tag is a "heading 4" paragraph or one with a direct outline level 3; its cite is a later
    paragraph (before the next tag or heading) with a "Style 13 pt Bold" run, or a first
    paragraph that opens with bold words and has a year or URL, the way hand-made cites look.
    """
    document = docx.Document(str(path))
    kinds: list[str] = []
    for para in document.paragraphs:
        name = para.style.name.lower() if para.style is not None else "normal"
        ppr = para._p.pPr
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        level = int(outline.get(qn("w:val"))) if outline is not None else None
        if name == "heading 4" or level == 3:
            kinds.append("tag")
        elif name in {"heading 1", "heading 2", "heading 3"}:
            kinds.append("heading")
        elif para.text.strip():
            cite_run = any(r.style is not None and r.style.name == "Style 13 pt Bold" for r in para.runs)
            kinds.append("cite" if cite_run else "hand-cite" if _opens_bold(para) else "text")
        else:
            kinds.append("blank")
    cards = analytics = 0
    for i, kind in enumerate(kinds):
        if kind != "tag":
            continue
        tail = []
        for later in kinds[i + 1 :]:
            if later in {"tag", "heading"}:
                break
            if later != "blank":
                tail.append(later)
        if "cite" in tail or (tail and tail[0] == "hand-cite"):
            cards += 1
        else:
            analytics += 1
    return cards, analytics


@pytest.fixture(scope="module", params=sorted(FILES))
def imported(request: pytest.FixtureRequest):
    path = VERBATIM / request.param
    brief, report = read_docx(path)
    return request.param, path, brief, report


def test_every_tag_with_a_cite_becomes_a_card(imported) -> None:
    name, path, brief, report = imported
    cards = brief.cards()
    analytics = [n for _, n in brief.walk() if isinstance(n, Analytic)]
    assert (len(cards), len(analytics)) == _independent_counts(path) == FILES[name]
    assert f"imported {len(cards)} card(s)" in " ".join(report.notes)


def test_every_card_has_a_cite_text_and_marks(imported) -> None:
    _, _, brief, _ = imported
    for card in brief.cards():
        assert card.tag, card
        assert card.cite.short, card.tag
        assert card.text.strip(), card.tag
        kinds = {m.kind for m in card.marks}
        assert kinds & {MarkKind.UNDERLINE, MarkKind.EMPHASIS}, card.tag
    brief.validate()
    # Every card is highlighted except one the debater left unhighlighted (emphasis only).
    unhighlighted = [c.tag for c in brief.cards() if not any(m.kind is MarkKind.HIGHLIGHT for m in c.marks)]
    assert unhighlighted in (
        [],
        [
            "The US turns a blind eye to Saudi use of soldiers now, the plan sends a clear and "
            "tangible signal of disapproval"
        ],
    )


def test_highlight_colours_match_the_file(imported) -> None:
    name, _, brief, _ = imported
    colours = {m.color for c in brief.cards() for m in c.marks if m.kind is MarkKind.HIGHLIGHT}
    expected = {
        "debate-cards-sample.docx": {"yellow", "cyan", "green"},
        "1nc.docx": {"cyan"},
        "neg.docx": {"yellow", "cyan"},
    }[name]
    assert colours == expected


def _highlighted(card: Card) -> list[str]:
    return [card.text[m.start : m.end] for m in card.marks if m.kind is MarkKind.HIGHLIGHT]


def _find(brief, tag_start: str) -> Card:
    return next(c for c in brief.cards() if c.tag.startswith(tag_start))


def test_sample_known_cards() -> None:
    brief, _ = read_docx(VERBATIM / "debate-cards-sample.docx")
    pocket = brief.children[0]
    assert isinstance(pocket, Heading) and pocket.level is Level.POCKET and pocket.title == "1AC"
    assert [h.title for h in pocket.children if isinstance(h, Heading)] == ["Plan", "Yemen", "Framing"]

    bazzi = _find(brief, "233,000 will die")
    assert bazzi.cite.short == "Bazzi 19"
    assert bazzi.cite.url and bazzi.cite.url.startswith("https://www.theguardian.com/")
    assert _highlighted(bazzi)[:3] == ["Trump", "announced", "it would"]
    assert {m.color for m in bazzi.marks if m.kind is MarkKind.HIGHLIGHT} == {"yellow"}
    assert bazzi.text.startswith("On the Friday before Memorial Day, when few Americans were paying attention")

    kiersz = _find(brief, "US arms to Saudi sustains")
    assert kiersz.cite.short == "Kiersz 18"  # a cite bolded with Heading4Char, not the Cite style
    assert _highlighted(kiersz)[1:3] == ["Saudi", "has recruited"]

    piattelli = _find(brief, "Each internal-link")
    assert piattelli.cite.short == "Piattelli, 96"  # the Cite-styled words exactly
    # A note between a tag and its cite is kept in place, as part of the card.
    assert _find(brief, "Only U.S. arms prolong").notes == "*HR leadership internal"
    assert piattelli.cite.text is not None and piattelli.cite.text.startswith("Piattelli, 96")


def test_1nc_known_cards_blocks_and_analytics() -> None:
    brief, _ = read_docx(VERBATIM / "1nc.docx")
    matanich = brief.cards()[0]
    assert matanich.tag == "Protection means to command a cessation of use."
    assert matanich.cite.short == "Matanich 96"
    assert "command a cessation of use" in _highlighted(matanich)
    assert any(
        matanich.text[m.start : m.end] == "command a cessation of use"
        for m in matanich.marks
        if m.kind is MarkKind.EMPHASIS
    )
    blocks = [n for _, n in brief.walk() if isinstance(n, Heading) and n.level is Level.BLOCK]
    democracy = next(b for b in blocks if b.title == "Democracy")
    assert (democracy.label, democracy.speech) == ("answers-to", "1NC")
    analytics = [n.text for _, n in brief.walk() if isinstance(n, Analytic)]
    assert "Violation: the plan does not eliminate military use of water." in analytics
    assert _find(brief, "No Africa wars").cite.short == "Burbach & Fettweis 16"  # as the debater styled it


def test_neg_list_paragraphs_and_outline_level_tags() -> None:
    brief, report = read_docx(VERBATIM / "neg.docx")
    assert [h.title for h in brief.children if isinstance(h, Heading)] == ["1NC", "2NC", "1NR", "2NR"]
    # Tags made by a direct outline level on a list paragraph still become cards.
    india = _find(brief, "India will never give up NFU")
    assert india.cite.short == "Raj 17"
    # Plan text in list paragraphs stays with its analytic, and the report says so.
    plans = [n.text for _, n in brief.walk() if isinstance(n, Analytic) and "\nenter into negotiations" in n.text]
    assert len(plans) == 2
    assert plans[0].startswith("The United States federal government should:\nenter into negotiations with North Korea")
    assert any("untagged paragraph" in note for note in report.notes)
    morrow = _find(brief, "“Defense pacts” obligate aid.")
    assert morrow.cite.short == "Morrow 00"
    assert _highlighted(morrow)[:2] == ["study", "focuses on defense pacts"]
