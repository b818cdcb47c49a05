"""What keeps other web pages out of the library: Host check, cross-site refusal, CSRF tokens and
the security headers, for every request in every mode.

A debater's browser visits many sites while the app listens on 127.0.0.1. Three attacks follow,
and each has one answer here:

- **A form or ``fetch`` on another site posting to us** (cross-site request forgery). Browsers say
  where a request comes from (``Origin``, ``Sec-Fetch-Site``); a state-changing request that comes
  from another site is refused. Behind that, every state-changing request a browser makes must
  carry the page's CSRF token (a header from htmx and our scripts, a hidden field in plain
  forms), which no other site can read.
- **DNS rebinding**: a page on ``evil.example`` makes its own name resolve to 127.0.0.1 and then
  reads our pages as same-origin. Its requests still say ``Host: evil.example``, so any Host not in
  ``EVIDENCE_ALLOWED_HOSTS`` is refused before the app runs.
- **Injected or framed content**: a strict Content-Security-Policy (no inline script, nothing from
  other origins, no framing), ``nosniff`` and a same-origin referrer policy on every response.

Clients that are not browsers (curl, scripts, the test client) send none of ``Origin``,
``Sec-Fetch-Site`` or a cookie, cannot be steered by a web page, and are let through.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi import Request
from markupsafe import Markup, escape
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "evidence_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Scripts and styles come from our own origin only: no inline script, no eval, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class CrossSiteRefused(Exception):
    """A state-changing request a browser made on another site's behalf, or without the token."""


# Host ------------------------------------------------------------------------------------------
def host_name(host_header: str) -> str:
    """The name part of a Host header, lower-cased: ``[::1]:8000`` → ``[::1]``, ``A:80`` → ``a``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[: end + 1] if end != -1 else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host_header: str, allowed: Iterable[str]) -> bool:
    names = set(allowed)
    return "*" in names or host_name(host_header) in names


# CSRF tokens -----------------------------------------------------------------------------------
def new_token(secret: str) -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(secret, nonce)}"


def token_valid(token: str | None, secret: str) -> bool:
    """A token we issued under this secret (a cookie set by another app or secret is not one)."""
    if not token or token.count(".") != 1:
        return False
    nonce, signature = token.split(".")
    return hmac.compare_digest(signature, _sign(secret, nonce))


def _sign(secret: str, nonce: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()[:32]


def csrf_field(request: Request) -> Markup:
    """The hidden input every plain ``<form method="post">`` carries."""
    token = getattr(request.state, "csrf_token", "")
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(token)}">')


# Cross-site checks (a dependency of every route: it may need the form) -------------------------
def cross_site_reason(headers: Headers, host_header: str) -> str | None:
    """Why this state-changing request must be refused as coming from another site, or None."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in {"same-origin", "none"}:
        return f"this request came from another site (Sec-Fetch-Site: {site})"
    origin = headers.get("origin")
    if origin is not None:
        if origin == "null":
            return "this request came from a page with no origin (a sandboxed frame or a file)"
        if urlsplit(origin).netloc.lower() != host_header.strip().lower():
            return f"this request came from {origin}, not from this app"
    return None


def _from_browser(headers: Headers) -> bool:
    return any(name in headers for name in ("origin", "sec-fetch-site", "cookie"))


async def guard_writes(request: Request) -> None:
    """Refuse a state-changing request from another site, or a browser's without our token."""
    if request.method in SAFE_METHODS:
        return
    headers = request.headers
    if reason := cross_site_reason(headers, headers.get("host", "")):
        raise CrossSiteRefused(f"Refused: {reason}. Nothing was changed.")
    if not _from_browser(headers):
        return
    expected = request.cookies.get(CSRF_COOKIE)
    sent = headers.get(CSRF_HEADER)
    if sent is None and headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        settings = request.app.state.settings
        # The same limit the paste form itself allows, so a big paste is not refused here first.
        form = await request.form(max_part_size=settings.max_paste_chars * 4 + 1024)
        field = form.get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    secret = request.app.state.settings.secret_key
    if not (expected and sent and token_valid(expected, secret) and hmac.compare_digest(sent, expected)):
        raise CrossSiteRefused(
            "Refused: this form's security token is missing or out of date (the page may be from before "
            "the app restarted). Reload the page and try again; nothing was changed."
        )


# The middleware: Host, headers, and the token cookie -------------------------------------------
class SecurityMiddleware:
    """Pure ASGI, so it wraps streaming downloads and static files without buffering them."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str], secret: str) -> None:
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts)
        self.secret = secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if not host_allowed(host, self.allowed_hosts):
            await _plain(
                send,
                400,
                f"Invalid Host header {host!r}: this app answers to {', '.join(self.allowed_hosts)} "
                "(set EVIDENCE_ALLOWED_HOSTS to serve it under another name).",
            )
            return
        cookie = _cookie(headers, CSRF_COOKIE)
        issue = None if token_valid(cookie, self.secret) else new_token(self.secret)
        scope.setdefault("state", {})["csrf_token"] = issue or cookie
        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in response_headers:  # a page may set a stricter or its own policy
                        response_headers[name] = value
                if issue is not None:
                    attributes = "Path=/; SameSite=Lax; HttpOnly" + ("; Secure" if secure else "")
                    response_headers.append("Set-Cookie", f"{CSRF_COOKIE}={issue}; {attributes}")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cookie(headers: Headers, name: str) -> str | None:
    for header in headers.getlist("cookie"):
        for part in header.split(";"):
            key, _, value = part.strip().partition("=")
            if key == name:
                return value
    return None


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
