"""Briefs in the database: the outline as ordered nodes, each card referenced, never copied."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlmodel import Session, col, select

from evidence.domain import Analytic, Brief, Heading, Level
from evidence.domain.brief import MAX_TITLE, Node, OutlineError, can_contain, check_analytic, check_title
from evidence.domain.brief_json import brief_to_json
from evidence.domain.labels import normalize_label
from evidence.store import cards as card_store
from evidence.store import models
from evidence.store.errors import Invalid, NotFound
from evidence.store.versioning import bump

HEADING_TYPES = {level.value for level in Level}
NODE_TYPES = HEADING_TYPES | {"card", "analytic"}


def _checked(check: Callable[..., None], *args: str) -> None:
    try:
        check(*args)
    except OutlineError as exc:
        raise Invalid(str(exc)) from None


def create(session: Session, title: str, author: str | None = None) -> models.Brief:
    if not title or not title.strip():
        raise Invalid("a brief needs a title")
    _checked(check_title, title.strip(), "brief title")
    _checked(check_title, author or "", "brief author")
    row = models.Brief(title=title.strip(), author=author)
    session.add(row)
    session.flush()
    return row


def get(session: Session, brief_id: int) -> models.Brief:
    row = session.get(models.Brief, brief_id)
    if row is None:
        raise NotFound(f"brief {brief_id} does not exist")
    return row


def list_briefs(session: Session) -> list[models.Brief]:
    return list(session.exec(select(models.Brief).order_by(col(models.Brief.updated_at).desc())))


def save(session: Session, brief: Brief) -> models.Brief:
    """Store a whole domain brief (an import): new cards and nodes, in the caller's transaction."""
    _checked(brief.validate)
    title = brief.title if len(brief.title) <= MAX_TITLE else brief.title[: MAX_TITLE - 1] + "…"
    row = create(session, title, (brief.author or "")[:MAX_TITLE] or None)
    if brief.styles:
        row.styles = dict(brief.styles)  # the file's look, written back on every export
        session.add(row)
    assert row.id is not None
    _insert(session, row.id, None, brief.children)
    return row


def _insert(session: Session, brief_id: int, parent_id: int | None, nodes: list[Node]) -> None:
    for position, node in enumerate(nodes):
        values: dict[str, Any] = {"brief_id": brief_id, "parent_id": parent_id, "position": position}
        if isinstance(node, Heading):
            values.update(type=node.level.value, title=node.title, label=node.label, speech=node.speech)
        elif isinstance(node, Analytic):
            values.update(type="analytic", text=node.text)
        else:
            values.update(type="card", card_id=card_store.create(session, node).id)
        row = models.OutlineNode(**values)
        session.add(row)
        session.flush()
        if isinstance(node, Heading):
            _insert(session, brief_id, row.id, node.children)


def _nodes(session: Session, brief_id: int) -> list[models.OutlineNode]:
    stmt = select(models.OutlineNode).where(models.OutlineNode.brief_id == brief_id)
    return list(session.exec(stmt.order_by(col(models.OutlineNode.position), col(models.OutlineNode.id))))


def load(session: Session, brief_id: int) -> tuple[Brief, list[int]]:
    """The brief as a domain object, plus the node id of every item in document order."""
    row = get(session, brief_id)
    rows = _nodes(session, brief_id)
    card_rows = card_store.live_by_id(session, [n.card_id for n in rows if n.card_id is not None])
    children: dict[int | None, list[models.OutlineNode]] = defaultdict(list)
    for node in rows:
        children[node.parent_id].append(node)
    order: list[int] = []

    def build(parent: int | None) -> list[Node]:
        result: list[Node] = []
        for node in children[parent]:
            assert node.id is not None
            if node.type == "card":
                card_row = card_rows.get(node.card_id) if node.card_id is not None else None
                if card_row is None:
                    continue  # a deleted card leaves the outline until it is restored
                order.append(node.id)
                result.append(card_store.to_domain(card_row))
            elif node.type == "analytic":
                order.append(node.id)
                result.append(Analytic(text=node.text or "", id=node.id))
            else:
                order.append(node.id)
                heading = Heading(Level(node.type), node.title or "", label=node.label, speech=node.speech, id=node.id)
                heading.children = build(node.id)
                result.append(heading)
        return result

    brief = Brief(title=row.title, author=row.author, id=row.id, children=build(None), styles=dict(row.styles or {}))
    return brief, order


