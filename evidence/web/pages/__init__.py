"""Server-rendered pages. Each module exposes ``router``; list it here to mount it."""

from fastapi import APIRouter

from evidence.web.pages import home

routers: list[APIRouter] = [
    home.router,
]
