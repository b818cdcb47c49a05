"""Cards in the database: create, edit with optimistic concurrency, mark, delete with undo."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from evidence.domain import Card, Cite, Mark, MarkError, MarkKind
from evidence.domain import marks as mk
from evidence.domain.card import check_mark_count, check_tag
from evidence.domain.labels import normalize_label
from evidence.domain.marks import BODY_KINDS
from evidence.store import models
from evidence.store.errors import Invalid, NotFound
from evidence.store.models import utcnow
from evidence.store.search import search
from evidence.store.versioning import bump

EDITABLE = ("tag", "label", "cite", "text", "marks", "tag_marks", "notes")


def to_domain(row: models.Card) -> Card:
    notes = row.notes or {}
    return Card(
        tag=row.tag,
        text=row.text,
        cite=Cite.from_json(row.cite),
        marks=tuple(Mark.from_json(m) for m in row.marks),
        label=row.label,
        id=row.id,
        tag_marks=tuple(Mark.from_json(m) for m in row.tag_marks or ()),
        notes=notes.get("text", ""),
        notes_marks=tuple(Mark.from_json(m) for m in notes.get("marks", ())),
    )


def snapshot(row: models.Card) -> dict[str, Any]:
    data = {"tag": row.tag, "label": row.label, "cite": row.cite, "text": row.text, "marks": row.marks}
    if row.tag_marks:
        data["tag_marks"] = row.tag_marks
    if row.notes:
        data["notes"] = row.notes
    return data


def _notes(card: Card) -> dict[str, Any] | None:
    if not card.notes:
        return None
    return {"text": card.notes, "marks": [m.to_json() for m in card.notes_marks]}


def _checked(card: Card) -> dict[str, Any]:
    return {
        "tag": card.tag,
        "label": normalize_label(card.label),
        "cite": _cite_fields(card.cite),
        "text": card.text,
        "marks": [m.to_json() for m in card.marks],
        "tag_marks": [m.to_json() for m in card.tag_marks] or None,
        "notes": _notes(card),
    }


def _cite_fields(cite: Cite) -> dict[str, Any]:
    """The cite as stored: its text and marks (the cite as written) and its fields; ``short``
    only when it was given explicitly, since otherwise it is derived on every read."""
    data = cite.to_json()
    if cite.given_short is None:
        data.pop("short", None)
    return data


def build(data: Mapping[str, Any], *, typed_tag: bool = True) -> Card:
    """A domain card from API/import input; every problem becomes one clear Invalid message.

    ``typed_tag``: the tag is what a user just typed, so it is held to the tag limit (a tag that
    came with an imported file is not, and editing the rest of that card must still work).
    """
    try:
        if typed_tag:
            check_tag(str(data.get("tag") or ""))
        text = data.get("text") or ""
        if not isinstance(text, str):
            raise Invalid("text must be a string")
        marks = data.get("marks") or []
        if not isinstance(marks, list):
            raise Invalid("marks must be a list")
        check_mark_count(len(marks))  # before parsing each one
        cite = data.get("cite")
        tag_marks = data.get("tag_marks") or []
        notes = data.get("notes") or {}
        if not isinstance(tag_marks, list):
            raise Invalid("tag_marks must be a list")
        if not isinstance(notes, Mapping) or not isinstance(notes.get("text", ""), str):
            raise Invalid("notes must be an object with text and marks")
        notes_marks = notes.get("marks") or []
        if not isinstance(notes_marks, list):
            raise Invalid("notes.marks must be a list")
        return Card(
            tag=str(data.get("tag") or ""),
            text=text,
            cite=cite if isinstance(cite, Cite) else Cite.from_json(cite),
            marks=tuple(m if isinstance(m, Mark) else Mark.from_json(m) for m in marks),
            label=normalize_label(data.get("label")),
            tag_marks=tuple(m if isinstance(m, Mark) else Mark.from_json(m) for m in tag_marks),
            notes=notes.get("text", ""),
            notes_marks=tuple(m if isinstance(m, Mark) else Mark.from_json(m) for m in notes_marks),
        )
    except (MarkError, ValueError) as exc:
        if isinstance(exc, Invalid):
            raise
        raise Invalid(str(exc)) from None


def create(
    session: Session,
    card: Card,
    *,
    source_id: int | None = None,
    source_start: int | None = None,
    source_end: int | None = None,
) -> models.Card:
    if source_id is not None and session.get(models.Source, source_id) is None:
        raise Invalid(f"source {source_id} does not exist (cut the card from a stored source, or leave source_id out)")
    row = models.Card(**_checked(card), source_id=source_id, source_start=source_start, source_end=source_end)
    session.add(row)
    session.flush()
    _record(session, row)
    return row


def get(session: Session, card_id: int, *, include_deleted: bool = False) -> models.Card:
    row = session.get(models.Card, card_id)
    if row is None or (row.deleted_at is not None and not include_deleted):
        raise NotFound(f"card {card_id} does not exist")
    return row


def live_by_id(session: Session, card_ids: list[int]) -> dict[int, models.Card]:
    """The cards with these ids in one query, leaving out deleted ones: briefs and speech docs
    hide a deleted card until it is restored."""
    if not card_ids:
        return {}
    stmt = select(models.Card).where(col(models.Card.id).in_(card_ids), col(models.Card.deleted_at).is_(None))
    return {row.id: row for row in session.exec(stmt) if row.id is not None}


def list_cards(session: Session, *, query: str | None = None, limit: int = 100, offset: int = 0) -> list[models.Card]:
    """Cards, newest first; with a ``query``, the best matches first (the search box's syntax:
    :func:`evidence.store.search.search`, which searches tags, cites and card text)."""
    if query:
        found = [hit.card_id for hit in search(session, query, limit=limit, offset=offset).results]
        rows = live_by_id(session, found)
        return [rows[card_id] for card_id in found if card_id in rows]
    stmt = select(models.Card).where(col(models.Card.deleted_at).is_(None))
    stmt = stmt.order_by(col(models.Card.created_at).desc(), col(models.Card.id).desc()).offset(offset).limit(limit)
    return list(session.exec(stmt))


def find_by_span(session: Session, source_id: int, start: int, end: int) -> models.Card | None:
    """The card already cut from exactly this passage, so cutting twice offers it back."""
    stmt = select(models.Card).where(
        models.Card.source_id == source_id,
        models.Card.source_start == start,
        models.Card.source_end == end,
        col(models.Card.deleted_at).is_(None),
    )
    return session.exec(stmt).first()


def update_fields(session: Session, card_id: int, version: int, changes: Mapping[str, Any]) -> models.Card:
    """Apply edits made on top of ``version``; a stale version raises Conflict naming what changed.

    A new text without new marks carries the old marks across the edit (remap), so fixing a typo
    never drops highlighting.
    """
    row = get(session, card_id)
    current = to_domain(row)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Invalid(f"cannot change {', '.join(sorted(unknown))} (editable: {', '.join(EDITABLE)})")
    merged: dict[str, Any] = {
        "tag": current.tag,
        "label": current.label,
        "cite": current.cite,
        "text": current.text,
        "marks": list(current.marks),
        "tag_marks": list(current.tag_marks),
        "notes": {"text": current.notes, "marks": list(current.notes_marks)},
    }
    merged.update(changes)
    new_cite = changes.get("cite")
    if isinstance(new_cite, Mapping) and "text" not in new_cite and current.cite.text is not None:
        # Fields edited on a cite that came as written: the written cite stays the cite
        # (the fields are metadata about it), and so does a short given for it.
        merged["cite"] = {
            "short": current.cite.given_short,
            **new_cite,
            "text": current.cite.text,
            "marks": [m.to_json() for m in current.cite.marks],
        }
    if "tag" in changes and "tag_marks" not in changes and isinstance(changes["tag"], str):
        merged["tag_marks"] = list(mk.remap(current.tag, changes["tag"], current.tag_marks))
    if "text" in changes and "marks" not in changes:
        if not isinstance(changes["text"], str):
            raise Invalid("text must be a string")
        merged["marks"] = list(current.edit_text(changes["text"]).marks)
    new = build(merged, typed_tag="tag" in changes)
    return _write(session, row, version, _checked(new), what=sorted(changes))


def mark(
    session: Session,
    card_id: int,
    version: int,
    *,
    action: str,
    kind: str | None,
    start: int,
    end: int,
    color: str | None = None,
) -> models.Card:
    """F9–F12 on the server: the browser sends a selection, the domain decides what it means."""
    row = get(session, card_id)
    card = to_domain(row)
    try:
        if action == "clear":
            new = card.clear(start, end)
        else:
            try:
                mark_kind = MarkKind(kind or "")
                if mark_kind not in BODY_KINDS:
                    raise ValueError(kind)
            except ValueError:
                known = ", ".join(k.value for k in MarkKind if k in BODY_KINDS)
                raise Invalid(f"unknown mark kind {kind!r} ({known})") from None
            if action == "toggle":
                new = card.toggle(mark_kind, start, end, color)
            elif action == "apply":
                new = card.apply(mark_kind, start, end, color)
            else:
                raise Invalid(f"unknown action {action!r} (toggle, apply or clear)")
    except MarkError as exc:
        raise Invalid(str(exc)) from None
    return _write(session, row, version, {"marks": [m.to_json() for m in new.marks]}, what=["marks"])


def _write(session: Session, row: models.Card, version: int, values: dict[str, Any], *, what: list[str]) -> models.Card:
    assert row.id is not None
    bump(
        session,
        models.Card,
        row.id,
        version,
        what="card",
        conflict=lambda current: _conflict_message(session, row, version, current),
        values=values,
    )
    session.refresh(row)
    _record(session, row)
    return row


def _record(session: Session, row: models.Card) -> None:
    assert row.id is not None
    session.add(models.CardRevision(card_id=row.id, version=row.version, snapshot=snapshot(row)))
    session.flush()


def _conflict_message(session: Session, row: models.Card, version: int, current: int) -> str:
    session.refresh(row)
    old = session.exec(
        select(models.CardRevision).where(models.CardRevision.card_id == row.id, models.CardRevision.version == version)
    ).first()
    now = snapshot(row)
    if old is None:
        changed = "unknown fields"
    else:
        names = {
            "tag": "the tag",
            "label": "the label",
            "cite": "the cite",
            "text": "the text",
            "marks": "the marks",
            "tag_marks": "the tag's marks",
            "notes": "the notes before the cite",
        }
        diffs = [names[k] for k in names if old.snapshot.get(k) != now.get(k)]
        changed = ", ".join(diffs) or "nothing visible"
    return (
        f"This card was changed elsewhere (your version {version}, now {current}: {changed} changed). "
        "Reload to see the latest before editing again; nothing was overwritten."
    )


def delete(session: Session, card_id: int) -> models.Card:
    row = get(session, card_id)
    row.deleted_at = utcnow()
    session.add(row)
    session.flush()
    return row


def restore(session: Session, card_id: int) -> models.Card:
    row = get(session, card_id, include_deleted=True)
    row.deleted_at = None
    session.add(row)
    session.flush()
    return row


def duplicate(session: Session, card_id: int) -> models.Card:
    row = get(session, card_id)
    return create(session, to_domain(row), source_id=row.source_id, source_start=None, source_end=None)


def revisions(session: Session, card_id: int) -> list[models.CardRevision]:
    get(session, card_id, include_deleted=True)
    stmt = (
        select(models.CardRevision)
        .where(models.CardRevision.card_id == card_id)
        .order_by(col(models.CardRevision.version))
    )
    return list(session.exec(stmt))
