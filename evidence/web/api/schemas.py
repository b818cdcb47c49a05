"""Request and response bodies of the JSON API (the OpenAPI page documents them).

Every request model derives from :class:`ApiModel`, which refuses text a database cannot store
(NUL characters, lone UTF-16 surrogates) in any string field, nested models and lists included,
with a 422 that names the field. Every number that names a row or points into a text is bounded
(:data:`Id`, :data:`Version`, :data:`Offset`), so a client can never overflow a database integer.

Response models describe exactly what the store returns. The brief, card and source JSON formats
of DESIGN §4 are *extended, never renamed*, and readers ignore keys they do not know, so those
models allow extra keys (``additionalProperties``) while typing every key the format defines.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import annotated_types as at
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from evidence.domain.readtime import DEFAULT_WPM
from evidence.domain.text import storable_problem
from evidence.store import cards as card_store
from evidence.store import models
from evidence.web.params import MAX_INT

# Bounded numbers, for bodies (path and query parameters use evidence.web.params) -------------
#: A row id: PostgreSQL INTEGER, so at most 2,147,483,647.
Id = Annotated[int, at.Interval(ge=1, le=MAX_INT)]
#: The version a change is based on (every row starts at 1).
Version = Annotated[int, at.Interval(ge=1, le=MAX_INT)]
#: A code-point offset into a text, or an index among siblings.
Offset = Annotated[int, at.Interval(ge=0, le=MAX_INT)]


def _storable(value: str) -> str:
    if problem := storable_problem(value):
        raise ValueError(f"the text {problem}")
    return value


#: A string a database can store, for query parameters (model fields get this from ApiModel).
StorableStr = Annotated[str, AfterValidator(_storable)]


def _check_strings(value: object) -> None:
    """Refuse NUL or a lone surrogate anywhere in ``value`` (lists and dicts of strings too)."""
    if isinstance(value, str):
        _storable(value)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key)
            _check_strings(item)


class ApiModel(BaseModel):
    """A request body: every string in it must be storable (nested models check themselves)."""

    @field_validator("*", mode="after")
    @classmethod
    def _storable_strings(cls, value: Any) -> Any:
        _check_strings(value)
        return value


class OpenOut(BaseModel):
    """A response object of an open format (DESIGN §4): known keys typed, unknown keys kept."""

    model_config = ConfigDict(extra="allow")


# Errors ----------------------------------------------------------------------------------------
class ErrorOut(BaseModel):
    """A refused request: one sentence saying why (400, 403, 404, 413, 422 from the store, 503)."""

    detail: str


class ConflictOut(BaseModel):
    """A change based on a stale version (409): what changed since, and the version to reload."""

    detail: str
    current_version: int | None = Field(description="the version now stored (null: a write raced this one)")


class ValidationIssue(BaseModel):
    model_config = ConfigDict(extra="allow")

    loc: list[str | int] = Field(description='where: ["body", "marks", 0, "start"], ["query", "limit"]…')
    msg: str
    type: str


class ValidationOut(BaseModel):
    """A request that does not match its schema (422): one entry per problem, each naming the field."""

    detail: list[ValidationIssue]


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body cannot be read (not JSON, or nested too deeply)"},
    403: {"model": ErrorOut, "description": "A browser request from another site, or without the CSRF token"},
    404: {"model": ErrorOut, "description": "No such card, brief, source, speech doc or item"},
    409: {"model": ConflictOut, "description": "Changed elsewhere since the version this change is based on"},
    413: {"model": ErrorOut, "description": "The request body is over the size limit (named in the message)"},
    422: {
        "model": ValidationOut | ErrorOut,
        "description": "Refused input: a field list for a request that does not match the schema, "
        "or one sentence for input the library refuses (text it cannot store, a mark past the text…)",
    },
    503: {"model": ErrorOut, "description": "The library is busy with another write; retry after Retry-After"},
}


# Cites and marks -------------------------------------------------------------------------------
class MarkIn(ApiModel):
    kind: Literal["underline", "emphasis", "highlight", "bold", "italic"]
    start: Offset
    end: Offset
    color: str | None = None


class MarkOut(OpenOut):
    kind: str = Field(description="underline, emphasis, highlight (with color); also bold, italic, cite")
    start: int
    end: int
    color: str | None = None


class CiteMarkIn(ApiModel):
    """A mark over the cite's own text: ``cite`` is the words in Verbatim's Cite style (the short cite)."""

    kind: Literal["cite", "underline", "emphasis", "highlight", "bold", "italic"]
    start: Offset
    end: Offset
    color: str | None = None


class CiteFields(ApiModel):
    text: str | None = Field(None, description="the cite paragraph exactly as written; kept and written back as is")
    marks: list[CiteMarkIn] = Field([], description="marks over text; the cite-kind words are the short cite")
    short: str | None = Field(None, description="the short cite, kept as given (default: the cite-marked words)")
    authors: list[str] = []
    qualifications: str | None = None
    date: str | None = Field(None, description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    title: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: str | None = None
    cutter: str | None = None


class CiteOut(OpenOut):
    """A cite (DESIGN §4): ``text`` as written with ``marks`` over it is the cite; ``short`` is its
    cite-marked words (or as given, or from the fields); the fields are parsed from it."""

    text: str | None = None
    marks: list[MarkOut] = []
    short: str | None = None
    authors: list[str] = []
    qualifications: str | None = None
    date: str | None = None
    title: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: str | None = None
    cutter: str | None = None


# Cards -----------------------------------------------------------------------------------------
class NotesIn(ApiModel):
    """Paragraphs between a tag and its cite (a tag's second line, a "<<FOR REFERENCE>>" note)."""

    text: str = ""
    marks: list[MarkIn] = []


class NotesOut(OpenOut):
    text: str = ""
    marks: list[MarkOut] = []


class CardIn(ApiModel):
    tag: str = ""
    tag_marks: list[MarkIn] = Field([], description="underline, highlight, bold, italic inside the tag")
    label: str | None = None
    cite: CiteFields | None = None
    notes: NotesIn | None = None
    text: str
    marks: list[MarkIn] = []
    source_id: Id | None = Field(None, description="the source this card was cut from; it must exist")
    source_start: Offset | None = None
    source_end: Offset | None = None


class CardPatch(ApiModel):
    version: Version
    tag: str | None = None
    tag_marks: list[MarkIn] | None = None
    notes: NotesIn | None = None
    label: str | None = None
    cite: CiteFields | None = None
    text: str | None = Field(None, description="New body; marks are carried across the edit unless given")
    marks: list[MarkIn] | None = None

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True, exclude={"version"})


