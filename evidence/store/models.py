"""Tables. Cites and marks are stored as JSON beside the text they describe.

A card's marks only mean something with its exact text, so they live in the same row and change
in the same write; cite fields stay a JSON object so the cite can grow fields (DOI, page) without
a migration per field. ``version`` on every row the editor writes is the optimistic-concurrency
token the API checks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Source(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="", sa_column_kwargs={"nullable": False})
    text: str = Field(sa_column=Column(Text, nullable=False))
    url: str | None = None
    cite: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    #: Clutter that cleaning dropped: [{start, end, text, why}], offsets into the original text.
    removed: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class Card(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    tag: str = Field(default="", sa_column=Column(Text, nullable=False))
    label: str | None = None
    cite: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    marks: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    #: The tag's own marks (underline, highlight, italic inside a tag); null for none.
    tag_marks: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    #: What a file had between the tag and the cite, ``{"text", "marks"}``; null for nothing.
    notes: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    source_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("source.id", ondelete="SET NULL"), nullable=True)
    )
    source_start: int | None = None
    source_end: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    #: Set when a user deletes the card; cleared by undo. Deleted cards are hidden everywhere.
    deleted_at: datetime | None = None
    version: int = Field(default=1)

    __table_args__ = (Index("ix_card_source_span", "source_id", "source_start", "source_end"),)


class CardRevision(SQLModel, table=True):
    """Every saved version of a card: the record a 409 explains itself from, and the start of
    per-card history."""

    __tablename__ = "card_revision"
    id: int | None = Field(default=None, primary_key=True)
    card_id: int = Field(sa_column=Column(Integer, ForeignKey("card.id", ondelete="CASCADE"), nullable=False))
    version: int
    snapshot: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (UniqueConstraint("card_id", "version", name="uq_card_revision_version"),)


class Brief(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="Untitled brief")
    author: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)
    #: One line on the latest change, so a stale writer learns what happened.
    last_change: str = Field(default="created")
    #: The team's own definitions of Verbatim's styles, from the file the brief came from (role →
    #: look); None: Verbatim's defaults.
    styles: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class OutlineNode(SQLModel, table=True):
    """One item of a brief's outline. Cards are referenced, not copied: a card sits in many briefs
    and an edit shows in all of them."""

    __tablename__ = "outline_node"
    id: int | None = Field(default=None, primary_key=True)
    brief_id: int = Field(sa_column=Column(Integer, ForeignKey("brief.id", ondelete="CASCADE"), nullable=False))
    parent_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("outline_node.id", ondelete="CASCADE"), nullable=True)
    )
    position: int = 0
    type: str  # pocket | hat | block | card | analytic
    title: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    label: str | None = None
    speech: str | None = None
    text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    card_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("card.id", ondelete="CASCADE"), nullable=True)
    )

    __table_args__ = (Index("ix_outline_node_brief_parent", "brief_id", "parent_id", "position"),)


metadata = SQLModel.metadata
import evidence.store.speech_models  # noqa: E402,F401  (speech documents live in their own module)
