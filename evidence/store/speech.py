"""Speech documents in the database: send to speech, reorder, remove, and read it as a brief.

The speech doc is flat and ordered (Verbatim's Send to Speech pastes into one Word file), so a
heading sent from a brief arrives followed by everything under it. ``to_brief`` nests the flat
list back into pocket > hat > block, so read time and the Word export reuse the brief code.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete as sql_delete
from sqlmodel import Session, col, select

from evidence.domain import Analytic, Brief, Card, Heading, Level
from evidence.domain.brief import Node
from evidence.domain.speech import SPEECH_LENGTHS
from evidence.store import cards as card_store
from evidence.store import models
from evidence.store.errors import Invalid, NotFound
from evidence.store.speech_models import SpeechDoc, SpeechItem
from evidence.store.versioning import bump

_HEADINGS = {level.value for level in Level}


# Documents ------------------------------------------------------------------------------------
def create(session: Session, title: str = "Speech doc", minutes: int = 8) -> SpeechDoc:
    _check_minutes(minutes)
    row = SpeechDoc(title=(title or "").strip() or "Speech doc", minutes=minutes)
    session.add(row)
    session.flush()
    return row


def get(session: Session, doc_id: int) -> SpeechDoc:
    row = session.get(SpeechDoc, doc_id)
    if row is None:
        raise NotFound(f"speech doc {doc_id} does not exist")
    return row


def current(session: Session) -> SpeechDoc:
    """The speech doc "send to speech" appends to: the newest one, made on first use."""
    row = session.exec(select(SpeechDoc).order_by(col(SpeechDoc.id).desc())).first()
    return row if row is not None else create(session)


def list_docs(session: Session) -> list[SpeechDoc]:
    return list(session.exec(select(SpeechDoc).order_by(col(SpeechDoc.id).desc())))


def update(session: Session, doc_id: int, version: int, changes: dict[str, Any]) -> SpeechDoc:
    if unknown := set(changes) - {"title", "minutes"}:
        raise Invalid(f"cannot change {', '.join(sorted(unknown))} on a speech doc")
    if "minutes" in changes:
        _check_minutes(changes["minutes"])
    if "title" in changes and not (changes["title"] or "").strip():
        raise Invalid("a speech doc needs a title")
    _bump(session, doc_id, version, changes={k: v.strip() if isinstance(v, str) else v for k, v in changes.items()})
    return get(session, doc_id)


def delete(session: Session, doc_id: int) -> None:
    row = get(session, doc_id)
    # Items first, in one statement: deleting both through the ORM in one flush let the doc's
    # ON DELETE CASCADE take the items before their own DELETE ran.
    session.execute(sql_delete(SpeechItem).where(col(SpeechItem.doc_id) == doc_id))
    session.delete(row)
    session.flush()


def _check_minutes(minutes: object) -> None:
    if minutes not in {m for m, _ in SPEECH_LENGTHS}:
        raise Invalid("a speech is 8 or 9 minutes (constructive) or 5 or 6 minutes (rebuttal)")


def _bump(session: Session, doc_id: int, version: int | None, changes: dict[str, Any] | None = None) -> SpeechDoc:
    """Count a change made on top of ``version`` (None: an append, which never overwrites
    anything), atomically (see :mod:`evidence.store.versioning`), before the items are read."""
    bump(
        session,
        SpeechDoc,
        doc_id,
        version,
        what="speech doc",
        values=changes,
    )
    row = get(session, doc_id)
    session.refresh(row)
    return row


# Items ----------------------------------------------------------------------------------------
def items(session: Session, doc_id: int) -> list[SpeechItem]:
    stmt = select(SpeechItem).where(SpeechItem.doc_id == doc_id)
    return list(session.exec(stmt.order_by(col(SpeechItem.position), col(SpeechItem.id))))


def _append(session: Session, doc_id: int, new: list[SpeechItem]) -> list[SpeechItem]:
    _bump(session, doc_id, None)
    start = len(items(session, doc_id))
    for offset, item in enumerate(new):
        item.doc_id = doc_id
        item.position = start + offset
        session.add(item)
    session.flush()
    return new


def send_card(session: Session, doc_id: int, card_id: int) -> list[SpeechItem]:
    card_store.get(session, card_id)
    return _append(session, doc_id, [SpeechItem(doc_id=doc_id, type="card", card_id=card_id)])


def send_analytic(session: Session, doc_id: int, text: str) -> list[SpeechItem]:
    if not (text or "").strip():
        raise Invalid("an analytic needs text")
    return _append(session, doc_id, [SpeechItem(doc_id=doc_id, type="analytic", text=text)])


def send_node(session: Session, doc_id: int, brief_id: int, node_id: int) -> list[SpeechItem]:
    """Append one brief item; a heading comes with everything under it, in order."""
    node = session.get(models.OutlineNode, node_id)
    if node is None or node.brief_id != brief_id:
        raise NotFound(f"item {node_id} is not in brief {brief_id}")
    rows = session.exec(select(models.OutlineNode).where(models.OutlineNode.brief_id == brief_id)).all()
    children: dict[int | None, list[models.OutlineNode]] = {}
    for row in sorted(rows, key=lambda r: (r.position, r.id or 0)):
        children.setdefault(row.parent_id, []).append(row)
    new: list[SpeechItem] = []

    def add(n: models.OutlineNode) -> None:
        if n.type == "card":
            card = session.get(models.Card, n.card_id)
            if card is None or card.deleted_at is not None:
                return
        new.append(
            SpeechItem(
                doc_id=doc_id,
                type=n.type,
                title=n.title,
                label=n.label,
                speech=n.speech,
                text=n.text,
                card_id=n.card_id,
            )
        )
        for child in children.get(n.id, []):
            add(child)

    add(node)
    return _append(session, doc_id, new)


def move_item(session: Session, doc_id: int, version: int, item_id: int, position: int) -> SpeechItem:
    _bump(session, doc_id, version)
    rows = items(session, doc_id)
    item = next((r for r in rows if r.id == item_id), None)
    if item is None:
        raise NotFound(f"item {item_id} is not in speech doc {doc_id}")
    others = [r for r in rows if r.id != item_id]
    others.insert(max(0, min(position, len(others))), item)
    for i, row in enumerate(others):
        row.position = i
        session.add(row)
    session.flush()
    return item


def remove_item(session: Session, doc_id: int, version: int, item_id: int) -> None:
    _bump(session, doc_id, version)
    rows = items(session, doc_id)
    item = next((r for r in rows if r.id == item_id), None)
    if item is None:
        raise NotFound(f"item {item_id} is not in speech doc {doc_id}")
    session.delete(item)
    for i, row in enumerate(r for r in rows if r.id != item_id):
        row.position = i
        session.add(row)
    session.flush()


# Reading it -----------------------------------------------------------------------------------
def load(session: Session, doc_id: int) -> tuple[list[tuple[SpeechItem, Node]], Brief]:
    """Every item with its domain value (flat, in order), and the doc nested as a brief.

    Items whose card was deleted are left out of both, as a brief leaves them out of its outline.
    """
    doc = get(session, doc_id)
    rows = items(session, doc_id)
    cards = card_store.live_by_id(session, [r.card_id for r in rows if r.card_id is not None])
    flat: list[tuple[SpeechItem, Node]] = []
    for row in rows:
        node: Node
        if row.type == "card":
            card_row = cards.get(row.card_id) if row.card_id is not None else None
            if card_row is None:
                continue
            node = card_store.to_domain(card_row)
        elif row.type == "analytic":
            node = Analytic(text=row.text or "", id=row.id)
        else:
            node = Heading(Level(row.type), row.title or "", label=row.label, speech=row.speech, id=row.id)
        flat.append((row, node))
    return flat, nest(doc.title, [node for _, node in flat])


def nest(title: str, flat: list[Node]) -> Brief:
    """A flat run of headings, cards and analytics as an outline: each heading takes what follows
    it until a heading of its own level or higher."""
    brief = Brief(title=title)
    stack: list[Heading] = []
    for node in flat:
        if isinstance(node, Heading):
            heading = Heading(node.level, node.title, label=node.label, speech=node.speech, id=node.id)
            while stack and stack[-1].level.depth >= heading.level.depth:
                stack.pop()
            (stack[-1].children if stack else brief.children).append(heading)
            stack.append(heading)
        else:
            assert isinstance(node, Card | Analytic)
            (stack[-1].children if stack else brief.children).append(node)
    return brief
