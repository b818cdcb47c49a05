"""Server-rendered pages. Each module exposes ``router``; list it here to mount it."""

from fastapi import APIRouter

from evidence.web.pages import cutting, home

routers: list[APIRouter] = [
    home.router,
    cutting.router,
]
