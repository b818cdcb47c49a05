"""Property tests for the mark algebra: the laws the editor, the importers and the Word writer rely
on, checked on many small random texts and mark lists rather than a handful of examples."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.domain.marks import (
    DEFAULT_HIGHLIGHT,
    Mark,
    MarkKind,
    apply,
    from_segments,
    normalize,
    remap,
    remove,
    segments,
    toggle,
)

COLORS = ["yellow", "cyan", "green"]
FAST = settings(max_examples=200, deadline=None)

# Card text drawn from a tiny alphabet makes overlaps and repeated letters common; inserted text
# uses letters the card never contains, so where an insertion happened is never ambiguous.
texts = st.text(alphabet="ab \n", max_size=40)
inserts = st.text(alphabet="XYZ", min_size=1, max_size=5)


@st.composite
def mark_lists(draw: st.DrawFn, length: int, max_size: int = 8) -> list[Mark]:
    """Raw marks as a user's edits or an importer would leave them: overlapping, touching, empty."""
    marks = []
    for _ in range(draw(st.integers(0, max_size))):
        kind = draw(st.sampled_from(list(MarkKind)))
        a = draw(st.integers(0, length))
        b = draw(st.integers(0, length))
        color = draw(st.sampled_from([*COLORS, None])) if kind is MarkKind.HIGHLIGHT else None
        marks.append(Mark(kind, min(a, b), max(a, b), color))
    return marks


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(texts)
    return text, draw(mark_lists(len(text)))


@st.composite
def selections(draw: st.DrawFn, length: int) -> tuple[int, int]:
    a = draw(st.integers(0, length - 1))
    b = draw(st.integers(a + 1, length))
    return a, b


def per_character(length: int, marks: list[Mark]) -> list[tuple[bool, bool, str | None, bool, bool, bool]]:
    """What each character should look like, computed the slow, obvious way from raw marks:
    emphasis is underlined too (Verbatim's Emphasis style), and highlights are painted in list
    order, so the last colour laid on a character is its colour."""
    chars: list[tuple[bool, bool, str | None, bool, bool, bool]] = []
    for i in range(length):
        covering = [m for m in marks if m.start <= i < m.end]
        colors = [m.color or DEFAULT_HIGHLIGHT for m in covering if m.kind is MarkKind.HIGHLIGHT]
        chars.append(
            (
                any(m.kind in (MarkKind.UNDERLINE, MarkKind.EMPHASIS) for m in covering),
                any(m.kind is MarkKind.EMPHASIS for m in covering),
                colors[-1] if colors else None,
                any(m.kind is MarkKind.BOLD for m in covering),
                any(m.kind is MarkKind.ITALIC for m in covering),
                any(m.kind is MarkKind.CITE for m in covering),
            )
        )
    return chars


@FAST
@given(text_and_marks())
def test_normalize_is_idempotent(case: tuple[str, list[Mark]]) -> None:
    _, marks = case
    once = normalize(marks)
    assert normalize(once) == once


@FAST
@given(text_and_marks())
def test_normalized_marks_never_overlap_or_touch_within_a_kind(case: tuple[str, list[Mark]]) -> None:
    _, marks = case
    for kind in MarkKind:
        ranges = sorted(m for m in normalize(marks) if m.kind is kind)
        assert all(m.start < m.end for m in ranges)
        for left, right in itertools.pairwise(ranges):
            assert left.end <= right.start
            if left.end == right.start:  # only highlights of different colours may touch
                assert kind is MarkKind.HIGHLIGHT and left.color != right.color


