"""A folder import never stops on one bad file, and no traceback ever reaches the user.

The command runs (in this process) over a folder of real files, hostile ones included: a Word
file that expands past the XML limit, a PDF that takes too long to lay out, an empty file, a name
that is rich-text markup, a name that is not UTF-8, brief JSON carrying NULs and a broken emoji.
A bug inside a reader cannot come from a file (any file that caused one would be a bug to fix),
so one test runs the same command with one reader replaced by a failing one.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from evidence.ingest import files as ingest_files
from evidence.settings import Settings
from tests.fixtures.cli import evidence
from tests.fixtures.docx import HEAD, TAIL, document_only_docx, runs_xml
from tests.fixtures.pdf import pdf_of
from tests.fixtures.shared import seed_brief_file

SEED = seed_brief_file()
#: Small limits so small hostile files trip them; a wide terminal so the table keeps each reason on one line.
LIMITS = {"EVIDENCE_MAX_DOCX_XML_MB": "1", "EVIDENCE_PDF_TIME_LIMIT_SECONDS": "1", "COLUMNS": "400"}


def test_a_folder_of_hostile_files_is_reported_file_by_file(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "research"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "bomb.docx").write_bytes(document_only_docx(HEAD + runs_xml(2_000_000) + TAIL))
    (folder / "hostile.pdf").write_bytes(pdf_of([b"BT /F1 12 Tf 72 700 Td " + b"(a) Tj 1 0 Td " * 200_000 + b"ET"]))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "[red] notes.json").write_text("{not json")
    broken = {
        "format": "evidence-brief/1",
        "title": "Syria\u0000 answers \ud83d",
        "children": [
            {"type": "card", "tag": "t", "text": "a\u0000b", "marks": [{"kind": "underline", "start": 2, "end": 3}]}
        ],
    }
    (folder / "nul.json").write_text(json.dumps(broken))
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(SEED.read_bytes())

    result = evidence(settings, "import", str(folder), "--json", env=LIMITS)
    assert result.exit_code == 1, result.stderr  # something failed, and the exit code says so
    table = result.stderr
    assert "Imported 3 of 7 files" in table
    assert "this file expands to " in table and " MB of XML; the limit is 1 MB" in table
    assert "hostile.pdf takes more than 1 s of CPU to read" in table
    assert "the file is empty" in table and "not valid JSON" in table
    assert "[red] notes.json" in table  # printed as a name, not read as markup
    assert "caf\ufffd.txt" in table
    created = [json.loads(line) for line in result.stdout.splitlines()]
    (cleaned,) = [brief for brief in created if brief["title"].startswith("Syria")]
    exported = json.loads(evidence(settings, "export", str(cleaned["id"]), "--format", "json").stdout)
    assert exported["title"] == "Syria answers \ufffd"  # cleaned, stored, read back on this database
    assert exported["children"][0]["text"] == "ab"
    assert exported["children"][0]["marks"] == [{"kind": "underline", "start": 1, "end": 2}]


def test_a_reader_bug_is_one_row_of_the_table_and_the_rest_is_imported(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "research"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "page.html").write_text("<html><body><p>Russia fails in Syria.</p></body></html>")

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a reader bug")

    monkeypatch.setattr(ingest_files, "read_article_file", broken)
    result = evidence(settings, "import", str(folder), env={"COLUMNS": "400"})
    assert result.exit_code == 1
    assert "Imported 1 of 2 files" in result.stderr
    assert "unexpected error: KeyError: 'a reader bug'" in result.stderr
    assert len(result.stdout.split()) == 1  # the seed brief's id


def test_one_failing_file_of_several_is_named_on_its_one_line(settings: Settings, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would wait forever: refused by what it is
    result = evidence(settings, "import", str(fifo), str(SEED))
    assert result.exit_code == 1
    line = result.stderr.splitlines()[0]  # the lines after it are the seed brief's notes
    assert line.startswith("evidence: ") and "pipe.txt: not a regular file" in line
    assert len(result.stdout.split()) == 1  # the seed brief was still imported
