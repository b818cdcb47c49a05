"""Shared fixtures: a real database per test, on SQLite and on PostgreSQL.

Every test that asks for ``settings``, ``engine`` or ``client`` runs twice: once on a fresh
SQLite file and once in a fresh PostgreSQL library at 127.0.0.1:5432 (database ``test``); both
are migrated once per session and handed out empty (see :mod:`tests.fixtures.library`). Without a
reachable server the PostgreSQL runs are skipped, unless EVIDENCE_REQUIRE_POSTGRES=1 (CI) makes
that a failure. Test data and helpers live in :mod:`tests.fixtures`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from evidence.settings import Settings
from evidence.store.db import make_engine
from tests.fixtures.library import PostgresSchemas, SqliteTemplate, postgres_unavailable
from tests.fixtures.shared import seed_brief_file
from tests.fixtures.web import with_csrf_token


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[PostgresSchemas]:
    if reason := postgres_unavailable():
        if os.environ.get("EVIDENCE_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    schemas = PostgresSchemas()
    yield schemas
    schemas.close()


def _library(request: pytest.FixtureRequest, tmp_path: Path, name: str) -> str:
    """A URL to an empty migrated library on the database ``request.param`` names."""
    if request.param == "sqlite":
        template: SqliteTemplate = request.getfixturevalue("sqlite_template")
        return template.library(tmp_path / f"{name}-{uuid.uuid4().hex[:6]}.db")
    schemas: PostgresSchemas = request.getfixturevalue("postgres_schemas")
    return schemas.library(name)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return _library(request, tmp_path, "evidence")


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A second empty library, on either database: where a backup is restored to."""
    engine = make_engine(_library(request, tmp_path, "target"))
    yield engine
    engine.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key="test-secret-key",
        allowed_hosts=["testserver", "127.0.0.1", "localhost"],
    )


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    from evidence.store.migrate import upgrade

    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    from evidence.web.app import create_app

    with TestClient(create_app(settings)) as test_client:
        yield with_csrf_token(test_client)


@pytest.fixture
def seed_brief_text() -> str:
    return seed_brief_file().read_text(encoding="utf-8")
