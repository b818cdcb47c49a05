"""Every highlight colour Word has comes in and goes out as itself; shading snaps to the nearest.

Word's ``w:highlight`` has 17 values (16 colours and ``none``); a team that highlights in white
(to blank out words on a coloured line) or in dark yellow must get those colours back, not
yellow. Shading (``w:shd``, what pasting from a web page leaves) is any RGB, and is read as the
highlight colour nearest it.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from evidence.domain import Card, MarkKind
from evidence.domain.marks import HIGHLIGHT_COLORS, HIGHLIGHT_VALUES, highlight_name, nearest_highlight_rgb
from evidence.ingest.docx import read_docx
from evidence.web.highlights import stylesheet
from evidence.web.render import render_body
from exports.docx import write_docx
from tests.fixtures.docx import make_docx, p, r

#: Word's own list (ECMA-376 ST_HighlightColor), as python-docx names its members.
WORD_VALUES = {
    "black", "blue", "cyan", "green", "magenta", "red", "yellow", "white", "darkBlue", "darkCyan",
    "darkGreen", "darkMagenta", "darkRed", "darkYellow", "darkGray", "lightGray", "none",
}  # fmt: skip


def _card_with(rpr: str) -> Card:
    body = (
        p(r("Tag"), "Heading4")
        + p(r("Mehmet ") + r("Ace 21", "Style13ptBold") + r(", columnist, 9-16-2021"))
        + p(r("plain ") + r("marked", "StyleUnderline", rpr) + r(" tail"))
    )
    brief, _ = read_docx(make_docx(body))
    [card] = brief.cards()
    return card


def _highlights(card: Card) -> list[tuple[str, str | None]]:
    return [(card.text[m.start : m.end], m.color) for m in card.marks if m.kind is MarkKind.HIGHLIGHT]


def test_the_palette_is_every_value_word_writes() -> None:
    assert WORD_VALUES == HIGHLIGHT_VALUES
    assert len(HIGHLIGHT_VALUES) == 17
    # python-docx knows the same colours (its enum's XML values), so files it writes agree with ours.
    docx_values = {m.xml_value for m in WD_COLOR_INDEX if m.xml_value not in (None, "default")}
    assert docx_values <= HIGHLIGHT_VALUES


@pytest.mark.parametrize("colour", sorted(HIGHLIGHT_COLORS))
def test_each_highlight_colour_imports_as_itself(colour: str) -> None:
    assert _highlights(_card_with(f'<w:highlight w:val="{colour}"/>')) == [("marked", colour)]


def test_white_is_white_not_yellow_and_none_is_no_highlight() -> None:
    assert _highlights(_card_with('<w:highlight w:val="white"/>')) == [("marked", "white")]
    assert _highlights(_card_with('<w:highlight w:val="none"/>')) == []
    assert highlight_name("DarkYellow") == "darkYellow"


@pytest.mark.parametrize(
    ("fill", "expected"),
    [
        ("FFFF00", "yellow"),
        ("FFF200", "yellow"),  # a web page's yellow, a little off Word's
        ("00FF00", "green"),
        ("33CCFF", "cyan"),
        ("008080", "darkCyan"),
        ("FF66FF", "magenta"),
        ("C0C0C0", "lightGray"),
        ("7F7F00", "darkYellow"),
        ("000000", "black"),
        ("FFFFFF", None),  # a white page or table background: no highlight
        ("FAFAFA", None),
        ("auto", None),
    ],
)
def test_shading_is_the_nearest_highlight(fill: str, expected: str | None) -> None:
    card = _card_with(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    assert _highlights(card) == ([("marked", expected)] if expected else [])


def test_nearest_colour_rule_includes_white() -> None:
    assert nearest_highlight_rgb((0xFF, 0xFF, 0xFF)) == "white"
    assert nearest_highlight_rgb((0xF0, 0xF0, 0xF0)) == "white"
    assert nearest_highlight_rgb((0x20, 0x20, 0x20)) == "black"


def test_every_colour_round_trips_through_export_and_python_docx() -> None:
    """Export a card in each colour, open it with python-docx, import it again: same colours."""
    colours = sorted(HIGHLIGHT_COLORS)
    body = (
        p(r("Tag"), "Heading4")
        + p(r("Mehmet ") + r("Ace 21", "Style13ptBold") + r(", columnist, 9-16-2021"))
        + p("".join(r(f"{c} ", "StyleUnderline", f'<w:highlight w:val="{c}"/>') for c in colours))
    )
    brief, _ = read_docx(make_docx(body))
    exported = write_docx(brief)
    document = docx.Document(io.BytesIO(exported))
    seen = {
        run.text.strip(): run._r.rPr.find(f"{{{run._r.nsmap['w']}}}highlight").get(f"{{{run._r.nsmap['w']}}}val")
        for para in document.paragraphs
        for run in para.runs
        if run._r.rPr is not None and run._r.rPr.find(f"{{{run._r.nsmap['w']}}}highlight") is not None
    }
    assert seen == {c: c for c in colours}
    again, _ = read_docx(exported)
    [card] = again.cards()
    assert sorted(c for _, c in _highlights(card)) == colours


def test_every_colour_has_a_css_class_the_page_uses() -> None:
    css = stylesheet()
    defined = set(re.findall(r"\.hl-([A-Za-z]+)\s*\{", css)) - {"swatch"}
    assert defined == set(HIGHLIGHT_COLORS)
    card = _card_with('<w:highlight w:val="white"/>')
    assert re.search(r"class=\"[^\"]*hl-white[^\"]*\">marked<", str(render_body(card.text, card.marks)))
