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

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from evidence.domain import moves
from evidence.store import briefs as brief_store
from evidence.store.errors import Invalid
from evidence.store.models import OutlineNode
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.pages.brief_edit import BriefEdit, EditDep, page_context, speaking_rate
from evidence.web.pages.fragments import redirect, render
from evidence.web.pages.outline_view import Outline, is_heading, load_outline, picker_results
from evidence.web.params import MAX_INT, PathId, Wpm

router = APIRouter(include_in_schema=False)


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
    outline = load_outline(session, brief_id, speaking_rate(wpm, settings.words_per_minute))
    context = page_context(outline)
    context.update(picker=picker_results(session, brief_id, "", outline.wpm))
    return render(request, "briefs/brief.html", context)


@router.get("/briefs/{brief_id}/outline", response_class=HTMLResponse)
def brief_outline(edit: EditDep) -> Response:
    """The outline and its counters as they are now (the conflict box's "Reload" action)."""
    return edit.changed("Reloaded: this is the latest version.")


@router.get("/briefs/{brief_id}/print", response_class=HTMLResponse)
def brief_print(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    wpm: Wpm = None,
    shrink: bool = False,
) -> HTMLResponse:
    context = page_context(load_outline(session, brief_id, speaking_rate(wpm, settings.words_per_minute)))
    context["shrink"] = shrink
    return render(request, "briefs/print.html", context)


