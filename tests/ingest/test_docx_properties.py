"""A brief's title and author travel in the Word file's document properties and come back.

Before, a re-imported export was titled after its file name ("russia-da-2"); now the exporter
writes ``dc:title``/``dc:creator`` and the importer reads them first, falling back to the file
name only when the file has no real title (Verbatim's template leaves "Verbatim Mac" there).
"""

from __future__ import annotations

import io
import zipfile

import docx

from evidence.domain import Brief, Card, Heading, Level
from evidence.domain.cite import Cite
from evidence.ingest.docx import read_docx
from evidence.ingest.docx.package import document_properties
from evidence.ingest.files import read_bytes
from exports.docx import DocxOptions, write_docx
from tests.fixtures.docx import make_docx, p, r
from tests.fixtures.shared import verbatim


def _brief() -> Brief:
    card = Card("Russia cooperates now", "Moscow and Ankara agreed.", Cite(authors=("Mehmet Ace",)))
    return Brief("Russia DA — Wake R4", [Heading(Level.BLOCK, "AT: Russia", [card])], author="Dana Ace")


def test_export_writes_title_and_author_that_word_tools_read() -> None:
    document = docx.Document(io.BytesIO(write_docx(_brief())))
    assert document.core_properties.title == "Russia DA — Wake R4"
    assert document.core_properties.author == "Dana Ace"


def test_reimported_export_keeps_its_title_not_its_file_name() -> None:
    ingested = read_bytes("russia-da-2.docx", write_docx(_brief()))
    assert ingested.brief is not None
    assert ingested.brief.title == "Russia DA — Wake R4"
    assert ingested.brief.author == "Dana Ace"


def test_options_title_is_what_travels() -> None:
    data = write_docx(_brief(), DocxOptions(title="Speech doc 2NC", author="Coach"))
    brief, _ = read_docx(data, title="file-name")
    assert (brief.title, brief.author) == ("Speech doc 2NC", "Coach")


def _with_core(title: str | None, creator: str | None) -> bytes:
    """A small file whose core properties say ``title``/``creator``."""
    body = p(r("Tag"), "Heading4") + p(r("Ace ") + r("Ace 21", "Style13ptBold") + r(" 2021")) + p(r("Body"))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx(body))) as src, zipfile.ZipFile(buf, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        fields = (f"<dc:title>{title}</dc:title>" if title is not None else "") + (
            f"<dc:creator>{creator}</dc:creator>" if creator is not None else ""
        )
        out.writestr(
            "docProps/core.xml",
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            f'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">{fields}</cp:coreProperties>',
        )
    return buf.getvalue()


def test_template_placeholders_are_not_titles() -> None:
    brief, _ = read_docx(_with_core("Verbatim Mac", "Microsoft Office User"), title="neg-5")
    assert (brief.title, brief.author) == ("neg-5", None)
    brief, _ = read_docx(_with_core("", "Travis Babcock"), title="wake-r4-aff")
    assert (brief.title, brief.author) == ("wake-r4-aff", "Travis Babcock")
    brief, _ = read_docx(_with_core("  Courts CP \n frontlines ", None), title="file")
    assert brief.title == "Courts CP frontlines"


def test_real_files_titles() -> None:
    # Verbatim's template title stays out; a real author comes through.
    assert read_bytes("neg.docx", (verbatim() / "neg.docx").read_bytes()).brief.title == "neg"
    wake = read_bytes("wake-r4-aff.docx", (verbatim() / "wake-r4-aff.docx").read_bytes()).brief
    assert (wake.title, wake.author) == ("wake-r4-aff", "Travis Babcock")


def test_no_properties_part() -> None:
    assert document_properties(None) == (None, None)
    brief, _ = read_docx(make_docx(p(r("Tag"), "Heading4") + p(r("x"))), title="given")
    assert brief.title == "given"
