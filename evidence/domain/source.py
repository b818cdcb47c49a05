"""A source as the readers hand it over: cleaned text, a suggested cite, and what cleaning removed.

Cleaning only ever *deletes* spans of the text it was given, and records each deletion with its
offsets into that original text. So the original is always recoverable from the cleaned text plus
the list, and the user can put back any one removal (a "Related:" line that was really a
sentence) without the reader having kept a second copy of the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from evidence.domain.cite import Cite


@dataclass(frozen=True, slots=True)
class Removal:
    """One span cleaning dropped: ``text`` stood at ``start:end`` of the original text."""

    start: int
    end: int
    text: str
    why: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or self.end - self.start != len(self.text):
            raise ValueError(f"removal {self.start}–{self.end} does not match its text ({len(self.text)} characters)")

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "why": self.why}


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A cleaned passage with its metadata, ready to become a stored source.

    ``removed`` offsets point into the text this source was cut from (for a page split into
    several posts, the post's own slice of the page), and ``text`` is exactly that original with
    the removed spans deleted: :func:`original_text` and :func:`restore` rely on it.
    """

    title: str
    text: str
    cite: Cite = field(default_factory=Cite)
    removed: list[Removal] = field(default_factory=list)
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The body of DESIGN §4's source JSON (the store adds ``format`` and ``id``)."""
        return {
            "title": self.title,
            "text": self.text,
            "cite": self.cite.to_json(),
            "removed": [r.to_json() for r in self.removed],
        }


def original_text(doc: SourceDoc) -> str:
    """The text before cleaning: the cleaned text with every removal put back where it was."""
    return _insert(doc.text, doc.removed)


def restore(doc: SourceDoc, removal: Removal | Iterable[Removal] | None = None) -> SourceDoc:
    """Put back one removal, several, or (``None``) all of them; the others stay removed."""
    if removal is None:
        chosen = list(doc.removed)
    elif isinstance(removal, Removal):
        chosen = [removal]
    else:
        chosen = list(removal)
    for r in chosen:
        if r not in doc.removed:
            raise ValueError(f"“{_preview(r.text)}” was not removed from this source")
    original = original_text(doc)
    keep = [r for r in doc.removed if r not in chosen]
    return replace(doc, text=delete_spans(original, keep), removed=keep)


def delete_spans(text: str, removals: Iterable[Removal]) -> str:
    """``text`` without the given spans (which must not overlap)."""
    parts: list[str] = []
    pos = 0
    for r in sorted(removals, key=lambda r: r.start):
        if r.start < pos:
            raise ValueError(f"removals overlap at offset {r.start}")
        parts.append(text[pos : r.start])
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


def _insert(text: str, removals: Iterable[Removal]) -> str:
    parts: list[str] = []
    pos = 0  # position in the cleaned text
    out_len = 0  # length of the original built so far
    for r in sorted(removals, key=lambda r: r.start):
        take = r.start - out_len
        if take < 0:
            raise ValueError(f"removals overlap at offset {r.start}")
        parts.append(text[pos : pos + take])
        pos += take
        parts.append(r.text)
        out_len = r.end
    parts.append(text[pos:])
    return "".join(parts)


def _preview(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
