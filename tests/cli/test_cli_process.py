"""The few things only a real process shows: the exit status a shell sees, what reaches the real
stderr, and ``main``'s last resort, which turns a bug in any command into one line instead of a
traceback. Everything else about the command runs in-process (the other tests in this folder)."""

from __future__ import annotations

from pathlib import Path

from evidence.settings import Settings
from tests.fixtures.cli import evidence_process
from tests.fixtures.docx import make_docx, p, r


def test_a_failed_import_exits_1_with_one_line_on_stderr(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "library")
    path = tmp_path / "empty-case.docx"
    path.write_bytes(make_docx(p(r("Some words someone typed."))))
    result = evidence_process(settings, "import", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("evidence: ") and "found no cards" in line


def test_an_unexpected_error_in_any_command_is_one_line(tmp_path: Path) -> None:
    """A bug (here: the search raising) reaches the user as one line and exit status 1."""
    settings = Settings(data_dir=tmp_path / "library")
    program = (
        "import sys\n"
        "import evidence.store.search as search\n"
        "def broken(*args, **kwargs):\n"
        "    raise KeyError('a reader bug')\n"
        "search.search = broken\n"
        "from evidence.cli import main\n"
        "sys.argv = ['evidence', *sys.argv[1:]]\n"
        "main()\n"
    )
    result = evidence_process(settings, "search", "russia", program=program)
    assert result.returncode == 1
    assert result.stderr == "evidence: unexpected error: KeyError: 'a reader bug'\n"
