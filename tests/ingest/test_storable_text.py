"""Every reader hands over text both databases can store: NULs dropped, lone surrogates replaced,
each change noted in the report, and every offset (marks, removed spans) still on its words.

PostgreSQL refuses a NUL in text and neither database can store a lone surrogate, so a library
built on SQLite from such files would not restore into PostgreSQL. Each input here is one a real
file can carry: a NUL in a PDF's text, a UTF-16 text file with U+0000 in it, a ``\\u0000`` or a
broken ``\\ud83d`` escape in brief JSON, a file name that is not UTF-8.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from evidence.domain.marks import Mark, MarkKind
from evidence.domain.source import Removal, SourceDoc, original_text, restore
from evidence.domain.text import storable_problem
from evidence.ingest.article import read_article_file, read_article_html
from evidence.ingest.brief_json import read_brief_json
from evidence.ingest.docx import read_docx
from evidence.ingest.files import read_bytes, read_file
from evidence.ingest.report import ImportReport, IngestError
from evidence.ingest.richpaste import parse_rich_html
from evidence.ingest.storable import Cleaner, clean_source
from tests.fixtures.pdf import pdf_of

NUL_NOTE = "storable text: removed {} NUL character(s), which cannot be stored"
SURROGATE_NOTE = "storable text: replaced {} broken character(s) (lone surrogates) with \ufffd"
BODY = (
    "The crisis in Idlib is a test of Russian mediation, and so far Moscow has failed it: the talks "
    "produced no ceasefire, no corridor and no monitors, and the shelling went on through September."
)


def _storable(*texts: str | None) -> bool:
    return all(t is None or storable_problem(t) is None for t in texts)


def test_brief_json_nul_and_broken_emoji_are_cleaned_and_marks_stay_on_their_words() -> None:
    text = "ab\x00cd\x00ef gh"
    brief = {
        "format": "evidence-brief/1",
        "title": "Syria\x00 answers",
        "children": [
            {
                "type": "card",
                "tag": "Russia fails \ud83d",
                "text": text,
                "cite": {"authors": ["Mehmet\x00 Ace"], "date": "2021-09-16"},
                "marks": [
                    {"kind": "underline", "start": 3, "end": 5},  # "cd"
                    {"kind": "highlight", "start": 6, "end": 11, "color": "cyan"},  # "ef gh" (after 2 NULs)
                ],
            }
        ],
    }
    report = ImportReport(source="b.json")
    result = read_brief_json(json.dumps(brief), report=report)
    (card,) = result.cards()
    assert result.title == "Syria answers"
    assert card.text == "abcdef gh" and card.tag == "Russia fails \ufffd"
    assert card.cite.authors == ("Mehmet Ace",)
    spans = {m.kind: card.text[m.start : m.end] for m in card.marks}
    assert spans == {MarkKind.UNDERLINE: "cd", MarkKind.HIGHLIGHT: "ef gh"}
    assert report.notes == [NUL_NOTE.format(4), SURROGATE_NOTE.format(1)]


def test_brief_json_from_an_api_client_is_left_for_the_store_to_refuse() -> None:
    data = json.dumps({"format": "evidence-brief/1", "title": "x\x00", "children": []})
    assert read_brief_json(data).title == "x\x00"  # no report: not a file, the store says no


def test_a_utf16_text_brief_with_nul_characters_is_cleaned_with_a_note() -> None:
    """Text files lose their control characters in the encoding repair, which says so; the
    storable pass behind it is the backstop."""
    text = (
        "Answers to: Russia won't cooperate on Syria\n\n"
        "Russian mediation in Syria fails\x00\n"
        "Ace 21 (Mehmet Ace, columnist, 9-16-2021, “Is Putin prepping the ground”)\n"
        f"{BODY[:40]}\x00{BODY[40:]}\n"
    )
    ingested = read_bytes("brief.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert ingested.brief is not None
    (card,) = ingested.brief.cards()
    assert card.tag == "Russian mediation in Syria fails" and card.text == BODY
    assert "encoding: removed invisible control characters (2 lines)" in ingested.report.notes


def test_an_article_file_with_nuls_keeps_every_removal_restorable() -> None:
    page = (
        "Russia accuses the US of supporting terror groups\n\n"
        f"{BODY[:20]}\x00{BODY[20:]}\n"
        "READ MORE: Lavrov blames the coalition\x00 for the failed ceasefire\n"
        f"{BODY}\x00\n"
        "Share:\n"
    )
    docs, report = read_article_file(codecs.BOM_UTF16_LE + page.encode("utf-16-le"), name="page.txt")
    (doc,) = docs
    clean_page = page.replace("\x00", "")
    assert original_text(doc) == clean_page  # every removal's offsets are into the cleaned page
    assert restore(doc).text == clean_page
    assert any(r.text.startswith("READ MORE: Lavrov") for r in doc.removed)
    assert "encoding: removed invisible control characters (3 lines)" in report.notes
    assert _storable(doc.text, doc.title, *(r.text for r in doc.removed))


def test_cleaning_a_source_moves_removals_past_the_nuls_before_them() -> None:
    original = "a\x00b KEEP\x00 c\x00 DROP\x00ME d\x00"
    start = original.index("DROP")
    removal = Removal(start, start + len("DROP\x00ME"), "DROP\x00ME", "clutter")
    doc = SourceDoc(title="t\x00", text=original[:start] + original[removal.end :], removed=[removal])
    cleaner = Cleaner()
    cleaned = clean_source(doc, cleaner)
    assert original_text(cleaned) == original.replace("\x00", "")
    (moved,) = cleaned.removed
    assert moved.text == "DROPME" and original_text(cleaned)[moved.start : moved.end] == "DROPME"
    assert cleaned.text == "ab KEEP c  d" and cleaned.title == "t"
    assert cleaner.notes() == ["removed 6 NUL character(s), which cannot be stored"]


def test_an_html_page_with_nuls_and_broken_characters_is_read_and_cleaned() -> None:
    html = (
        "<html><head><title>Russia\x00 fails</title></head>"
        f"<body><article><p>{BODY}\x00 \ud83d</p></article></body></html>"
    )
    report = ImportReport()
    (doc,) = read_article_html(html, report=report)
    assert "The crisis in Idlib" in doc.text and _storable(doc.text, doc.title, doc.cite.title)
    assert report.notes == [NUL_NOTE.format(2), SURROGATE_NOTE.format(1)]


def test_a_pdf_with_nuls_in_its_text_and_metadata_is_cleaned_with_a_note() -> None:
    data = pdf_of([b"BT /F1 12 Tf 72 700 Td (Russia\\000n mediation fails in Syria now) Tj ET"])
    data = data.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Info << /Author (Mehmet\\000 Ace) >> >>")
    ingested = read_bytes("nul.pdf", data)
    (doc,) = ingested.sources
    assert doc.text == "Russian mediation fails in Syria now"
    assert doc.cite.authors == ("Mehmet Ace",)
    assert ingested.report.notes == [NUL_NOTE.format(2)]


def test_rich_paste_drops_nuls_with_its_marks_kept_on_their_words() -> None:
    rich = parse_rich_html("<p>a\x00b <u>under\x00lined</u> and <mark>lit</mark> \ud83d</p>")
    assert rich.text == "ab underlined and lit \ufffd"
    spans = {m.kind: rich.text[m.start : m.end] for m in rich.marks}
    assert spans == {MarkKind.UNDERLINE: "underlined", MarkKind.HIGHLIGHT: "lit"}
    assert rich.notes == [
        "removed 2 NUL character(s), which cannot be stored",
        "replaced 1 broken character(s) (lone surrogates) with \ufffd",
    ]
    assert parse_rich_html("<p>clean</p>").notes == []


def test_marks_over_nothing_but_nuls_vanish() -> None:
    text, marks = Cleaner().marked("ab\x00\x00cd", [Mark(MarkKind.UNDERLINE, 2, 4), Mark(MarkKind.EMPHASIS, 1, 5)])
    assert text == "abcd" and marks == [Mark(MarkKind.UNDERLINE, 2, 2), Mark(MarkKind.EMPHASIS, 1, 3)]


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes only on POSIX")
def test_a_file_name_that_is_not_utf8_titles_the_brief_with_a_replacement_character(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        f'<w:document xmlns:w="{w}"><w:body>'
        '<w:p><w:pPr><w:pStyle w:val="Heading4"/></w:pPr><w:r><w:t>Tag</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:rStyle w:val="Style13ptBold"/></w:rPr><w:t>Ace 21</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Body</w:t></w:r></w:p></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", document)
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9 brief.docx"))  # Latin-1 bytes: "café"
    path.write_bytes(buf.getvalue())
    ingested = read_file(path)
    assert ingested.brief is not None and ingested.brief.title == "caf\ufffd brief"
    assert ingested.name == "caf\ufffd brief.docx"
    assert "file name: replaced 1 broken character(s) (lone surrogates) with \ufffd" in ingested.report.notes


def test_a_word_file_cannot_carry_a_nul_or_a_surrogate_it_is_refused_as_corrupt() -> None:
    """Why the Word reader needs no cleaning pass: XML itself forbids both characters."""
    for char_ref in ("&#0;", "&#xD800;"):
        body = (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f'<w:p><w:pPr><w:pStyle w:val="Heading4"/></w:pPr><w:r><w:t>tag {char_ref}</w:t></w:r></w:p>'
            "</w:body></w:document>"
        )
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(
                "[Content_Types].xml",
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.document.main+xml"/></Types>',
            )
            zf.writestr(
                "_rels/.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
            )
            zf.writestr("word/document.xml", body)
        with pytest.raises(IngestError, match="not well-formed XML"):
            read_docx(buf.getvalue())
