"""Settings, read from ``EVIDENCE_*`` environment variables.

One declarative table: the CLI, the app factory and the README all read these fields, and a test
checks that every field is documented in the README.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_PLACEHOLDER_SECRETS = {"", "changethis", "change-me", "secret"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EVIDENCE_", extra="ignore")

    data_dir: Path = Field(
        default=Path("data"),
        description="Folder for the SQLite database, uploads and backups.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL. Default: SQLite file evidence.db in the data dir; "
        "postgresql+psycopg://user@host/db for team libraries.",
    )
    secret_key: str = Field(
        default="",
        description="Signs sessions. Generated per process when unset (development only).",
    )
    environment: str = Field(default="development", description="development or production.")
    words_per_minute: int = Field(default=250, ge=50, le=600, description="Default speaking rate.")
    max_upload_mb: int = Field(default=50, ge=1, description="Largest file an upload or import accepts.")
    max_paste_chars: int = Field(
        default=5_000_000, ge=1000, description="Largest pasted text a source accepts, in characters."
    )

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @model_validator(mode="after")
    def _secret(self) -> Settings:
        if self.secret_key.lower() in _PLACEHOLDER_SECRETS:
            if self.environment == "production":
                raise ValueError("EVIDENCE_SECRET_KEY must be set to a real secret in production")
            self.secret_key = secrets.token_urlsafe(32)
        return self

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'evidence.db').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")