@FAST
@given(text_and_marks())
def test_normalize_keeps_what_every_character_looks_like(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    assert per_character(len(text), normalize(marks)) == per_character(len(text), marks)


@FAST
@given(text_and_marks())
def test_segments_reassemble_the_text_and_match_marks_per_character(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    assert all(s.text for s in segs)  # no empty runs for the Word writer to emit
    assert all(text[s.start : s.end] == s.text for s in segs)
    seen = [(s.underline, s.emphasis, s.highlight, s.bold, s.italic, s.cite) for s in segs for _ in s.text]
    assert seen == per_character(len(text), marks)
    for left, right in itertools.pairwise(segs):  # every cut is a real change of formatting
        assert left[3:] != right[3:]


@FAST
@given(text_and_marks())
def test_from_segments_round_trips(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    assert from_segments(segments(text, marks)) == (text, normalize(marks))


@FAST
@given(st.data())
def test_toggle_twice_is_identity_on_a_uniform_selection(data: st.DataObject) -> None:
    """F9 twice (or F10, or F11 in one colour) gives back the card you started with, when the
    selection was uniformly on or uniformly off in that kind and colour.

    A partly marked selection is not covered by this law, on purpose: the first toggle fills it
    (Word's rule: a mixed selection is turned on, never off), so the second toggle clears it
    entirely and the original partial marking is not restored. For highlights "uniformly off"
    means no highlight of any colour there: a selection in another colour is repainted by the
    first toggle, not erased. Emphasis is always underlined, so F10 is a toggle only on words
    already underlined: taking emphasis off leaves them underlined, as Verbatim's F9 does.
    """
    text = data.draw(texts.filter(bool))
    marks = normalize(data.draw(mark_lists(len(text))))
    start, end = data.draw(selections(len(text)))
    kind = data.draw(st.sampled_from(list(MarkKind)))
    color = data.draw(st.sampled_from(COLORS)) if kind is MarkKind.HIGHLIGHT else None
    if kind is MarkKind.EMPHASIS:
        marks = apply(marks, MarkKind.UNDERLINE, start, end)
    if data.draw(st.booleans(), label="selection starts marked"):
        marks = apply(marks, kind, start, end, color)
    else:
        marks = remove(marks, kind, start, end)
    assert toggle(toggle(marks, kind, start, end, color), kind, start, end, color) == marks


@FAST
@given(st.data())
def test_toggle_on_a_partly_marked_selection_fills_it(data: st.DataObject) -> None:
    text = data.draw(texts.filter(lambda t: len(t) >= 2))
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, len(text)))
    kind = data.draw(st.sampled_from([MarkKind.UNDERLINE, MarkKind.EMPHASIS]))
    cut = data.draw(st.integers(start + 1, end - 1))
    marks = apply([], kind, start, cut)
    filled = toggle(marks, kind, start, end)
    underline = Mark(MarkKind.UNDERLINE, start, end)
    if kind is MarkKind.UNDERLINE:
        assert filled == [underline]
        assert toggle(filled, kind, start, end) == []
    else:  # emphasis brings its underline, and leaves it when taken off
        assert filled == [Mark(kind, start, end), underline]
        assert toggle(filled, kind, start, end) == [underline]


@FAST
@given(text_and_marks())
def test_remap_on_unchanged_text_is_identity(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    assert remap(text, text, marks) == normalize(marks)


@FAST
@given(st.data())
def test_remap_after_an_insertion_keeps_marks_on_their_words(data: st.DataObject) -> None:
    text = data.draw(texts)
    marks = normalize(data.draw(mark_lists(len(text))))
    at = data.draw(st.integers(0, len(text)))
    inserted = data.draw(inserts)
    new_text = text[:at] + inserted + text[at:]

    moved = remap(text, new_text, marks)

    expected: list[Mark] = []
    for mark in marks:
        if at <= mark.start:  # before the mark, or right at its start: the mark shifts
            expected.append(Mark(mark.kind, mark.start + len(inserted), mark.end + len(inserted), mark.color))
            covered = text[mark.start : mark.end]
        elif at >= mark.end:  # after the mark, or right at its end: the mark stays
            expected.append(mark)
            covered = text[mark.start : mark.end]
        else:  # typed inside the mark: the mark grows to hold the new letters
            expected.append(Mark(mark.kind, mark.start, mark.end + len(inserted), mark.color))
            covered = text[mark.start : at] + inserted + text[at : mark.end]
        new = expected[-1]
        assert new_text[new.start : new.end] == covered
    assert moved == normalize(expected)


def reference_normalize(length: int, marks: list[Mark]) -> list[Mark]:
    """normalize the slow, obvious way: paint an array cell by cell in list order (later wins),
    then read runs back off it. Exact list equality with this checks merging and order too."""
    under = [False] * length
    emph = [False] * length
    paint: list[str | None] = [None] * length
    plain = {kind: [False] * length for kind in (MarkKind.BOLD, MarkKind.ITALIC, MarkKind.CITE)}
    for mark in marks:
        for i in range(mark.start, mark.end):
            if mark.kind is MarkKind.HIGHLIGHT:
                paint[i] = mark.color or DEFAULT_HIGHLIGHT
            elif mark.kind in plain:
                plain[mark.kind][i] = True
            else:
                under[i] = True
                emph[i] = emph[i] or mark.kind is MarkKind.EMPHASIS
    runs: list[Mark] = []
    for kind, cells in (
        (MarkKind.UNDERLINE, [True if u else None for u in under]),
        (MarkKind.EMPHASIS, [True if e else None for e in emph]),
        (MarkKind.HIGHLIGHT, paint),
        *((k, [True if c else None for c in cells]) for k, cells in plain.items()),
    ):
        i = 0
        while i < length:
            if cells[i] is None:
                i += 1
                continue
            j = i
            while j < length and cells[j] == cells[i]:
                j += 1
            color = cells[i] if kind is MarkKind.HIGHLIGHT else None
            runs.append(Mark(kind, i, j, color))  # type: ignore[arg-type]
            i = j
    return sorted(runs, key=lambda m: (m.start, m.end, m.kind))


@st.composite
def paint_jobs(draw: st.DrawFn) -> tuple[int, list[Mark]]:
    """Many overlapping highlights in several colours (plus some underline and emphasis), in
    the order drawn, sorted, or reversed: the orders a card's marks really arrive in."""
    length = draw(st.integers(0, 60))
    marks = draw(mark_lists(length, max_size=40))
    colors = st.sampled_from([*COLORS, "magenta", "red", None])
    for _ in range(draw(st.integers(0, 30))):
        a, b = draw(st.integers(0, length)), draw(st.integers(0, length))
        marks.append(Mark(MarkKind.HIGHLIGHT, min(a, b), max(a, b), draw(colors)))
    order = draw(st.sampled_from(["as drawn", "sorted", "reversed", "reversed sorted"]))
    if "sorted" in order:
        marks.sort(key=lambda m: (m.start, m.end))
    if "reversed" in order:
        marks.reverse()
    return length, marks


@settings(max_examples=500, deadline=None)
@given(paint_jobs())
def test_normalize_matches_painting_cell_by_cell_in_any_arrival_order(job: tuple[int, list[Mark]]) -> None:
    length, marks = job
    assert normalize(marks) == reference_normalize(length, marks)


VOCAB = ["Russia", "Syria", "the", "talks", "of", "Idlib", "ceasefire", "a", "and", "stalled"]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_remap_keeps_marks_on_their_words_after_typos_scattered_through_a_long_card(data: st.DataObject) -> None:
    """Fixing several typos at once in a card of a few hundred words: marks stay on their words.
    Long enough that the diff is done paragraph by paragraph and word by word, not character by
    character (that path is bounded in time; this checks it is still exact)."""
    # Numbered words, so no two paragraphs are alike: where paragraphs repeat word for word, a
    # long card's diff may line a mark up with the twin paragraph (see marks._diff).
    words = [f"{w}{i}" for i, w in enumerate(data.draw(st.lists(st.sampled_from(VOCAB), min_size=150, max_size=400)))]
    per_line = data.draw(st.integers(10, 200))
    text = "\n".join(" ".join(words[i : i + per_line]) for i in range(0, len(words), per_line))
    marks = normalize(data.draw(mark_lists(len(text), max_size=30)))
    spots = sorted(set(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=8))))
    inserted = [data.draw(inserts) for _ in spots]
    pieces, last = [], 0
    for at, piece in zip(spots, inserted, strict=True):
        pieces += [text[last:at], piece]
        last = at
    new_text = "".join([*pieces, text[last:]])

    def moved(p: int, is_end: bool) -> int:
        # Insertions before p (or at p, for a start: a mark never swallows text typed at its start).
        return p + sum(len(s) for at, s in zip(spots, inserted, strict=True) if at < p or (at == p and not is_end))

    expected = [Mark(m.kind, moved(m.start, False), moved(m.end, True), m.color) for m in marks]
    assert remap(text, new_text, marks) == normalize(expected)


