from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, status

from evidence.ingest.brief_json import read_brief_json
from evidence.store import briefs as brief_store
from evidence.web.api.schemas import BriefIn, BriefPatch, BriefSummary, NodeIn, NodeMove, NodeOut, NodePatch, VersionIn
from evidence.web.deps import SessionDep

router = APIRouter(prefix="/briefs", tags=["briefs"])


def _summary(row) -> BriefSummary:  # type: ignore[no-untyped-def]
    return BriefSummary(id=row.id, title=row.title, author=row.author, version=row.version, updated_at=row.updated_at)


def _node_out(session, brief_id: int, node) -> NodeOut:  # type: ignore[no-untyped-def]
    version = brief_store.get(session, brief_id).version
    return NodeOut(
        id=node.id,
        brief_id=brief_id,
        parent_id=node.parent_id,
        position=node.position,
        type=node.type,
        brief_version=version,
    )


@router.get("")
def list_briefs(session: SessionDep) -> list[BriefSummary]:
    return [_summary(r) for r in brief_store.list_briefs(session)]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_brief(body: BriefIn, session: SessionDep) -> BriefSummary:
    return _summary(brief_store.create(session, body.title, body.author))


@router.post("/import", status_code=status.HTTP_201_CREATED)
async def import_brief(request: Request, session: SessionDep) -> dict[str, Any]:
    """Create a brief from an ``evidence-brief/1`` document (the body), with new cards."""
    brief = read_brief_json(await request.body())
    row = brief_store.save(session, brief)
    assert row.id is not None
    return brief_store.to_json(session, row.id)


@router.get("/{brief_id}")
def get_brief(brief_id: int, session: SessionDep) -> dict[str, Any]:
    """The brief as ``evidence-brief/1`` JSON, plus ``version`` and every item's ``node_id``."""
    return brief_store.to_json(session, brief_id)


@router.patch("/{brief_id}")
def update_brief(brief_id: int, body: BriefPatch, session: SessionDep) -> BriefSummary:
    changes = body.model_dump(exclude_unset=True, exclude={"version"})
    return _summary(brief_store.rename(session, brief_id, body.version, changes))


@router.delete("/{brief_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_brief(brief_id: int, session: SessionDep) -> None:
    brief_store.delete(session, brief_id)


@router.post("/{brief_id}/nodes", status_code=status.HTTP_201_CREATED)
def add_node(brief_id: int, body: NodeIn, session: SessionDep) -> NodeOut:
    fields = body.model_dump(exclude={"version"})
    node = brief_store.add_node(session, brief_id, body.version, **fields)
    return _node_out(session, brief_id, node)


@router.post("/{brief_id}/nodes/{node_id}/copy", status_code=status.HTTP_201_CREATED)
def copy_card(brief_id: int, node_id: int, body: VersionIn, session: SessionDep) -> NodeOut:
    """Give this brief its own copy of a card used elsewhere; other briefs keep the original."""
    node = brief_store.separate_card(session, brief_id, body.version, node_id)
    return _node_out(session, brief_id, node)


@router.patch("/{brief_id}/nodes/{node_id}")
def update_node(brief_id: int, node_id: int, body: NodePatch, session: SessionDep) -> NodeOut:
    node = brief_store.update_node(session, brief_id, body.version, node_id, body.changes())
    return _node_out(session, brief_id, node)


@router.post("/{brief_id}/nodes/{node_id}/move")
def move_node(brief_id: int, node_id: int, body: NodeMove, session: SessionDep) -> NodeOut:
    node = brief_store.move_node(
        session, brief_id, body.version, node_id, parent_id=body.parent_id, position=body.position
    )
    return _node_out(session, brief_id, node)


@router.delete("/{brief_id}/nodes/{node_id}")
def delete_node(brief_id: int, node_id: int, version: int, session: SessionDep) -> dict[str, int]:
    """``?version=`` is the brief version the removal is based on."""
    brief_store.delete_node(session, brief_id, version, node_id)
    return {"brief_version": brief_store.get(session, brief_id).version}
