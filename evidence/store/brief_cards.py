"""Cards inside briefs: the "make a separate copy" action.

A card is referenced by every brief it sits in, so an edit shows everywhere. When a coach wants
this brief's version to diverge, the card is duplicated and only this brief's item is pointed at
the copy; the other briefs keep the original.
"""

from __future__ import annotations

from sqlmodel import Session

from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store import models
from evidence.store.errors import Invalid, NotFound


def separate(session: Session, brief_id: int, version: int, node_id: int) -> models.OutlineNode:
    """Give this brief its own copy of the card at ``node_id``, in the same place.

    Done as add-then-remove through the outline edits, so the brief's version check and change
    log apply; the brief's version goes up by two.
    """
    node = session.get(models.OutlineNode, node_id)
    if node is None or node.brief_id != brief_id:
        raise NotFound(f"item {node_id} is not in brief {brief_id}")
    if node.type != "card" or node.card_id is None:
        raise Invalid("only a card can be copied")
    copy = card_store.duplicate(session, node.card_id)
    new = brief_store.add_node(
        session, brief_id, version, type="card", parent_id=node.parent_id, position=node.position, card_id=copy.id
    )
    brief_store.delete_node(session, brief_id, version + 1, node_id)
    return new
