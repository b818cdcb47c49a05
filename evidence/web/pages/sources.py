"""Pages for sources: the list, bringing one in (paste, rich paste, file or URL), reading it,
putting back what cleaning removed, and cutting a selected passage into a card.

Each route parses the request, calls one service (``evidence.web.intake``) and renders; the
browser's part (turning a selection into offsets) is ``static/js/source-page.js``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from evidence.domain import Cite
from evidence.ingest.report import IngestError
from evidence.store import sources as source_store
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.intake import cut_card, read_new_source_form, read_source, restore_source, store_incoming
from evidence.web.params import MAX_INT, PathId
from evidence.web.presenters import card_view
from evidence.web.render import render_plain
from evidence.web.templating import templates

router = APIRouter(include_in_schema=False)

#: A paste this long is not echoed back into the form after a refusal (the user still has it).
_ECHO_LIMIT = 100_000


def see_other(url: str) -> RedirectResponse:
    # SessionDep commits before the response leaves, so the page the browser follows finds the write.
    return RedirectResponse(url, status_code=303)


@router.get("/sources", response_class=HTMLResponse)
def sources_list(request: Request, session: SessionDep) -> HTMLResponse:
    rows = source_store.list_sources(session, limit=200)
    return templates.TemplateResponse(request, "cutting/sources.html", {"sources": rows})


@router.get("/sources/new", response_class=HTMLResponse)
def source_new(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "cutting/source_new.html", {"error": None, "form": {}})


@router.post("/sources", response_model=None)
async def source_create(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    form = await read_new_source_form(request, settings)
    if form.problem is not None:
        return _new_source_error(request, form.fields, form.problem)
    # Fetching a page, reading a file and writing to the library are slow or may wait on a lock:
    # a worker thread does them, so the server keeps answering everyone else meanwhile.
    try:
        incoming = await run_in_threadpool(read_source, form, settings)
    except IngestError as exc:
        return _new_source_error(request, form.fields, str(exc))
    rows, card = await run_in_threadpool(store_incoming, session, incoming, settings)
    if card is not None:
        return see_other(f"/cards/{card.id}?from_paste=1")
    if len(rows) > 1:
        return see_other(f"/sources/{rows[0].id}?articles={len(rows)}")
    return see_other(f"/sources/{rows[0].id}")


def _new_source_error(request: Request, form: dict[str, Any], message: str) -> HTMLResponse:
    kept = {k: v for k, v in form.items() if k in {"title", "url"} or len(v) < _ECHO_LIMIT}
    return templates.TemplateResponse(
        request, "cutting/source_new.html", {"error": message, "form": kept}, status_code=422
    )


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_view(
    request: Request,
    source_id: PathId,
    session: SessionDep,
    articles: Annotated[int, Query(ge=1, le=10_000, description="how many articles the paste held")] = 1,
) -> HTMLResponse:
    row = source_store.get(session, source_id)
    cite = Cite.from_json(row.cite)
    return templates.TemplateResponse(
        request,
        "cutting/source.html",
        {
            "source": row,
            "body": render_plain(row.text),
            "length": len(row.text),
            "cite_short": cite.short,
            "cite_full": cite.full,
            "removed": row.removed,
            "articles": articles,
        },
    )


@router.post("/sources/{source_id}/restore", response_model=None)
def source_restore(
    source_id: PathId,
    session: SessionDep,
    index: Annotated[int | None, Form(ge=0, le=MAX_INT, description="which removal; none: all")] = None,
) -> Response:
    """Put back everything cleaning removed (one click), or one removal by its index."""
    restore_source(session, source_id, index)
    return see_other(f"/sources/{source_id}")


@router.post("/sources/{source_id}/cut", response_model=None)
def source_cut(
    request: Request,
    source_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    start: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "",
    again: Annotated[str, Form()] = "",
) -> Response:
    cut = cut_card(session, source_id, start, end, again=again == "1")
    if not cut.existed:
        return see_other(f"/cards/{cut.card.id}")
    return templates.TemplateResponse(
        request,
        "cutting/already_cut.html",
        {
            "card": card_view(cut.card, settings.words_per_minute),
            "source": cut.source,
            "start": cut.start,
            "end": cut.end,
        },
    )
