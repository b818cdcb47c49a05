"""Sources: the articles and pastes cards are cut from."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from evidence.domain import Cite
from evidence.domain.source import SourceDoc
from evidence.store import models
from evidence.store.errors import Invalid, NotFound
from evidence.store.versioning import bump


def create(
    session: Session,
    *,
    text: str,
    title: str = "",
    cite: Cite | dict[str, Any] | None = None,
    url: str | None = None,
    removed: list[dict[str, Any]] | None = None,
) -> models.Source:
    if not isinstance(text, str) or not text.strip():
        raise Invalid("a source needs some text")
    cite_obj = cite if isinstance(cite, Cite) else _cite(cite)
    fields = cite_obj.to_json()
    fields.pop("short", None)
    row = models.Source(
        title=title or cite_obj.title or text.strip().split("\n", 1)[0][:120],
        text=text,
        url=url or cite_obj.url,
        cite=fields,
        removed=list(removed or []),
    )
    session.add(row)
    session.flush()
    return row


def create_from_doc(session: Session, doc: SourceDoc) -> models.Source:
    """Store what a reader produced, keeping what cleaning removed so the user can restore it."""
    return create(
        session, text=doc.text, title=doc.title, cite=doc.cite, url=doc.url, removed=[r.to_json() for r in doc.removed]
    )


def _cite(data: dict[str, Any] | None) -> Cite:
    try:
        return Cite.from_json(data)
    except ValueError as exc:
        raise Invalid(str(exc)) from None


def get(session: Session, source_id: int) -> models.Source:
    row = session.get(models.Source, source_id)
    if row is None:
        raise NotFound(f"source {source_id} does not exist")
    return row


def list_sources(session: Session, *, limit: int = 100, offset: int = 0) -> list[models.Source]:
    stmt = select(models.Source).order_by(col(models.Source.created_at).desc(), col(models.Source.id).desc())
    return list(session.exec(stmt.offset(offset).limit(limit)))


def update(session: Session, source_id: int, version: int, changes: dict[str, Any]) -> models.Source:
    allowed = {"title", "text", "cite", "url", "removed"}
    if unknown := set(changes) - allowed:
        raise Invalid(f"cannot change {', '.join(sorted(unknown))}")
    if "cite" in changes:
        fields = _cite(changes["cite"]).to_json()
        fields.pop("short", None)
        changes = {**changes, "cite": fields}
    if "text" in changes and (not isinstance(changes["text"], str) or not changes["text"].strip()):
        raise Invalid("a source needs some text")
    bump(
        session,
        models.Source,
        source_id,
        version,
        what="source",
        values=changes,
    )
    row = get(session, source_id)
    session.refresh(row)
    return row


def delete(session: Session, source_id: int) -> None:
    session.delete(get(session, source_id))
    session.flush()


def to_json(row: models.Source) -> dict[str, Any]:
    """The Source JSON of DESIGN §4."""
    cite = Cite.from_json(row.cite)
    return {
        "format": "evidence-source/1",
        "id": row.id,
        "title": row.title,
        "text": row.text,
        "cite": cite.to_json(),
        "removed": row.removed,
        "version": row.version,
    }
