"""Request dependencies, as ``Annotated`` aliases so route signatures read like prose."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from evidence.settings import Settings
from evidence.store.db import session_scope

_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def _session(request: Request) -> Iterator[Session]:
    # A GET only reads, so on SQLite it never queues behind a writer (see store.db).
    with session_scope(request.app.state.engine, write=request.method not in _READS) as session:
        yield session


def _settings(request: Request) -> Settings:
    return request.app.state.settings


# scope="function": commit before the response leaves, so a redirect or the next keystroke
# always sees this write (the default scope would commit after the response is sent).
SessionDep = Annotated[Session, Depends(_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(_settings)]
