"""Marks: underline, emphasis and highlight as character ranges over a card's text.

A card's body is never rewritten, only marked, so marks are kept apart from the text as
``[start, end)`` ranges of code points. Every operation here returns a new, normalised list:
per kind, ranges are sorted, never overlap, and neighbours merge (highlights only with a
neighbour of the same colour). Keeping that invariant in one place means the HTML view, the
Word writer and the importers never see two shapes of the same formatting.
"""

from __future__ import annotations

import bisect
import collections
import difflib
import heapq
import itertools
import operator
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein


class MarkKind(StrEnum):
    UNDERLINE = "underline"
    EMPHASIS = "emphasis"
    HIGHLIGHT = "highlight"
    #: The source's own formatting, kept so a file comes back as it went in (DESIGN §4).
    BOLD = "bold"
    ITALIC = "italic"
    #: Verbatim's Cite style: used in a cite's own text, where it marks the short cite.
    CITE = "cite"


#: Kinds a card body may carry; ``cite`` belongs to a cite's text only.
BODY_KINDS = frozenset(MarkKind) - {MarkKind.CITE}


#: Verbatim's highlight colours, by the OOXML ``w:highlight`` value we store, with the name
#: Verbatim shows. ``green`` is *bright* green (python-docx calls it BRIGHT_GREEN).
HIGHLIGHT_COLORS: dict[str, str] = {
    "yellow": "Yellow",
    "green": "Bright Green",
    "cyan": "Turquoise",
    "magenta": "Pink",
    "blue": "Blue",
    "red": "Red",
    "darkCyan": "Teal",
    "darkGreen": "Green",
    "darkBlue": "Dark Blue",
    "darkRed": "Dark Red",
    "darkYellow": "Dark Yellow",
    "darkMagenta": "Violet",
    "lightGray": "Light Gray",
    "darkGray": "Dark Gray",
    "black": "Black",
    "white": "White",
}
#: Every ``w:highlight`` value Word writes: the colours above and ``none`` (no highlight).
HIGHLIGHT_VALUES: frozenset[str] = frozenset(HIGHLIGHT_COLORS) | {"none"}
DEFAULT_HIGHLIGHT = "cyan"

#: The colour Word paints for each highlight: readers snap shading and CSS colours to these.
HIGHLIGHT_RGB: dict[str, tuple[int, int, int]] = {
    "yellow": (0xFF, 0xFF, 0x00),
    "green": (0x00, 0xFF, 0x00),
    "cyan": (0x00, 0xFF, 0xFF),
    "magenta": (0xFF, 0x00, 0xFF),
    "blue": (0x00, 0x00, 0xFF),
    "red": (0xFF, 0x00, 0x00),
    "darkBlue": (0x00, 0x00, 0x80),
    "darkCyan": (0x00, 0x80, 0x80),
    "darkGreen": (0x00, 0x80, 0x00),
    "darkMagenta": (0x80, 0x00, 0x80),
    "darkRed": (0x80, 0x00, 0x00),
    "darkYellow": (0x80, 0x80, 0x00),
    "darkGray": (0x80, 0x80, 0x80),
    "lightGray": (0xC0, 0xC0, 0xC0),
    "black": (0x00, 0x00, 0x00),
    "white": (0xFF, 0xFF, 0xFF),
}
_BY_LOWER = {name.lower(): name for name in HIGHLIGHT_COLORS}


def rgb_distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))


def nearest_highlight_rgb(rgb: tuple[int, int, int]) -> str:
    """The highlight colour nearest an RGB colour (shading in Word, a CSS background).

    White is one of the colours: a caller that reads white as "no highlight" (a page or table
    background) says so itself, after asking.
    """
    return min(HIGHLIGHT_RGB, key=lambda name: rgb_distance(HIGHLIGHT_RGB[name], rgb))


def highlight_name(value: str) -> str | None:
    """A ``w:highlight`` value as we store it, in any letter case ("DarkYellow" → "darkYellow");
    None for ``none`` and for values Word does not define."""
    return _BY_LOWER.get(value.strip().lower())


class MarkError(ValueError):
    """A mark that cannot sit on the text it was given (out of range, unknown kind or colour)."""


