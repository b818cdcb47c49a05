"""The speech doc page: the list in order with its clock, reordered and trimmed by htmx requests
to the routes here, and "send to speech" from the brief page.

Each write calls the same store service as the JSON API, carries the doc's version (a send is an
append and needs none), and answers with the list again and, out of band, the clock and the
status line; a stale version answers 409 with the conflict box and the latest list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from evidence.domain import Analytic, Card, Heading
from evidence.domain.headers import heading_title
from evidence.domain.speech import SPEECH_LENGTHS, SpeechClock, speech_clock
from evidence.store import speech as speech_store
from evidence.store.errors import Conflict, Invalid
from evidence.store.speech_models import SpeechDoc
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.pages.fragments import attempt, form_int, redirect, refusal, render, retarget, status_line
from evidence.web.pages.outline_view import HIGHLIGHT_CHOICES, is_heading
from evidence.web.params import PathId
from evidence.web.presenters import CardView

router = APIRouter(include_in_schema=False)
STATUS_ID = "speech-status"


def clock_of(session: Session, doc: SpeechDoc, wpm: int) -> tuple[list[dict[str, Any]], SpeechClock]:
    """The doc's items in order with their read times, and its clock."""
    assert doc.id is not None
    flat, brief = speech_store.load(session, doc.id)
    items = []
    for row, node in flat:
        item: dict[str, Any] = {"id": row.id, "type": row.type, "is_heading": is_heading(row.type)}
        if isinstance(node, Heading):
            item.update(title=heading_title(node), seconds=None, name=f"{row.type.capitalize()}: {heading_title(node)}")
        elif isinstance(node, Analytic):
            item.update(text=node.text, seconds=node.read_seconds(wpm), name=f"Analytic: {node.text}")
        else:
            assert isinstance(node, Card)
            view = CardView(node, wpm)
            item.update(card=view, seconds=view.read_seconds, name=f"Card: {view.tag}")
        items.append(item)
    return items, speech_clock(brief.read_seconds(wpm), doc.minutes)


def speech_context(session: Session, doc_id: int, wpm: int) -> dict[str, Any]:
    doc = speech_store.get(session, doc_id)
    items, clock = clock_of(session, doc, wpm)
    return {
        "doc": doc,
        "items": items,
        "wpm": wpm,
        "clock": clock,
        "lengths": SPEECH_LENGTHS,
        "docs": speech_store.list_docs(session),
        "highlights": HIGHLIGHT_CHOICES,
        "status_id": STATUS_ID,
        "focus": None,
    }


def _version(value: str) -> int:
    version = form_int({"version": value}, "version", 1)
    if version is None:
        raise Invalid("this page did not say which version of the speech doc it shows; reload it")
    return version


def _write(
    request: Request,
    session: Session,
    settings: Any,
    doc_id: int,
    version: str,
    write: Callable[[int], Any],
    message: str,
    focus: int | None = None,
) -> Response:
    """Run ``write(version)`` and answer with the list, the clock and the status, or the refusal."""
    result = attempt(session, lambda: write(_version(version)))
    context = speech_context(session, doc_id, settings.words_per_minute)
    if isinstance(result, Conflict):
        context.update(conflict=str(result), message="Not saved: the speech doc changed elsewhere.", kind="error")
        return retarget(render(request, "speech/_changed.html", context, status_code=409), "#conflict")
    if isinstance(result, Exception):
        return refusal(request, result, STATUS_ID)
    ids = [item["id"] for item in context["items"]]
    if focus is not None and ids:
        context["focus"] = ids[max(0, min(focus, len(ids) - 1))]
    context.update(conflict=None, message=message, kind="ok")
    return render(request, "speech/_changed.html", context)


