"""Engines and sessions, with the SQLite settings a single-user desktop install needs.

Two rules every write in the product relies on live here:

- **A write transaction takes SQLite's write lock when it begins** (``BEGIN IMMEDIATE``). In WAL
  mode a deferred transaction that reads and then writes fails at once with "database is locked"
  when another writer committed in between; taking the lock first makes concurrent writers queue
  (up to the busy timeout) and then see each other's commits, so the version check in
  :mod:`evidence.store.versioning` decides who wins instead of a 500. Reads stay deferred and never
  wait for writers.
- **No text the other database could not store reaches either one.** Every parameter bound to a
  statement is checked with the domain's :func:`~evidence.domain.text.storable_problem`, so a NUL
  or a lone surrogate is refused (``Invalid``, a 422) the same way on SQLite and PostgreSQL, and a
  SQLite library always restores into PostgreSQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

from evidence.domain.text import storable_problem
from evidence.settings import Settings
from evidence.store.errors import Invalid

#: Execution option that marks a connection as a writer (see :func:`session_scope`).
WRITE = "evidence_write"


class DatabaseError(RuntimeError):
    """The database could not be opened or is not an evidence database; the message says why."""


def _json(value: Any) -> str:
    # Raw characters instead of \\u escapes, so a lone surrogate inside a JSON column is a real
    # character the parameter check below can see (NUL stays escaped, which both databases store).
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15}, json_serializer=_json)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True, json_serializer=_json)
    event.listen(engine, "before_cursor_execute", _refuse_unstorable)
    return engine


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # SQLAlchemy emits BEGIN itself (below), so pysqlite's own transaction handling is switched off.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets the browser read while an import writes; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def _strings(parameters: Any) -> Iterable[str]:
    if isinstance(parameters, str):
        yield parameters
    elif isinstance(parameters, dict):
        for value in parameters.values():
            yield from _strings(value)
    elif isinstance(parameters, list | tuple):
        for value in parameters:
            yield from _strings(value)


def _refuse_unstorable(
    _conn: Connection, _cursor: object, _statement: str, parameters: Any, _context: object, _executemany: bool
) -> None:
    for value in _strings(parameters):
        if problem := storable_problem(value):
            preview = value[:40].encode("unicode_escape").decode("ascii")
            raise Invalid(f"the text “{preview}…” {problem}")


def engine_for(settings: Settings) -> Engine:
    url = make_url(settings.sqlalchemy_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return make_engine(settings.sqlalchemy_url)


@contextmanager
def session_scope(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises.

    ``write=False`` is for requests that only read (a GET): on SQLite they never queue behind a
    writer. Anything that may write keeps the default.
    """
    bind = engine.execution_options(**{WRITE: True}) if write else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            if session.is_active:
                session.commit()
            else:  # a failed flush the caller answered itself (a form shown again with the reason)
                session.rollback()
        except BaseException:
            session.rollback()
            raise