class MarkAction(ApiModel):
    version: Version
    action: Literal["toggle", "apply", "clear"]
    kind: Literal["underline", "emphasis", "highlight", "bold", "italic"] | None = None
    start: Offset = Field(description="code-point offset into the card text")
    end: Offset
    color: str | None = None

    def selection(self) -> dict[str, Any]:
        """The action and selection, as ``cards.mark`` takes them."""
        return self.model_dump(exclude={"version"})


class CardOut(BaseModel):
    id: int
    version: int
    tag: str
    tag_marks: list[MarkOut] = []
    label: str | None
    cite: CiteOut
    notes: NotesOut | None = None
    text: str
    marks: list[MarkOut]
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
            tag_marks=[MarkOut.model_validate(m.to_json()) for m in card.tag_marks],
            label=card.label,
            cite=CiteOut.model_validate(card.cite.to_json()),
            notes=NotesOut(text=card.notes, marks=[MarkOut.model_validate(m.to_json()) for m in card.notes_marks])
            if card.notes
            else None,
            text=card.text,
            marks=[MarkOut.model_validate(m.to_json()) for m in card.marks],
            source_id=row.source_id,
            source_start=row.source_start,
            source_end=row.source_end,
            created_at=row.created_at,
            updated_at=row.updated_at,
            words_underlined=card.words_underlined,
            words_highlighted=card.words_highlighted,
            read_seconds=round(card.read_seconds(wpm), 1),
        )


