"""The speech doc page and the upload page: pages whose writes all go through the JSON API
(``/api/speech…``, ``/api/imports``); these routes only render."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from evidence.domain import Analytic, Card, Heading
from evidence.ingest.files import SUPPORTED
from evidence.store import speech as speech_store
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.pages.briefs import HIGHLIGHT_CHOICES, card_view
from evidence.web.params import PathId
from evidence.web.templating import templates
from exports.text import heading_title

router = APIRouter(include_in_schema=False)


def speech_context(session: Session, doc_id: int, wpm: int) -> dict[str, Any]:
    """The doc's items in order with their read times, and the clock against the speech length."""
    doc = speech_store.get(session, doc_id)
    flat, brief = speech_store.load(session, doc_id)
    items = []
    for row, node in flat:
        item: dict[str, Any] = {"id": row.id, "type": row.type}
        if isinstance(node, Heading):
            item.update(title=heading_title(node), seconds=None)
        elif isinstance(node, Analytic):
            item.update(text=node.text, seconds=node.read_seconds(wpm))
        else:
            assert isinstance(node, Card)
            item.update(card=card_view(node, []), seconds=node.read_seconds(wpm))
        items.append(item)
    total = brief.read_seconds(wpm)
    limit = doc.minutes * 60
    return {
        "doc": doc,
        "items": items,
        "wpm": wpm,
        "total": total,
        "limit": limit,
        "over": max(0.0, total - limit),
        "left": max(0.0, limit - total),
        "percent": min(100, round(100 * total / limit)) if limit else 0,
        "lengths": speech_store.SPEECH_LENGTHS,
        "docs": speech_store.list_docs(session),
        "highlights": HIGHLIGHT_CHOICES,
    }


@router.get("/speech", response_class=HTMLResponse)
def speech_current(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    doc = speech_store.current(session)
    assert doc.id is not None
    context = speech_context(session, doc.id, settings.words_per_minute)
    return templates.TemplateResponse(request, "speech/speech.html", context)


@router.get("/speech/{doc_id}", response_class=HTMLResponse)
def speech_page(request: Request, doc_id: PathId, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    context = speech_context(session, doc_id, settings.words_per_minute)
    return templates.TemplateResponse(request, "speech/speech.html", context)


@router.get("/speech/{doc_id}/items", response_class=HTMLResponse)
def speech_items(request: Request, doc_id: PathId, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """The list and the clock alone, for the page's script to swap in after a change."""
    context = speech_context(session, doc_id, settings.words_per_minute)
    return templates.TemplateResponse(request, "speech/speech.html", context, block_name="items")


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    context = {"supported": SUPPORTED, "max_mb": settings.max_upload_mb}
    return templates.TemplateResponse(request, "briefs/import.html", context)
