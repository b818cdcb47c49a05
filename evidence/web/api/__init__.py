"""The JSON API under /api/: every page action has a twin here.

Every operation documents its response model, and the error shapes once for all: ``{"detail":
"…"}`` for 400/403/404/422/503, plus ``current_version`` for a 409, and FastAPI's field list for a
request that does not match its schema (422).
"""

from fastapi import APIRouter

from evidence.web.api import briefs, cards, exports, imports, search, sources, speech
from evidence.web.api.routing import ApiRoute
from evidence.web.api.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, route_class=ApiRoute)
router.include_router(sources.router)
router.include_router(cards.router)
router.include_router(briefs.router)
router.include_router(exports.router)
router.include_router(imports.router)
router.include_router(speech.router)
router.include_router(search.router)
