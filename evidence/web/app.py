"""The app factory: tests build an app with their own settings; ``evidence serve`` builds one from
the environment."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from evidence.settings import Settings
from evidence.store.db import engine_for
from evidence.store.migrate import upgrade
from evidence.web import docs, errors, highlights
from evidence.web.api import router as api_router
from evidence.web.limits import BodyLimitMiddleware, body_ceiling
from evidence.web.pages import routers as page_routers
from evidence.web.security import SecurityMiddleware, guard_writes
from evidence.web.templating import STATIC_DIR


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = engine_for(settings)
    upgrade(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="evidence",
        summary="Debate evidence cards, briefs and Verbatim Word files.",
        version="0.1.0",
        lifespan=lifespan,
        # /docs is served by evidence.web.docs from vendored files (no CDN, no inline script).
        docs_url=None,
        redoc_url=None,
        # Every state-changing request, API or page, passes the cross-site and token checks.
        dependencies=[Depends(guard_writes)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router)
    app.include_router(docs.router)
    app.include_router(highlights.router)
    for router in page_routers:
        app.include_router(router)
    errors.install(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=body_ceiling(settings))
    # Added last, so it runs first: a foreign Host is refused before anything else happens.
    app.add_middleware(SecurityMiddleware, allowed_hosts=settings.allowed_hosts, secret=settings.secret_key)
    return app
