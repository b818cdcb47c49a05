from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from evidence.store import briefs as brief_store
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    rows = brief_store.list_briefs(session)
    briefs = []
    for row in rows:
        assert row.id is not None
        brief, _ = brief_store.load(session, row.id)
        briefs.append(
            {
                "id": row.id,
                "title": row.title,
                "author": row.author,
                "cards": len(brief.cards()),
                "read_seconds": brief.read_seconds(settings.words_per_minute),
                "updated_at": row.updated_at,
            }
        )
    return templates.TemplateResponse(request, "home.html", {"briefs": briefs})
