"""Request and response bodies of the JSON API (the OpenAPI page documents them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from evidence.domain.readtime import DEFAULT_WPM
from evidence.store import cards as card_store
from evidence.store import models


class CiteFields(BaseModel):
    authors: list[str] = []
    qualifications: str | None = None
    date: str | None = Field(None, description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    title: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: str | None = None
    cutter: str | None = None


class MarkIn(BaseModel):
    kind: Literal["underline", "emphasis", "highlight"]
    start: int
    end: int
    color: str | None = None


class CardIn(BaseModel):
    tag: str = ""
    label: str | None = None
    cite: CiteFields | None = None
    text: str
    marks: list[MarkIn] = []
    source_id: int | None = None
    source_start: int | None = None
    source_end: int | None = None


class CardPatch(BaseModel):
    version: int
    tag: str | None = None
    label: str | None = None
    cite: CiteFields | None = None
    text: str | None = Field(None, description="New body; marks are carried across the edit unless given")
    marks: list[MarkIn] | None = None

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True, exclude={"version"})


class MarkAction(BaseModel):
    version: int
    action: Literal["toggle", "apply", "clear"]
    kind: Literal["underline", "emphasis", "highlight"] | None = None
    start: int = Field(description="code-point offset into the card text")
    end: int
    color: str | None = None

    def selection(self) -> dict[str, Any]:
        """The action and selection, as ``cards.mark`` takes them."""
        return self.model_dump(exclude={"version"})


class CardOut(BaseModel):
    id: int
    version: int
    tag: str
    label: str | None
    cite: dict[str, Any]
    text: str
    marks: list[dict[str, Any]]
    source_id: int | None
    source_start: int | None
    source_end: int | None
    created_at: datetime
    updated_at: datetime
    words_underlined: int
    words_highlighted: int
    read_seconds: float

    @classmethod
    def of(cls, row: models.Card, wpm: int = DEFAULT_WPM) -> CardOut:
        card = card_store.to_domain(row)
        assert row.id is not None
        return cls(
            id=row.id,
            version=row.version,
            tag=card.tag,
            label=card.label,
            cite=card.cite.to_json(),
            text=card.text,
            marks=[m.to_json() for m in card.marks],
            source_id=row.source_id,
            source_start=row.source_start,
            source_end=row.source_end,
            created_at=row.created_at,
            updated_at=row.updated_at,
            words_underlined=card.words_underlined,
            words_highlighted=card.words_highlighted,
            read_seconds=round(card.read_seconds(wpm), 1),
        )


class SourceIn(BaseModel):
    text: str
    title: str = ""
    url: str | None = None
    cite: CiteFields | None = None


class SourcePatch(BaseModel):
    version: int
    title: str | None = None
    text: str | None = None
    url: str | None = None
    cite: CiteFields | None = None


class BriefIn(BaseModel):
    title: str
    author: str | None = None


class BriefPatch(BaseModel):
    version: int
    title: str | None = None
    author: str | None = None


class BriefSummary(BaseModel):
    id: int
    title: str
    author: str | None
    version: int
    updated_at: datetime


class NodeIn(BaseModel):
    version: int = Field(description="the brief's version this edit is based on")
    type: Literal["pocket", "hat", "block", "card", "analytic"]
    parent_id: int | None = None
    position: int | None = Field(None, description="index among siblings; default: at the end")
    title: str | None = None
    label: str | None = None
    speech: str | None = None
    text: str | None = None
    card_id: int | None = None


class NodePatch(BaseModel):
    version: int
    title: str | None = None
    label: str | None = None
    speech: str | None = None
    text: str | None = None

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True, exclude={"version"})


class NodeMove(BaseModel):
    version: int
    parent_id: int | None = None
    position: int | None = None


class NodeOut(BaseModel):
    id: int
    brief_id: int
    parent_id: int | None
    position: int
    type: str
    brief_version: int


class VersionIn(BaseModel):
    version: int = Field(description="the version this action is based on")
