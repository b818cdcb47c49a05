"""Export options as a debater sees them: Shrink, Condense (with or without pilcrows), a team
highlight colour, analytics in or out, and the read-along copy with only highlighted words."""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Pt

from evidence.domain.brief import Brief
from evidence.domain.marks import Mark, MarkError, MarkKind
from exports.docx import DocxOptions, export_docx, write_docx
from tests.fixtures.briefs import ace_card, seed_brief, tass_card


def doc(options: DocxOptions, brief: Brief | None = None) -> docx.document.Document:
    return docx.Document(io.BytesIO(write_docx(brief or seed_brief(), options)))


def body_paragraphs(document) -> list:
    """Card text paragraphs: Normal paragraphs that are not cite paragraphs."""
    return [
        p
        for p in document.paragraphs
        if p.style.style_id == "Normal" and not (p.runs and p.runs[0].style.style_id == "Style13ptBold")
    ]


def test_shrink_sets_8pt_on_plain_text_only():
    document = doc(DocxOptions(shrink=True))
    runs = [r for p in body_paragraphs(document) for r in p.runs]
    plain = [r for r in runs if r.style.style_id == "DefaultParagraphFont" and r.font.highlight_color is None]
    marked = [r for r in runs if r not in plain]
    assert plain and marked
    assert all(r.font.size == Pt(8) for r in plain)
    assert all(r.font.size is None for r in marked)  # underlined, emphasised, highlighted: full size
    # Tags and cites are never shrunk.
    cites = [p.runs[1] for p in document.paragraphs if p.runs and p.runs[0].style.style_id == "Style13ptBold"]
    assert all(r.font.size is None for r in cites)


def test_shrink_size_is_settable_and_off_by_default():
    runs = [r for p in body_paragraphs(doc(DocxOptions(shrink=True, shrink_pt=6))) for r in p.runs]
    assert Pt(6) in {r.font.size for r in runs}
    runs = [r for p in body_paragraphs(doc(DocxOptions())) for r in p.runs]
    assert {r.font.size for r in runs} == {None}


def test_condense_joins_each_card_into_one_paragraph():
    plain = doc(DocxOptions())
    condensed = doc(DocxOptions(condense=True))
    assert len(body_paragraphs(plain)) == 4  # the Ace card has two paragraphs
    bodies = body_paragraphs(condensed)
    assert len(bodies) == 3
    assert bodies[0].text == ace_card().text.replace("\n", " ")


def test_condense_with_pilcrows_leaves_6pt_pilcrows():
    bodies = body_paragraphs(doc(DocxOptions(condense=True, pilcrows=True)))
    assert bodies[0].text == ace_card().text.replace("\n", "¶ ")
    pilcrows = [r for r in bodies[0].runs if r.text == "¶ "]
    assert len(pilcrows) == 1
    assert pilcrows[0].font.size == Pt(6)


def test_highlight_colour_override_repaints_every_highlight():
    document = doc(DocxOptions(highlight_color="magenta"))
    colours = {r.font.highlight_color for p in document.paragraphs for r in p.runs} - {None}
    assert {c.name for c in colours} == {"PINK"}  # python-docx's name for OOXML "magenta"
    with pytest.raises(MarkError):
        DocxOptions(highlight_color="purple")


def test_analytics_can_be_dropped_and_it_is_reported():
    kept = export_docx(seed_brief())
    dropped = export_docx(seed_brief(), DocxOptions(include_analytics=False))
    assert kept.stats.analytics == 1 and kept.stats.analytics_dropped == 0
    assert dropped.stats.analytics == 0 and dropped.stats.analytics_dropped == 1
    styles = [p.style.style_id for p in docx.Document(io.BytesIO(dropped.data)).paragraphs]
    assert "Analytic" not in styles
    assert any("analytic" in m for m in dropped.stats.messages())


def test_highlighted_only_keeps_read_words_with_their_formatting():
    document = doc(DocxOptions(highlighted_only=True))
    bodies = body_paragraphs(document)
    assert [p.text for p in bodies] == [
        "harbingers have begun to emerge … calm may be about to end",
        "Russian airstrikes … intensified",
        "de-facto dividing Syria … Russia is opposing",
        "presence … American troops … de facto partition",
    ]
    highlighted = [r for r in bodies[0].runs if r.text != " … "]
    assert all(r.font.highlight_color is not None for r in highlighted)
    assert "Emphasis" in {r.style.name for r in highlighted}  # "about to end" stays emphasised
    # Tags and cites stay: the read-along copy is read with the speech.
    assert len([p for p in document.paragraphs if p.style.style_id == "Heading4"]) == 3


def test_highlighted_only_keeps_spaces_between_word_by_word_highlights():
    card = tass_card()
    start = card.text.index("the option")
    # "the" and "option" highlighted separately, the space between them bare.
    marks = (Mark(MarkKind.HIGHLIGHT, start, start + 3, "yellow"), Mark(MarkKind.HIGHLIGHT, start + 4, start + 10))
    brief = Brief("b", [type(card)(card.tag, card.text, card.cite, marks)])
    [body] = body_paragraphs(doc(DocxOptions(highlighted_only=True), brief))
    assert body.text == "the option"


def test_highlighted_only_card_without_highlights_keeps_tag_and_cite_and_says_so():
    card = tass_card()
    brief = Brief("b", [type(card)(card.tag, card.text, card.cite)])
    result = export_docx(brief, DocxOptions(highlighted_only=True))
    document = docx.Document(io.BytesIO(result.data))
    assert [p.style.style_id for p in document.paragraphs] == ["Heading4", "Normal"]
    assert result.stats.cards_without_highlight == 1
    assert any("no highlighted words" in m for m in result.stats.messages())


def test_highlighted_only_condensed_gives_one_paragraph_per_card():
    bodies = body_paragraphs(doc(DocxOptions(highlighted_only=True, condense=True, pilcrows=True)))
    assert (
        bodies[0].text == "harbingers have begun to emerge … calm may be about to end¶ Russian airstrikes … intensified"
    )
    assert len(bodies) == 3
