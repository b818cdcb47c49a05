"""How the brief, speech and upload pages answer htmx: a fragment for the part of the page that
changed, out-of-band pieces for the counters and messages around it, and errors as fragments
too (the page's status line or its conflict box), addressed with ``HX-Retarget`` so the page
shows them whatever the status code (``static/js/fragments.js`` lets such answers swap).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from evidence.store.errors import Conflict, Invalid, NotFound
from evidence.web.params import MAX_INT
from evidence.web.templating import templates

T = TypeVar("T")

#: What a refused write answers, by the store's reason.
_STATUS = {NotFound: 404, Invalid: 422}


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status_code)
    return response


def retarget(response: Response, target: str, swap: str = "outerHTML") -> Response:
    response.headers["HX-Retarget"] = target
    response.headers["HX-Reswap"] = swap
    return response


def redirect(url: str) -> Response:
    """Send the browser to another page after an htmx write (a deleted brief, a new speech doc)."""
    return Response(status_code=204, headers={"HX-Redirect": url})


def status_line(request: Request, target: str, message: str, kind: str, status_code: int) -> Response:
    """Only the page's status line: a refused write, or a move with nowhere to go."""
    context = {"status_id": target, "message": message, "kind": kind, "oob": False}
    return retarget(render(request, "fragments/status.html", context, status_code), f"#{target}")


def attempt(session: Session, write: Callable[[], T]) -> T | Exception:
    """Run one store write; a refusal comes back as the exception (with the transaction rolled
    back, so a version bumped before the refusal is not kept), for the route to render."""
    try:
        return write()
    except (Conflict, Invalid, NotFound) as exc:
        session.rollback()
        return exc


def refusal(request: Request, exc: Exception, status_id: str) -> Response:
    """A 404 or 422 as the page's status line (a conflict has its own box: see the callers)."""
    status_code = next(code for kind, code in _STATUS.items() if isinstance(exc, kind))
    return status_line(request, status_id, str(exc), "error", status_code)


def form_int(data: Mapping[str, Any], name: str, low: int = 0, high: int = MAX_INT) -> int | None:
    """An optional whole number from a form or query string; anything else is no value."""
    value = data.get(name)
    if not isinstance(value, str) or not value.strip().lstrip("-").isdigit():
        return None
    number = int(value)
    return number if low <= number <= high else None


def form_text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""
