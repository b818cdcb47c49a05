"""Sources over JSON: the passages cards are cut from, as Source JSON (DESIGN §4)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from evidence.store import sources as source_store
from evidence.store.errors import Invalid
from evidence.web.api.routing import ApiRoute
from evidence.web.api.schemas import SourceIn, SourceOut, SourcePatch
from evidence.web.deps import SessionDep, SettingsDep
from evidence.web.params import Limit, Offset, PathId

router = APIRouter(prefix="/sources", tags=["sources"], route_class=ApiRoute)


@router.get("")
def list_sources(session: SessionDep, limit: Limit = 100, offset: Offset = 0) -> list[SourceOut]:
    """Sources, newest first."""
    rows = source_store.list_sources(session, limit=limit, offset=offset)
    return [SourceOut.model_validate(source_store.to_json(r)) for r in rows]


def _check_length(text: str | None, limit: int) -> None:
    """The paste form's limit holds for the API too, on creation and on edits."""
    if text is not None and len(text) > limit:
        raise Invalid(
            f"the text is {len(text):,} characters; the limit is {limit:,} "
            "(EVIDENCE_MAX_PASTE_CHARS). Split it or raise the limit."
        )


@router.post("", status_code=status.HTTP_201_CREATED)
def create_source(body: SourceIn, session: SessionDep, settings: SettingsDep) -> SourceOut:
    _check_length(body.text, settings.max_paste_chars)
    cite = body.cite.model_dump() if body.cite else None
    row = source_store.create(session, text=body.text, title=body.title, url=body.url, cite=cite)
    return SourceOut.model_validate(source_store.to_json(row))


@router.get("/{source_id}")
def get_source(source_id: PathId, session: SessionDep) -> SourceOut:
    return SourceOut.model_validate(source_store.to_json(source_store.get(session, source_id)))


@router.patch("/{source_id}")
def update_source(source_id: PathId, body: SourcePatch, session: SessionDep, settings: SettingsDep) -> SourceOut:
    _check_length(body.text, settings.max_paste_chars)
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    row = source_store.update(session, source_id, body.version, changes)
    return SourceOut.model_validate(source_store.to_json(row))


@router.delete("/{source_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
def delete_source(source_id: PathId, session: SessionDep) -> None:
    source_store.delete(session, source_id)
