"""Small hand-built Word files for each leniency real files demand: hyperlinks, tracked changes,
alias-only styles, shading, highlight colours, condensed pilcrows, analytics.

Each file is written as raw OOXML (the shapes Word itself writes), so a test names exactly the
construct it covers.
"""

from __future__ import annotations

import pytest

from evidence.domain import Analytic, Card, Heading, Level, MarkKind
from evidence.ingest.docx import read_docx
from tests.fixtures.docx import VERBATIM_STYLES, make_docx, p, r, style


def card_xml(tag: str, body: str, cite_style: str = "Style13ptBold", tag_style: str = "Heading4") -> str:
    return (
        p(r(tag), tag_style) + p(r("Mehmet ") + r("Ace 21", cite_style) + r(", columnist, 9-16-2021, “Putin”")) + body
    )


def only_card(data: bytes) -> Card:
    brief, _ = read_docx(data)
    cards = brief.cards()
    assert len(cards) == 1, cards
    return cards[0]


def spans(card: Card, kind: MarkKind) -> list[str]:
    return [card.text[m.start : m.end] for m in card.marks if m.kind is kind]


def colours(card: Card) -> list[tuple[str, str | None]]:
    return [(card.text[m.start : m.end], m.color) for m in card.marks if m.kind is MarkKind.HIGHLIGHT]


def test_verbatim_card_with_all_three_marks() -> None:
    body = p(
        r("Russia ")
        + r("will not", "StyleUnderline")
        + r(" cooperate ")
        + r("on Syria", "Emphasis", '<w:highlight w:val="cyan"/>')
    )
    card = only_card(make_docx(card_xml("Non-unique: Russian aggression now", body)))
    assert card.label == "non-unique" and card.tag == "Russian aggression now"
    assert card.cite.short == "Ace 21" and card.cite.authors == ("Mehmet Ace",)
    assert card.cite.date is not None and card.cite.date.iso == "2021-09-16"
    assert card.text == "Russia will not cooperate on Syria"
    assert spans(card, MarkKind.UNDERLINE) == ["will not", "on Syria"]  # emphasis is underlined too
    assert spans(card, MarkKind.EMPHASIS) == ["on Syria"]
    assert colours(card) == [("on Syria", "cyan")]


def test_runs_inside_hyperlinks_smart_tags_and_content_controls_count() -> None:
    linked = r("the report", "StyleUnderline", '<w:highlight w:val="yellow"/>')
    body = p(
        r("Read ")
        + f'<w:hyperlink r:id="rId9">{linked}</w:hyperlink>'
        + f'<w:smartTag w:uri="urn:x" w:element="place">{r(" in Idlib")}</w:smartTag>'
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + r(" today", "StyleUnderline")
        + "</w:sdtContent></w:sdt>"
    )
    card = only_card(make_docx(card_xml("Tag", body)))
    assert card.text == "Read the report in Idlib today"
    assert colours(card) == [("the report", "yellow")]
    assert spans(card, MarkKind.UNDERLINE) == ["the report", " today"]


def test_tracked_insertions_are_accepted_and_deletions_skipped() -> None:
    body = p(
        r("Sanctions ")
        + f'<w:ins w:id="1" w:author="x">{r("do not", "StyleUnderline")}</w:ins>'
        + '<w:del w:id="2" w:author="x"><w:r><w:delText>never</w:delText></w:r></w:del>'
        + f'<w:moveFrom w:id="3" w:author="x">{r(" moved-away")}</w:moveFrom>'
        + r(" work")
    )
    card = only_card(make_docx(card_xml("Tag", body)))
    assert card.text == "Sanctions do not work"
    assert spans(card, MarkKind.UNDERLINE) == ["do not"]


