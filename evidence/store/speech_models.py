"""Speech documents: what a debater gathers for one speech in a round ("send to speech").

Kept apart from ``models`` so the speech feature can grow without touching the brief tables.
A speech doc is a flat, ordered list, exactly like the Word file Verbatim's Send to Speech builds:
headings sit between the cards they introduce. Cards are referenced, so a card fixed in a brief
reads the same in the speech doc; analytics and headings are copied (they belong to the speech).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, Text
from sqlmodel import Field, SQLModel

from evidence.store.models import utcnow


class SpeechDoc(SQLModel, table=True):
    __tablename__ = "speech_doc"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="Speech doc")
    #: The speech's length in minutes: 8 or 9 for a constructive, 5 or 6 for a rebuttal.
    minutes: int = Field(default=8)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class SpeechItem(SQLModel, table=True):
    __tablename__ = "speech_item"
    id: int | None = Field(default=None, primary_key=True)
    doc_id: int = Field(sa_column=Column(Integer, ForeignKey("speech_doc.id", ondelete="CASCADE"), nullable=False))
    position: int = 0
    type: str  # pocket | hat | block | card | analytic
    title: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    label: str | None = None
    speech: str | None = None
    text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    card_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("card.id", ondelete="CASCADE"), nullable=True)
    )

    __table_args__ = (Index("ix_speech_item_doc_position", "doc_id", "position"),)
