"""The brief editor: the outline in Verbatim's look, with headings, analytics, cards from my
evidence, moves by drag and by Ctrl+Alt+Up/Down, read time, downloads and a print view.

The page's script changes the outline through the JSON API (``/api/briefs/{id}/nodes…``, each
write carrying the brief's version) and then asks this module for the outline again, rendered
on the server: the browser never re-implements the outline or card rendering. A stale version
comes back as 409 and the page shows the message and reloads, never overwriting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlmodel import Session

from evidence.domain import Analytic, Brief, Card, Heading
from evidence.domain.brief import Node
from evidence.domain.labels import STANDARD_LABELS
from evidence.domain.marks import HIGHLIGHT_COLORS
from evidence.domain.readtime import read_seconds
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store.errors import Invalid
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.params import PathId, Wpm
from evidence.web.render import render_body
from evidence.web.templating import templates
from exports.text import heading_title

router = APIRouter(include_in_schema=False)


#: Highlight colours offered for the download's colour override, in Verbatim's names.
HIGHLIGHT_CHOICES: tuple[tuple[str, str], ...] = (
    ("yellow", "Yellow"),
    ("green", "Bright green"),
    ("cyan", "Turquoise"),
    ("magenta", "Pink"),
    ("blue", "Blue"),
    ("red", "Red"),
    ("darkCyan", "Teal"),
    ("darkGreen", "Green"),
)
assert all(c in HIGHLIGHT_COLORS for c, _ in HIGHLIGHT_CHOICES)


@dataclass(slots=True)
class Item:
    """One outline item as the template shows it."""

    node_id: int
    type: str
    depth: int
    parent_id: int | None
    position: int
    read_seconds: float
    title: str = ""
    label: str | None = None
    speech: str | None = None
    text: str = ""
    card: dict[str, Any] | None = None
    children: list[Item] = field(default_factory=list)

    @property
    def is_heading(self) -> bool:
        return self.type in {"pocket", "hat", "block"}


def _wpm(value: int | None, default: int) -> int:
    return value if value is not None and 50 <= value <= 600 else default


def outline_items(session: Session, brief_id: int, wpm: int) -> tuple[Brief, list[Item]]:
    """The brief as nested items with node ids, read times, rendered bodies and where else each
    card is used (so an edit's reach is visible before it is made)."""
    brief, order = brief_store.load(session, brief_id)
    ids = iter(order)
    card_ids = [c.id for c in brief.cards() if c.id is not None]
    used = brief_store.memberships(session, card_ids)

    def build(nodes: list[Node], depth: int, parent_id: int | None) -> list[Item]:
        items: list[Item] = []
        for position, node in enumerate(nodes):
            node_id = next(ids)
            if isinstance(node, Heading):
                item = Item(
                    node_id,
                    node.level.value,
                    depth,
                    parent_id,
                    position,
                    read_seconds(_words(node), wpm),
                    title=heading_title(node),
                    label=node.label,
                    speech=node.speech,
                    text=node.title,
                )
                item.children = build(node.children, depth + 1, node_id)
            elif isinstance(node, Analytic):
                item = Item(node_id, "analytic", depth, parent_id, position, node.read_seconds(wpm), text=node.text)
            else:
                item = Item(
                    node_id,
                    "card",
                    depth,
                    parent_id,
                    position,
                    node.read_seconds(wpm),
                    card=card_view(node, [b for b in used.get(node.id or 0, []) if b[0] != brief_id]),
                )
            items.append(item)
        return items

    return brief, build(brief.children, 0, None)


def _words(heading: Heading) -> int:
    from evidence.domain.brief import words_read

    return words_read(heading.children)


def card_view(card: Card, other_briefs: list[tuple[int, str]]) -> dict[str, Any]:
    return {
        "id": card.id,
        "tag": card.tag or "(untagged)",
        "label": card.label,
        "short": card.cite.short,
        "full": card.cite.full,
        "url": card.cite.url,
        "body": Markup(render_body(card.text, card.marks)),
        "words_highlighted": card.words_highlighted,
        "other_briefs": other_briefs,
    }


def _context(session: Session, brief_id: int, wpm: int) -> dict[str, Any]:
    row = brief_store.get(session, brief_id)
    brief, items = outline_items(session, brief_id, wpm)
    return {
        "brief": row,
        "items": items,
        "wpm": wpm,
        "cards": len(brief.cards()),
        "read_seconds": brief.read_seconds(wpm),
        "labels": STANDARD_LABELS,
        "highlights": HIGHLIGHT_CHOICES,
    }


# Pages ----------------------------------------------------------------------------------------
@router.get("/briefs/new", response_class=HTMLResponse)
def brief_new(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "briefs/new.html", {"error": None, "title": "", "author": ""})


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
        return templates.TemplateResponse(request, "briefs/new.html", context, status_code=422)
    return RedirectResponse(f"/briefs/{row.id}", status_code=303)


@router.get("/briefs/{brief_id}", response_class=HTMLResponse)
def brief_page(
    request: Request, brief_id: PathId, session: SessionDep, settings: SettingsDep, wpm: Wpm = None
) -> HTMLResponse:
    context = _context(session, brief_id, _wpm(wpm, settings.words_per_minute))
    return templates.TemplateResponse(request, "briefs/brief.html", context)


@router.get("/briefs/{brief_id}/outline", response_class=HTMLResponse)
def brief_outline(
    request: Request, brief_id: PathId, session: SessionDep, settings: SettingsDep, wpm: Wpm = None
) -> HTMLResponse:
    """The outline alone (a named block of the page), for the script to swap in after an edit."""
    context = _context(session, brief_id, _wpm(wpm, settings.words_per_minute))
    return templates.TemplateResponse(request, "briefs/brief.html", context, block_name="outline")


@router.get("/briefs/{brief_id}/print", response_class=HTMLResponse)
def brief_print(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    wpm: Wpm = None,
    shrink: bool = False,
) -> HTMLResponse:
    context = _context(session, brief_id, _wpm(wpm, settings.words_per_minute))
    context["shrink"] = shrink
    return templates.TemplateResponse(request, "briefs/print.html", context)


@router.get("/briefs/{brief_id}/picker", response_class=HTMLResponse)
def card_picker(
    request: Request,
    brief_id: PathId,
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """My evidence, searched by tag or cite text, for the "add cards" panel."""
    brief, _ = brief_store.load(session, brief_id)
    here = {c.id for c in brief.cards()}
    wpm = settings.words_per_minute
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
    context = {"results": results, "q": q}
    return templates.TemplateResponse(request, "briefs/picker.html", context)
