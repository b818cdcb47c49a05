"""The brief editor: the outline in Verbatim's look, with headings, analytics, cards from my
evidence, moves by drag and by Ctrl+Alt+Up/Down, read time, downloads and a print view.

Every edit on the page is an htmx request to a route here, carrying the version the page was
rendered from. The route calls the same store service as the JSON API and answers with the
outline rendered again, plus out-of-band pieces: the read time and card count, the "Put it in"
choices, the status line. A stale version answers 409 with the conflict box and the latest
outline, so nothing is overwritten and the next try works. Where a moved or dropped item goes is
the domain's rule (:mod:`evidence.domain.moves`); the browser only says what was pressed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from evidence.domain import moves
from evidence.domain.labels import STANDARD_LABELS
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store.errors import Conflict, Invalid
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.pages.fragments import attempt, form_int, form_text, redirect, refusal, render, retarget
from evidence.web.pages.outline_view import HIGHLIGHT_CHOICES, LEVELS, Outline, is_heading, load_outline
from evidence.web.params import PathId, Wpm

router = APIRouter(include_in_schema=False)

#: The "Put it in" choices: one per adding form, each remembered across every swap.
WHERE_FIELDS = ("where_heading", "where_analytic", "where_card")
STATUS_ID = "brief-status"


@dataclass(slots=True)
class PageState:
    """What every request from the brief page carries: the version the page shows, its
    speaking rate, the "Put it in" choices and the card search, so the answer keeps them."""

    version: int | None
    wpm: int
    where: dict[str, int | None]
    q: str

    @property
    def base(self) -> int:
        if self.version is None:
            raise Invalid("this page did not say which version of the brief it shows; reload it")
        return self.version


def _wpm(value: int | None, default: int) -> int:
    return value if value is not None and 50 <= value <= 600 else default


async def page_state(request: Request, settings: SettingsDep) -> PageState:
    data: Mapping[str, Any] = request.query_params if request.method in {"GET", "DELETE"} else await request.form()
    return PageState(
        version=form_int(data, "version", 1),
        wpm=_wpm(form_int(data, "wpm"), settings.words_per_minute),
        where={name: form_int(data, name, 1) for name in WHERE_FIELDS},
        q=form_text(data, "q")[:200],
    )


StateDep = Annotated[PageState, Depends(page_state)]


def _context(outline: Outline, state: PageState | None = None) -> dict[str, Any]:
    where = state.where if state else dict.fromkeys(WHERE_FIELDS)
    headings = {item.node_id for item in outline.headings()}
    return {
        "outline": outline,
        "brief": outline.row,
        "items": outline.items,
        "wpm": outline.wpm,
        "levels": LEVELS,
        "labels": STANDARD_LABELS,
        "highlights": HIGHLIGHT_CHOICES,
        # A chosen heading that is gone (removed, or elsewhere) falls back to the brief's end.
        "where": {name: value if value in headings else None for name, value in where.items()},
        "status_id": STATUS_ID,
    }


def _changed(
    request: Request,
    session: Session,
    brief_id: int,
    state: PageState,
    message: str,
    *,
    focus: int | None = None,
    picker: bool = False,
) -> Response:
    """The answer to a write that went through: the outline again, and around it (out of band)
    the counters, the "Put it in" choices, the status line, the cleared conflict box."""
    context = _context(load_outline(session, brief_id, state.wpm), state)
    context.update(message=message, kind="ok", focus=focus, conflict=None)
    if picker:
        context["picker"] = _picker_results(session, brief_id, state.q, state.wpm)
    return render(request, "briefs/_changed.html", context)


def _refused(request: Request, session: Session, brief_id: int, state: PageState, exc: Exception) -> Response:
    """A stale version: the conflict box, with the latest outline out of band so the page is
    current again; any other refusal: the status line says why, nothing else moves."""
    if not isinstance(exc, Conflict):
        return refusal(request, exc, STATUS_ID)
    context = _context(load_outline(session, brief_id, state.wpm), state)
    context.update(message="Not saved: the brief changed elsewhere.", kind="error", focus=None, conflict=str(exc))
    response = render(request, "briefs/_changed.html", context, status_code=409)
    return retarget(response, "#conflict")


def _write(
    request: Request,
    session: Session,
    brief_id: int,
    state: PageState,
    write: Callable[[int], Any],
    message: str,
    *,
    focus: int | Callable[[Any], int | None] | None = None,
    picker: bool = False,
) -> Response:
    """Run ``write(version)`` on the store and answer with the changed page or the refusal.
    ``focus`` is the node id to focus afterwards, or a function of what the write returned."""
    result = attempt(session, lambda: write(state.base))
    if isinstance(result, Exception):
        return _refused(request, session, brief_id, state, result)
    node = focus(result) if callable(focus) else focus
    return _changed(request, session, brief_id, state, message, focus=node, picker=picker)


# Pages ----------------------------------------------------------------------------------------
@router.get("/briefs/new", response_class=HTMLResponse)
def brief_new(request: Request) -> HTMLResponse:
    return render(request, "briefs/new.html", {"error": None, "title": "", "author": ""})


@router.post("/briefs", response_model=None)
def brief_create(
    request: Request,
    session: SessionDep,
    title: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
) -> Response:
    try:
        row = brief_store.create(session, title, author.strip() or None)
    except Invalid as exc:
        context = {"error": str(exc), "title": title, "author": author}
        return render(request, "briefs/new.html", context, status_code=422)
    return RedirectResponse(f"/briefs/{row.id}", status_code=303)


@router.get("/briefs/{brief_id}", response_class=HTMLResponse)
def brief_page(
    request: Request, brief_id: PathId, session: SessionDep, settings: SettingsDep, wpm: Wpm = None
) -> HTMLResponse:
    outline = load_outline(session, brief_id, _wpm(wpm, settings.words_per_minute))
    context = _context(outline)
    context.update(picker=_picker_results(session, brief_id, "", outline.wpm))
    return render(request, "briefs/brief.html", context)


@router.get("/briefs/{brief_id}/outline", response_class=HTMLResponse)
def brief_outline(request: Request, brief_id: PathId, session: SessionDep, state: StateDep) -> Response:
    """The outline and its counters as they are now (the conflict box's "Reload" action)."""
    return _changed(request, session, brief_id, state, "Reloaded: this is the latest version.")


@router.get("/briefs/{brief_id}/print", response_class=HTMLResponse)
def brief_print(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    wpm: Wpm = None,
    shrink: bool = False,
) -> HTMLResponse:
    context = _context(load_outline(session, brief_id, _wpm(wpm, settings.words_per_minute)))
    context["shrink"] = shrink
    return render(request, "briefs/print.html", context)


# The card picker --------------------------------------------------------------------------------
def _picker_results(session: Session, brief_id: int, q: str, wpm: int) -> dict[str, Any]:
    brief, _ = brief_store.load(session, brief_id)
    here = {c.id for c in brief.cards()}
    results = []
    for row in card_store.list_cards(session, query=q.strip() or None, limit=25):
        card = card_store.to_domain(row)
        results.append(
            {
                "id": row.id,
                "tag": card.tag or "(untagged)",
                "short": card.cite.short,
                "read_seconds": card.read_seconds(wpm),
                "in_brief": row.id in here,
            }
        )
    return {"results": results, "q": q}


@router.get("/briefs/{brief_id}/picker", response_class=HTMLResponse)
def card_picker(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """My evidence, searched by tag or cite text, for the "add cards" panel."""
    context = {"brief": brief_store.get(session, brief_id), "picker": None}
    context["picker"] = _picker_results(session, brief_id, q, settings.words_per_minute)
    return render(request, "briefs/picker.html", context)


# Outline edits ----------------------------------------------------------------------------------
@router.post("/briefs/{brief_id}/headings", response_model=None)
def add_heading(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    state: StateDep,
    kind: Annotated[str, Form()] = "block-at",
    title: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
    speech: Annotated[str, Form()] = "",
) -> Response:
    """A pocket, hat or block; "block-at" is a block that answers ("AT: …")."""
    level = "block" if kind == "block-at" else kind
    fields = {
        "type": level,
        "title": title.strip(),
        "label": "answers-to" if kind == "block-at" else (label.strip() or None),
        "speech": speech.strip() or None,
        "parent_id": state.where["where_heading"],
    }
    if not is_heading(level):
        return refusal(request, Invalid(f"unknown heading kind {kind!r}"), STATUS_ID)
    return _write(
        request,
        session,
        brief_id,
        state,
        lambda v: brief_store.add_node(session, brief_id, v, **fields),
        "Heading added.",
        focus=lambda n: n.id,
    )


@router.post("/briefs/{brief_id}/analytics", response_model=None)
def add_analytic(
    request: Request, brief_id: PathId, session: SessionDep, state: StateDep, text: Annotated[str, Form()] = ""
) -> Response:
    parent = state.where["where_analytic"]
    return _write(
        request,
        session,
        brief_id,
        state,
        lambda v: brief_store.add_node(session, brief_id, v, type="analytic", text=text.strip(), parent_id=parent),
        "Analytic added.",
        focus=lambda n: n.id,
    )


@router.post("/briefs/{brief_id}/cards", response_model=None)
def add_card(
    request: Request, brief_id: PathId, session: SessionDep, state: StateDep, card_id: Annotated[int, Form(ge=1)]
) -> Response:
    parent = state.where["where_card"]
    return _write(
        request,
        session,
        brief_id,
        state,
        lambda v: brief_store.add_node(session, brief_id, v, type="card", card_id=card_id, parent_id=parent),
        "Card added.",
        focus=lambda n: n.id,
        picker=True,
    )


@router.get("/briefs/{brief_id}/nodes/{node_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, brief_id: PathId, node_id: PathId, session: SessionDep, state: StateDep) -> Response:
    """The inline form that renames or relabels a heading, or rewrites an analytic."""
    outline = load_outline(session, brief_id, state.wpm)
    item = outline.by_id.get(node_id)
    if item is None or item.type == "card":
        return refusal(request, Invalid(f"item {node_id} cannot be edited here"), STATUS_ID)
    return render(request, "briefs/_edit_form.html", {"brief": outline.row, "item": item})


@router.patch("/briefs/{brief_id}/nodes/{node_id}", response_model=None)
def edit_node(
    request: Request,
    brief_id: PathId,
    node_id: PathId,
    session: SessionDep,
    state: StateDep,
    title: Annotated[str | None, Form()] = None,
    label: Annotated[str | None, Form()] = None,
    speech: Annotated[str | None, Form()] = None,
    text: Annotated[str | None, Form()] = None,
) -> Response:
    if text is not None:
        changes: dict[str, Any] = {"text": text.strip()}
    else:
        changes = {"title": (title or "").strip(), "label": (label or "").strip() or None}
        changes["speech"] = (speech or "").strip() or None
    return _write(
        request,
        session,
        brief_id,
        state,
        lambda v: brief_store.update_node(session, brief_id, v, node_id, changes),
        "Saved.",
        focus=node_id,
    )


@router.post("/briefs/{brief_id}/nodes/{node_id}/step", response_model=None)
def step_node(
    request: Request,
    brief_id: PathId,
    node_id: PathId,
    session: SessionDep,
    state: StateDep,
    direction: Annotated[str, Form(pattern="^(up|down)$")],
) -> Response:
    """Ctrl+Alt+Up/Down or the arrow buttons: the domain says where the item goes from here."""
    outline = load_outline(session, brief_id, state.wpm)
    item = outline.by_id.get(node_id)
    if item is None:
        return refusal(request, Invalid(f"item {node_id} is not in this brief; reload the page"), STATUS_ID)
    place = moves.step(outline.brief.children, item.path, -1 if direction == "up" else 1)
    if place is None:
        where = "last" if direction == "down" else "first"
        return _status(request, f"Already the {where} item here.", "warn")
    return _move(request, session, brief_id, state, node_id, outline, place)


@router.post("/briefs/{brief_id}/drop", response_model=None)
def drop_node(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    state: StateDep,
    node: Annotated[int, Form(ge=1)],
    target: Annotated[str, Form()],
) -> Response:
    """A drag ended on ``target`` (a node id, or "end" for the brief's end)."""
    outline = load_outline(session, brief_id, state.wpm)
    item, onto = outline.by_id.get(node), outline.by_id.get(int(target)) if target.isdigit() else None
    if item is None or (onto is None and target != "end"):
        return refusal(request, Invalid("that item is no longer in this brief; reload the page"), STATUS_ID)
    place = moves.Place(None, None) if onto is None else moves.drop(outline.brief.children, item.path, onto.path)
    return _move(request, session, brief_id, state, node, outline, place)


def _move(
    request: Request,
    session: Session,
    brief_id: int,
    state: PageState,
    node_id: int,
    outline: Outline,
    place: moves.Place,
) -> Response:
    parent, position = outline.node_id(place.parent), place.position
    return _write(
        request,
        session,
        brief_id,
        state,
        lambda v: brief_store.move_node(session, brief_id, v, node_id, parent_id=parent, position=position),
        "Moved.",
        focus=node_id,
    )


def _status(request: Request, message: str, kind: str) -> Response:
    context = {"status_id": STATUS_ID, "message": message, "kind": kind, "oob": False}
    return retarget(render(request, "fragments/status.html", context), f"#{STATUS_ID}")


@router.delete("/briefs/{brief_id}/nodes/{node_id}", response_model=None)
def remove_node(request: Request, brief_id: PathId, node_id: PathId, session: SessionDep, state: StateDep) -> Response:
    outline = load_outline(session, brief_id, state.wpm)
    focus = outline.neighbour(node_id) if node_id in outline.by_id else None
    message = "Removed. (The card itself stays in My evidence.)"
    return _write(
        request,
        session,
        brief_id,
        state,
        lambda v: brief_store.delete_node(session, brief_id, v, node_id),
        message,
        focus=focus,
        picker=True,
    )


@router.post("/briefs/{brief_id}/nodes/{node_id}/copy", response_model=None)
def copy_card(request: Request, brief_id: PathId, node_id: PathId, session: SessionDep, state: StateDep) -> Response:
    message = "This brief now has its own copy of the card; edits to it no longer change the other briefs."
    return _write(
        request,
        session,
        brief_id,
        state,
        lambda v: brief_store.separate_card(session, brief_id, v, node_id),
        message,
        focus=node_id,
    )


# The brief itself -------------------------------------------------------------------------------
@router.patch("/briefs/{brief_id}", response_model=None)
def rename_brief(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    state: StateDep,
    title: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
) -> Response:
    changes = {"title": title.strip(), "author": author.strip() or None}
    return _write(
        request, session, brief_id, state, lambda v: brief_store.rename(session, brief_id, v, changes), "Renamed."
    )


@router.delete("/briefs/{brief_id}", response_model=None)
def delete_brief(brief_id: PathId, session: SessionDep) -> Response:
    brief_store.delete(session, brief_id)
    return redirect("/")
