"""Settings, read from ``EVIDENCE_*`` environment variables.

One declarative table: the CLI, the app factory and the README all read these fields, and a test
checks that every field is documented in the README.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_PLACEHOLDER_SECRETS = {"", "changethis", "change-me", "secret"}

#: Every size setting is in decimal megabytes, as file managers and browsers show sizes.
MB = 1_000_000


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

    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default=["127.0.0.1", "localhost", "[::1]"],
        description="Host names the app answers to (comma-separated); any other Host header gets 400. "
        "Refusing foreign names is what stops a DNS-rebinding page from reading the library.",
    )
    fetch_allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default=[],
        description='Hosts "Add a source from URL" may fetch even though they resolve to a loopback, '
        "private or link-local address (comma-separated; e.g. an intranet wiki). Default: none.",
    )
    fetch_timeout_seconds: float = Field(
        default=20.0, gt=0, le=300, description="Longest a URL fetch may take in all (connect, redirects, body)."
    )
    fetch_max_mb: int = Field(default=10, ge=1, le=200, description="Largest web page a URL fetch downloads, in MB.")
    max_docx_xml_mb: int = Field(
        default=50, ge=1, description="Largest amount of XML a .docx may expand to before it is refused, in MB."
    )
    max_pdf_pages: int = Field(default=500, ge=1, description="Most pages a PDF import reads.")
    pdf_time_limit_seconds: float = Field(
        default=60.0, gt=0, description="Longest a PDF import may spend extracting text (CPU seconds)."
    )
    emphasis_box: bool = Field(
        default=False,
        description="Word export: draw Verbatim's 1 pt box around Emphasis in briefs without their own Emphasis style.",
    )

    @field_validator("allowed_hosts", "fetch_allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip().lower() for h in value.split(",") if h.strip()]
        return value

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
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * MB

    @property
    def fetch_max_bytes(self) -> int:
        return self.fetch_max_mb * MB

    @property
    def max_docx_xml_bytes(self) -> int:
        return self.max_docx_xml_mb * MB

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")
