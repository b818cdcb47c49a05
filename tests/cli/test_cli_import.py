"""Importing research as it comes, through the command (in this process): seed brief, articles,
folders, Word."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docx import Document

from evidence.settings import Settings
from tests.fixtures.cli import evidence
from tests.fixtures.shared import seed_brief_file, seeds, verbatim

SEED_SHORT_CITES = [
    "Thai News Service 21",
    "Ace 21",
    "Press TV 21",
    "Telegraph Media 21",
    "TASS 21",
    "Thai News Service 21",
    "Istomin 21",
    "Choi 21",
]


def test_seed_brief_imports_as_one_answers_to_block(settings: Settings) -> None:
    result = evidence(settings, "import", str(seed_brief_file()), "--json")
    assert result.exit_code == 0, result.stderr
    brief = json.loads(result.stdout.splitlines()[0])
    (block,) = brief["children"]
    assert block["type"] == "block" and block["label"] == "answers-to"
    assert block["title"] == "Russia Won’t Cooperate on Syria if the US puts pressure on Russia"
    cards = block["children"]
    assert [c["cite"]["short"] for c in cards] == SEED_SHORT_CITES
    assert [c["label"] for c in cards].count("non-unique") == 2
    assert cards[1]["label"] == cards[7]["label"] == "non-unique"
    assert "took 2021" in result.stderr  # the year borrowed for Istomin is reported


def test_folder_import_reports_every_file_and_keeps_going(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "research"
    folder.mkdir()
    for seed in seeds().glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    shutil.copy(verbatim() / "debate-cards-sample.docx", folder / "sample.docx")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "renamed.docx").write_bytes(b"%PDF-1.4 not really a word file")
    result = evidence(settings, "import", str(folder))
    assert result.exit_code == 1  # some files failed, and the exit code says so
    table = result.stderr
    assert "Imported 4 of 7 files" in table
    for name in ("empty.txt", "binary.txt", "renamed.docx", "sample.docx", "answers-to-russia-syria.txt"):
        assert name in table
    assert "is empty" in table and "binary" in table and "PDF" in table
    searched = evidence(settings, "search", "russia", "--json")
    assert len(searched.stdout.splitlines()) >= 8


def test_word_export_goes_to_the_brief_slug_by_default(settings: Settings, tmp_path: Path) -> None:
    brief_id = evidence(settings, "import", str(seed_brief_file())).stdout.strip()
    result = evidence(settings, "export", brief_id, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "russia-wont-cooperate-on-syria-if-the-us-puts-pressure-on-russia.docx"
    doc = Document(str(path))
    tags = [p.text for p in doc.paragraphs if p.style.style_id == "Heading4"]
    assert len(tags) == 8 and tags[0] == "Russian mediation in Syria fails"
    chosen = tmp_path / "out" / "brief.docx"
    assert evidence(settings, "export", brief_id, "-o", str(chosen)).exit_code == 0
    assert chosen.read_bytes()[:2] == b"PK"
