"""Templates and static files, found in the repository (development, Docker) or in the wheel."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2_fragments.fastapi import Jinja2Blocks
from starlette.background import BackgroundTask

from evidence.domain.labels import display_label
from evidence.domain.readtime import format_duration
from evidence.web.security import csrf_field

_PACKAGE = Path(__file__).resolve().parent.parent
_REPO = _PACKAGE.parent


def _find(name: str) -> Path:
    for candidate in (_REPO / name, _PACKAGE / f"_{name}"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"cannot find the {name}/ folder next to the evidence package")


TEMPLATES_DIR = _find("templates")
STATIC_DIR = _find("static")


class _Templates(Jinja2Blocks):
    """Jinja2Blocks with the response type it really returns: every page and fragment is HTML, and
    the routes say so in their signatures (the library declares a bare Response). Only the
    request-first call with at most one block is offered (Starlette deprecated the other form)."""

    # Starlette's signature promises its _TemplateResponse; Jinja2Blocks already breaks that (a
    # block renders to a plain HTMLResponse), and HTMLResponse is the promise both keep.
    def TemplateResponse(  # type: ignore[override]
        self,
        request: Request,
        name: str,
        context: dict[str, Any] | None = None,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
        *,
        block_name: str | None = None,
    ) -> HTMLResponse:
        response = super().TemplateResponse(
            request,
            name,
            context,
            status_code,
            headers,
            media_type,
            background,
            block_name=block_name,
        )
        assert isinstance(response, HTMLResponse)
        return response


templates = _Templates(directory=str(TEMPLATES_DIR))
templates.env.filters["duration"] = format_duration
templates.env.filters["label"] = display_label
templates.env.globals["csrf_field"] = csrf_field
