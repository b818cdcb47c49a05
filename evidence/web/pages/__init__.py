"""Server-rendered pages. Each module exposes ``router``; list it here to mount it."""

from fastapi import APIRouter

from evidence.web.pages import briefs, cutting, home, imports, speech

routers: list[APIRouter] = [
    home.router,
    cutting.router,
    briefs.router,
    speech.router,
    imports.router,
]
