"""Errors answered the way the caller reads them: the site's error page for a person, JSON in one
shape (``{"detail": …}``) for the API and for page scripts.

Every failure the app knows about maps to a status here, in one table, so no route catches and
words its own: missing things are 404, stale versions 409 (with ``current_version``), refused
input 422, cross-site requests 403, JSON nested past any brief's depth 400. Anything else is a
bug: it is logged with its traceback and the user gets a 500 page that leaks nothing.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.exceptions import HTTPException

from evidence.ingest.report import IngestError
from evidence.store.errors import Conflict, Invalid, NotFound
from evidence.web.security import CrossSiteRefused
from evidence.web.templating import templates

log = logging.getLogger("evidence.web")

HEADINGS = {
    400: "That request cannot be read",
    403: "Refused",
    404: "Not found",
    405: "Not allowed",
    409: "Changed elsewhere",
    413: "Too large",
    422: "Cannot do that",
    500: "Something went wrong",
    503: "Busy",
}


def wants_json(request: Request) -> bool:
    """The API, and page scripts that ask for JSON, get JSON; a person gets a page."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    if request.headers.get("content-type", "").startswith("application/json"):
        return True  # a script sent JSON and reads JSON back
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, detail: Any, **extra: Any) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": detail, **extra}, status_code=status)
    messages = [detail] if isinstance(detail, str) else [_validation_line(e) for e in detail]
    referer = request.headers.get("referer")
    back = None
    if referer and urlsplit(referer).netloc == request.headers.get("host") and referer != str(request.url):
        back = urlsplit(referer).path or "/"
    context = {"status": status, "heading": HEADINGS.get(status, "Cannot do that"), "messages": messages, "back": back}
    response: HTMLResponse = templates.TemplateResponse(request, "error.html", context, status_code=status)
    return response


def _validation_line(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in {"body", "query", "path", "form"})
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid"))


def install(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(Conflict)
    async def conflict(request: Request, exc: Conflict) -> Response:
        return error_response(request, 409, str(exc), current_version=exc.current_version)

    @app.exception_handler(Invalid)
    async def invalid(request: Request, exc: Invalid) -> Response:
        return error_response(request, 422, str(exc))

    @app.exception_handler(IngestError)
    async def ingest(request: Request, exc: IngestError) -> Response:
        return error_response(request, 422, str(exc))

    @app.exception_handler(CrossSiteRefused)
    async def cross_site(request: Request, exc: CrossSiteRefused) -> Response:
        return error_response(request, 403, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in {"type", "loc", "msg"}} for e in exc.errors()]
        return error_response(request, 422, errors)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"there is no page at {request.url.path}"
        response = error_response(request, exc.status_code, detail)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, _exc: RecursionError) -> Response:
        return error_response(request, 400, "the JSON is nested too deeply to be a brief or a card")

    @app.exception_handler(IntegrityError)
    async def integrity(request: Request, exc: IntegrityError) -> Response:
        # Two writes raced past each other's checks (a card deleted while being added to a brief).
        log.info("integrity error answered as 409: %s", exc.orig)
        return error_response(
            request, 409, "this changed at the same moment somewhere else; reload and try again", current_version=None
        )

    @app.exception_handler(DBAPIError)
    async def database(request: Request, exc: DBAPIError) -> Response:
        if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
            response = error_response(request, 503, "the library is busy with another write; try again in a moment")
            response.headers["Retry-After"] = "2"
            return response
        log.exception("database error", exc_info=exc)
        return error_response(request, 500, "the database could not do that; nothing was changed")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(request, 500, "something went wrong on our side; nothing was changed")