class CardSnapshot(OpenOut):
    """A card as it was saved at one version (cite fields without the derived ``short``)."""

    tag: str
    label: str | None = None
    cite: CiteOut
    text: str
    marks: list[MarkOut]


class CardRevisionOut(BaseModel):
    version: int
    created_at: datetime
    snapshot: CardSnapshot


# Sources ---------------------------------------------------------------------------------------
class SourceIn(ApiModel):
    text: str
    title: str = ""
    url: str | None = None
    cite: CiteFields | None = None


class SourcePatch(ApiModel):
    version: Version
    title: str | None = None
    text: str | None = None
    url: str | None = None
    cite: CiteFields | None = None


class RemovedOut(OpenOut):
    """Clutter that cleaning dropped, with its offsets in the original text, so it can be restored."""

    start: int
    end: int
    text: str
    why: str


class SourceOut(OpenOut):
    """Source JSON (DESIGN §4, ``evidence-source/1``) plus the ``version`` edits are based on."""

    format: Literal["evidence-source/1"]
    id: int
    title: str
    text: str
    cite: CiteOut
    removed: list[RemovedOut]
    version: int


# Brief JSON (DESIGN §4, evidence-brief/1) ------------------------------------------------------
class CardNode(OpenOut):
    type: Literal["card"]
    id: int | None = None
    tag: str
    label: str | None = None
    cite: CiteOut
    text: str
    marks: list[MarkOut]


class AnalyticNode(OpenOut):
    type: Literal["analytic"]
    id: int | None = None
    text: str


class HeadingNode(OpenOut):
    type: Literal["pocket", "hat", "block"]
    id: int | None = None
    title: str
    label: str | None = None
    speech: str | None = Field(None, description='the speech a block is for ("2AC"), when given')
    children: list[BriefNode]


BriefNode = Annotated[HeadingNode | CardNode | AnalyticNode, Field(discriminator="type")]


class BriefDocument(OpenOut):
    """A brief as ``evidence-brief/1`` JSON: what the JSON download holds."""

    format: Literal["evidence-brief/1"]
    id: int | None = None
    title: str
    author: str | None = None
    children: list[BriefNode]


class CardItem(CardNode):
    node_id: int = Field(description="this item's id in the outline (for node edits)")


class AnalyticItem(AnalyticNode):
    node_id: int


class HeadingItem(HeadingNode):
    node_id: int
    # The answer narrows the document's children to items that carry node_id; list is invariant.
    children: list[BriefItem]  # type: ignore[assignment]


BriefItem = Annotated[HeadingItem | CardItem | AnalyticItem, Field(discriminator="type")]


class BriefOut(BriefDocument):
    """A brief as ``evidence-brief/1`` JSON plus what the editor needs: the brief's ``version``
    and each item's ``node_id``."""

    version: int
    # The answer narrows the document's children to items that carry node_id; list is invariant.
    children: list[BriefItem]  # type: ignore[assignment]


class BriefIn(ApiModel):
    title: str
    author: str | None = None


class BriefPatch(ApiModel):
    version: Version
    title: str | None = None
    author: str | None = None


class BriefSummary(BaseModel):
    id: int
    title: str
    author: str | None
    version: int
    updated_at: datetime


class BriefVersionOut(BaseModel):
    brief_version: int


class NodeIn(ApiModel):
    version: Version = Field(description="the brief's version this edit is based on")
    type: Literal["pocket", "hat", "block", "card", "analytic"]
    parent_id: Id | None = None
    position: Offset | None = Field(None, description="index among siblings; default: at the end")
    title: str | None = None
    label: str | None = None
    speech: str | None = None
    text: str | None = None
    card_id: Id | None = None


class NodePatch(ApiModel):
    version: Version
    title: str | None = None
    label: str | None = None
    speech: str | None = None
    text: str | None = None

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True, exclude={"version"})


class NodeMove(ApiModel):
    version: Version
    parent_id: Id | None = None
    position: Offset | None = None


class NodeOut(BaseModel):
    id: int
    brief_id: int
    parent_id: int | None
    position: int
    type: str
    brief_version: int


