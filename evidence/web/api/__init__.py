"""The JSON API under /api/: every page action has a twin here."""

from fastapi import APIRouter

from evidence.web.api import briefs, cards, exports, imports, sources, speech

router = APIRouter(prefix="/api")
router.include_router(sources.router)
router.include_router(cards.router)
router.include_router(briefs.router)
router.include_router(exports.router)
router.include_router(imports.router)
router.include_router(speech.router)
