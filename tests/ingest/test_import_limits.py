"""Hostile files are refused with the figure and the limit, before they cost minutes or gigabytes.

Every hostile file is built here: a .docx whose XML expands past the limit (honestly declared, and
lying about its sizes), one with hundreds of thousands of runs, a PDF with too many pages, and a
6 KB PDF whose one page takes pypdf many seconds to lay out.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from evidence.ingest.docx import DocxLimits, read_docx
from evidence.ingest.docx.package import count_elements
from evidence.ingest.files import read_bytes, read_file
from evidence.ingest.limits import IngestLimits
from evidence.ingest.report import IngestError
from evidence.settings import MB, Settings
from tests.fixtures.docx import CARD, HEAD, TAIL, W_NS, document_only_docx, runs_xml
from tests.fixtures.pdf import pdf_of


@pytest.fixture(scope="module")
def xml_bomb() -> bytes:
    """A .docx of a few MB whose document.xml is over 60 MB of tiny runs."""
    return document_only_docx(HEAD + runs_xml(61 * MB) + TAIL)


def refuse(name: str, data: bytes, limits: IngestLimits | None = None) -> str:
    with pytest.raises(IngestError) as info:
        read_bytes(name, data, limits)
    message = str(info.value)
    assert "\n" not in message and len(message) < 300, message
    return message


def test_a_docx_that_expands_past_the_xml_limit_is_refused_with_both_figures(xml_bomb: bytes) -> None:
    assert len(xml_bomb) < 15 * MB  # small on the wire …
    message = refuse("bomb.docx", xml_bomb)  # … refused by the declared sizes, before any decompression
    assert message.startswith("this file expands to 6") and message.endswith("MB of XML; the limit is 50 MB")
    smaller = IngestLimits.from_values(max_docx_xml_mb=20)
    assert refuse("bomb.docx", xml_bomb, smaller).endswith("of XML; the limit is 20 MB")


def test_a_docx_that_lies_about_its_xml_size_never_yields_more_than_it_declares() -> None:
    """The declared sizes pass the check, but decompression stops at them: the lie is caught as
    a corrupt part, and never more XML than the limit is produced."""
    data = bytearray(document_only_docx(HEAD + runs_xml(3 * MB) + TAIL))
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1000)  # declared uncompressed size: 1 KB
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, 1000)
    with pytest.raises(IngestError) as info:
        read_docx(bytes(data), limits=DocxLimits(max_xml=1 * MB))
    assert str(info.value).startswith("the Word file is corrupt (word/document.xml cannot be decompressed")


def test_a_docx_with_more_runs_than_any_brief_is_refused_before_it_is_parsed() -> None:
    # 25 MB of XML (under the 50 MB XML limit) holding about a million one-word runs.
    data = document_only_docx(HEAD + runs_xml(25 * MB) + TAIL)
    message = refuse("runs.docx", data)
    assert message.startswith("this file has ") and message.endswith(" runs of text; the limit is 500,000")


def test_paragraph_and_run_caps_come_from_the_limits() -> None:
    document = HEAD + CARD + "<w:p><w:r><w:t>Body words</w:t></w:r></w:p>" * 300 + TAIL
    data = document_only_docx(document)
    assert refuse("p.docx", data, IngestLimits(max_docx_paragraphs=100)) == (
        "this file has 302 paragraphs of text; the limit is 100"
    )
    assert refuse("r.docx", data, IngestLimits(max_docx_runs=250)) == "this file has 302 runs of text; the limit is 250"
    brief = read_bytes("ok.docx", data, IngestLimits(max_docx_paragraphs=302, max_docx_runs=302)).brief
    assert brief is not None and len(brief.cards()) == 1


def test_runs_are_counted_under_any_prefix_bound_to_words_namespace() -> None:
    other = f'<x:document xmlns:x="{W_NS}"><x:body><x:p><x:r><x:t>a</x:t></x:r><x:r/></x:p></x:body></x:document>'
    default = f'<document xmlns="{W_NS}"><body><p><r><t>a</t></r></p><p>\n</p></body></document>'
    assert (count_elements(other.encode(), b"p"), count_elements(other.encode(), b"r")) == (1, 2)
    assert (count_elements(default.encode(), b"p"), count_elements(default.encode(), b"r")) == (2, 1)
    with pytest.raises(IngestError, match=r"^this file has 2 runs of text; the limit is 1$"):
        read_docx(document_only_docx(other), limits=DocxLimits(max_runs=1))


def test_runs_hidden_from_the_raw_count_are_caught_while_reading() -> None:
    """A newline after the element name is legal XML that the byte count does not look for."""
    document = HEAD + CARD + "<w:p>" + "<w:r\n><w:t>a</w:t></w:r>" * 300 + "</w:p>" + TAIL
    with pytest.raises(IngestError) as info:
        read_docx(document_only_docx(document), limits=DocxLimits(max_runs=100))
    assert str(info.value) == "this file has more than 100 runs of text; the limit is 100"


def test_the_limits_follow_the_settings() -> None:
    settings = Settings(max_upload_mb=7, max_docx_xml_mb=11, max_pdf_pages=13, pdf_time_limit_seconds=2.5)
    limits = IngestLimits.from_settings(settings)
    assert (limits.max_file_bytes, limits.max_docx_xml_bytes) == (7 * MB, 11 * MB)
    assert (limits.max_pdf_pages, limits.pdf_time_limit_seconds) == (13, 2.5)
    defaults = IngestLimits.from_settings(Settings())
    assert defaults == IngestLimits()


def test_an_oversized_file_on_disk_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as f:
        f.truncate(3 * MB)
    with pytest.raises(IngestError) as info:
        read_file(big, limits=IngestLimits.from_values(max_upload_mb=2))
    assert str(info.value) == "big.pdf: this file is 3.0 MB; the limit is 2 MB (EVIDENCE_MAX_UPLOAD_MB)"


# PDFs ---------------------------------------------------------------------------------------------
def _line(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 700 Td (" + text.encode() + b") Tj ET"


def test_a_pdf_with_too_many_pages_is_refused_before_its_text_is_read() -> None:
    rng = random.Random(5)
    data = pdf_of([_line(" ".join(rng.choices(["war", "peace", "Syria", "talks", "fail"], k=8))) for _ in range(600)])
    assert refuse("report.pdf", data, IngestLimits()) == (
        "report.pdf has 600 pages; the limit is 500 (EVIDENCE_MAX_PDF_PAGES): "
        "import the chapters you need as separate PDFs"
    )
    doc = read_bytes("report.pdf", data, IngestLimits(max_pdf_pages=600)).sources[0]
    assert len(doc.text.split()) == 600 * 8


def test_a_tiny_pdf_that_takes_minutes_to_lay_out_is_stopped_at_the_time_limit() -> None:
    # 200,000 one-letter text operations on one page: 6 KB on disk, many seconds inside a single
    # pypdf extract_text call, which only the extraction process's CPU limit can stop.
    data = pdf_of([b"BT /F1 12 Tf 72 700 Td " + b"(a) Tj 1 0 Td " * 200_000 + b"ET"])
    assert len(data) < 10_000
    message = refuse("hostile.pdf", data, IngestLimits(pdf_time_limit_seconds=1))
    assert message == (
        "hostile.pdf takes more than 1 s of CPU to read (stopped on page 1 of 1); "
        "the limit is 1 s (EVIDENCE_PDF_TIME_LIMIT_SECONDS)"
    )


def test_a_pdf_of_many_slow_pages_stops_between_pages() -> None:
    data = pdf_of([b"BT /F1 12 Tf 72 700 Td " + b"(a) Tj 1 0 Td " * 40_000 + b"ET"] * 40)
    message = refuse("slow.pdf", data, IngestLimits(pdf_time_limit_seconds=1))
    assert "takes more than 1 s of CPU to read (stopped on page " in message and " of 40)" in message
