"""How the pages show a card and its cite: one presenter each, so every page (my evidence, the
editor, the brief outline, the card picker, the speech doc, "already cut") shows the same tag,
short cite and read time, worked out the same way.

The JSON API shows cards through its own schema (``api.schemas.CardOut``), built from the same
domain card; the pages never hand-build a card dict of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from markupsafe import Markup

from evidence.domain import Card, Cite
from evidence.domain.citeline import Confidence, ParsedCite
from evidence.domain.readtime import DEFAULT_WPM, format_duration
from evidence.store import cards as card_store
from evidence.store import models
from evidence.web.render import render_body

#: The cite form's fields, in the order the form lists them (authors first, one per "; ").
CITE_FIELDS: tuple[str, ...] = (
    "authors",
    "date",
    "qualifications",
    "title",
    "publication",
    "url",
    "accessed",
    "cutter",
)

#: What the cite form says beside a field read from a typed cite line.
CONFIDENCE_NOTES: dict[str, str] = {"sure": "(read)", "guess": "(guess: check)"}


@dataclass(frozen=True)
class CardView:
    """A card as a page shows it.

    Counts, read time and the rendered body are worked out when a template first asks for them
    (a list of 500 cards shows neither body nor underline count), then kept.
    """

    card: Card
    wpm: int = DEFAULT_WPM
    version: int | None = None
    source_id: int | None = None
    created_at: datetime | None = None
    #: The briefs the card sits in, as (id, title); on a brief's page, only the other briefs.
    briefs: tuple[tuple[int, str], ...] = ()
    #: In the card picker: the card is already in the brief being edited.
    in_brief: bool = False

    @property
    def id(self) -> int | None:
        return self.card.id

    @property
    def tag(self) -> str:
        """The tag as a list or heading names the card (an empty tag still needs a name)."""
        return self.card.tag or "(untagged)"

    @property
    def typed_tag(self) -> str:
        """The tag as the user typed it (the editor's tag box)."""
        return self.card.tag

    @property
    def label(self) -> str | None:
        return self.card.label

    @property
    def short(self) -> str:
        return self.card.cite.short

    @property
    def full(self) -> str:
        return self.card.cite.full

    @property
    def url(self) -> str | None:
        return self.card.cite.url

    @property
    def length(self) -> int:
        return len(self.card.text)

    @cached_property
    def body(self) -> Markup:
        return render_body(self.card.text, self.card.marks)

    @cached_property
    def words_underlined(self) -> int:
        return self.card.words_underlined

    @cached_property
    def words_highlighted(self) -> int:
        return self.card.words_highlighted

    @cached_property
    def read_seconds(self) -> float:
        return self.card.read_seconds(self.wpm)

    @property
    def read_time(self) -> str:
        return format_duration(self.read_seconds)

    @cached_property
    def cite(self) -> dict[str, str]:
        return cite_fields(self.card.cite)

    @property
    def marks(self) -> list[dict[str, Any]]:
        """The body's marks as the API writes them: the editor's undo stack keeps these."""
        return [m.to_json() for m in self.card.marks]


def card_view(
    row: models.Card,
    wpm: int = DEFAULT_WPM,
    *,
    briefs: list[tuple[int, str]] | tuple[tuple[int, str], ...] = (),
    in_brief: bool = False,
) -> CardView:
    """A stored card as the pages show it."""
    return CardView(
        card=card_store.to_domain(row),
        wpm=wpm,
        version=row.version,
        source_id=row.source_id,
        created_at=row.created_at,
        briefs=tuple(briefs),
        in_brief=in_brief,
    )


def cite_fields(cite: Cite) -> dict[str, str]:
    """A cite's fields as the form shows them: authors joined by "; ", dates as ISO, none as ""."""
    data = cite.to_json()
    return {key: "; ".join(cite.authors) if key == "authors" else (data.get(key) or "") for key in CITE_FIELDS}


@dataclass(frozen=True, slots=True)
class CitePreview:
    """A typed cite line as the editor's form shows it before the user accepts it: the fields
    it gave, how sure each reading is, and the cite it would make. Nothing is saved."""

    fields: dict[str, str]
    confidence: dict[str, Confidence]
    short: str
    full: str

    def note(self, field: str) -> str:
        """ "(read)" or "(guess: check)" beside a field; nothing for a field the line did not give."""
        return CONFIDENCE_NOTES.get(self.confidence.get(field, ""), "")


def cite_preview(parsed: ParsedCite) -> CitePreview:
    cite = parsed.to_cite(with_text=False)
    return CitePreview(fields=cite_fields(cite), confidence=dict(parsed.confidence), short=parsed.short, full=cite.full)
