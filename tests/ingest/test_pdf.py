"""PDF reading: a PDF made here with known text must give back its words, in paragraphs."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest
from fpdf import FPDF
from PIL import Image

from evidence.domain.dates import PartialDate
from evidence.ingest.pdf import read_pdf
from evidence.ingest.report import IngestError
from tests.fixtures.shared import seed_brief_file

SEED = seed_brief_file()
_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
# Three card bodies from the seed (the PDF's core fonts are Latin-1, hence straight quotes).
PARAGRAPHS = [
    line.translate(_ASCII)
    for line in SEED.read_text(encoding="utf-8").split("\n")
    if line.startswith(("The crisis in Idlib", "VLADIMIR PUTIN", "A Kremlin spokesperson"))
]
HEADER = "Journal of Eurasian Security, Vol. 12"


class _Journal(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(0, 8, HEADER, align="C")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, str(self.page_no()), align="C")


def _lines(paragraph: str, hyphenate: str | None) -> list[str]:
    """Wrap a paragraph like a typesetter, splitting ``hyphenate`` across a line end."""
    lines = textwrap.wrap(paragraph, 88, break_on_hyphens=False)
    if hyphenate:
        for k in range(len(lines) - 1):
            first, _, rest = lines[k + 1].partition(" ")
            if first == hyphenate:
                cut = len(first) // 2
                lines[k] += " " + first[:cut] + "-"
                lines[k + 1] = first[cut:] + " " + rest
                break
        else:
            raise AssertionError(f"{hyphenate!r} does not start a line")
    return lines


def _journal_pdf(hyphenate: dict[int, str]) -> bytes:
    pdf = _Journal()
    pdf.set_title("Is Putin prepping the ground for another attack on Idlib?")
    pdf.set_author("Mehmet Ace")
    pdf.set_creation_date(dt.datetime(2021, 9, 16, tzinfo=dt.UTC))
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for k, paragraph in enumerate(PARAGRAPHS):
        for line in _lines(paragraph, hyphenate.get(k)):
            pdf.cell(0, 6, line)
            pdf.ln(6)
        pdf.ln(4)
    return bytes(pdf.output())


def _first_word_of_a_line(paragraph: str) -> str:
    """A long lowercase word that starts a wrapped line, to hyphenate across the line break."""
    lines = textwrap.wrap(paragraph, 88, break_on_hyphens=False)
    return next(w for line in lines[1:] if re.fullmatch(r"[a-z]{8,}", w := line.split()[0]))


@pytest.fixture(scope="module")
def journal():
    words = {k: _first_word_of_a_line(p) for k, p in enumerate(PARAGRAPHS)}
    return read_pdf(_journal_pdf(words), name="ace.pdf"), words


def test_pdf_words_round_trip_in_paragraphs(journal):
    (doc, _), _ = journal
    assert len(PARAGRAPHS) == 3
    assert doc.text.split("\n") == PARAGRAPHS


def test_pdf_drops_running_header_and_page_numbers(journal):
    (doc, report), _ = journal
    assert HEADER not in doc.text
    pages = report.notes[0]
    assert re.fullmatch(r"removed \d+ page numbers", pages)
    count = int(pages.split()[1])
    assert count >= 3  # the text spans several pages
    assert f"removed the running header/footer “{HEADER}” ({count}×)" in report.notes


def test_pdf_rejoins_words_hyphenated_at_line_ends(journal):
    (doc, report), words = journal
    for word in words.values():
        assert re.search(rf"\b{word}\b", doc.text)
        assert f"{word[: len(word) // 2]}-" not in doc.text
    assert "rejoined 3 words hyphenated at line ends" in report.notes


def test_compounds_split_at_their_hyphen_keep_it():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in [
        "The summit did not change Russian-",
        "American relations, a well-known fact; it was inter-",
        "national news. The well-",
        "known pattern held.",
    ]:
        pdf.cell(0, 6, line)
        pdf.ln(6)
    doc, report = read_pdf(bytes(pdf.output()))
    assert doc.text == (
        "The summit did not change Russian-American relations, a well-known fact; "
        "it was international news. The well-known pattern held."
    )
    assert report.notes == ["rejoined 1 word hyphenated at line ends"]


def test_pdf_metadata_fills_the_cite(journal):
    (doc, report), _ = journal
    assert doc.title == "Is Putin prepping the ground for another attack on Idlib?"
    assert doc.cite.title == doc.title
    assert doc.cite.authors == ("Mehmet Ace",)
    assert doc.cite.date == PartialDate(2021, 9, 16)
    assert doc.cite.short == "Ace 21"
    assert report.source == "ace.pdf"


def test_a_scanned_pdf_says_to_run_ocr(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 100), "white"), x=10, y=10, w=100)
    with pytest.raises(IngestError, match=r"scan.pdf has no text layer \(it looks scanned\); run OCR first"):
        read_pdf(bytes(pdf.output()), name="scan.pdf")


def test_password_protected_pdf_is_refused_clearly():
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Secret evidence")
    with pytest.raises(IngestError, match=r"locked.pdf is (password-protected|encrypted)"):
        read_pdf(bytes(pdf.output()), name="locked.pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", r"x.pdf is empty"),
        (b"Just some text, renamed .pdf", r"x.pdf is not a PDF"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", r"x.pdf is damaged|x.pdf has no text layer"),
    ],
)
def test_broken_files_get_a_clear_message(data, message):
    with pytest.raises(IngestError, match=message):
        read_pdf(data, name="x.pdf")


def test_truncated_pdf_is_reported_as_damaged(journal):
    data = _journal_pdf({})
    with pytest.raises(IngestError, match=r"cut.pdf is damaged"):
        read_pdf(data[: len(data) // 3], name="cut.pdf")