class VersionIn(ApiModel):
    version: Version = Field(description="the version this action is based on")


# Brief import (request body, read in a worker thread) -----------------------------------------
class _CardIn(BaseModel):
    type: Literal["card"]
    tag: str = ""
    label: str | None = None
    cite: CiteFields | None = None
    text: str
    marks: list[MarkIn] = []


class _AnalyticIn(BaseModel):
    type: Literal["analytic"]
    text: str


class _BlockIn(BaseModel):
    type: Literal["block"]
    title: str
    label: str | None = None
    speech: str | None = None
    children: list[_CardIn | _AnalyticIn] = []


class _HatIn(BaseModel):
    type: Literal["hat"]
    title: str
    label: str | None = None
    children: list[_BlockIn | _CardIn | _AnalyticIn] = []


class _PocketIn(BaseModel):
    type: Literal["pocket"]
    title: str
    label: str | None = None
    children: list[_HatIn | _BlockIn | _CardIn | _AnalyticIn] = []


class BriefDocumentIn(BaseModel):
    """An ``evidence-brief/1`` document to import: pocket > hat > block > cards and analytics,
    any level skipped. Unknown keys are ignored."""

    format: Literal["evidence-brief/1"]
    title: str = Field(min_length=1)
    author: str | None = None
    children: list[_PocketIn | _HatIn | _BlockIn | _CardIn | _AnalyticIn] = []


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema with its ``$defs`` written in place, for an OpenAPI request body
    declared by hand (a ``$ref`` there would point into the OpenAPI document, not the schema).
    Only for models that do not refer to themselves."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


# Speech docs -----------------------------------------------------------------------------------
class SpeechIn(ApiModel):
    title: str = "Speech doc"
    minutes: int = Field(8, ge=1, le=60, description="8 or 9 (constructive), 5 or 6 (rebuttal)")


class SpeechPatch(ApiModel):
    version: Version
    title: str | None = None
    minutes: int | None = Field(None, ge=1, le=60, description="8 or 9 (constructive), 5 or 6 (rebuttal)")


class SendIn(ApiModel):
    """What to send: a card (``card_id``), a brief item (``brief_id`` + ``node_id``; a heading
    brings everything under it) or an analytic's ``text``."""

    card_id: Id | None = None
    brief_id: Id | None = None
    node_id: Id | None = None
    text: str | None = None


class ItemMove(ApiModel):
    version: Version
    position: Offset = Field(description="new index in the speech doc, 0 first")


class _SpeechItem(BaseModel):
    item_id: int = Field(description="this item's id in the speech doc (for moves and removals)")
    read_seconds: float


class SpeechCard(CardNode, _SpeechItem):
    pass


class SpeechAnalytic(AnalyticNode, _SpeechItem):
    pass


class SpeechHeading(OpenOut, _SpeechItem):
    """A heading sent to speech; the cards under it follow as their own items."""

    type: Literal["pocket", "hat", "block"]
    id: int | None = None
    title: str
    label: str | None = None
    speech: str | None = None


SpeechItemOut = Annotated[SpeechHeading | SpeechCard | SpeechAnalytic, Field(discriminator="type")]


class SpeechSummary(BaseModel):
    id: int
    title: str
    minutes: int
    version: int


class SpeechOut(SpeechSummary):
    """The doc, its items in order, and the clock: read time against the speech's length."""

    words_per_minute: int
    read_seconds: float
    limit_seconds: int
    over_seconds: float
    items: list[SpeechItemOut]


# Imports ---------------------------------------------------------------------------------------
class ImportReport(OpenOut):
    """What the reader skipped, guessed or repaired, and why."""

    source: str = ""
    notes: list[str] = []
    skipped: list[str] = []


class FileResult(BaseModel):
    name: str
    ok: bool
    error: str | None = None
    kind: Literal["brief", "sources"] | None = None
    brief_id: int | None = None
    title: str | None = None
    url: str | None = None
    cards: int = 0
    source_ids: list[int] = []
    report: ImportReport = ImportReport()


class ImportResults(BaseModel):
    imported: int
    failed: int
    files: list[FileResult]
