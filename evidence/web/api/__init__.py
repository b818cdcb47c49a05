"""The JSON API under /api/: every page action has a twin here."""

from fastapi import APIRouter

from evidence.web.api import briefs, cards, sources

router = APIRouter(prefix="/api")
router.include_router(sources.router)
router.include_router(cards.router)
router.include_router(briefs.router)
