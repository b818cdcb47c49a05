"""The one optimistic-concurrency check every versioned row goes through.

Cards, briefs (every outline edit), sources and speech docs carry a ``version``. A write names
the version it was based on, and :func:`bump` moves it on with a single
``UPDATE … SET version = version + 1 WHERE id = ? AND version = ?`` whose row count decides:
exactly one of any number of concurrent writers based on the same version wins, every other one
gets a :class:`~evidence.store.errors.Conflict` (a 409 that says what changed), and nothing is
overwritten. There is no read-check-write gap to race through.

Bump *before* the rest of the change: on PostgreSQL the UPDATE takes the row's lock, so whatever
the change then reads (an outline's nodes, a speech doc's items) is what the winner left; on
SQLite the write transaction already holds the database lock (see :mod:`evidence.store.db`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from evidence.store.errors import Conflict, NotFound
from evidence.store.models import utcnow


def bump(
    session: Session,
    model: Any,
    row_id: int,
    version: int | None,
    *,
    what: str,
    conflict: Callable[[int], str] | None = None,
    values: dict[str, Any] | None = None,
) -> int:
    """Count one change to ``model`` row ``row_id`` made on top of ``version`` and return the new
    version. ``version=None`` is a change that cannot overwrite anything (an append): it always
    counts. ``conflict(current_version)`` words the 409 when the row has more to say than its
    versions (what changed); ``values`` are written in the same UPDATE.
    """
    stmt = update(model).where(model.id == row_id)
    if version is not None:
        stmt = stmt.where(model.version == version)
    stmt = stmt.values(version=model.version + 1, updated_at=utcnow(), **(values or {}))
    result = session.execute(stmt.execution_options(synchronize_session="fetch"))
    # An UPDATE answers with a CursorResult; SQLModel types Session.execute as the plain Result.
    if result.rowcount == 1:  # type: ignore[attr-defined]
        return session.execute(select(model.version).where(model.id == row_id)).scalar_one()
    current = session.execute(select(model.version).where(model.id == row_id)).scalar_one_or_none()
    if current is None:
        raise NotFound(f"{what} {row_id} does not exist")
    if conflict is not None:
        raise Conflict(conflict(current), current)
    raise Conflict(
        f"This {what} was changed elsewhere (your version {version}, now {current}). "
        "Reload to see it; nothing was overwritten.",
        current,
    )
