"""A brief's card made separate: the "copy" action of the brief editor."""

from __future__ import annotations

from fastapi import APIRouter, status
from pydantic import BaseModel

from evidence.store import brief_cards
from evidence.store import briefs as brief_store
from evidence.web.api.schemas import NodeOut
from evidence.web.deps import SessionDep

router = APIRouter(prefix="/briefs", tags=["briefs"])


class CopyIn(BaseModel):
    version: int


@router.post("/{brief_id}/nodes/{node_id}/copy", status_code=status.HTTP_201_CREATED)
def copy_card(brief_id: int, node_id: int, body: CopyIn, session: SessionDep) -> NodeOut:
    """Give this brief its own copy of a card used elsewhere: the card is duplicated and this
    item points at the copy; other briefs keep the original. The brief's version goes up by 2."""
    node = brief_cards.separate(session, brief_id, body.version, node_id)
    assert node.id is not None
    return NodeOut(
        id=node.id,
        brief_id=brief_id,
        parent_id=node.parent_id,
        position=node.position,
        type=node.type,
        brief_version=brief_store.get(session, brief_id).version,
    )