@FAST
@given(st.data())
def test_marks_already_normal_are_recognised_and_kept_as_they_are(data: st.DataObject) -> None:
    """normalize() skips the work for marks that are already normal (a stored card, a Word file):
    what it recognises as normal must be exactly what the full normalisation would give back, and
    everything the full normalisation gives back must be recognised."""
    from evidence.domain.marks import _is_normal, _normalize

    raw = data.draw(mark_lists(30, max_size=12))
    normal = _normalize(raw)
    assert _is_normal(normal)
    # Perturbed lists (shuffled, a mark split into touching halves, a colour dropped, a stray
    # emphasis): recognised as normal only if the full normalisation leaves them unchanged.
    shuffled = data.draw(st.permutations(normal))
    for candidate in (raw, list(shuffled), _split_one(normal, data), _uncoloured(normal)):
        if _is_normal(candidate):
            assert _normalize(candidate) == list(candidate)
        assert normalize(candidate) == _normalize(candidate)


def _split_one(marks: list[Mark], data: st.DataObject) -> list[Mark]:
    wide = [m for m in marks if m.end - m.start >= 2]
    if not wide:
        return marks
    m = data.draw(st.sampled_from(wide))
    cut = data.draw(st.integers(m.start + 1, m.end - 1))
    rest = [x for x in marks if x != m]
    return sorted([*rest, m._replace(end=cut), m._replace(start=cut)], key=lambda x: (x.start, x.end, x.kind))


def _uncoloured(marks: list[Mark]) -> list[Mark]:
    return [m._replace(color=None) if m.kind is MarkKind.HIGHLIGHT else m for m in marks]
