"""Read time: what a debater will say aloud (tag, short cite, highlighted words) at their rate.

Speeches are timed to the second, so the count must match how debaters count: words, not
characters, and only the highlighted ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from evidence.domain.marks import Mark, MarkKind, normalize

DEFAULT_WPM = 250
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def count_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if any(c.isalnum() for c in w))


def words_in(text: str, marks: Iterable[Mark], kind: MarkKind | set[MarkKind]) -> int:
    """Words touched by marks of ``kind``; a word half-highlighted is read, so it counts."""
    kinds = {kind} if isinstance(kind, MarkKind) else kind
    ranges = [(m.start, m.end) for m in normalize(marks) if m.kind in kinds]
    if not ranges:
        return 0
    covered = bytearray(len(text))
    for start, end in ranges:
        covered[start:end] = b"\x01" * (end - start)
    return sum(
        1 for w in _WORD.finditer(text) if any(c.isalnum() for c in w.group()) and any(covered[w.start() : w.end()])
    )


def read_seconds(words: int, wpm: int = DEFAULT_WPM) -> float:
    if wpm <= 0:
        raise ValueError("words per minute must be positive")
    return words * 60.0 / wpm


def format_duration(seconds: float) -> str:
    """0:45, 8:00 — the form speech timers show."""
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"
