"""The largest request body the app will read, checked before the body is read.

Each route has its own, smaller limit (a paste's characters, an upload's megabytes) with a message
that names it; this one is the ceiling above them all, so a 2 GB body or an endless chunked
stream is refused at the door with 413 instead of being held in memory first.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from evidence.settings import MB, Settings


class BodyTooLarge(HTTPException):
    """Raised while the body streams in, once it passes the ceiling; answered as 413. An
    HTTPException, so the framework's body parsing passes it on instead of calling it a 400."""

    def __init__(self, detail: str) -> None:
        super().__init__(status_code=413, detail=detail)


def body_ceiling(settings: Settings) -> int:
    """An upload of the largest allowed file or the largest paste (4 bytes per character in the
    worst case, twice for the rich copy a paste carries), plus room for the form around it."""
    return max(settings.max_upload_bytes, settings.max_paste_chars * 8) + MB


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(_message(self.max_bytes))
            return message

        await self.app(scope, counted, send)


def _message(limit: int) -> str:
    return f"the request is larger than {limit / MB:.0f} MB, the most this app reads; nothing was changed"


async def _too_large(send: Send, limit: int) -> None:
    body = ('{"detail": "' + _message(limit) + '"}').encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
