"""Sources in, cards out: the cutting pages' services, between the readers and the library.

Reading a paste, file or URL is the readers' job (``evidence.ingest.intake``) and storing is the
store's; the store may not import the readers (their types are not its business), so what uses
both lives here, in the web layer, and the page routes call one function each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from sqlmodel import Session

from evidence.domain import Cite
from evidence.domain.source import Removal, SourceDoc
from evidence.domain.source import restore as restore_removals
from evidence.domain.text import trim_span
from evidence.ingest.fetch import FetchPolicy
from evidence.ingest.intake import Incoming, read_new_source
from evidence.settings import Settings
from evidence.store import cards as card_store
from evidence.store import models
from evidence.store import sources as source_store
from evidence.store.errors import Invalid

#: An HTML paste carries its markup: it may be this many times the plain-text limit.
_HTML_FACTOR = 4


@dataclass(slots=True)
class NewSourceForm:
    """The "new source" form as sent: its text fields, the file if one came, and why it is
    refused before anything is read (a file or paste over its limit), if it is."""

    fields: dict[str, str] = field(default_factory=dict)
    upload: tuple[str, bytes] | None = None
    problem: str | None = None


async def read_new_source_form(request: Request, settings: Settings) -> NewSourceForm:
    """The form, with each part held to its limit while it is read (never a huge part in memory)."""
    limit = settings.max_paste_chars
    async with request.form(max_part_size=limit * _HTML_FACTOR + 1024) as data:
        form = NewSourceForm(fields={k: v for k, v in data.items() if isinstance(v, str)})
        file = data.get("file")
        if file is not None and not isinstance(file, str) and file.filename:
            if (file.size or 0) > settings.max_upload_bytes:
                form.problem = f"{file.filename} is larger than {settings.max_upload_mb} MB (EVIDENCE_MAX_UPLOAD_MB)"
                return form
            form.upload = (file.filename, await file.read())
    for key in ("text", "html"):
        size = len(form.fields.get(key, ""))
        if size > limit * (_HTML_FACTOR if key == "html" else 1):
            form.problem = f"the paste is {size:,} characters; the limit is {limit:,}. Paste a shorter passage."
    return form


def read_source(form: NewSourceForm, settings: Settings) -> Incoming:
    """Whichever input the user filled, read. Blocking (network, parsing): a worker thread's job."""
    return read_new_source(form.fields, form.upload, fetch=FetchPolicy.from_settings(settings))


def store_incoming(
    session: Session, incoming: Incoming, settings: Settings
) -> tuple[list[models.Source], models.Card | None]:
    """Store one source per article; a rich paste that carried marks (an already-cut card from
    Word) also becomes a card with those marks, since a source keeps no formatting."""
    rows = []
    for doc in incoming.docs:
        if len(doc.text) > settings.max_paste_chars:
            raise Invalid(f"the text is {len(doc.text):,} characters; the limit is {settings.max_paste_chars:,}")
        rows.append(source_store.create_from_doc(session, doc))
    card = None
    if incoming.rich is not None and incoming.rich.marks and rows:
        first = incoming.docs[0]
        built = card_store.build({"tag": "", "text": first.text, "cite": first.cite, "marks": incoming.rich.marks})
        card = card_store.create(session, built, source_id=rows[0].id, source_start=0, source_end=len(first.text))
    return rows, card


def restore_source(session: Session, source_id: int, index: int | None) -> models.Source:
    """Put back everything cleaning removed, or the removal numbered ``index`` (from 0)."""
    row = source_store.get(session, source_id)
    removals = [Removal(**r) for r in row.removed]
    if index is not None and index >= len(removals):
        raise Invalid(f"this source has {len(removals)} removed passage(s); there is no number {index + 1} to put back")
    doc = SourceDoc(title=row.title, text=row.text, removed=removals)
    restored = restore_removals(doc, None if index is None else removals[index])
    return source_store.update(
        session, source_id, row.version, {"text": restored.text, "removed": [r.to_json() for r in restored.removed]}
    )


@dataclass(frozen=True, slots=True)
class Cut:
    """A cut: the new card, or the card already cut from exactly this passage (and the passage)."""

    source: models.Source
    start: int
    end: int
    card: models.Card
    existed: bool


def cut_card(session: Session, source_id: int, start: str, end: str, *, again: bool) -> Cut:
    """Cut the selected passage of a source into a new card, unless that exact passage was cut
    before and the user has not said to cut it again."""
    row = source_store.get(session, source_id)
    try:
        first, last = int(start), int(end)
    except ValueError:
        raise Invalid("Select the passage to cut first, then press “Cut card”.") from None
    first, last = trim_span(row.text, first, last)
    if first >= last:
        raise Invalid("The selection holds no words: select the passage to cut, then press “Cut card”.")
    existing = card_store.find_by_span(session, source_id, first, last)
    if existing is not None and not again:
        return Cut(row, first, last, existing, existed=True)
    # The source's metadata becomes the card's cite text once; from then on it is text like any other.
    cite = Cite.from_json(row.cite).with_generated_text()
    card = card_store.build({"tag": "", "text": row.text[first:last], "cite": cite})
    created = card_store.create(session, card, source_id=source_id, source_start=first, source_end=last)
    return Cut(row, first, last, created, existed=False)