# The card picker --------------------------------------------------------------------------------
@router.get("/briefs/{brief_id}/picker", response_class=HTMLResponse)
def card_picker(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """My evidence, searched by tag or cite text, for the "add cards" panel."""
    context: dict[str, Any] = {"brief": brief_store.get(session, brief_id), "picker": None}
    context["picker"] = picker_results(session, brief_id, q, settings.words_per_minute)
    return render(request, "briefs/picker.html", context)


# Outline edits ----------------------------------------------------------------------------------
@router.post("/briefs/{brief_id}/headings", response_model=None)
def add_heading(
    edit: EditDep,
    kind: Annotated[str, Form()] = "block-at",
    title: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
    speech: Annotated[str, Form()] = "",
) -> Response:
    """A pocket, hat or block; "block-at" is a block that answers ("AT: …")."""
    level = "block" if kind == "block-at" else kind
    if not is_heading(level):
        return edit.refused(Invalid(f"unknown heading kind {kind!r}"))
    fields: dict[str, Any] = {
        "type": level,
        "title": title.strip(),
        "label": "answers-to" if kind == "block-at" else (label.strip() or None),
        "speech": speech.strip() or None,
        "parent_id": edit.state.where["where_heading"],
    }
    write = partial(brief_store.add_node, edit.session, edit.brief_id, **fields)
    return edit.run(write, "Heading added.", focus=_new_id)


@router.post("/briefs/{brief_id}/analytics", response_model=None)
def add_analytic(edit: EditDep, text: Annotated[str, Form()] = "") -> Response:
    parent = edit.state.where["where_analytic"]
    write = partial(
        brief_store.add_node, edit.session, edit.brief_id, type="analytic", text=text.strip(), parent_id=parent
    )
    return edit.run(write, "Analytic added.", focus=_new_id)


@router.post("/briefs/{brief_id}/cards", response_model=None)
def add_card(edit: EditDep, card_id: Annotated[int, Form(ge=1, le=MAX_INT)]) -> Response:
    parent = edit.state.where["where_card"]
    write = partial(brief_store.add_node, edit.session, edit.brief_id, type="card", card_id=card_id, parent_id=parent)
    return edit.run(write, "Card added.", focus=_new_id, picker=True)


def _new_id(node: OutlineNode) -> int | None:
    return node.id


@router.get("/briefs/{brief_id}/nodes/{node_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, node_id: PathId, edit: EditDep) -> Response:
    """The inline form that renames or relabels a heading, or rewrites an analytic."""
    outline = edit.outline()
    item = outline.by_id.get(node_id)
    if item is None or item.type == "card":
        return edit.refused(Invalid(f"item {node_id} cannot be edited here"))
    return render(request, "briefs/_edit_form.html", {"brief": outline.row, "item": item})


@router.patch("/briefs/{brief_id}/nodes/{node_id}", response_model=None)
def edit_node(
    node_id: PathId,
    edit: EditDep,
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
    return edit.run(
        lambda v: brief_store.update_node(edit.session, edit.brief_id, v, node_id, changes), "Saved.", focus=node_id
    )


@router.post("/briefs/{brief_id}/nodes/{node_id}/step", response_model=None)
def step_node(node_id: PathId, edit: EditDep, direction: Annotated[str, Form(pattern="^(up|down)$")]) -> Response:
    """Ctrl+Alt+Up/Down or the arrow buttons: the domain says where the item goes from here."""
    outline = edit.outline()
    item = outline.by_id.get(node_id)
    if item is None:
        return edit.refused(Invalid(f"item {node_id} is not in this brief; reload the page"))
    place = moves.step(outline.brief.children, item.path, -1 if direction == "up" else 1)
    if place is None:
        return edit.status(f"Already the {'last' if direction == 'down' else 'first'} item here.")
    return _move(edit, node_id, outline, place)


@router.post("/briefs/{brief_id}/drop", response_model=None)
def drop_node(edit: EditDep, node: Annotated[int, Form(ge=1)], target: Annotated[str, Form()]) -> Response:
    """A drag ended on ``target`` (a node id, or "end" for the brief's end)."""
    outline = edit.outline()
    item, onto = outline.by_id.get(node), outline.by_id.get(int(target)) if target.isdigit() else None
    if item is None or (onto is None and target != "end"):
        return edit.refused(Invalid("that item is no longer in this brief; reload the page"))
    place = moves.Place(None, None) if onto is None else moves.drop(outline.brief.children, item.path, onto.path)
    return _move(edit, node, outline, place)


def _move(edit: BriefEdit, node_id: int, outline: Outline, place: moves.Place) -> Response:
    parent, position = outline.node_id(place.parent), place.position
    write = partial(
        brief_store.move_node, edit.session, edit.brief_id, node_id=node_id, parent_id=parent, position=position
    )
    return edit.run(lambda v: write(version=v), "Moved.", focus=node_id)


@router.delete("/briefs/{brief_id}/nodes/{node_id}", response_model=None)
def remove_node(node_id: PathId, edit: EditDep) -> Response:
    outline = edit.outline()
    focus = outline.neighbour(node_id) if node_id in outline.by_id else None
    write = partial(brief_store.delete_node, edit.session, edit.brief_id, node_id=node_id)
    message = "Removed. (The card itself stays in My evidence.)"
    return edit.run(lambda v: write(version=v), message, focus=focus, picker=True)


@router.post("/briefs/{brief_id}/nodes/{node_id}/copy", response_model=None)
def copy_card(node_id: PathId, edit: EditDep) -> Response:
    write = partial(brief_store.separate_card, edit.session, edit.brief_id, node_id=node_id)
    message = "This brief now has its own copy of the card; edits to it no longer change the other briefs."
    return edit.run(lambda v: write(version=v), message, focus=node_id)


# The brief itself -------------------------------------------------------------------------------
@router.patch("/briefs/{brief_id}", response_model=None)
def rename_brief(edit: EditDep, title: Annotated[str, Form()] = "", author: Annotated[str, Form()] = "") -> Response:
    changes = {"title": title.strip(), "author": author.strip() or None}
    return edit.run(lambda v: brief_store.rename(edit.session, edit.brief_id, v, changes), "Renamed.")


@router.delete("/briefs/{brief_id}", response_model=None)
def delete_brief(brief_id: PathId, session: SessionDep) -> Response:
    brief_store.delete(session, brief_id)
    return redirect("/")
