"""Cards and analytics: the units a brief is made of."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace

from evidence.domain import marks as mk
from evidence.domain.cite import Cite
from evidence.domain.marks import Mark, MarkKind
from evidence.domain.readtime import DEFAULT_WPM, count_words, read_seconds, words_in

#: The largest card the app accepts, checked (in :meth:`Card.__post_init__`) before any work that
#: grows with the card's size, so no request or import can make the server spend minutes on one.
#:
#: A tag is one line, the claim a debater reads aloud: real ones run to a few hundred characters,
#: so 2,000 leaves room for the longest while refusing a paragraph pasted into the wrong box. Only
#: a tag someone types is held to it (:func:`check_tag`, called where user input becomes a card):
#: a Verbatim file with a page styled as Tag by mistake imports as written, since what a file
#: says is kept, and its size is already bounded by the import's own limits.
MAX_TAG_CHARS = 2_000
#: Cards are usually a paragraph or a page, but some debaters cut a whole long article (a law
#: review piece of 30,000 words is about 200,000 characters) as one card and highlight it down.
#: A million code points (a 500-page book; at most 4 MB of UTF-8 in a row, a backup line or a
#: response) keeps every such card while refusing whole sources dumped into a card.
MAX_TEXT_CHARS = 1_000_000
#: A heavily marked 2,000-word card carries a few thousand marks (underline, emphasis and
#: highlight per phrase); one highlight on every word of a 50,000-word article is the extreme.
#: The count is checked on the marks as sent, before they are normalised, and again after
#: (emphasis brings its underline, a highlight painted over another splits it), so a stored card
#: always loads back.
MAX_MARKS = 50_000


_KIND = operator.itemgetter(0)


class CardLimitError(ValueError):
    """A card over one of the limits above; the message says which, by how much."""


def check_tag(tag: str) -> None:
    if len(tag) > MAX_TAG_CHARS:
        raise CardLimitError(
            f"a tag holds at most {MAX_TAG_CHARS:,} characters; this one has {len(tag):,}"
            " (a tag is one line: put the rest in the card text)"
        )


def check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise CardLimitError(
            f"a card's text holds at most {MAX_TEXT_CHARS:,} characters; this one has {len(text):,}"
            " (cut the passage you read, not the whole source)"
        )


def _check_body_kinds(marks: tuple[Mark, ...], where: str) -> None:
    """The Cite style marks a cite's short form; in any other text it means nothing."""
    if marks and MarkKind.CITE in map(_KIND, marks):
        raise mk.MarkError(f"a {where} mark cannot be of kind 'cite' (that is for a cite's text)")


def check_mark_count(count: int, *, normalised: bool = False) -> None:
    """Callers holding a raw list (an API body, an imported file) check it before parsing each mark."""
    if count > MAX_MARKS:
        how = " once emphasis gets its underline and overlapping highlights are split" if normalised else ""
        raise mk.MarkError(f"a card holds at most {MAX_MARKS:,} marks; this one has {count:,}{how}")


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
    #: The tag's own underline, emphasis, highlight and italic (offsets into ``tag``).
    tag_marks: tuple[Mark, ...] = ()
    #: Paragraphs a file had between the tag and the cite (tag continuations, "<<FOR
    #: REFERENCE>>" notes), joined by "\n" like ``text``, with their marks: kept in place.
    notes: str = ""
    notes_marks: tuple[Mark, ...] = ()

    def __post_init__(self) -> None:
        # Cheap size checks first: normalising marks is O(n log n) and a card is rebuilt on every edit.
        check_text(self.text)
        marks = tuple(self.marks)
        check_mark_count(len(marks))
        marks = tuple(mk.validate(marks, len(self.text)))
        check_mark_count(len(marks), normalised=True)
        _check_body_kinds(marks, "card")
        object.__setattr__(self, "marks", marks)
        if self.tag_marks:
            tag_marks = tuple(mk.validate(self.tag_marks, len(self.tag)))
            _check_body_kinds(tag_marks, "tag")
            object.__setattr__(self, "tag_marks", tag_marks)
        if self.notes_marks:
            check_mark_count(len(self.notes_marks))
            notes_marks = tuple(mk.validate(self.notes_marks, len(self.notes)))
            _check_body_kinds(notes_marks, "note")
            object.__setattr__(self, "notes_marks", notes_marks)

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
