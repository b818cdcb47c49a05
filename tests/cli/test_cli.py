"""The `evidence` command as a user runs it: real files, a real library, exit codes and the two
output streams kept apart. The commands run in this process (see tests/cli/test_cli_process.py for
what only a real process shows)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evidence.settings import Settings
from tests.fixtures.briefs import BRIEF
from tests.fixtures.cli import evidence


def _ids_dropped(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _ids_dropped(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_ids_dropped(v) for v in data]
    return data


def _brief_file(tmp_path: Path) -> Path:
    source = tmp_path / "brief.json"
    source.write_text(json.dumps(BRIEF), encoding="utf-8")
    return source


def test_import_then_export_gives_back_the_same_brief(settings: Settings, tmp_path: Path) -> None:
    source = _brief_file(tmp_path)
    imported = evidence(settings, "import", str(source))
    assert imported.exit_code == 0, imported.stderr
    brief_id = imported.stdout.strip()
    exported = evidence(settings, "export", brief_id, "--format", "json")
    assert exported.exit_code == 0, exported.stderr
    assert _ids_dropped(json.loads(exported.stdout)) == _ids_dropped(BRIEF)
    as_json = evidence(settings, "import", str(source), "--json")
    assert json.loads(as_json.stdout.splitlines()[0])["title"] == "Syria answers"


def test_errors_are_one_line_on_stderr_with_the_exit_code(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "evidence-brief/1", "title": "x", "children": [{"type": "footnote"}]}')
    result = evidence(settings, "import", str(bad))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "evidence: children[0]: unknown node type 'footnote' (pocket, hat, block, card or analytic)\n"
    )
    missing = evidence(settings, "export", "999")
    assert missing.exit_code == 1 and missing.stderr == "evidence: brief 999 does not exist\n"
    wrong_format = evidence(settings, "export", "1", "--format", "pdf")
    assert wrong_format.exit_code == 2
    assert wrong_format.stderr == "evidence: unknown format 'pdf' (choose docx, json or txt)\n"


def test_backup_and_restore_are_lossless(settings: Settings, tmp_path: Path) -> None:
    brief_id = evidence(settings, "import", str(_brief_file(tmp_path))).stdout.strip()
    before = evidence(settings, "export", brief_id).stdout_bytes
    backup = tmp_path / "backup.json"
    assert evidence(settings, "backup", str(backup)).exit_code == 0
    refused = evidence(settings, "restore", str(backup))
    assert refused.exit_code == 1 and "--replace" in refused.stderr
    assert evidence(settings, "restore", str(backup), "--replace").exit_code == 0
    assert evidence(settings, "export", brief_id).stdout_bytes == before


def test_restore_into_a_fresh_sqlite_library(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path / "one")
    second = Settings(data_dir=tmp_path / "two")
    brief_id = evidence(first, "import", str(_brief_file(tmp_path))).stdout.strip()
    backup = tmp_path / "b.json"
    assert evidence(first, "backup", str(backup)).exit_code == 0
    assert evidence(second, "restore", str(backup)).exit_code == 0
    assert evidence(second, "export", brief_id).stdout_bytes == evidence(first, "export", brief_id).stdout_bytes


@pytest.mark.parametrize("content", [b"junk that is not a database at all" * 100, b""])
def test_a_file_that_is_not_a_database_is_named(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "evidence.db"
    db.write_bytes(content or b"\x00" * 4096)
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{db}")
    result = evidence(settings, "search", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("evidence: ") and str(db) in result.stderr
    assert result.stderr.count("\n") == 1


def test_not_a_backup_is_refused(settings: Settings, tmp_path: Path) -> None:
    fake = tmp_path / "fake.json"
    fake.write_text('{"hello": 1}')
    result = evidence(settings, "restore", str(fake))
    assert result.exit_code == 1 and "is not an evidence backup" in result.stderr