class Mark(NamedTuple):
    """One mark; a named tuple because cards carry hundreds and every edit rebuilds them."""

    kind: MarkKind
    start: int
    end: int
    color: str | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind.value, "start": self.start, "end": self.end}
        if self.kind is MarkKind.HIGHLIGHT:
            data["color"] = self.color or DEFAULT_HIGHLIGHT
        return data

    @classmethod
    def from_json(cls, data: object) -> Mark:
        if not isinstance(data, dict):
            raise MarkError(f"a mark must be an object, got {data!r}")
        try:
            kind = MarkKind(data.get("kind", ""))
        except ValueError:
            raise MarkError(
                f"unknown mark kind {data.get('kind')!r} (expected {', '.join(k.value for k in MarkKind)})"
            ) from None
        start, end = data.get("start"), data.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
            raise MarkError(f"{kind.value} mark needs integer start and end, got {start!r}, {end!r}")
        color = data.get("color") if kind is MarkKind.HIGHLIGHT else None
        if kind is MarkKind.HIGHLIGHT:
            color = check_color(color or DEFAULT_HIGHLIGHT)
        return cls(kind, start, end, color)


def check_color(color: str) -> str:
    if color not in HIGHLIGHT_COLORS:
        known = ", ".join(HIGHLIGHT_COLORS)
        raise MarkError(f"unknown highlight colour {color!r} (expected one of {known})")
    return color


