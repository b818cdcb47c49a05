"""Save what a reader produced: one file, one transaction, a brief or its sources.

It takes the domain's types, not the reader's result, so the store never depends on the readers
(the arrows point from ingest and web to the store, never back)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from evidence.domain.brief import Brief
from evidence.domain.source import SourceDoc
from evidence.store import briefs as brief_store
from evidence.store import sources as source_store


@dataclass(slots=True)
class Saved:
    brief_id: int | None = None
    source_ids: list[int] = field(default_factory=list)
    cards: int = 0

    def documents(self, session: Session) -> list[dict[str, Any]]:
        """The created brief or sources as their JSON formats (DESIGN §4)."""
        if self.brief_id is not None:
            return [brief_store.to_json(session, self.brief_id)]
        return [source_store.to_json(source_store.get(session, i)) for i in self.source_ids]


def save(session: Session, brief: Brief | None, sources: list[SourceDoc]) -> Saved:
    """A file's brief, or else its sources (articles), in the caller's transaction."""
    if brief is not None:
        row = brief_store.save(session, brief)
        assert row.id is not None
        return Saved(brief_id=row.id, cards=len(brief.cards()))
    saved = Saved()
    for doc in sources:
        source = source_store.create_from_doc(session, doc)
        assert source.id is not None
        saved.source_ids.append(source.id)
    return saved