# Pages ----------------------------------------------------------------------------------------
@router.get("/speech", response_class=HTMLResponse)
def speech_current(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    doc = speech_store.current(session)
    assert doc.id is not None
    return render(request, "speech/speech.html", speech_context(session, doc.id, settings.words_per_minute))


@router.get("/speech/{doc_id}", response_class=HTMLResponse)
def speech_page(request: Request, doc_id: PathId, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    return render(request, "speech/speech.html", speech_context(session, doc_id, settings.words_per_minute))


@router.get("/speech/{doc_id}/items", response_class=HTMLResponse)
def speech_items(request: Request, doc_id: PathId, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """The list and the clock as they are now (the conflict box's "Reload" action)."""
    context = speech_context(session, doc_id, settings.words_per_minute)
    context.update(conflict=None, message="Reloaded: this is the latest version.", kind="ok")
    return render(request, "speech/_changed.html", context)


# Writes ---------------------------------------------------------------------------------------
@router.post("/speech", response_model=None)
def new_speech_doc(session: SessionDep, minutes: Annotated[int, Form()] = 8) -> Response:
    """Start a new speech doc (it becomes the one "send to speech" appends to) and go to it."""
    row = speech_store.create(session, "Speech doc", minutes)
    return redirect(f"/speech/{row.id}")


@router.patch("/speech/{doc_id}", response_model=None)
def speech_settings(
    request: Request,
    doc_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    title: Annotated[str, Form()] = "",
    minutes: Annotated[int, Form()] = 8,
    version: Annotated[str, Form()] = "",
) -> Response:
    changes = {"title": title, "minutes": minutes}
    return _write(
        request,
        session,
        settings,
        doc_id,
        version,
        lambda v: speech_store.update(session, doc_id, v, changes),
        "Saved.",
    )


@router.post("/speech/{doc_id}/items/{item_id}/step", response_model=None)
def step_item(
    request: Request,
    doc_id: PathId,
    item_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    direction: Annotated[str, Form(pattern="^(up|down)$")],
    version: Annotated[str, Form()] = "",
) -> Response:
    """Ctrl+Alt+Up/Down or the arrow buttons: one place up or down the list."""
    ids = [row.id for row in speech_store.items(session, doc_id)]
    if item_id not in ids:
        return refusal(request, Invalid(f"item {item_id} is not in this speech doc; reload the page"), STATUS_ID)
    to = ids.index(item_id) + (-1 if direction == "up" else 1)
    if not 0 <= to < len(ids):
        return status_line(request, STATUS_ID, "Already at the edge.", "warn", 200)
    return _write(
        request,
        session,
        settings,
        doc_id,
        version,
        lambda v: speech_store.move_item(session, doc_id, v, item_id, to),
        "Moved.",
        focus=to,
    )


@router.delete("/speech/{doc_id}/items/{item_id}", response_model=None)
def remove_item(
    request: Request,
    doc_id: PathId,
    item_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    version: Annotated[str, Query()] = "",
) -> Response:
    ids = [row.id for row in speech_store.items(session, doc_id)]
    index = ids.index(item_id) if item_id in ids else 0
    return _write(
        request,
        session,
        settings,
        doc_id,
        version,
        lambda v: speech_store.remove_item(session, doc_id, v, item_id),
        "Removed from the speech doc.",
        focus=index,
    )


@router.post("/speech/current/items", response_model=None)
def send_to_speech(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    card_id: Annotated[int | None, Form(ge=1)] = None,
    brief_id: Annotated[int | None, Form(ge=1)] = None,
    node_id: Annotated[int | None, Form(ge=1)] = None,
    status_id: Annotated[str, Form(pattern="^[a-z-]+$")] = "brief-status",
) -> Response:
    """The `` ` `` key or a Speech button: append to the current doc; the toast shows its clock."""
    doc = speech_store.current(session)
    assert doc.id is not None
    doc_id = doc.id
    if card_id is not None:
        result = attempt(session, lambda: speech_store.send_card(session, doc_id, card_id))
    elif brief_id is not None and node_id is not None:
        result = attempt(session, lambda: speech_store.send_node(session, doc_id, brief_id, node_id))
    else:
        result = Invalid("send a card, or an item of a brief")
    if isinstance(result, Exception):
        return refusal(request, result, status_id)
    _items, clock = clock_of(session, speech_store.get(session, doc_id), settings.words_per_minute)
    return render(request, "fragments/toast.html", {"doc": doc, "clock": clock, "status_id": status_id})
