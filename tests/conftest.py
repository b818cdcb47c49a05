"""Shared fixtures: a real database per test, on SQLite and on PostgreSQL.

Every test that asks for ``settings``, ``engine`` or ``client`` runs twice: once on a fresh
SQLite file and once in a fresh schema of the PostgreSQL server at 127.0.0.1:5432 (database
``test``). Without a reachable server the PostgreSQL runs are skipped, unless
EVIDENCE_REQUIRE_POSTGRES=1 (CI) makes that a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from evidence.settings import Settings
from evidence.store.db import make_engine

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
if not SEEDS.is_dir():  # a clean clone has shared/ beside it; a worktree elsewhere may not
    SEEDS = Path("/work/shared/seeds")
FIXTURES = SEEDS.parent / "fixtures"

PG_URL = os.environ.get("EVIDENCE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")
_pg_reason: str | None = None
_pg_checked = False


def _postgres_unavailable() -> str | None:
    global _pg_checked, _pg_reason
    if not _pg_checked:
        _pg_checked = True
        try:
            engine = make_engine(PG_URL + ("&" if "?" in PG_URL else "?") + "connect_timeout=3")
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            engine.dispose()
        except Exception as exc:  # any failure means "not reachable here"
            _pg_reason = f"PostgreSQL at {PG_URL} is not reachable: {type(exc).__name__}"
    return _pg_reason


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'evidence.db'}"
        return
    reason = _postgres_unavailable()
    if reason:
        if os.environ.get("EVIDENCE_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


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
def client(settings: Settings) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from evidence.web.app import create_app

    with TestClient(create_app(settings)) as test_client:
        yield with_csrf_token(test_client)


@pytest.fixture
def seed_brief_text() -> str:
    return (SEEDS / "answers-to-russia-syria.txt").read_text(encoding="utf-8")


def with_csrf_token(test_client):  # type: ignore[no-untyped-def]
    """A test client that behaves like the app's own pages: it keeps the CSRF cookie the app
    issues and sends the token back on every request, as htmx and our scripts do."""
    from evidence.web.security import CSRF_COOKIE, CSRF_HEADER

    test_client.get("/static/css/app.css")
    test_client.headers[CSRF_HEADER] = test_client.cookies[CSRF_COOKIE]
    return test_client
