"""Server-rendered pages. Each module exposes ``router``; list it here to mount it."""

from fastapi import APIRouter

from evidence.web.pages import briefs, cards, home, imports, sources, speech

routers: list[APIRouter] = [
    home.router,
    sources.router,
    cards.router,
    briefs.router,
    speech.router,
    imports.router,
]
