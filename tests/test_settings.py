"""Settings: documented, validated, and safe by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from evidence.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`EVIDENCE_{name.upper()}`" in readme, f"EVIDENCE_{name.upper()} is missing from the README"


def test_readme_quick_start_has_the_two_commands() -> None:
    quick_start = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("##", 1)[0]
    assert "uv run evidence serve" in quick_start and "uv run pytest" in quick_start


def test_production_refuses_a_placeholder_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVIDENCE_ENVIRONMENT", "production")
    monkeypatch.setenv("EVIDENCE_SECRET_KEY", "changethis")
    with pytest.raises(ValidationError, match="EVIDENCE_SECRET_KEY"):
        Settings()


def test_default_library_is_a_sqlite_file_in_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVIDENCE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("EVIDENCE_DATABASE_URL", raising=False)
    settings = Settings()
    assert settings.sqlalchemy_url == f"sqlite:///{tmp_path / 'evidence.db'}"
    assert len(settings.secret_key) >= 32