def test_alias_only_styles_are_recognised() -> None:
    """A file whose styles kept only Verbatim's aliases: ids and names are someone else's."""
    styles = [
        style("paragraph", "Normal", "Normal"),
        style("paragraph", "BigCard", "Big card", "Tag,Big", "Normal", None, "<w:b/>"),
        style("paragraph", "Pock", "Pocket thing", "Pocket", "Normal"),
        style("paragraph", "Blk", "Blocky", "Block", "Normal"),
        style("character", "OldCite", "Old Cite", "Not,Style Style Bold", "", None, "<w:b/>"),
        style("character", "Undy", "Style Underline", "", "", None, '<w:u w:val="single"/>'),
        style("character", "Emph2", "My emphasis", "", "Emphasis", None, ""),
        style("character", "Emphasis", "Emphasis", "", "", None, '<w:b/><w:u w:val="single"/>'),
        # Junk aliases must not win over a name: a body style that lists "tag" among its aliases.
        style("paragraph", "Card", "Card", "Tags,tag", "Normal", 9),
    ]
    body = (
        p(r("Pocket one"), "Pock")
        + p(r("AT: Russia won't cooperate"), "Blk")
        + p(r("Tagged by alias"), "BigCard")
        + p(r("Ace 21", "OldCite") + r(", 9-16-2021"), "Card")
        + p(r("underlined", "Undy") + r(" and ") + r("emphasised", "Emph2"), "Card")
    )
    brief, _ = read_docx(make_docx(body, styles))
    pocket = brief.children[0]
    assert isinstance(pocket, Heading) and pocket.level is Level.POCKET
    block = pocket.children[0]
    assert isinstance(block, Heading) and block.level is Level.BLOCK
    assert (block.label, block.title) == ("answers-to", "Russia won't cooperate")
    [card] = brief.cards()
    assert card.tag == "Tagged by alias" and card.cite.short == "Ace 21"
    assert spans(card, MarkKind.UNDERLINE) == ["underlined", "emphasised"]  # emphasis is underlined too
    assert spans(card, MarkKind.EMPHASIS) == ["emphasised"]


def test_underline_inherited_through_style_chains_and_direct_formatting() -> None:
    styles = [
        *VERBATIM_STYLES,
        style("character", "MyUnderline", "Mine", "", "StyleUnderline"),
        style("paragraph", "UnderlinePara", "Underline Para", "", "Normal", None, '<w:u w:val="single"/>'),
    ]
    body = p(
        r("chained", "MyUnderline")
        + r(" plain ")
        + r("direct", None, '<w:u w:val="single"/>')
        + r(" off", None, '<w:u w:val="none"/>')
        + r(" bold-underlined", None, '<w:b/><w:u w:val="single"/>')
    ) + p(r("whole paragraph"), "UnderlinePara")
    card = only_card(make_docx(card_xml("Tag", body), styles))
    assert card.text == "chained plain direct off bold-underlined\nwhole paragraph"
    assert spans(card, MarkKind.UNDERLINE) == ["chained", "direct", " bold-underlined", "whole paragraph"]
    assert spans(card, MarkKind.EMPHASIS) == [" bold-underlined"]


@pytest.mark.parametrize(
    ("rpr", "expected"),
    [
        ('<w:highlight w:val="yellow"/>', "yellow"),
        ('<w:highlight w:val="green"/>', "green"),
        ('<w:highlight w:val="darkGreen"/>', "darkGreen"),
        ('<w:highlight w:val="magenta"/>', "magenta"),
        ('<w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/>', "yellow"),
        ('<w:shd w:val="clear" w:color="auto" w:fill="00FF00"/>', "green"),
        ('<w:shd w:val="clear" w:color="auto" w:fill="00FFFF"/>', "cyan"),
        ('<w:shd w:val="clear" w:color="auto" w:fill="33FFFF"/>', "cyan"),  # near turquoise
        ('<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/>', None),  # white is no highlight
        ('<w:shd w:val="clear" w:color="auto" w:fill="auto"/>', None),
        ('<w:highlight w:val="none"/>', None),
    ],
)
def test_highlight_colours_and_shading(rpr: str, expected: str | None) -> None:
    body = p(r("before ") + r("marked", "StyleUnderline", rpr) + r(" after"))
    card = only_card(make_docx(card_xml("Tag", body)))
    assert colours(card) == ([("marked", expected)] if expected else [])


def test_several_colours_in_one_card() -> None:
    body = p(
        r("one", None, '<w:highlight w:val="yellow"/>')
        + r(" two", None, '<w:highlight w:val="cyan"/>')
        + r(" three", None, '<w:highlight w:val="green"/>')
    )
    card = only_card(make_docx(card_xml("Tag", body)))
    assert colours(card) == [("one", "yellow"), (" two", "cyan"), (" three", "green")]


def test_condensed_pilcrows_become_paragraph_breaks() -> None:
    small = '<w:sz w:val="12"/>'
    body = p(
        r("First paragraph", "StyleUnderline")
        + r(" ¶ ", None, small)
        + r("second paragraph ")
        + r("¶", None, small)
        + r(" third", "StyleUnderline", '<w:highlight w:val="cyan"/>')
    )
    card = only_card(make_docx(card_xml("Tag", body)))
    assert card.text == "First paragraph\nsecond paragraph\nthird"
    assert spans(card, MarkKind.UNDERLINE) == ["First paragraph", "third"]
    assert colours(card) == [("third", "cyan")]


