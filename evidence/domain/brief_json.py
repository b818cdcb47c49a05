"""The brief JSON format ``evidence-brief/1`` (DESIGN §4): export, backup and API share it."""

from __future__ import annotations

from typing import Any

from evidence.domain import Analytic, Brief, Card, Heading
from evidence.domain.brief import Node

FORMAT = "evidence-brief/1"


def brief_to_json(brief: Brief) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT, "id": brief.id, "title": brief.title}
    if brief.author:
        data["author"] = brief.author
    if brief.styles:
        data["styles"] = brief.styles  # the file's own look (DESIGN §2), only when it has one
    data["children"] = [node_to_json(n) for n in brief.children]
    return data


def card_to_json(card: Card) -> dict[str, Any]:
    """A card; ``tag_marks`` and ``notes`` (what a file had between tag and cite) only when it
    has them, so readers of the original format see the same document."""
    data: dict[str, Any] = {
        "type": "card",
        "id": card.id,
        "tag": card.tag,
        "label": card.label,
        "cite": card.cite.to_json(),
        "text": card.text,
        "marks": [m.to_json() for m in card.marks],
    }
    if card.tag_marks:
        data["tag_marks"] = [m.to_json() for m in card.tag_marks]
    if card.notes:
        data["notes"] = {"text": card.notes, "marks": [m.to_json() for m in card.notes_marks]}
    return data


def node_to_json(node: Node) -> dict[str, Any]:
    if isinstance(node, Card):
        return card_to_json(node)
    if isinstance(node, Analytic):
        data: dict[str, Any] = {"type": "analytic", "text": node.text}
        if node.id is not None:
            data["id"] = node.id
        return data
    assert isinstance(node, Heading)
    data = {"type": node.level.value, "title": node.title, "label": node.label}
    if node.speech:
        data["speech"] = node.speech
    if node.id is not None:
        data["id"] = node.id
    data["children"] = [node_to_json(n) for n in node.children]
    return data
