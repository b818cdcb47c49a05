"""Briefs over JSON: the outline (pocket > hat > block > cards and analytics), its edits, and
import of an ``evidence-brief/1`` document."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from evidence.ingest.brief_json import read_brief_json
from evidence.ingest.report import IngestError
from evidence.settings import MB
from evidence.store import briefs as brief_store
from evidence.store.db import session_scope
from evidence.store.models import Brief, OutlineNode
from evidence.web.api.routing import ApiRoute
from evidence.web.api.schemas import (
    BriefDocumentIn,
    BriefIn,
    BriefOut,
    BriefPatch,
    BriefSummary,
    BriefVersionOut,
    NodeIn,
    NodeMove,
    NodeOut,
    NodePatch,
    Version,
    VersionIn,
    inline_schema,
)
from evidence.web.deps import SessionDep
from evidence.web.params import PathId

router = APIRouter(prefix="/briefs", tags=["briefs"], route_class=ApiRoute)


def _summary(row: Brief) -> BriefSummary:
    assert row.id is not None
    return BriefSummary(id=row.id, title=row.title, author=row.author, version=row.version, updated_at=row.updated_at)


def _node_out(session: Session, brief_id: int, node: OutlineNode) -> NodeOut:
    assert node.id is not None
    version = brief_store.get(session, brief_id).version
    return NodeOut(
        id=node.id,
        brief_id=brief_id,
        parent_id=node.parent_id,
        position=node.position,
        type=node.type,
        brief_version=version,
    )


def _brief_json(session: Session, brief_id: int) -> BriefOut:
    return BriefOut.model_validate(brief_store.to_json(session, brief_id))


@router.get("")
def list_briefs(session: SessionDep) -> list[BriefSummary]:
    return [_summary(r) for r in brief_store.list_briefs(session)]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_brief(body: BriefIn, session: SessionDep) -> BriefSummary:
    return _summary(brief_store.create(session, body.title, body.author))


@router.post(
    "/import",
    status_code=status.HTTP_201_CREATED,
    response_model=BriefOut,
    response_model_exclude_unset=True,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline_schema(BriefDocumentIn)}},
        }
    },
)
async def import_brief(request: Request) -> Response:
    """Create a brief from an ``evidence-brief/1`` document (the body), with new cards.

    The body is read here but parsed, checked and saved in a worker thread: a brief of a
    thousand cards takes a while, and the server keeps answering other requests meanwhile."""
    engine = request.app.state.engine
    limit = request.app.state.settings.max_upload_bytes
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise IngestError(
                f"the brief is over the {limit / MB:.0f} MB limit (EVIDENCE_MAX_UPLOAD_MB); nothing was imported"
            )

    def work() -> bytes:
        brief = read_brief_json(bytes(body))
        with session_scope(engine) as session:
            row = brief_store.save(session, brief)
            assert row.id is not None
            out = _brief_json(session, row.id)
        return out.model_dump_json(exclude_unset=True).encode()

    content = await run_in_threadpool(work)
    return Response(content, status_code=status.HTTP_201_CREATED, media_type="application/json")


@router.get("/{brief_id}", response_model_exclude_unset=True)
def get_brief(brief_id: PathId, session: SessionDep) -> BriefOut:
    """The brief as ``evidence-brief/1`` JSON, plus ``version`` and every item's ``node_id``."""
    return _brief_json(session, brief_id)


@router.patch("/{brief_id}")
def update_brief(brief_id: PathId, body: BriefPatch, session: SessionDep) -> BriefSummary:
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    return _summary(brief_store.rename(session, brief_id, body.version, changes))


@router.delete("/{brief_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
def delete_brief(brief_id: PathId, session: SessionDep) -> None:
    brief_store.delete(session, brief_id)


@router.post("/{brief_id}/nodes", status_code=status.HTTP_201_CREATED)
def add_node(brief_id: PathId, body: NodeIn, session: SessionDep) -> NodeOut:
    fields = body.model_dump(exclude={"version"})
    node = brief_store.add_node(session, brief_id, body.version, **fields)
    return _node_out(session, brief_id, node)


@router.post("/{brief_id}/nodes/{node_id}/copy", status_code=status.HTTP_201_CREATED)
def copy_card(brief_id: PathId, node_id: PathId, body: VersionIn, session: SessionDep) -> NodeOut:
    """Give this brief its own copy of a card used elsewhere; other briefs keep the original."""
    node = brief_store.separate_card(session, brief_id, body.version, node_id)
    return _node_out(session, brief_id, node)


@router.patch("/{brief_id}/nodes/{node_id}")
def update_node(brief_id: PathId, node_id: PathId, body: NodePatch, session: SessionDep) -> NodeOut:
    node = brief_store.update_node(session, brief_id, body.version, node_id, body.changes())
    return _node_out(session, brief_id, node)


@router.post("/{brief_id}/nodes/{node_id}/move")
def move_node(brief_id: PathId, node_id: PathId, body: NodeMove, session: SessionDep) -> NodeOut:
    node = brief_store.move_node(
        session, brief_id, body.version, node_id, parent_id=body.parent_id, position=body.position
    )
    return _node_out(session, brief_id, node)


@router.delete("/{brief_id}/nodes/{node_id}")
def delete_node(brief_id: PathId, node_id: PathId, version: Version, session: SessionDep) -> BriefVersionOut:
    """``?version=`` is the brief version the removal is based on."""
    brief_store.delete_node(session, brief_id, version, node_id)
    return BriefVersionOut(brief_version=brief_store.get(session, brief_id).version)
