"""The route class every JSON API operation uses."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException


class ApiRoute(APIRoute):
    """FastAPI answers any body it fails to parse with a bare 400 "There was an error parsing the
    body". When the cause is JSON nested too deeply for Python's parser (``[[[[…`` 100,000 levels
    deep), the RecursionError itself goes to the app's error table, which says so in words; bytes
    that are not UTF-8 are answered as such."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPException as exc:
                if isinstance(exc.__cause__, RecursionError):
                    raise exc.__cause__ from None
                if isinstance(exc.__cause__, UnicodeDecodeError):
                    raise HTTPException(400, "the body is not JSON: it is not UTF-8 text") from None
                raise

        return route_handler