def test_shrunk_text_and_list_paragraphs_are_plain_text() -> None:
    styles = [*VERBATIM_STYLES, style("paragraph", "ListParagraph", "List Paragraph", "", "Normal")]
    list_ppr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    body = p(r("shrunk words", None, '<w:sz w:val="16"/>') + r(" read", "StyleUnderline")) + p(
        r("a listed point"), "ListParagraph", list_ppr
    )
    card = only_card(make_docx(card_xml("Tag", body), styles))
    assert card.text == "shrunk words read\na listed point"
    assert spans(card, MarkKind.UNDERLINE) == [" read"]


def test_analytics_tags_without_cites_and_analytic_styles() -> None:
    styles = [*VERBATIM_STYLES, style("paragraph", "Analytic", "Analytic", "", "Heading4")]
    body = (
        p(r("AT: Russia"), "Heading3")
        + p(r("Their evidence is old"), "Heading4")
        + p(r("   "))
        + card_xml("A real card", p(r("Body words")))
        + p(r("My own argument"), "Analytic")
        + p(r("Tagged via outline level"), None, '<w:outlineLvl w:val="3"/>')
    )
    brief, report = read_docx(make_docx(body, styles))
    [block] = brief.children
    assert isinstance(block, Heading)
    kinds = [(type(n).__name__, n.text if isinstance(n, Analytic) else n.tag) for n in block.children]
    assert kinds == [
        ("Analytic", "Their evidence is old"),
        ("Card", "A real card"),
        ("Analytic", "My own argument"),
        ("Analytic", "Tagged via outline level"),
    ]
    assert "imported 1 card(s) and 3 analytic(s)" in report.notes


def test_loose_text_is_reported_never_silently_dropped() -> None:
    body = (
        p(r("Notes to self before anything"))
        + p(r("Block"), "Heading3")
        + p(r("A stray paragraph under the block"))
        + card_xml("Tag", p(r("Body")))
    )
    brief, report = read_docx(make_docx(body))
    assert len(brief.cards()) == 1
    assert any("before the first heading" in s and "Notes to self" in s for s in report.skipped)
    assert any("under “Block”" in s and "A stray paragraph" in s for s in report.skipped)


def test_outline_and_speech_of_answer_blocks() -> None:
    body = (
        p(r("1AC"), "Heading1")
        + p(r("Advantage"), "Heading2")
        + p(r("2AC---AT: Russia won't cooperate"), "Heading3")
        + card_xml("Tag one", p(r("one")))
        + p(r("A2: Trade"), "Heading3")
        + card_xml("Tag two", p(r("two")))
        + p(r("Second pocket"), "Heading1")
        + p(r("Plain block"), "Heading3")
    )
    brief, _ = read_docx(make_docx(body), title="My brief")
    assert brief.title == "My brief"
    first, second = brief.children
    assert isinstance(first, Heading) and isinstance(second, Heading)
    [hat] = first.children
    assert isinstance(hat, Heading) and hat.level is Level.HAT
    b1, b2 = hat.children
    assert (b1.title, b1.label, b1.speech) == ("Russia won't cooperate", "answers-to", "2AC")
    assert (b2.title, b2.label, b2.speech) == ("Trade", "answers-to", None)
    assert [c.tag for c in b1.children] == ["Tag one"]
    assert isinstance(second.children[0], Heading) and second.children[0].title == "Plain block"
    brief.validate()


def test_cite_without_cite_style_is_found_by_bold_short_cite() -> None:
    cite = p(r("Bazzi", None, "<w:b/>") + r(", 19 – Mohamad Bazzi, professor, https://example.org/a"))
    body = cite + p(r("Card body", "StyleUnderline"))
    brief, _ = read_docx(make_docx(p(r("Tag"), "Heading4") + body))
    [card] = brief.cards()
    assert card.cite.short == "Bazzi 19" and card.cite.url == "https://example.org/a"
    assert card.text == "Card body"


def test_short_cite_first_then_full_cite() -> None:
    """The shape our exporter writes: the Cite-styled short cite, then the full cite."""
    cite = p(
        r("Ace 21", "Style13ptBold")
        + r(" Mehmet Ace, columnist, 9-16-2021, “Is Putin prepping the ground”, https://example.org/x")
    )
    brief, _ = read_docx(make_docx(p(r("Tag"), "Heading4") + cite + p(r("Body"))))
    [card] = brief.cards()
    assert card.cite.short == "Ace 21"
    assert card.cite.authors == ("Mehmet Ace",)
    assert card.cite.qualifications == "columnist"
    assert card.cite.title == "Is Putin prepping the ground"
    assert card.cite.url == "https://example.org/x"
