"""A folder import never stops on one bad file, and no traceback ever reaches the user.

The command runs as a real process over a folder of real files, hostile ones included: a Word
file that expands past the XML limit, a PDF that takes too long to lay out, an empty file, a name
that is rich-text markup, a name that is not UTF-8, brief JSON carrying NULs and a broken emoji.
A bug inside a reader cannot come from a file (any file that caused one would be a bug to fix),
so one test starts the same command with one reader replaced by a failing one.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from evidence.settings import Settings
from tests.cli.test_cli import run
from tests.conftest import SEEDS
from tests.ingest.test_import_limits import HEAD, TAIL, _runs_xml, pdf_of

SEED = SEEDS / "answers-to-russia-syria.txt"
#: Small limits so small hostile files trip them; a wide terminal so the table keeps each reason on one line.
LIMITS = {"EVIDENCE_MAX_DOCX_XML_MB": "1", "EVIDENCE_PDF_TIME_LIMIT_SECONDS": "1", "COLUMNS": "400"}


def _env(settings: Settings, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "EVIDENCE_DATA_DIR": str(settings.data_dir),
        "EVIDENCE_DATABASE_URL": settings.sqlalchemy_url,
        **(extra or {}),
    }


def run_with(settings: Settings, *args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evidence.cli", *args],
        capture_output=True,
        text=True,
        env=_env(settings, extra),
        timeout=300,
    )


def run_with_broken(
    settings: Settings, target: str, *args: str, wide: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the command with ``module:function`` replaced by one that raises, as a bug would."""
    module, function = target.split(":")
    program = (
        "import sys, importlib\n"
        f"mod = importlib.import_module({module!r})\n"
        "def broken(*args, **kwargs):\n"
        "    raise KeyError('a reader bug')\n"
        f"setattr(mod, {function!r}, broken)\n"
        "from evidence.cli import main\n"
        "sys.argv = ['evidence', *sys.argv[1:]]\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        text=True,
        env=_env(settings, {"COLUMNS": "400"} if wide else None),
        timeout=300,
    )


def _docx(document: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("word/document.xml", document)
    return buf.getvalue()


def test_a_folder_of_hostile_files_is_reported_file_by_file(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "research"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "bomb.docx").write_bytes(_docx(HEAD + _runs_xml(2_000_000) + TAIL))
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

    result = run_with(settings, "import", str(folder), "--json", extra=LIMITS)
    assert result.returncode == 1, result.stderr  # something failed, and the exit code says so
    assert "Traceback" not in result.stderr
    table = result.stderr
    assert "Imported 3 of 7 files" in table
    assert "this file expands to " in table and " MB of XML; the limit is 1 MB" in table
    assert "hostile.pdf takes more than 1 s of CPU to read" in table
    assert "the file is empty" in table and "not valid JSON" in table
    assert "[red] notes.json" in table  # printed as a name, not read as markup
    assert "caf\ufffd.txt" in table
    created = [json.loads(line) for line in result.stdout.splitlines()]
    (cleaned,) = [brief for brief in created if brief["title"].startswith("Syria")]
    exported = json.loads(run(settings, "export", str(cleaned["id"]), "--format", "json").stdout)
    assert exported["title"] == "Syria answers \ufffd"  # cleaned, stored, read back on this database
    assert exported["children"][0]["text"] == "ab"
    assert exported["children"][0]["marks"] == [{"kind": "underline", "start": 1, "end": 2}]


def test_a_reader_bug_is_one_row_of_the_table_and_the_rest_is_imported(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "research"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "page.html").write_text("<html><body><p>Russia fails in Syria.</p></body></html>")
    result = run_with_broken(settings, "evidence.ingest.files:read_article_file", "import", str(folder), wide=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Imported 1 of 2 files" in result.stderr
    assert "unexpected error: KeyError: 'a reader bug'" in result.stderr
    assert len(result.stdout.split()) == 1  # the seed brief's id


def test_one_failing_file_of_several_is_named_on_its_one_line(settings: Settings, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would wait forever: refused by what it is
    result = run(settings, "import", str(fifo), str(SEED))
    assert result.returncode == 1
    assert "evidence: " in result.stderr and "pipe.txt: not a regular file" in result.stderr
    assert len(result.stdout.split()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_unexpected_error_in_any_command_is_one_line(settings: Settings) -> None:
    result = run_with_broken(settings, "evidence.store.cards:list_cards", "search", "russia")
    assert result.returncode == 1
    assert result.stderr == "evidence: unexpected error: KeyError: 'a reader bug'\n"
