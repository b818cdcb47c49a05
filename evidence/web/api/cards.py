"""Cards over JSON: create, read, edit (text, cite, marks), duplicate, delete and restore."""

from __future__ import annotations

from fastapi import APIRouter, status

from evidence.store import cards as card_store
from evidence.web.api.routing import ApiRoute
from evidence.web.api.schemas import CardIn, CardOut, CardPatch, CardRevisionOut, MarkAction, StorableStr
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.params import Limit, Offset, PathId

router = APIRouter(prefix="/cards", tags=["cards"], route_class=ApiRoute)


@router.get("")
def list_cards(
    session: SessionDep, settings: SettingsDep, q: StorableStr | None = None, limit: Limit = 100, offset: Offset = 0
) -> list[CardOut]:
    """Cards, newest first; ``q`` searches tags, cites and text."""
    rows = card_store.list_cards(session, query=q, limit=limit, offset=offset)
    return [CardOut.of(r, settings.words_per_minute) for r in rows]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_card(body: CardIn, session: SessionDep, settings: SettingsDep) -> CardOut:
    """A new card; a ``source_id`` that names no source is refused (422)."""
    card = card_store.build(body.model_dump())
    row = card_store.create(
        session, card, source_id=body.source_id, source_start=body.source_start, source_end=body.source_end
    )
    return CardOut.of(row, settings.words_per_minute)


@router.get("/{card_id}")
def get_card(card_id: PathId, session: SessionDep, settings: SettingsDep) -> CardOut:
    return CardOut.of(card_store.get(session, card_id), settings.words_per_minute)


@router.patch("/{card_id}")
def update_card(card_id: PathId, body: CardPatch, session: SessionDep, settings: SettingsDep) -> CardOut:
    row = card_store.update_fields(session, card_id, body.version, body.changes())
    return CardOut.of(row, settings.words_per_minute)


@router.post("/{card_id}/marks")
def mark_card(card_id: PathId, body: MarkAction, session: SessionDep, settings: SettingsDep) -> CardOut:
    """F9–F12: toggle, apply or clear a mark over a selection given in code points."""
    row = card_store.mark(session, card_id, body.version, **body.selection())
    return CardOut.of(row, settings.words_per_minute)


@router.post("/{card_id}/duplicate", status_code=status.HTTP_201_CREATED)
def duplicate_card(card_id: PathId, session: SessionDep, settings: SettingsDep) -> CardOut:
    return CardOut.of(card_store.duplicate(session, card_id), settings.words_per_minute)


@router.delete("/{card_id}")
def delete_card(card_id: PathId, session: SessionDep, settings: SettingsDep) -> CardOut:
    """Hide the card everywhere; ``POST /restore`` brings it back (the page's undo)."""
    return CardOut.of(card_store.delete(session, card_id), settings.words_per_minute)


@router.post("/{card_id}/restore")
def restore_card(card_id: PathId, session: SessionDep, settings: SettingsDep) -> CardOut:
    return CardOut.of(card_store.restore(session, card_id), settings.words_per_minute)


@router.get("/{card_id}/revisions")
def card_revisions(card_id: PathId, session: SessionDep) -> list[CardRevisionOut]:
    """Every saved version of the card, oldest first."""
    return [
        CardRevisionOut.model_validate({"version": r.version, "created_at": r.created_at, "snapshot": r.snapshot})
        for r in card_store.revisions(session, card_id)
    ]
