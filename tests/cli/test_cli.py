"""The `evidence` command as a user runs it: a real process, real files, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evidence.settings import Settings
from tests.web.test_api import BRIEF


def run(settings: Settings, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EVIDENCE_DATA_DIR": str(settings.data_dir), "EVIDENCE_DATABASE_URL": settings.sqlalchemy_url}
    return subprocess.run(
        [sys.executable, "-m", "evidence.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def _ids_dropped(data):
    if isinstance(data, dict):
        return {k: _ids_dropped(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_ids_dropped(v) for v in data]
    return data


def test_import_then_export_gives_back_the_same_brief(settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "brief.json"
    source.write_text(json.dumps(BRIEF), encoding="utf-8")
    imported = run(settings, "import", str(source))
    assert imported.returncode == 0, imported.stderr
    brief_id = imported.stdout.strip()
    exported = run(settings, "export", brief_id, "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert _ids_dropped(json.loads(exported.stdout)) == _ids_dropped(BRIEF)
    as_json = run(settings, "import", str(source), "--json")
    assert json.loads(as_json.stdout.splitlines()[0])["title"] == "Syria answers"


def test_errors_are_one_line_without_traceback(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "evidence-brief/1", "title": "x", "children": [{"type": "footnote"}]}')
    result = run(settings, "import", str(bad))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "evidence: children[0]: unknown node type 'footnote' (pocket, hat, block, card or analytic)"
    )
    missing = run(settings, "export", "999")
    assert missing.returncode == 1 and missing.stderr.strip() == "evidence: brief 999 does not exist"
    assert "Traceback" not in missing.stderr + result.stderr
    assert run(settings, "export", "1", "--format", "pdf").returncode == 2


def test_backup_and_restore_are_lossless(settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "brief.json"
    source.write_text(json.dumps(BRIEF), encoding="utf-8")
    brief_id = run(settings, "import", str(source)).stdout.strip()
    before = run(settings, "export", brief_id).stdout
    backup = tmp_path / "backup.json"
    assert run(settings, "backup", str(backup)).returncode == 0
    refused = run(settings, "restore", str(backup))
    assert refused.returncode == 1 and "--replace" in refused.stderr
    assert run(settings, "restore", str(backup), "--replace").returncode == 0
    assert run(settings, "export", brief_id).stdout == before


def test_restore_into_a_fresh_sqlite_library(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path / "one")
    second = Settings(data_dir=tmp_path / "two")
    source = tmp_path / "brief.json"
    source.write_text(json.dumps(BRIEF), encoding="utf-8")
    brief_id = run(first, "import", str(source)).stdout.strip()
    backup = tmp_path / "b.json"
    run(first, "backup", str(backup))
    assert run(second, "restore", str(backup)).returncode == 0
    assert run(second, "export", brief_id).stdout == run(first, "export", brief_id).stdout


@pytest.mark.parametrize("content", [b"junk that is not a database at all" * 100, b""])
def test_a_file_that_is_not_a_database_is_named(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "evidence.db"
    db.write_bytes(content or b"\x00" * 4096)
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{db}")
    result = run(settings, "search", "x")
    assert result.returncode == 1
    assert str(db) in result.stderr and "Traceback" not in result.stderr


def test_not_a_backup_is_refused(settings: Settings, tmp_path: Path) -> None:
    fake = tmp_path / "fake.json"
    fake.write_text('{"hello": 1}')
    result = run(settings, "restore", str(fake))
    assert result.returncode == 1 and "is not an evidence backup" in result.stderr