def validate(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Refuse marks that do not fit a text of ``length`` code points, then normalise."""
    marks = list(marks)
    highlight = MarkKind.HIGHLIGHT
    for kind, start, end, color in marks:  # unpacked: a large import validates ~15,000 marks
        if not 0 <= start <= end <= length:
            raise MarkError(f"{kind.value} mark {start}–{end} is outside the text (0–{length})")
        if kind is highlight and color not in HIGHLIGHT_COLORS:
            check_color(color or DEFAULT_HIGHLIGHT)
    return normalize(marks)


#: Marks read in text order; at one place, by kind name (bold, cite, emphasis, highlight, …).
MARK_ORDER = operator.itemgetter(1, 2, 0)


def normalize(marks: Iterable[Mark]) -> list[Mark]:
    """Merge overlapping and touching ranges per kind, drop empty ones.

    Emphasis is always underlined too: Verbatim's Emphasis style is bold *underlined* text, so a
    Word file cannot say "emphasis without underline", and keeping the underline under every
    emphasis here is what lets a card survive export and import unchanged. Highlights are
    painted in order, so where two colours overlap the later one wins, as it does when a
    debater re-highlights words in Word. A highlight without a colour is the default colour
    (it never erases: taking a highlight off is :func:`remove`).

    O(n log n) for n marks in any order: a card pasted or imported with 20,000 highlights, or
    sent by a client in reverse, costs a sort, not n repaints.
    """
    if isinstance(marks, list | tuple) and _is_normal(marks):
        return list(marks)
    return _normalize(marks)


def _is_normal(marks: Sequence[Mark]) -> bool:
    """Whether ``marks`` already are what :func:`normalize` returns, checked in one pass.

    Marks read back from the library or a Word file, or sent back by the editor, almost always
    are; checking costs a fraction of normalising them again (sorting, merging, painting), which
    every card built from stored marks would otherwise pay.
    """
    highlight, underline_kind, emphasis_kind = MarkKind.HIGHLIGHT, MarkKind.UNDERLINE, MarkKind.EMPHASIS
    last_end: dict[MarkKind, int] = {}
    lit_end, lit_color = -1, ""
    previous: tuple[int, int, str] = (-1, -1, "")
    underline: list[tuple[int, int]] = []
    emphasis: list[tuple[int, int]] = []
    for kind, start, end, color in marks:
        if end <= start or (start, end, kind) < previous:
            return False
        previous = (start, end, kind)
        if kind is highlight:
            # Painted highlights never overlap, and same-coloured neighbours are one run.
            if color is None or start < lit_end or (start == lit_end and color == lit_color):
                return False
            lit_end, lit_color = end, color
            continue
        if color is not None or start <= last_end.get(kind, -1):  # merged: no overlap, no touching
            return False
        last_end[kind] = end
        if kind is underline_kind:
            underline.append((start, end))
        elif kind is emphasis_kind:
            emphasis.append((start, end))
    # Emphasis is underlined too: each emphasis lies inside one (merged) underline.
    j = 0
    for start, end in emphasis:
        while j < len(underline) and underline[j][1] < end:
            j += 1
        if j == len(underline) or underline[j][0] > start:
            return False
    return True


def _normalize(marks: Iterable[Mark]) -> list[Mark]:
    spans: dict[MarkKind, list[tuple[int, int]]] = {}
    layers: list[tuple[int, int, str]] = []
    highlight = MarkKind.HIGHLIGHT
    for kind, start, end, color in marks:
        if end <= start:
            continue
        if kind is highlight:
            layers.append((start, end, color or DEFAULT_HIGHLIGHT))
        elif (ranges := spans.get(kind)) is not None:
            ranges.append((start, end))
        else:
            spans[kind] = [(start, end)]
    if MarkKind.EMPHASIS in spans:
        spans.setdefault(MarkKind.UNDERLINE, []).extend(spans[MarkKind.EMPHASIS])
    result: list[Mark] = []
    for kind, ranges in spans.items():
        result.extend(Mark(kind, s, e) for s, e in _merge(ranges))
    result.extend(Mark(MarkKind.HIGHLIGHT, s, e, c) for s, e, c in _paint(layers))
    return sorted(result, key=MARK_ORDER)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _paint(layers: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Lay colour ranges in list order, later over earlier; return sorted, merged colour runs.

    Painting them one by one costs O(n) per layer, O(n²) in all when they arrive right to left.
    Instead, sweep left to right over every start and end: between two neighbouring boundaries
    the colour shown is that of the *latest* layer covering them, so a heap of the covering layers
    keyed by arrival (newest on top) answers it. Layers that have ended are dropped only when
    they reach the top (lazy deletion), so each is pushed and popped once: O(n log n).
    """
    if not layers:
        return []
    if all(a[1] <= b[0] for a, b in itertools.pairwise(layers)):
        # The common case (an import, a card as stored): laid left to right, none over another.
        # Nothing is painted over, so only same-coloured neighbours that touch merge: O(n).
        laid: list[tuple[int, int, str]] = []
        for start, end, color in layers:
            if laid and laid[-1][1] == start and laid[-1][2] == color:
                laid[-1] = (laid[-1][0], end, color)
            else:
                laid.append((start, end, color))
        return laid
    by_start = sorted(range(len(layers)), key=lambda i: layers[i][0])
    bounds = sorted({p for start, end, _ in layers for p in (start, end)})
    covering: list[int] = []  # -arrival: heapq is a min-heap, so the newest layer is on top
    runs: list[tuple[int, int, str]] = []
    next_layer = 0
    for left, right in itertools.pairwise(bounds):
        while next_layer < len(by_start) and layers[by_start[next_layer]][0] <= left:
            heapq.heappush(covering, -by_start[next_layer])
            next_layer += 1
        while covering and layers[-covering[0]][1] <= left:
            heapq.heappop(covering)
        if not covering:
            continue
        color = layers[-covering[0]][2]
        if runs and runs[-1][1] == left and runs[-1][2] == color:
            runs[-1] = (runs[-1][0], right, color)
        else:
            runs.append((left, right, color))
    return runs


def _of_kind(marks: Iterable[Mark], kind: MarkKind) -> list[Mark]:
    return [m for m in marks if m.kind is kind]


def covers(marks: Sequence[Mark], kind: MarkKind, start: int, end: int, color: str | None = None) -> bool:
    """True when every character of ``[start, end)`` carries ``kind`` (in ``color``, if given)."""
    if end <= start:
        return False
    pos = start
    for mark in sorted(_of_kind(normalize(marks), kind)):
        if color is not None and mark.color != color:
            continue
        if mark.start <= pos < mark.end:
            pos = mark.end
            if pos >= end:
                return True
    return False


def apply(marks: Iterable[Mark], kind: MarkKind, start: int, end: int, color: str | None = None) -> list[Mark]:
    """Add ``kind`` over ``[start, end)``; a highlight repaints the range in ``color``."""
    if kind is MarkKind.HIGHLIGHT:
        color = check_color(color or DEFAULT_HIGHLIGHT)
    return normalize([*marks, Mark(kind, start, end, color)])


def remove(marks: Iterable[Mark], kind: MarkKind, start: int, end: int) -> list[Mark]:
    """Take ``kind`` off ``[start, end)``, splitting marks that stick out on either side.

    Underline stays under any emphasis left in the range (see :func:`normalize`).
    """
    return _cut(marks, {kind}, start, end)


def _cut(marks: Iterable[Mark], kinds: set[MarkKind], start: int, end: int) -> list[Mark]:
    result: list[Mark] = []
    for mark in marks:
        if mark.kind not in kinds or mark.end <= start or mark.start >= end:
            result.append(mark)
            continue
        if mark.start < start:
            result.append(Mark(mark.kind, mark.start, start, mark.color))
        if mark.end > end:
            result.append(Mark(mark.kind, end, mark.end, mark.color))
    return normalize(result)


def toggle(marks: Iterable[Mark], kind: MarkKind, start: int, end: int, color: str | None = None) -> list[Mark]:
    """Verbatim's F9/F10/F11: if the whole selection already has it, take it off; else put it on.

    For highlights "has it" means "in this colour", so selecting yellow text with the turquoise
    pen repaints it rather than erasing it, as Word's highlighter does.
    """
    marks = normalize(marks)
    if kind is MarkKind.HIGHLIGHT:
        color = check_color(color or DEFAULT_HIGHLIGHT)
    if covers(marks, kind, start, end, color):
        return remove(marks, kind, start, end)
    return apply(marks, kind, start, end, color)


def clear(marks: Iterable[Mark], start: int, end: int) -> list[Mark]:
    """Verbatim's F12: strip every kind of mark from the selection."""
    return _cut(marks, set(MarkKind), start, end)


class Segment(NamedTuple):
    """A stretch of text whose formatting does not change: the unit both the HTML view and the
    Word writer emit (one ``<span>`` or one ``w:r`` each). A named tuple: a 1,000-card export
    makes tens of thousands."""

    text: str
    start: int
    end: int
    underline: bool = False
    emphasis: bool = False
    highlight: str | None = None
    bold: bool = False
    italic: bool = False
    cite: bool = False

    @property
    def underlined(self) -> bool:
        """Emphasis implies underline when rendered."""
        return self.underline or self.emphasis


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Split ``text`` at every mark boundary into styled segments that reassemble ``text``."""
    marks = normalize(marks)
    length = len(text)
    cuts = {0, length}
    under: list[tuple[int, int]] = []
    emph: list[tuple[int, int]] = []
    paint: list[tuple[int, int, str | None]] = []
    rare: dict[MarkKind, list[tuple[int, int]]] = {}  # bold, italic, cite: few cards have them
    for kind, start, end, color in marks:
        cuts.add(min(start, length))
        cuts.add(min(end, length))
        if kind is MarkKind.UNDERLINE:
            under.append((start, end))
        elif kind is MarkKind.EMPHASIS:
            emph.append((start, end))
        elif kind is MarkKind.HIGHLIGHT:
            paint.append((start, end, color))
        else:
            rare.setdefault(kind, []).append((start, end))
    # One sweep: each kind's ranges are sorted and disjoint, so a cursor per kind suffices.
    iu = ie = ih = 0
    nu, ne, nh = len(under), len(emph), len(paint)
    result: list[Segment] = []
    for start, end in itertools.pairwise(sorted(cuts)):
        while iu < nu and under[iu][1] <= start:
            iu += 1
        while ie < ne and emph[ie][1] <= start:
            ie += 1
        while ih < nh and paint[ih][1] <= start:
            ih += 1
        result.append(
            Segment(
                text[start:end],
                start,
                end,
                iu < nu and under[iu][0] <= start,
                ie < ne and emph[ie][0] <= start,
                paint[ih][2] if ih < nh and paint[ih][0] <= start else None,
            )
        )
    if rare:
        result = _with_rare(result, rare)
    return result


_RARE_FLAG: dict[MarkKind, Callable[[Segment], Segment]] = {
    MarkKind.BOLD: lambda seg: seg._replace(bold=True),
    MarkKind.ITALIC: lambda seg: seg._replace(italic=True),
    MarkKind.CITE: lambda seg: seg._replace(cite=True),
}


def _with_rare(result: list[Segment], rare: dict[MarkKind, list[tuple[int, int]]]) -> list[Segment]:
    """Set bold/italic/cite on the segments they cover (a second sweep, only when present)."""
    for kind, ranges in rare.items():
        i, n = 0, len(ranges)
        for k, seg in enumerate(result):
            while i < n and ranges[i][1] <= seg.start:
                i += 1
            if i < n and ranges[i][0] <= seg.start:
                result[k] = _RARE_FLAG[kind](seg)
    return result


def from_segments(segs: Iterable[Segment]) -> tuple[str, list[Mark]]:
    """Rebuild text and marks from styled runs: how importers (Word, rich paste) produce cards."""
    parts: list[str] = []
    marks: list[Mark] = []
    pos = 0
    for seg in segs:
        end = pos + len(seg.text)
        if seg.text:
            if seg.underline:
                marks.append(Mark(MarkKind.UNDERLINE, pos, end))
            if seg.emphasis:
                marks.append(Mark(MarkKind.EMPHASIS, pos, end))
            if seg.highlight:
                marks.append(Mark(MarkKind.HIGHLIGHT, pos, end, seg.highlight))
            if seg.bold:
                marks.append(Mark(MarkKind.BOLD, pos, end))
            if seg.italic:
                marks.append(Mark(MarkKind.ITALIC, pos, end))
            if seg.cite:
                marks.append(Mark(MarkKind.CITE, pos, end))
        parts.append(seg.text)
        pos = end
    return "".join(parts), normalize(marks)


def remap(old_text: str, new_text: str, marks: Iterable[Mark]) -> list[Mark]:
    """Carry marks across an edit of the text, so fixing a typo keeps every mark on its words.

    Common prefix and suffix are trimmed first: real edits are local, and that keeps the diff of
    a 2,000-word card to the few characters that changed. What is left is diffed by :func:`_diff`,
    whose cost is bounded however long the card and however scattered the edits.
    """
    marks = normalize(marks)
    if old_text == new_text:
        return marks
    prefix = 0
    limit = min(len(old_text), len(new_text))
    while prefix < limit and old_text[prefix] == new_text[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old_text[len(old_text) - 1 - suffix] == new_text[len(new_text) - 1 - suffix]:
        suffix += 1
    old_mid = old_text[prefix : len(old_text) - suffix]
    new_mid = new_text[prefix : len(new_text) - suffix]
    opcodes: list[_Opcode] = []
    _diff(old_mid, new_mid, prefix, prefix, 0, opcodes)
    ends = [i2 for _, _, i2, _, _ in opcodes]
    shift = len(new_text) - len(old_text)
    old_end_mid = len(old_text) - suffix

    def position(p: int, is_end: bool) -> int:
        # A mark starting exactly where text was inserted must not swallow the insertion, so
        # only an end (or a start strictly inside the common prefix) takes the shortcut.
        if p < prefix or (p == prefix and is_end):
            return p
        if p > old_end_mid:  # at the very end of the change, an insertion there may lie outside
            return p + shift
        # Opcodes tile the old text in order, so the first that can hold p is the first one
        # ending at or after p: found by bisection, then at most a step or two onward (an
        # insertion at p, the stretch p starts). A mark-by-opcode scan would be O(marks × edits).
        for k in range(bisect.bisect_left(ends, p), len(opcodes)):
            tag, i1, i2, j1, j2 = opcodes[k]
            if i1 > p:
                break
            if tag == "equal" and i1 <= p < i2:
                return j1 + (p - i1)
            if tag != "equal" and i1 <= p <= i2:
                if p == i1:
                    # An insertion right at a boundary stays outside the mark.
                    return j2 if (not is_end and tag == "insert") else j1
                if p == i2:
                    return j2
                # Inside a replaced stretch: keep the proportional place.
                return j1 + min(p - i1, j2 - j1)
        return min(p + shift, len(new_text))

    moved = [Mark(m.kind, position(m.start, False), position(m.end, True), m.color) for m in marks]
    return normalize(Mark(m.kind, m.start, max(m.start, m.end), m.color) for m in moved)


#: (tag, old start, old end, new start, new end), as difflib's opcodes, in card offsets.
_Opcode = tuple[str, int, int, int, int]

#: Most work handed to one SequenceMatcher, counted as pairs of equal items (a character or word
#: of the old text against the same one in the new): its cost grows with that count, so a
#: character diff of two 12,000-character texts took 3.7 s. Stretches over it are first cut into
#: paragraphs, then words, and only pieces under the budget are diffed finely.
_DIFF_BUDGET = 2_000_000
#: Below this a stretch is diffed character by character straight away (a typo fix, once the
#: common prefix and suffix are trimmed); above it words are matched first, which is far cheaper.
_FINE_BUDGET = 5_000

#: Coarser units tried, in order, when a stretch is too costly to diff character by character.
_UNITS = (re.compile(r"[^\n]*\n|[^\n]+"), re.compile(r"\S+\s*|\s+"))


def _pairs(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """How many (i, j) have a[i] == b[j]: what difflib's longest-match search walks through."""
    in_b = collections.Counter(b)
    return sum(n * in_b[x] for x, n in collections.Counter(a).items())


def _diff(old: str, new: str, old_at: int, new_at: int, level: int, out: list[_Opcode]) -> None:
    """Append opcodes turning ``old`` into ``new`` (placed at ``old_at``/``new_at``) to ``out``.

    Stretches cheap enough get difflib's character diff. Others are diffed as lists of
    paragraphs, then of words, and each changed stretch is refined at the next level;
    paragraphs or words replaced one for one (a typo fixed in each) are refined pairwise. A
    stretch still too costly is one "replace", where marks keep their proportional place: a
    worse guess, but in bounded time, on a card rewritten wholesale. Matching whole paragraphs
    first has one blind spot: in a long card whose paragraphs repeat word for word, an edit next
    to a repeated paragraph may line a mark up with its twin.
    """
    if _pairs(old, new) <= _FINE_BUDGET:
        # A least-edit alignment (Levenshtein), not difflib's longest-block-first one: with
        # several typos in one short stretch ("the0 the" → "XthXe0 XtheX") difflib anchors on a
        # repeated word and moves a mark onto its twin.
        out.extend(
            (op.tag, op.src_start + old_at, op.src_end + old_at, op.dest_start + new_at, op.dest_end + new_at)
            for op in Levenshtein.opcodes(old, new)
        )
        return
    if level == len(_UNITS):
        out.append(("replace", old_at, old_at + len(old), new_at, new_at + len(new)))
        return
    a, b = _UNITS[level].findall(old), _UNITS[level].findall(new)
    units = _bounded_matcher(a, b)
    if units is None:
        _diff(old, new, old_at, new_at, len(_UNITS), out)
        return
    a_at = [0, *itertools.accumulate(map(len, a))]
    b_at = [0, *itertools.accumulate(map(len, b))]
    for tag, i1, i2, j1, j2 in units.get_opcodes():
        oa, ob = old_at + a_at[i1], new_at + b_at[j1]
        if tag != "replace":
            out.append((tag, oa, old_at + a_at[i2], ob, new_at + b_at[j2]))
        elif i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                _diff(a[i], b[j], old_at + a_at[i], new_at + b_at[j], level + 1, out)
        else:
            _diff(old[a_at[i1] : a_at[i2]], new[b_at[j1] : b_at[j2]], oa, ob, level + 1, out)


def _bounded_matcher(a: list[str], b: list[str]) -> difflib.SequenceMatcher[str] | None:
    """A matcher over ``a`` and ``b`` whose longest-match search stays within the budget, or None.

    Over budget, difflib's autojunk (the commonest units, "the" or a blank line, are no anchors)
    usually brings it under; a text made of a few words repeated is left to the caller.
    """
    if _pairs(a, b) <= _DIFF_BUDGET:
        return difflib.SequenceMatcher(None, a, b, autojunk=False)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=True)
    # b2j (each unit of b -> where it occurs, junk removed) is difflib's own index, built by the
    # constructor and read by find_longest_match; typeshed leaves the attribute out.
    b2j: dict[str, list[int]] = matcher.b2j  # type: ignore[attr-defined]
    walked = sum(n * len(b2j.get(x, ())) for x, n in collections.Counter(a).items())
    return matcher if walked <= _DIFF_BUDGET else None
