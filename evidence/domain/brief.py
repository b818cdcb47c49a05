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


@dataclass(slots=True)
class Brief:
    title: str
    children: list[Node] = field(default_factory=list)
    author: str | None = None
    id: int | None = None

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
