"""One write from the brief page, from request to answer: what the page sent along (the version
it shows, its speaking rate, the "Put it in" choices, the card search), the store call, and the
fragments that answer it — the outline and its out-of-band counters, or the conflict box on a
stale version, or the status line on a refusal. The routes in :mod:`.briefs` stay one call each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from evidence.domain.labels import STANDARD_LABELS
from evidence.store.errors import Conflict, Invalid
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.pages.fragments import attempt, form_int, form_text, refusal, render, retarget, status_line
from evidence.web.pages.outline_view import HIGHLIGHT_CHOICES, LEVELS, Outline, load_outline, picker_results
from evidence.web.params import PathId

#: The "Put it in" choices: one per adding form, each remembered across every swap.
WHERE_FIELDS = ("where_heading", "where_analytic", "where_card")
STATUS_ID = "brief-status"


@dataclass(slots=True)
class PageState:
    """What every request from the brief page carries, so the answer keeps it."""

    version: int | None
    wpm: int
    where: dict[str, int | None]
    q: str

    @property
    def base(self) -> int:
        if self.version is None:
            raise Invalid("this page did not say which version of the brief it shows; reload it")
        return self.version


def speaking_rate(value: int | None, default: int) -> int:
    return value if value is not None and 50 <= value <= 600 else default


async def page_state(request: Request, settings: SettingsDep) -> PageState:
    data: Mapping[str, Any] = request.query_params if request.method in {"GET", "DELETE"} else await request.form()
    return PageState(
        version=form_int(data, "version", 1),
        wpm=speaking_rate(form_int(data, "wpm"), settings.words_per_minute),
        where={name: form_int(data, name, 1) for name in WHERE_FIELDS},
        q=form_text(data, "q")[:200],
    )


def page_context(outline: Outline, state: PageState | None = None) -> dict[str, Any]:
    """What the brief page and every fragment of it render from."""
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


@dataclass(slots=True)
class BriefEdit:
    request: Request
    session: Session
    brief_id: int
    state: PageState

    def outline(self) -> Outline:
        return load_outline(self.session, self.brief_id, self.state.wpm)

    def changed(self, message: str, *, focus: int | None = None, picker: bool = False) -> Response:
        """The outline again, and around it (out of band) the counters, the "Put it in"
        choices, the status line, the cleared conflict box, and the picker if cards moved."""
        context = page_context(self.outline(), self.state)
        context.update(message=message, kind="ok", focus=focus, conflict=None)
        if picker:
            context["picker"] = picker_results(self.session, self.brief_id, self.state.q, self.state.wpm)
        return render(self.request, "briefs/_changed.html", context)

    def refused(self, exc: Exception) -> Response:
        """A stale version: the conflict box, with the latest outline out of band so the page
        is current again; any other refusal: the status line says why, nothing else moves."""
        if not isinstance(exc, Conflict):
            return refusal(self.request, exc, STATUS_ID)
        context = page_context(self.outline(), self.state)
        context.update(message="Not saved: the brief changed elsewhere.", kind="error", focus=None, conflict=str(exc))
        return retarget(render(self.request, "briefs/_changed.html", context, status_code=409), "#conflict")

    def status(self, message: str, kind: str = "warn") -> Response:
        return status_line(self.request, STATUS_ID, message, kind, 200)

    def run(
        self,
        write: Callable[[int], Any],
        message: str,
        *,
        focus: int | Callable[[Any], int | None] | None = None,
        picker: bool = False,
    ) -> Response:
        """``write(version)`` on the store, answered. ``focus``: the node id to focus afterwards,
        or a function of what the write returned."""
        result = attempt(self.session, lambda: write(self.state.base))
        if isinstance(result, Exception):
            return self.refused(result)
        return self.changed(message, focus=focus(result) if callable(focus) else focus, picker=picker)


StateDep = Annotated[PageState, Depends(page_state)]


async def brief_edit(request: Request, brief_id: PathId, session: SessionDep, state: StateDep) -> BriefEdit:
    return BriefEdit(request, session, brief_id, state)


EditDep = Annotated[BriefEdit, Depends(brief_edit)]
