"""Pages for cards: the card editor and "my evidence" (list, delete with undo, duplicate).

The editor writes marks (F9–F12, undo, redo) through the JSON API (``/api/cards/{id}``) and
then asks ``/cards/{id}/state`` for the re-rendered body, counts and cite line, so marks are
drawn by one renderer and counted by the domain, never by the page's script. What only a form
can say (a tag with doubled spaces, a date typed "9-16-2021", authors separated by ";", a cite
line) is posted to ``/cards/{id}/fields``, read by ``evidence.web.forms``, and answered with the
same fragment. A stale version is refused with 409 everywhere; the editor's script asks for
errors as JSON (``{"detail": …}``, as the API gives them) and shows them in its conflict box.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from evidence.domain.labels import STANDARD_LABELS
from evidence.domain.marks import DEFAULT_HIGHLIGHT, HIGHLIGHT_COLORS
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store import models
from evidence.store.errors import Invalid
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.forms import card_changes, cite_line
from evidence.web.pages.fragments import form_int
from evidence.web.params import PathId
from evidence.web.presenters import CardView, card_view, cite_preview
from evidence.web.templating import templates

router = APIRouter(include_in_schema=False)

#: The longest cite line the preview reads (a real one is a few hundred characters).
_CITE_LINE_MAX = 10_000


def _editor_state(request: Request, view: CardView, *, cite_changed: bool = False) -> HTMLResponse:
    context = {"view": view, "cite_changed": cite_changed}
    return templates.TemplateResponse(request, "cutting/_card_state.html", context)


# ---------------------------------------------------------------------------------------------
# The card editor
# ---------------------------------------------------------------------------------------------


@router.get("/cards/{card_id}", response_class=HTMLResponse)
def card_editor(request: Request, card_id: PathId, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    view = card_view(card_store.get(session, card_id), settings.words_per_minute)
    context = {
        "view": view,
        "colors": HIGHLIGHT_COLORS,
        "default_color": DEFAULT_HIGHLIGHT,
        "labels": STANDARD_LABELS,
        "from_paste": request.query_params.get("from_paste") == "1",
    }
    return templates.TemplateResponse(request, "cutting/editor.html", context)


@router.get("/cards/{card_id}/state", response_class=HTMLResponse)
def card_state(request: Request, card_id: PathId, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """The body, version, counts and cite line as stored: what the editor shows after a mark."""
    return _editor_state(request, card_view(card_store.get(session, card_id), settings.words_per_minute))


@router.post("/cards/{card_id}/fields", response_class=HTMLResponse)
async def card_fields(request: Request, card_id: PathId, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """Tag, label and cite edits as the form typed them, on top of the form's ``version``."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    version = form_int(form, "version", 1)
    if version is None:
        raise Invalid("this page did not say which version of the card it shows; reload it")
    changes = card_changes(form)
    row = card_store.update_fields(session, card_id, version, changes)
    return _editor_state(request, card_view(row, settings.words_per_minute), cite_changed="cite" in changes)


@router.get("/cards/{card_id}/cite-preview", response_class=HTMLResponse)
def card_cite_preview(
    request: Request,
    card_id: PathId,
    line: Annotated[str, Query(max_length=_CITE_LINE_MAX, description="a typed or pasted cite line")],
) -> HTMLResponse:
    """A cite line read into the form's fields, each with how sure the reading is; nothing is
    saved, and the box keeps the line until the user accepts it."""
    parsed = cite_line({"cite_line": line})
    if parsed is None:
        raise Invalid("type or paste a cite line first")
    return templates.TemplateResponse(request, "cutting/_cite_preview.html", {"preview": cite_preview(parsed)})


# ---------------------------------------------------------------------------------------------
# "My evidence"
# ---------------------------------------------------------------------------------------------


def _listed(session: Session, rows: list[models.Card], wpm: int) -> list[CardView]:
    """Cards as the list shows them, each with the briefs it sits in."""
    used = brief_store.memberships(session, [r.id for r in rows if r.id is not None])
    return [card_view(r, wpm, briefs=used.get(r.id or 0, [])) for r in rows]


@router.get("/cards", response_class=HTMLResponse)
def cards_list(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    views = _listed(session, list(card_store.list_cards(session, limit=500)), settings.words_per_minute)
    return templates.TemplateResponse(request, "cutting/cards.html", {"cards": views})


def _row_response(request: Request, session: Session, row: models.Card, wpm: int, *, deleted: bool) -> Response:
    """The list row again (htmx), or the list (a browser without scripts)."""
    if request.headers.get("HX-Request") != "true":
        return RedirectResponse("/cards", status_code=303)
    [view] = _listed(session, [row], wpm)
    block = "deleted_row" if deleted else "card_row"
    return templates.TemplateResponse(request, "cutting/cards.html", {"card": view}, block_name=block)


@router.post("/cards/{card_id}/delete", response_model=None)
def card_delete(request: Request, card_id: PathId, session: SessionDep, settings: SettingsDep) -> Response:
    row = card_store.delete(session, card_id)
    return _row_response(request, session, row, settings.words_per_minute, deleted=True)


@router.post("/cards/{card_id}/restore", response_model=None)
def card_restore(request: Request, card_id: PathId, session: SessionDep, settings: SettingsDep) -> Response:
    row = card_store.restore(session, card_id)
    return _row_response(request, session, row, settings.words_per_minute, deleted=False)


@router.post("/cards/{card_id}/duplicate", response_model=None)
def card_duplicate(card_id: PathId, session: SessionDep) -> Response:
    row = card_store.duplicate(session, card_id)
    return RedirectResponse(f"/cards/{row.id}", status_code=303)