def to_json(session: Session, brief_id: int) -> dict[str, Any]:
    """Brief JSON with two extensions the editor needs: ``version`` and each item's ``node_id``."""
    brief, order = load(session, brief_id)
    data = brief_to_json(brief)
    data["version"] = get(session, brief_id).version
    ids = iter(order)

    def annotate(items: list[dict[str, Any]]) -> None:
        for item in items:
            item["node_id"] = next(ids)
            annotate(item.get("children", []))

    annotate(data["children"])
    return data


# Outline edits --------------------------------------------------------------------------------
def _bump(session: Session, brief_id: int, version: int, change: str) -> models.Brief:
    """Count one outline edit made on top of ``version`` (see :mod:`evidence.store.versioning`).

    Every edit calls this before it reads the outline, so concurrent edits queue on the brief's
    row and the losers are told what the winner did.
    """

    def message(current: int) -> str:
        latest = session.execute(select(models.Brief.last_change).where(models.Brief.id == brief_id)).scalar_one()
        return (
            f"This brief was changed elsewhere (your version {version}, now {current}; "
            f"latest change: {latest}). Reload to see it; nothing was overwritten."
        )

    bump(session, models.Brief, brief_id, version, what="brief", conflict=message, values={"last_change": change})
    row = get(session, brief_id)
    session.refresh(row)
    return row


def _node(session: Session, brief_id: int, node_id: int) -> models.OutlineNode:
    node = session.get(models.OutlineNode, node_id)
    if node is None or node.brief_id != brief_id:
        raise NotFound(f"item {node_id} is not in brief {brief_id}")
    return node


def _check_place(session: Session, brief_id: int, parent_id: int | None, node_type: str, moving: int | None) -> None:
    parent_level: Level | None = None
    if parent_id is not None:
        parent = _node(session, brief_id, parent_id)
        if parent.type not in HEADING_TYPES:
            raise Invalid("items can only go inside a pocket, hat or block")
        parent_level = Level(parent.type)
        # Walk up from the new parent: moving a node under itself would cut it off the brief.
        cursor: models.OutlineNode | None = parent
        while cursor is not None:
            if moving is not None and cursor.id == moving:
                raise Invalid("an item cannot move inside itself")
            cursor = session.get(models.OutlineNode, cursor.parent_id) if cursor.parent_id else None
    if node_type in HEADING_TYPES and not can_contain(parent_level, Level(node_type)):
        where = parent_level.value if parent_level else "brief"
        raise Invalid(f"a {node_type} cannot go inside a {where} (the order is pocket > hat > block)")


def _siblings(session: Session, brief_id: int, parent_id: int | None) -> list[models.OutlineNode]:
    stmt = select(models.OutlineNode).where(
        models.OutlineNode.brief_id == brief_id,
        col(models.OutlineNode.parent_id).is_(None) if parent_id is None else models.OutlineNode.parent_id == parent_id,
    )
    return list(session.exec(stmt.order_by(col(models.OutlineNode.position), col(models.OutlineNode.id))))


def _place(
    session: Session, node: models.OutlineNode, siblings: list[models.OutlineNode], position: int | None
) -> None:
    others = [s for s in siblings if s.id != node.id]
    index = len(others) if position is None else max(0, min(position, len(others)))
    others.insert(index, node)
    for i, sibling in enumerate(others):
        sibling.position = i
        session.add(sibling)


def add_node(
    session: Session,
    brief_id: int,
    version: int,
    *,
    type: str,
    parent_id: int | None = None,
    position: int | None = None,
    title: str | None = None,
    label: str | None = None,
    speech: str | None = None,
    text: str | None = None,
    card_id: int | None = None,
) -> models.OutlineNode:
    if type not in NODE_TYPES:
        raise Invalid(f"unknown item type {type!r} (pocket, hat, block, card or analytic)")
    if type == "card" and card_id is None:
        raise Invalid("a card item needs card_id")
    if type == "analytic" and not (text or "").strip():
        raise Invalid("an analytic needs text")
    if type in HEADING_TYPES and not (title or "").strip():
        raise Invalid(f"a {type} needs a title")
    _checked(check_title, title or "", f"{type} title")
    _checked(check_analytic, text or "")
    _bump(session, brief_id, version, f"added a {type}")
    if card_id is not None and type == "card":
        card_store.get(session, card_id)
    _check_place(session, brief_id, parent_id, type, None)
    node = models.OutlineNode(
        brief_id=brief_id,
        parent_id=parent_id,
        type=type,
        title=title if type in HEADING_TYPES else None,
        label=normalize_label(label),
        speech=speech,
        text=text if type == "analytic" else None,
        card_id=card_id if type == "card" else None,
    )
    session.add(node)
    session.flush()
    _place(session, node, _siblings(session, brief_id, parent_id), position)
    session.flush()
    return node


