"""Briefs: Verbatim's outline of pocket > hat > block > cards and analytics.

Any level may be skipped (most briefs are just blocks), but a level never sits inside a lower
one: Word's navigation pane, Verbatim's macros and every community parser read the outline by
heading level, so an inverted outline would export as a different brief.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Union

from evidence.domain.card import Analytic, Card
from evidence.domain.readtime import DEFAULT_WPM, read_seconds


class Level(StrEnum):
    POCKET = "pocket"
    HAT = "hat"
    BLOCK = "block"

    @property
    def depth(self) -> int:
        """Outline level as Word counts it (Heading1 = 0)."""
        return list(Level).index(self)


class OutlineError(ValueError):
    """An outline that Verbatim could not represent."""


#: A brief's or a heading's title is one line; the longest "AT: …" block titles in real files are
#: a few hundred characters, so this only stops a paste that went into the wrong box. Imports are
#: not held to it: a file's own headings are kept as written, however long.
MAX_TITLE = 1_000
#: An analytic is the debater's own argument, a paragraph or a few.
MAX_ANALYTIC = 100_000


def check_title(title: str, what: str = "title") -> None:
    if len(title) > MAX_TITLE:
        raise OutlineError(f"a {what} is at most {MAX_TITLE:,} characters; this one has {len(title):,}")


def check_analytic(text: str) -> None:
    if len(text) > MAX_ANALYTIC:
        raise OutlineError(f"an analytic is at most {MAX_ANALYTIC:,} characters; this one has {len(text):,}")


@dataclass(slots=True)
class Heading:
    level: Level
    title: str
    children: list[Node] = field(default_factory=list)
    label: str | None = None
    #: The speech a block is for ("2AC"), kept from headers like "2AC---AT: X".
    speech: str | None = None
    id: int | None = None


Node = Union[Heading, Card, Analytic]  # noqa: UP007 - a runtime alias used in isinstance checks


#: The Verbatim styles a brief's own look may redefine (DESIGN §2), by role.
STYLE_ROLES = ("normal", "pocket", "hat", "block", "tag", "cite", "underline", "emphasis")
#: What a look may say: font name, size in points, bold, underline (OOXML value, "none" for
#: off), and a box (Emphasis's optional 1 pt border).
STYLE_KEYS: dict[str, type | tuple[type, ...]] = {
    "font": str,
    "size": (int, float),
    "bold": bool,
    "underline": str,
    "box": bool,
}


def check_styles(data: object) -> dict[str, dict[str, object]]:
    """A brief's ``styles`` as pure data, refusing shapes no exporter could write."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise OutlineError("styles must be an object of role → look")
    out: dict[str, dict[str, object]] = {}
    for role, look in data.items():
        if role not in STYLE_ROLES:
            raise OutlineError(f"unknown style role {role!r} (expected one of {', '.join(STYLE_ROLES)})")
        if not isinstance(look, dict):
            raise OutlineError(f"styles.{role} must be an object")
        clean: dict[str, object] = {}
        for key, value in look.items():
            kind = STYLE_KEYS.get(key)
            if kind is None:
                raise OutlineError(f"styles.{role}: unknown property {key!r} (expected {', '.join(STYLE_KEYS)})")
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise OutlineError(f"styles.{role}.{key}: {value!r} is not a valid value")
            if key == "size" and isinstance(value, int | float) and not 1 <= value <= 400:
                raise OutlineError(f"styles.{role}.size: {value} pt is not a font size (1–400)")
            if isinstance(value, str) and not 0 < len(value) <= 100:
                raise OutlineError(f"styles.{role}.{key}: must be 1–100 characters")
            clean[key] = value
        out[role] = clean
    return out


@dataclass(slots=True)
class Brief:
    title: str
    children: list[Node] = field(default_factory=list)
    author: str | None = None
    id: int | None = None
    #: The team's own definitions of Verbatim's styles, by role (see :data:`STYLE_ROLES`), as
    #: read from the Word file the brief came from; empty means Verbatim's defaults.
    styles: dict[str, dict[str, object]] = field(default_factory=dict)

    def validate(self) -> None:
        _check_children(self.children, parent=None, path="brief")

    def walk(self) -> Iterator[tuple[int, Node]]:
        """Every node with its depth, in document order."""
        yield from _walk(self.children, 0)

    def cards(self) -> list[Card]:
        return [n for _, n in self.walk() if isinstance(n, Card)]

    def words_read(self) -> int:
        return words_read(self.children)

    def read_seconds(self, wpm: int = DEFAULT_WPM) -> float:
        return read_seconds(self.words_read(), wpm)


def words_read(nodes: list[Node]) -> int:
    total = 0
    for node in nodes:
        if isinstance(node, Heading):
            total += words_read(node.children)
        else:
            total += node.words_read
    return total


def _walk(nodes: list[Node], depth: int) -> Iterator[tuple[int, Node]]:
    for node in nodes:
        yield depth, node
        if isinstance(node, Heading):
            yield from _walk(node.children, depth + 1)


def can_contain(parent: Level | None, child: Node | Level) -> bool:
    """Whether ``child`` may sit directly under ``parent`` (None: the brief itself)."""
    if not isinstance(child, Level):
        if not isinstance(child, Heading):
            return True  # cards and analytics go anywhere
        child = child.level
    return parent is None or child.depth > parent.depth


def _check_children(nodes: list[Node], parent: Level | None, path: str) -> None:
    for i, node in enumerate(nodes):
        where = f"{path} › item {i + 1}"
        if isinstance(node, Heading):
            if not can_contain(parent, node):
                raise OutlineError(
                    f"{where}: a {node.level.value} cannot sit inside a {parent.value if parent else 'brief'}"
                    " (the order is pocket > hat > block)"
                )
            _check_children(node.children, node.level, f"{where} ({node.level.value} “{node.title}”)")
        elif not isinstance(node, Card | Analytic):
            raise OutlineError(f"{where}: unknown node {type(node).__name__}")
