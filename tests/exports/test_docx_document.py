"""The document part: outline, card shape, runs per marks segment, and files that must still open
(empty briefs, missing cites, control characters, very long tags, 5,000 cards)."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import docx
import pytest
from lxml import etree

from evidence.domain.brief import Brief, Heading, Level
from evidence.domain.card import MAX_TAG_CHARS, Analytic, Card
from evidence.domain.cite import Cite
from evidence.domain.dates import PartialDate
from evidence.domain.marks import Mark
from exports.docx import DocxOptions, export_docx, write_docx, write_docx_to
from tests.fixtures.briefs import ACE_URL, H, U, ace_card, seed_brief, span, tass_card

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_of(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")


def pstyle(p: etree._Element) -> str:
    node = p.find(f"{W}pPr/{W}pStyle")
    return "Normal" if node is None else node.get(f"{W}val")


def run_text(r: etree._Element) -> str:
    return "".join("\t" if n.tag == f"{W}tab" else (n.text or "") for n in r if n.tag in (f"{W}t", f"{W}tab"))


def run_style(r: etree._Element) -> str | None:
    node = r.find(f"{W}rPr/{W}rStyle")
    return None if node is None else node.get(f"{W}val")


def run_highlight(r: etree._Element) -> str | None:
    node = r.find(f"{W}rPr/{W}highlight")
    return None if node is None else node.get(f"{W}val")


def paragraphs(data: bytes) -> list[etree._Element]:
    return body_of(data).findall(f"{W}p")


def text_of(p: etree._Element) -> str:
    return "".join(run_text(r) for r in p.findall(f"{W}r"))


@pytest.fixture(scope="module")
def seed_data() -> bytes:
    return write_docx(seed_brief())


def test_outline_paragraph_styles_in_order(seed_data):
    styles = [pstyle(p) for p in paragraphs(seed_data)]
    assert styles[:4] == ["Heading1", "Heading2", "Heading3", "Heading4"]
    assert styles.count("Heading4") == 3  # one tag per card
    assert styles.count("Analytic") == 1
    # Card shape: tag, one cite paragraph, then body paragraphs (the Ace card has two).
    assert styles[3:7] == ["Heading4", "Normal", "Normal", "Normal"]
    assert styles[7] == "Analytic"


def test_headings_and_answers_to_block_title(seed_data):
    texts = [text_of(p) for p in paragraphs(seed_data)[:3]]
    assert texts == [
        "Negative vs Syria Aff",
        "Russia Cooperation",
        "AT: Russia Won’t Cooperate on Syria if the US puts pressure on Russia",
    ]


@pytest.mark.parametrize(
    ("title", "label", "speech", "expected"),
    [
        ("Russia won't cooperate", "answers-to", None, "AT: Russia won't cooperate"),
        ("AT: Russia won't cooperate", "answers-to", None, "AT: Russia won't cooperate"),
        ("A2 Russia", "answers-to", None, "A2 Russia"),
        ("Answers to: Russia", "answers-to", None, "Answers to: Russia"),
        ("Russia won't cooperate", "answers-to", "2AC", "2AC---AT: Russia won't cooperate"),
        ("Russia link turn", "link-turn", None, "Link turn: Russia link turn"),
        ("Link turn: Russia", "link-turn", None, "Link turn: Russia"),
    ],
)
def test_block_titles(title, label, speech, expected):
    brief = Brief("b", [Heading(Level.BLOCK, title, label=label, speech=speech)])
    [p] = paragraphs(write_docx(brief))
    assert pstyle(p) == "Heading3"
    assert text_of(p) == expected


def test_tag_carries_the_label(seed_data):
    tags = [text_of(p) for p in paragraphs(seed_data) if pstyle(p) == "Heading4"]
    assert tags == [
        "Non-unique: Russian aggression in Syria now",
        "Russia opposes current US efforts to divide Syria",
        "Russia opposes the US in Syria now",
    ]


def test_cite_paragraph_is_cite_run_then_full_cite(seed_data):
    ps = paragraphs(seed_data)
    cite = ps[4]
    runs = cite.findall(f"{W}r")
    assert len(runs) == 2
    assert run_style(runs[0]) == "Style13ptBold"
    assert run_text(runs[0]) == "Ace 21"
    assert run_style(runs[1]) is None
    full = run_text(runs[1])
    assert full == " " + ace_card().cite.full
    assert full.startswith(" Mehmet Ace, columnist, 9-16-2021")
    assert full.endswith(ACE_URL)


def test_one_run_per_segment_with_style_and_highlight(seed_data):
    card = ace_card()
    ps = paragraphs(seed_data)
    body = ps[5:7]
    runs = [r for p in body for r in p.findall(f"{W}r")]
    expected = [s for s in card.segments() if s.text.replace("\n", "")]
    # The paragraph break sits inside a plain segment, which becomes two runs, one per paragraph.
    pieces = [(piece, s) for s in expected for piece in s.text.split("\n") if piece]
    assert len(runs) == len(pieces)
    for run, (piece, seg) in zip(runs, pieces, strict=True):
        assert run_text(run) == piece
        assert run_style(run) == ("Emphasis" if seg.emphasis else "StyleUnderline" if seg.underline else None)
        assert run_highlight(run) == seg.highlight
    assert "\n".join(text_of(p) for p in body) == card.text


def test_highlight_values_as_stored(seed_data):
    highlights = {run_highlight(r) for r in body_of(seed_data).iter(f"{W}r")} - {None}
    assert highlights == {"cyan", "yellow", "green"}


def test_python_docx_sees_the_runs(seed_data):
    document = docx.Document(io.BytesIO(seed_data))
    runs = [r for p in document.paragraphs for r in p.runs]
    emphasised = [r.text for r in runs if r.style.name == "Emphasis"]
    assert "about to end" in emphasised
    assert "Russia is opposing" in emphasised
    bright_green = [
        r.text for r in runs if r.font.highlight_color is not None and r.font.highlight_color.name == "BRIGHT_GREEN"
    ]
    assert bright_green == ["de-facto dividing Syria", "Russia is opposing"]


def test_mark_across_paragraph_break_marks_the_paragraph_mark():
    text = "first line\nsecond line"
    card = Card(
        "tag", text, Cite(publication="TASS", date=PartialDate(2021)), (Mark(U, 6, 17), Mark(H, 6, 17, "yellow"))
    )
    ps = paragraphs(write_docx(Brief("b", [card])))
    first, second = ps[2], ps[3]
    assert [run_text(r) for r in first.findall(f"{W}r")] == ["first ", "line"]
    assert [run_text(r) for r in second.findall(f"{W}r")] == ["second", " line"]
    mark = first.find(f"{W}pPr/{W}rPr")
    assert mark.find(f"{W}rStyle").get(f"{W}val") == "StyleUnderline"
    assert mark.find(f"{W}highlight").get(f"{W}val") == "yellow"
    assert second.find(f"{W}pPr") is None


def test_blank_lines_stay_empty_paragraphs_and_tabs_become_w_tab():
    card = Card("tag", "one\n\nthree\tafter tab", Cite(publication="TASS", date=PartialDate(2021)))
    ps = paragraphs(write_docx(Brief("b", [card])))
    assert [text_of(p) for p in ps[2:]] == ["one", "", "three\tafter tab"]
    assert ps[4].find(f"{W}r/{W}tab") is not None


def test_card_without_cite_has_no_cite_paragraph_and_says_so():
    card = Card("Uncited claim", "Body text.", marks=(Mark(U, 0, 4),))
    result = export_docx(Brief("b", [card]))
    ps = paragraphs(result.data)
    assert [pstyle(p) for p in ps] == ["Heading4", "Normal"]
    assert text_of(ps[1]) == "Body text."
    assert result.stats.cards_without_cite == 1
    assert any("no cite" in m for m in result.stats.messages())


def test_control_characters_are_removed_and_counted():
    text = "Dara\x00’a\x07 talks\x1f collapsed\x0b today"
    card = Card("Tag\x01 with bell", text, Cite(publication="TASS", date=PartialDate(2021)), (Mark(U, 0, 12),))
    brief = Brief("Title\x02", [Heading(Level.BLOCK, "Block\x03", [card]), Analytic("ana\x04lytic")], author="A\x05")
    result = export_docx(brief)
    assert result.stats.control_chars_removed == 9
    assert any("9 control character" in m for m in result.stats.messages())
    document = docx.Document(io.BytesIO(result.data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Block"
    assert texts[1] == "Tag with bell"
    assert texts[3] == "Dara’a talks collapsed today"
    assert texts[4] == "analytic"
    assert document.core_properties.title == "Title"


def test_empty_brief_and_headings_without_cards_are_written_as_just_their_headings():
    document = docx.Document(io.BytesIO(write_docx(Brief("Empty"))))
    assert [p.text for p in document.paragraphs] == [""]
    brief = Brief("Skeleton", [Heading(Level.POCKET, "Pocket", [Heading(Level.BLOCK, "Lonely block")])])
    document = docx.Document(io.BytesIO(write_docx(brief)))
    assert [(p.style.name, p.text) for p in document.paragraphs] == [
        ("Heading 1", "Pocket"),
        ("Heading 3", "Lonely block"),
    ]


def test_very_long_tag_is_kept_whole():
    tag = ("Russia escalates " * 200)[:MAX_TAG_CHARS]  # the longest tag a card may have
    document = docx.Document(io.BytesIO(write_docx(Brief("b", [Card(tag, "x")]))))
    assert document.paragraphs[0].text == tag


def test_five_thousand_cards_are_written_and_python_docx_reads_every_tag(tmp_path):
    cards = [tass_card() for _ in range(5000)]
    path = tmp_path / "big.docx"
    stats = write_docx_to(path, Brief("Big", [Heading(Level.BLOCK, "Everything", cards)]))
    assert stats.cards == 5000
    document = docx.Document(str(path))
    tags = [p for p in document.paragraphs if p.style.style_id == "Heading4"]
    assert len(tags) == 5000
    assert document.paragraphs[-1].text == tass_card().text


def test_document_properties_carry_title_and_author(seed_data):
    props = docx.Document(io.BytesIO(seed_data)).core_properties
    assert props.title == "AT: Russia Won’t Cooperate"
    assert props.author == "Coach Rivera"
    options = DocxOptions(title="Speech doc", author="Dana", created=datetime(2024, 5, 1, tzinfo=UTC))
    props = docx.Document(io.BytesIO(write_docx(seed_brief(), options))).core_properties
    assert (props.title, props.author) == ("Speech doc", "Dana")
    assert props.created == datetime(2024, 5, 1, tzinfo=UTC)


def test_same_input_same_bytes():
    options = DocxOptions(created=datetime(2024, 5, 1, tzinfo=UTC))
    assert write_docx(seed_brief(), options) == write_docx(seed_brief(), options)


def test_write_to_file_object_matches_bytes(tmp_path):
    options = DocxOptions(created=datetime(2024, 5, 1, tzinfo=UTC))
    buffer = io.BytesIO()
    write_docx_to(buffer, seed_brief(), options)
    assert buffer.getvalue() == write_docx(seed_brief(), options)


def test_package_has_the_parts_word_needs(seed_data):
    with zipfile.ZipFile(io.BytesIO(seed_data)) as zf:
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml"
        for part in (
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/settings.xml",
            "word/_rels/document.xml.rels",
            "docProps/core.xml",
            "docProps/app.xml",
        ):
            assert part in names
            etree.fromstring(zf.read(part))  # each part is well-formed XML
        assert zf.testzip() is None


def test_long_brief_is_identical_however_it_is_chunked():
    """Paragraphs are flushed in chunks; a chunk boundary must not lose or repeat anything."""
    card = ace_card()
    brief = Brief("b", [card] * 300)  # 1,200 paragraphs: several chunks
    ps = paragraphs(write_docx(brief))
    assert len(ps) == 1200
    assert [text_of(p) for p in ps[2:4]] == card.text.split("\n")
    assert [text_of(p) for p in ps[-2:]] == card.text.split("\n")


def test_seed_marks_are_on_the_words(seed_data):
    """A spot check a debater would make: the highlighted words are the ones they cut."""
    card = tass_card()
    hl = span(card.text, "de-facto dividing Syria", H, "green")
    runs = [r for r in body_of(seed_data).iter(f"{W}r") if run_highlight(r) == "green"]
    assert run_text(runs[0]) == card.text[hl.start : hl.end]


def test_concurrent_exports_do_not_interfere():
    """The web app exports in a thread pool; writers share no elements, so each file is whole."""
    from concurrent.futures import ThreadPoolExecutor

    options = DocxOptions(created=datetime(2024, 5, 1, tzinfo=UTC))
    expected = write_docx(seed_brief(), options)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: write_docx(seed_brief(), options), range(16)))
    assert all(r == expected for r in results)
