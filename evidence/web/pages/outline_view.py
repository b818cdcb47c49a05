"""What the brief page shows: the outline as nested items, each with its node id, its index
path (the domain's move rules speak in paths), its read time and, for a card, where else it is
used. The brief page, its fragments, the print view and the speech doc all render from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from evidence.domain import Analytic, Brief, Heading, Level
from evidence.domain.brief import Node, words_read
from evidence.domain.headers import heading_title
from evidence.domain.marks import HIGHLIGHT_COLORS
from evidence.domain.moves import Path, accepts
from evidence.domain.readtime import read_seconds
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store.models import Brief as BriefRow
from evidence.web.presenters import CardView, card_view

#: Highlight colours offered for the download's colour override, in Verbatim's names.
HIGHLIGHT_CHOICES: tuple[tuple[str, str], ...] = (
    ("yellow", "Yellow"),
    ("green", "Bright green"),
    ("cyan", "Turquoise"),
    ("magenta", "Pink"),
    ("blue", "Blue"),
    ("red", "Red"),
    ("darkCyan", "Teal"),
    ("darkGreen", "Green"),
)
assert all(c in HIGHLIGHT_COLORS for c, _ in HIGHLIGHT_CHOICES)

#: The heading types, from the domain's one list, for templates to loop over.
LEVELS: tuple[Level, ...] = tuple(Level)
_HEADING_TYPES = frozenset(level.value for level in Level)


def is_heading(node_type: str) -> bool:
    return node_type in _HEADING_TYPES


@dataclass(slots=True)
class Item:
    """One outline item as the template shows it."""

    node_id: int
    type: str
    depth: int
    parent_id: int | None
    position: int
    path: Path
    read_seconds: float
    title: str = ""
    label: str | None = None
    speech: str | None = None
    text: str = ""
    card: CardView | None = None
    #: For a heading: the item types a drop may put inside it (the browser marks the drop).
    accepts: tuple[str, ...] = ()
    children: list[Item] = field(default_factory=list)

    @property
    def is_heading(self) -> bool:
        return is_heading(self.type)

    @property
    def level_depth(self) -> int:
        return Level(self.type).depth if self.is_heading else 0

    @property
    def name(self) -> str:
        """How the item is named to a person ("Block: AT: X", "Card: tag")."""
        if self.card is not None:
            return f"Card: {self.card.tag}"
        if self.type == "analytic":
            return f"Analytic: {self.text}"
        return f"{self.type.capitalize()}: {self.title}"


@dataclass(slots=True)
class Outline:
    row: BriefRow
    brief: Brief
    items: list[Item]
    wpm: int
    by_id: dict[int, Item] = field(default_factory=dict)
    by_path: dict[Path, Item] = field(default_factory=dict)

    @property
    def cards(self) -> int:
        return len(self.brief.cards())

    @property
    def read_seconds(self) -> float:
        return self.brief.read_seconds(self.wpm)

    def headings(self) -> list[Item]:
        """Every heading in document order: the "Put it in" choices."""
        return [item for item in self.by_path.values() if item.is_heading]

    def node_id(self, path: Path | None) -> int | None:
        return None if path is None else self.by_path[path].node_id

    def neighbour(self, node_id: int) -> int | None:
        """Where focus goes when ``node_id`` is removed: the next item beside it, the one before,
        or its heading."""
        item = self.by_id[node_id]
        siblings = self.by_id[item.parent_id].children if item.parent_id is not None else self.items
        index = siblings.index(item)
        for other in (index + 1, index - 1):
            if 0 <= other < len(siblings):
                return siblings[other].node_id
        return item.parent_id


def load_outline(session: Session, brief_id: int, wpm: int) -> Outline:
    row = brief_store.get(session, brief_id)
    brief, order = brief_store.load(session, brief_id)
    ids = iter(order)
    used = brief_store.memberships(session, [c.id for c in brief.cards() if c.id is not None])
    outline = Outline(row=row, brief=brief, items=[], wpm=wpm)

    def build(nodes: list[Node], parent: Item | None) -> list[Item]:
        items: list[Item] = []
        for position, node in enumerate(nodes):
            item = _item(node, next(ids), parent, position, wpm, used, brief_id)
            outline.by_id[item.node_id] = item
            outline.by_path[item.path] = item
            if isinstance(node, Heading):
                item.children = build(node.children, item)
            items.append(item)
        return items

    outline.items = build(brief.children, None)
    return outline


def _item(
    node: Node,
    node_id: int,
    parent: Item | None,
    position: int,
    wpm: int,
    used: dict[int, list[tuple[int, str]]],
    brief_id: int,
) -> Item:
    depth = parent.depth + 1 if parent else 0
    parent_id = parent.node_id if parent else None
    path = (*parent.path, position) if parent else (position,)
    if isinstance(node, Heading):
        return Item(
            node_id,
            node.level.value,
            depth,
            parent_id,
            position,
            path,
            read_seconds(words_read(node.children), wpm),
            title=heading_title(node),
            label=node.label,
            speech=node.speech,
            text=node.title,
            accepts=accepts(node.level),
        )
    if isinstance(node, Analytic):
        return Item(node_id, "analytic", depth, parent_id, position, path, node.read_seconds(wpm), text=node.text)
    others = [b for b in used.get(node.id or 0, []) if b[0] != brief_id]
    view = CardView(node, wpm, briefs=tuple(others))
    return Item(node_id, "card", depth, parent_id, position, path, view.read_seconds, card=view)


def picker_results(session: Session, brief_id: int, q: str, wpm: int) -> dict[str, Any]:
    """My evidence, searched by tag or cite text, for the "add cards" panel."""
    brief, _ = brief_store.load(session, brief_id)
    here = {c.id for c in brief.cards()}
    rows = card_store.list_cards(session, query=q.strip() or None, limit=25)
    results = [card_view(row, wpm, in_brief=row.id in here) for row in rows]
    return {"results": results, "q": q}
