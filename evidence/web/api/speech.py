"""Speech documents over JSON: send to speech, reorder, remove, and the total read time against
the speech's length. The speech page calls these; so can any other client."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from sqlmodel import Session

from evidence.domain.brief_json import node_to_json
from evidence.domain.readtime import read_seconds
from evidence.domain.speech import speech_clock
from evidence.store import speech as speech_store
from evidence.store.errors import Invalid
from evidence.web.api.routing import ApiRoute
from evidence.web.api.schemas import (
    ItemMove,
    SendIn,
    SpeechIn,
    SpeechOut,
    SpeechPatch,
    SpeechSummary,
    Version,
)
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.params import PathId

router = APIRouter(prefix="/speech", tags=["speech"], route_class=ApiRoute)


def speech_json(session: Session, doc_id: int, wpm: int) -> SpeechOut:
    """The doc, its items in order, and the clock: read time, the speech's length, time left."""
    doc = speech_store.get(session, doc_id)
    flat, brief = speech_store.load(session, doc_id)
    items = []
    for row, node in flat:
        data = node_to_json(node)
        data.pop("children", None)
        data["item_id"] = row.id
        data["read_seconds"] = round(read_seconds(getattr(node, "words_read", 0), wpm), 1)
        items.append(data)
    clock = speech_clock(brief.read_seconds(wpm), doc.minutes)
    return SpeechOut.model_validate(
        {
            "id": doc.id,
            "title": doc.title,
            "minutes": doc.minutes,
            "version": doc.version,
            "words_per_minute": wpm,
            "read_seconds": round(clock.read_seconds, 1),
            "limit_seconds": clock.limit_seconds,
            "over_seconds": round(clock.over_seconds, 1),
            "items": items,
        }
    )


@router.get("")
def list_speech_docs(session: SessionDep) -> list[SpeechSummary]:
    docs = speech_store.list_docs(session)
    return [SpeechSummary.model_validate(d, from_attributes=True) for d in docs]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_speech_doc(body: SpeechIn, session: SessionDep, settings: SettingsDep) -> SpeechOut:
    """Start a new speech doc; it becomes the current one that "send to speech" appends to."""
    row = speech_store.create(session, body.title, body.minutes)
    assert row.id is not None
    return speech_json(session, row.id, settings.words_per_minute)


@router.get("/current")
def current_speech_doc(session: SessionDep, settings: SettingsDep) -> SpeechOut:
    row = speech_store.current(session)
    assert row.id is not None
    return speech_json(session, row.id, settings.words_per_minute)


@router.post("/current/items", status_code=status.HTTP_201_CREATED)
def send_to_speech(body: SendIn, session: SessionDep, settings: SettingsDep) -> SpeechOut:
    """Send to speech (the `` ` `` key): append to the current speech doc."""
    row = speech_store.current(session)
    assert row.id is not None
    return send_to_doc(row.id, body, session, settings)


@router.get("/{doc_id}")
def get_speech_doc(doc_id: PathId, session: SessionDep, settings: SettingsDep) -> SpeechOut:
    return speech_json(session, doc_id, settings.words_per_minute)


@router.patch("/{doc_id}")
def update_speech_doc(doc_id: PathId, body: SpeechPatch, session: SessionDep, settings: SettingsDep) -> SpeechOut:
    speech_store.update(session, doc_id, body.version, body.model_dump(exclude_unset=True, exclude={"version"}))
    return speech_json(session, doc_id, settings.words_per_minute)


@router.delete("/{doc_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
def delete_speech_doc(doc_id: PathId, session: SessionDep) -> None:
    speech_store.delete(session, doc_id)


@router.post("/{doc_id}/items", status_code=status.HTTP_201_CREATED)
def send_to_doc(doc_id: PathId, body: SendIn, session: SessionDep, settings: SettingsDep) -> SpeechOut:
    if body.card_id is not None:
        speech_store.send_card(session, doc_id, body.card_id)
    elif body.node_id is not None and body.brief_id is not None:
        speech_store.send_node(session, doc_id, body.brief_id, body.node_id)
    elif body.text is not None:
        speech_store.send_analytic(session, doc_id, body.text)
    else:
        raise Invalid("send a card_id, a brief_id with a node_id, or an analytic's text")
    return speech_json(session, doc_id, settings.words_per_minute)


@router.post("/{doc_id}/items/{item_id}/move")
def move_speech_item(
    doc_id: PathId, item_id: PathId, body: ItemMove, session: SessionDep, settings: SettingsDep
) -> SpeechOut:
    speech_store.move_item(session, doc_id, body.version, item_id, body.position)
    return speech_json(session, doc_id, settings.words_per_minute)


@router.delete("/{doc_id}/items/{item_id}")
def remove_speech_item(
    doc_id: PathId, item_id: PathId, version: Version, session: SessionDep, settings: SettingsDep
) -> SpeechOut:
    """``?version=`` is the speech doc version the removal is based on."""
    speech_store.remove_item(session, doc_id, version, item_id)
    return speech_json(session, doc_id, settings.words_per_minute)
