"""The exported file opens in LibreOffice: converted headless to PDF, the words are on the page.

All files are converted in one LibreOffice run (start-up dominates), with a fresh user profile so
parallel test runs do not fight over one.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from evidence.domain.brief import Brief, Heading, Level
from evidence.domain.card import Card
from evidence.domain.cite import Cite
from evidence.domain.dates import PartialDate
from evidence.domain.marks import Mark, MarkKind
from exports.docx import DocxOptions, write_docx_to
from tests.fixtures.briefs import seed_brief

pytestmark = pytest.mark.libreoffice

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def _briefs() -> dict[str, tuple[Brief, DocxOptions]]:
    dirty_text = "Dara\x00’a talks\x07 collapsed\x1b on Friday\x0c after\ud800 disagreements."
    dirty = Card(
        "Control\x01 characters survive",
        dirty_text,
        Cite(publication="TASS", date=PartialDate(2021, 9, 15)),
        (Mark(MarkKind.HIGHLIGHT, 0, 13, "yellow"),),
    )
    return {
        "seed": (seed_brief(), DocxOptions()),
        "shrunk": (seed_brief(), DocxOptions(shrink=True, condense=True, pilcrows=True)),
        "dirty": (Brief("Dirty\x02", [Heading(Level.BLOCK, "Bad\x03 bytes", [dirty])]), DocxOptions()),
        "empty": (Brief("Empty"), DocxOptions()),
    }


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if LIBREOFFICE is None:
        pytest.skip("LibreOffice is not installed (apt install libreoffice-writer-nogui)")
    work = tmp_path_factory.mktemp("lo")
    sources = []
    for name, (brief, options) in _briefs().items():
        path = work / f"{name}.docx"
        write_docx_to(path, brief, options)
        sources.append(str(path))
    profile = work / "profile"
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {name: work / "out" / f"{name}.pdf" for name in _briefs()}


def pdf_text(path: Path) -> str:
    assert path.is_file(), f"LibreOffice made no PDF for {path.name}"
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_seed_brief_converts_with_tags_and_highlighted_words(pdfs):
    text = pdf_text(pdfs["seed"])
    for words in (
        "AT: Russia Won’t Cooperate on Syria",
        "Non-unique: Russian aggression in Syria now",
        "Ace 21",
        "harbingers have begun to emerge",
        "calm may be about to end",
        "de-facto dividing Syria",
        "Their cooperation evidence predates",
    ):
        assert words in text


def test_shrunk_and_condensed_brief_converts(pdfs):
    text = pdf_text(pdfs["shrunk"])
    assert "Russia opposes current US efforts to divide Syria" in text
    assert "¶" in text


def test_brief_with_control_characters_converts(pdfs):
    text = pdf_text(pdfs["dirty"])
    assert "Control characters survive" in text
    assert "Dara’a talks collapsed on Friday after disagreements." in text


def test_empty_brief_converts(pdfs):
    assert len(PdfReader(pdfs["empty"]).pages) == 1