def update_node(
    session: Session, brief_id: int, version: int, node_id: int, changes: dict[str, Any]
) -> models.OutlineNode:
    node = _node(session, brief_id, node_id)
    _bump(session, brief_id, version, f"edited a {node.type}")
    if node.type in HEADING_TYPES:
        allowed = {"title", "label", "speech"}
    else:
        allowed = {"text"} if node.type == "analytic" else set()
    if unknown := set(changes) - allowed:
        raise Invalid(f"cannot change {', '.join(sorted(unknown))} on a {node.type}")
    if node.type in HEADING_TYPES and "title" in changes and not (changes["title"] or "").strip():
        raise Invalid(f"a {node.type} needs a title")
    if node.type == "analytic" and "text" in changes and not (changes["text"] or "").strip():
        raise Invalid("an analytic needs text")
    _checked(check_title, changes.get("title") or "", f"{node.type} title")
    _checked(check_analytic, changes.get("text") or "")
    for key, value in changes.items():
        setattr(node, key, normalize_label(value) if key == "label" else value)
    session.add(node)
    session.flush()
    return node


def move_node(
    session: Session, brief_id: int, version: int, node_id: int, *, parent_id: int | None, position: int | None
) -> models.OutlineNode:
    node = _node(session, brief_id, node_id)
    _bump(session, brief_id, version, f"moved a {node.type}")
    # A moved heading keeps its level, so its own children stay valid under it.
    _check_place(session, brief_id, parent_id, node.type, node_id)
    old_parent = node.parent_id
    node.parent_id = parent_id
    session.add(node)
    session.flush()
    _place(session, node, _siblings(session, brief_id, parent_id), position)
    if old_parent != parent_id:
        for i, sibling in enumerate(s for s in _siblings(session, brief_id, old_parent) if s.id != node.id):
            sibling.position = i
            session.add(sibling)
    session.flush()
    return node


def separate_card(session: Session, brief_id: int, version: int, node_id: int) -> models.OutlineNode:
    """Give this brief its own copy of the card at ``node_id``: the other briefs keep the
    original, and edits to either no longer reach the other."""
    node = _node(session, brief_id, node_id)
    _bump(session, brief_id, version, "made a separate copy of a card")
    if node.type != "card" or node.card_id is None:
        raise Invalid("only a card can be copied")
    node.card_id = card_store.duplicate(session, node.card_id).id
    session.add(node)
    session.flush()
    return node


def delete_node(session: Session, brief_id: int, version: int, node_id: int) -> None:
    node = _node(session, brief_id, node_id)
    _bump(session, brief_id, version, f"removed a {node.type}")
    parent_id = node.parent_id
    session.delete(node)
    session.flush()
    for i, sibling in enumerate(_siblings(session, brief_id, parent_id)):
        sibling.position = i
        session.add(sibling)
    session.flush()


def rename(session: Session, brief_id: int, version: int, changes: dict[str, Any]) -> models.Brief:
    if unknown := set(changes) - {"title", "author"}:
        raise Invalid(f"cannot change {', '.join(sorted(unknown))} on a brief")
    if "title" in changes and not (changes["title"] or "").strip():
        raise Invalid("a brief needs a title")
    _checked(check_title, changes.get("title") or "", "brief title")
    _checked(check_title, changes.get("author") or "", "brief author")
    row = _bump(session, brief_id, version, "renamed the brief")
    for key, value in changes.items():
        setattr(row, key, value.strip() if key == "title" else value)
    session.add(row)
    session.flush()
    return row


def delete(session: Session, brief_id: int) -> None:
    row = get(session, brief_id)
    session.execute(sql_delete(models.OutlineNode).where(col(models.OutlineNode.brief_id) == brief_id))
    session.delete(row)
    session.flush()


def memberships(session: Session, card_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Which briefs each card sits in: the cards list shows it so an edit's reach is visible."""
    if not card_ids:
        return {}
    stmt = (
        select(models.OutlineNode.card_id, models.Brief.id, models.Brief.title)
        .join(models.Brief, col(models.Brief.id) == models.OutlineNode.brief_id)
        .where(col(models.OutlineNode.card_id).in_(card_ids))
    )
    result: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for card_id, brief_id, title in session.exec(stmt):
        assert card_id is not None and brief_id is not None  # matched by IN (card_ids) and the join
        if (brief_id, title) not in result[card_id]:
            result[card_id].append((brief_id, title))
    return dict(result)
