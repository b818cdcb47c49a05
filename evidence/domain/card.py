"""Cards and analytics: the units a brief is made of."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from evidence.domain import marks as mk
from evidence.domain.cite import Cite
from evidence.domain.marks import Mark, MarkKind
from evidence.domain.readtime import DEFAULT_WPM, count_words, read_seconds, words_in


@dataclass(frozen=True, slots=True)
class Card:
    """Evidence: a tag, a cite and the source's words, marked but never rewritten.

    Frozen so that every edit is a new value: the store compares versions, the undo stack in the
    editor keeps old values, and nothing changes a card behind another's back.
    """

    tag: str
    text: str
    cite: Cite = field(default_factory=Cite)
    marks: tuple[Mark, ...] = ()
    label: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "marks", tuple(mk.validate(self.marks, len(self.text))))

    # Mark edits (F9–F12) -------------------------------------------------------------------
    def toggle(self, kind: MarkKind, start: int, end: int, color: str | None = None) -> Card:
        self._check_range(start, end)
        return replace(self, marks=tuple(mk.toggle(self.marks, kind, start, end, color)))

    def apply(self, kind: MarkKind, start: int, end: int, color: str | None = None) -> Card:
        self._check_range(start, end)
        return replace(self, marks=tuple(mk.apply(self.marks, kind, start, end, color)))

    def clear(self, start: int, end: int) -> Card:
        self._check_range(start, end)
        return replace(self, marks=tuple(mk.clear(self.marks, start, end)))

    def edit_text(self, new_text: str) -> Card:
        """Change the body (an OCR fix) and carry every mark to the words it covered."""
        return replace(self, text=new_text, marks=tuple(mk.remap(self.text, new_text, self.marks)))

    def _check_range(self, start: int, end: int) -> None:
        if not 0 <= start < end <= len(self.text):
            raise mk.MarkError(
                f"selection {start}–{end} is not inside the card text (0–{len(self.text)})"
                if start < end
                else "the selection is empty: select some words first"
            )

    # Derived -------------------------------------------------------------------------------
    def segments(self) -> list[mk.Segment]:
        return mk.segments(self.text, self.marks)

    @property
    def words(self) -> int:
        return count_words(self.text)

    @property
    def words_underlined(self) -> int:
        return words_in(self.text, self.marks, {MarkKind.UNDERLINE, MarkKind.EMPHASIS})

    @property
    def words_highlighted(self) -> int:
        return words_in(self.text, self.marks, MarkKind.HIGHLIGHT)

    @property
    def words_read(self) -> int:
        return self.words_highlighted + count_words(self.tag)

    def read_seconds(self, wpm: int = DEFAULT_WPM) -> float:
        return read_seconds(self.words_read, wpm)


@dataclass(frozen=True, slots=True)
class Analytic:
    """The debater's own argument, placed among cards; read aloud in full."""

    text: str
    id: int | None = None

    @property
    def words_read(self) -> int:
        return count_words(self.text)

    def read_seconds(self, wpm: int = DEFAULT_WPM) -> float:
        return read_seconds(self.words_read, wpm)
