"""Where an outline item goes when it is moved by key (Verbatim's Ctrl+Alt+Up/Down) or dropped.

Items are named by their index path in the outline (``(0, 2)``: the third item of the first
heading); a place is the parent heading's path (``None``: the brief itself) and a position among
its children (``None``: the end). Pages turn paths into their own ids; the rules live here so the
browser never guesses them.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.domain.brief import Heading, Level, Node, can_contain

Path = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Place:
    parent: Path | None
    position: int | None


def node_at(children: list[Node], path: Path) -> Node:
    node: Node | None = None
    nodes = children
    for index in path:
        node = nodes[index]
        nodes = node.children if isinstance(node, Heading) else []
    if node is None:
        raise IndexError("an empty path names no item")
    return node


def _siblings(children: list[Node], path: Path) -> list[Node]:
    if len(path) == 1:
        return children
    parent = node_at(children, path[:-1])
    assert isinstance(parent, Heading)
    return parent.children


def step(children: list[Node], path: Path, direction: int) -> Place | None:
    """Ctrl+Alt+Up (``-1``) or Down (``+1``): swap with the neighbour. A card or analytic meeting a
    heading goes inside it (at its top going down, at its end going up); one at the edge of its
    heading leaves it (just after it going down, just before it going up). None: nowhere to go."""
    node = node_at(children, path)
    siblings = _siblings(children, path)
    parent: Path | None = path[:-1] or None
    index = path[-1]
    target = index + direction
    if 0 <= target < len(siblings):
        neighbour = siblings[target]
        if isinstance(neighbour, Heading) and not isinstance(node, Heading):
            return Place(parent=(*path[:-1], target), position=0 if direction > 0 else None)
        return Place(parent=parent, position=target)
    if parent is not None and not isinstance(node, Heading):
        return Place(parent=parent[:-1] or None, position=parent[-1] + (1 if direction > 0 else 0))
    return None


def accepts(level: Level) -> tuple[str, ...]:
    """The item types a heading of ``level`` may hold directly (cards and analytics always)."""
    return (*(child.value for child in Level if can_contain(level, child)), "card", "analytic")


def drop(children: list[Node], path: Path, target: Path) -> Place:
    """A drop of the item at ``path`` on the item at ``target``: inside a heading that may hold
    it (at its top), otherwise just before ``target``."""
    node = node_at(children, path)
    onto = node_at(children, target)
    if isinstance(onto, Heading) and can_contain(onto.level, node):
        return Place(parent=target, position=0)
    position = target[-1]
    if path[:-1] == target[:-1] and path[-1] < position:
        position -= 1  # the item leaves a slot above the target in the same list
    return Place(parent=target[:-1] or None, position=position)
