from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from evidence.store import sources as source_store
from evidence.store.errors import Invalid
from evidence.web.api.schemas import SourceIn, SourcePatch
from evidence.web.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("")
def list_sources(session: SessionDep, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    return [source_store.to_json(r) for r in source_store.list_sources(session, limit=min(limit, 500), offset=offset)]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_source(body: SourceIn, session: SessionDep, settings: SettingsDep) -> dict[str, Any]:
    if len(body.text) > settings.max_paste_chars:
        raise Invalid(
            f"the text is {len(body.text):,} characters; the limit is {settings.max_paste_chars:,} "
            "(EVIDENCE_MAX_PASTE_CHARS). Split it or raise the limit."
        )
    cite = body.cite.model_dump() if body.cite else None
    row = source_store.create(session, text=body.text, title=body.title, url=body.url, cite=cite)
    return source_store.to_json(row)


@router.get("/{source_id}")
def get_source(source_id: int, session: SessionDep) -> dict[str, Any]:
    return source_store.to_json(source_store.get(session, source_id))


@router.patch("/{source_id}")
def update_source(source_id: int, body: SourcePatch, session: SessionDep) -> dict[str, Any]:
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    return source_store.to_json(source_store.update(session, source_id, body.version, changes))


@router.delete("/{source_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_source(source_id: int, session: SessionDep) -> None:
    source_store.delete(session, source_id)
