"""``/docs``: the interactive API reference, served from our own files.

FastAPI's built-in page loads Swagger UI from a CDN and starts it with an inline ``<script>``: it
is blank offline and blocked by the app's Content-Security-Policy (``script-src 'self'``). This
page uses the copy of Swagger UI in ``static/vendor/swagger-ui`` and starts it from
``static/js/docs.js``, so it needs no network and no relaxation of the policy: Swagger UI sets
styles through the DOM (which ``style-src 'self'`` allows), evaluates no strings, and its icons
are ``data:`` images. The app is built with ``docs_url=None, redoc_url=None`` and includes this
router instead.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from evidence.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI for this app's OpenAPI schema (under the same strict policy as every page)."""
    openapi_url = request.app.openapi_url or "/openapi.json"
    return templates.TemplateResponse(request, "docs.html", {"openapi_url": openapi_url})
