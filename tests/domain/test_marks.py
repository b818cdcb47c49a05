"""Marks as a debater meets them: F9/F10/F11/F12 on a selection, the shapes the editor and the
Word writer see (normalised marks, segments), and marks that survive an edit of the text."""

from __future__ import annotations

import pytest

from evidence.domain.marks import (
    DEFAULT_HIGHLIGHT,
    HIGHLIGHT_COLORS,
    Mark,
    MarkError,
    MarkKind,
    Segment,
    apply,
    clear,
    covers,
    from_segments,
    normalize,
    remap,
    remove,
    segments,
    toggle,
    validate,
)

U, E, H = MarkKind.UNDERLINE, MarkKind.EMPHASIS, MarkKind.HIGHLIGHT

TEXT = "The Syrian military renewed its attacks against the last militant enclave"


def span(text: str, word: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``word``: tests name selections by their words."""
    start = text.index(word)
    return start, start + len(word)


def marked(text: str, marks: list[Mark], kind: MarkKind) -> list[str]:
    """The substrings a reader sees in ``kind``, in order."""
    return [text[m.start : m.end] for m in marks if m.kind is kind]


# --- apply / toggle / remove / clear ------------------------------------------------------------


def test_apply_underline_marks_exactly_the_selection() -> None:
    marks = apply([], U, *span(TEXT, "Syrian military"))
    assert marked(TEXT, marks, U) == ["Syrian military"]


def test_apply_highlight_without_colour_uses_default() -> None:
    marks = apply([], H, *span(TEXT, "renewed"))
    assert marks == [Mark(H, *span(TEXT, "renewed"), DEFAULT_HIGHLIGHT)]
    assert DEFAULT_HIGHLIGHT in HIGHLIGHT_COLORS


def test_apply_highlight_with_unknown_colour_is_refused() -> None:
    with pytest.raises(MarkError, match="unknown highlight colour 'orange'"):
        apply([], H, 0, 3, "orange")


def test_f9_on_unmarked_words_underlines_them() -> None:
    marks = toggle([], U, *span(TEXT, "military"))
    assert marked(TEXT, marks, U) == ["military"]


def test_f9_on_fully_underlined_selection_removes_underline_only_there() -> None:
    marks = apply([], U, *span(TEXT, "Syrian military renewed"))
    marks = toggle(marks, U, *span(TEXT, "military"))
    assert marked(TEXT, marks, U) == ["Syrian ", " renewed"]


def test_f9_on_partly_underlined_selection_fills_it() -> None:
    # Word's rule: toggling a mixed selection turns it on for all of it, never off.
    marks = apply([], U, *span(TEXT, "Syrian"))
    marks = toggle(marks, U, *span(TEXT, "Syrian military"))
    assert marked(TEXT, marks, U) == ["Syrian military"]


def test_f9_across_two_separate_underlines_fills_the_gap() -> None:
    marks = apply(apply([], U, *span(TEXT, "Syrian")), U, *span(TEXT, "renewed"))
    marks = toggle(marks, U, *span(TEXT, "Syrian military renewed"))
    assert marked(TEXT, marks, U) == ["Syrian military renewed"]


def test_f10_emphasis_toggles_independently_of_underline() -> None:
    marks = apply([], U, *span(TEXT, "Syrian military"))
    marks = toggle(marks, E, *span(TEXT, "military"))
    assert marked(TEXT, marks, U) == ["Syrian military"]
    assert marked(TEXT, marks, E) == ["military"]
    marks = toggle(marks, E, *span(TEXT, "military"))
    assert marked(TEXT, marks, E) == []
    assert marked(TEXT, marks, U) == ["Syrian military"]


def test_f11_same_colour_removes_highlight() -> None:
    marks = toggle([], H, *span(TEXT, "renewed its attacks"), "yellow")
    marks = toggle(marks, H, *span(TEXT, "its"), "yellow")
    assert [(TEXT[m.start : m.end], m.color) for m in marks] == [("renewed ", "yellow"), (" attacks", "yellow")]


def test_f11_different_colour_repaints_instead_of_erasing() -> None:
    marks = toggle([], H, *span(TEXT, "renewed its attacks"), "yellow")
    marks = toggle(marks, H, *span(TEXT, "its"), "cyan")
    assert [(TEXT[m.start : m.end], m.color) for m in marks] == [
        ("renewed ", "yellow"),
        ("its", "cyan"),
        (" attacks", "yellow"),
    ]


def test_f11_default_colour_matches_a_default_coloured_highlight() -> None:
    marks = toggle([], H, 0, 3)
    assert toggle(marks, H, 0, 3) == []


def test_f12_clears_every_kind_from_the_selection_only() -> None:
    marks = apply([], U, *span(TEXT, "Syrian military renewed"))
    marks = apply(marks, E, *span(TEXT, "military renewed"))
    marks = apply(marks, H, *span(TEXT, "Syrian military renewed"), "green")
    marks = clear(marks, *span(TEXT, "military"))
    assert marked(TEXT, marks, U) == ["Syrian ", " renewed"]
    assert marked(TEXT, marks, E) == [" renewed"]
    assert [(TEXT[m.start : m.end], m.color) for m in marks if m.kind is H] == [
        ("Syrian ", "green"),
        (" renewed", "green"),
    ]


def test_f12_on_unmarked_text_changes_nothing() -> None:
    marks = apply([], U, *span(TEXT, "Syrian"))
    assert clear(marks, *span(TEXT, "attacks")) == marks


def test_remove_splits_a_mark_that_sticks_out_on_both_sides() -> None:
    marks = remove([Mark(H, 0, 10, "blue")], H, 3, 5)
    assert marks == [Mark(H, 0, 3, "blue"), Mark(H, 5, 10, "blue")]


def test_remove_leaves_other_kinds_alone() -> None:
    marks = [Mark(U, 0, 10), Mark(H, 0, 10, "yellow")]
    assert remove(marks, U, 0, 10) == [Mark(H, 0, 10, "yellow")]


def test_underline_cannot_be_removed_from_under_emphasis() -> None:
    """Emphasis is Verbatim's bold *underlined* style: un-underlining it takes clearing it (F12)."""
    marks = [Mark(U, 0, 10), Mark(E, 2, 6)]
    assert remove(marks, U, 0, 10) == [Mark(E, 2, 6), Mark(U, 2, 6)]
    assert clear(marks, 0, 10) == []


def test_covers_needs_every_character() -> None:
    marks = [Mark(U, 0, 4), Mark(U, 5, 9)]
    assert covers(marks, U, 0, 4)
    assert not covers(marks, U, 0, 9)  # character 4 is not underlined
    assert not covers(marks, U, 2, 2)  # an empty selection covers nothing
    assert covers([Mark(H, 0, 9, "red")], H, 1, 8, "red")
    assert not covers([Mark(H, 0, 9, "red")], H, 1, 8, "blue")


# --- normalisation ------------------------------------------------------------------------------


def test_normalize_merges_overlapping_marks_of_a_kind() -> None:
    assert normalize([Mark(U, 0, 5), Mark(U, 3, 9)]) == [Mark(U, 0, 9)]


def test_normalize_merges_touching_neighbours() -> None:
    assert normalize([Mark(U, 5, 9), Mark(U, 0, 5)]) == [Mark(U, 0, 9)]


def test_normalize_keeps_a_gap_of_one_character() -> None:
    assert normalize([Mark(U, 0, 4), Mark(U, 5, 9)]) == [Mark(U, 0, 4), Mark(U, 5, 9)]


def test_normalize_drops_empty_and_inverted_marks() -> None:
    assert normalize([Mark(U, 3, 3), Mark(E, 5, 2), Mark(H, 4, 4, "red")]) == []


def test_normalize_never_merges_different_kinds() -> None:
    assert normalize([Mark(U, 0, 5), Mark(H, 5, 9, "cyan")]) == [Mark(U, 0, 5), Mark(H, 5, 9, "cyan")]


def test_emphasis_is_always_underlined() -> None:
    assert normalize([Mark(U, 0, 5), Mark(E, 5, 9)]) == [Mark(U, 0, 9), Mark(E, 5, 9)]
    assert normalize([Mark(E, 2, 4)]) == [Mark(E, 2, 4), Mark(U, 2, 4)]


def test_highlight_neighbours_merge_only_with_the_same_colour() -> None:
    assert normalize([Mark(H, 0, 5, "yellow"), Mark(H, 5, 9, "yellow")]) == [Mark(H, 0, 9, "yellow")]
    assert normalize([Mark(H, 0, 5, "yellow"), Mark(H, 5, 9, "cyan")]) == [
        Mark(H, 0, 5, "yellow"),
        Mark(H, 5, 9, "cyan"),
    ]


def test_later_highlight_colour_wins_on_overlap() -> None:
    assert normalize([Mark(H, 0, 10, "yellow"), Mark(H, 3, 6, "red")]) == [
        Mark(H, 0, 3, "yellow"),
        Mark(H, 3, 6, "red"),
        Mark(H, 6, 10, "yellow"),
    ]
    assert normalize([Mark(H, 3, 6, "red"), Mark(H, 0, 10, "yellow")]) == [Mark(H, 0, 10, "yellow")]


def test_highlight_without_colour_normalises_to_default() -> None:
    assert normalize([Mark(H, 0, 4)]) == [Mark(H, 0, 4, DEFAULT_HIGHLIGHT)]


def test_non_highlight_marks_lose_no_information_in_json() -> None:
    assert Mark(U, 1, 4).to_json() == {"kind": "underline", "start": 1, "end": 4}
    assert Mark(H, 1, 4).to_json() == {"kind": "highlight", "start": 1, "end": 4, "color": DEFAULT_HIGHLIGHT}


# --- segments -----------------------------------------------------------------------------------


def test_segments_reassemble_the_text_with_flags() -> None:
    text = "one two three four"
    marks = [Mark(U, 0, 13), Mark(E, 4, 7), Mark(H, 8, 18, "yellow")]
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.underline, s.emphasis, s.highlight) for s in segs] == [
        ("one ", True, False, None),
        ("two", True, True, None),
        (" ", True, False, None),
        ("three", True, False, "yellow"),
        (" four", False, False, "yellow"),
    ]
    assert [(s.start, s.end) for s in segs] == [(0, 4), (4, 7), (7, 8), (8, 13), (13, 18)]


def test_emphasis_alone_renders_underlined() -> None:
    (seg,) = [s for s in segments("bold claim", [Mark(E, 0, 4)]) if s.emphasis]
    assert seg.text == "bold"
    assert seg.underline and seg.underlined
    assert not Segment("plain", 0, 5).underlined


def test_segments_of_unmarked_and_empty_text() -> None:
    assert segments("plain", []) == [Segment("plain", 0, 5)]
    assert segments("", []) == []


def test_segments_split_where_highlight_colour_changes() -> None:
    segs = segments("abcdef", [Mark(H, 0, 3, "yellow"), Mark(H, 3, 6, "cyan")])
    assert [(s.text, s.highlight) for s in segs] == [("abc", "yellow"), ("def", "cyan")]


def test_from_segments_round_trip() -> None:
    marks = normalize(
        [Mark(U, 4, 27), Mark(E, 11, 19), Mark(H, 4, 10, "yellow"), Mark(H, 11, 19, "green"), Mark(H, 19, 27, "cyan")]
    )
    assert from_segments(segments(TEXT, marks)) == (TEXT, marks)


def test_from_segments_merges_runs_that_importers_split() -> None:
    # Word splits one underlined phrase into many runs; the card should hold one mark.
    runs = [Segment("Rus", 0, 3, underline=True), Segment("sia", 3, 6, underline=True), Segment(" now", 6, 10)]
    assert from_segments(runs) == ("Russia now", [Mark(U, 0, 6)])


# --- validation and JSON ------------------------------------------------------------------------


def test_validate_accepts_marks_that_fit_and_normalises_them() -> None:
    assert validate([Mark(U, 0, 2), Mark(U, 2, 5)], 5) == [Mark(U, 0, 5)]


@pytest.mark.parametrize("mark", [Mark(U, 0, 6), Mark(E, -1, 2), Mark(H, 4, 2, "red")])
def test_validate_refuses_marks_outside_the_text(mark: Mark) -> None:
    with pytest.raises(MarkError, match=r"mark -?\d+–\d+ is outside the text \(0–5\)"):
        validate([mark], 5)


def test_validate_refuses_unknown_colour() -> None:
    with pytest.raises(MarkError, match="unknown highlight colour 'chartreuse'"):
        validate([Mark(H, 0, 2, "chartreuse")], 5)


def test_mark_json_round_trip() -> None:
    for mark in [Mark(U, 0, 4), Mark(E, 2, 3), Mark(H, 1, 9, "magenta")]:
        assert Mark.from_json(mark.to_json()) == mark


def test_mark_from_json_ignores_colour_on_underline() -> None:
    assert Mark.from_json({"kind": "underline", "start": 0, "end": 1, "color": "red"}) == Mark(U, 0, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "strike", "start": 0, "end": 1}, "unknown mark kind 'strike'"),
        ({"start": 0, "end": 1}, "unknown mark kind None"),
        ({"kind": "highlight", "start": 0, "end": 1, "color": "orange"}, "unknown highlight colour 'orange'"),
        ({"kind": "underline", "start": "0", "end": 1}, "needs integer start and end"),
        ({"kind": "underline", "start": 0, "end": 1.5}, "needs integer start and end"),
        ({"kind": "emphasis", "start": True, "end": 4}, "needs integer start and end"),
        ({"kind": "underline", "start": 0}, "needs integer start and end"),
        (["underline", 0, 1], "a mark must be an object"),
    ],
)
def test_mark_from_json_errors(data: object, message: str) -> None:
    with pytest.raises(MarkError, match=message):
        Mark.from_json(data)


def test_mark_error_is_a_value_error() -> None:
    # The API turns ValueError into a 422; MarkError must be one.
    assert issubclass(MarkError, ValueError)


# --- remap: marks follow their words through an edit --------------------------------------------

BODY = (
    "The Syrian militray renewed its attacks against the last militant enclave in the Southwestern "
    "city of Dara’a following the collapse of a Russian-mediated deal."
)


def body_marks() -> list[Mark]:
    return normalize(
        [
            Mark(U, *span(BODY, "The Syrian militray renewed its attacks")),
            Mark(H, *span(BODY, "Syrian militray renewed"), "yellow"),
            Mark(E, *span(BODY, "militray")),
            Mark(U, *span(BODY, "collapse of a Russian-mediated deal")),
            Mark(H, *span(BODY, "Russian-mediated"), "cyan"),
        ]
    )


def test_typo_fixed_inside_marked_passage_keeps_every_mark_on_its_words() -> None:
    marks = body_marks()
    assert marked(BODY, marks, U) == ["The Syrian militray renewed its attacks", "collapse of a Russian-mediated deal"]
    assert marked(BODY, marks, H) == ["Syrian militray renewed", "Russian-mediated"]
    assert marked(BODY, marks, E) == ["militray"]

    fixed = BODY.replace("militray", "military")
    moved = remap(BODY, fixed, marks)

    assert marked(fixed, moved, U) == ["The Syrian military renewed its attacks", "collapse of a Russian-mediated deal"]
    assert marked(fixed, moved, H) == ["Syrian military renewed", "Russian-mediated"]
    assert marked(fixed, moved, E) == ["military"]
    assert [m.color for m in moved if m.kind is H] == ["yellow", "cyan"]


def test_typo_fix_that_changes_length_keeps_marks_on_their_words() -> None:
    text = "the goverment announced sanctions today"
    marks = [Mark(U, *span(text, "goverment announced")), Mark(H, *span(text, "sanctions"), "green")]
    fixed = text.replace("goverment", "government")
    moved = remap(text, fixed, marks)
    assert marked(fixed, moved, U) == ["government announced"]
    assert marked(fixed, moved, H) == ["sanctions"]


def test_insertion_before_marks_shifts_them() -> None:
    marks = body_marks()
    edited = "Highlight: " + BODY
    moved = remap(BODY, edited, marks)
    assert marked(edited, moved, U) == marked(BODY, marks, U)
    assert marked(edited, moved, H) == marked(BODY, marks, H)
    assert all(m.start >= len("Highlight: ") for m in moved)


def test_insertion_after_marks_leaves_them_in_place() -> None:
    marks = body_marks()
    edited = BODY + " -FNA"
    assert remap(BODY, edited, marks) == marks


def test_insertion_between_two_marks_moves_only_the_later_one() -> None:
    text = "alpha beta gamma"
    marks = [Mark(U, *span(text, "alpha")), Mark(U, *span(text, "gamma"))]
    edited = "alpha beta delta gamma"
    moved = remap(text, edited, marks)
    assert moved[0] == marks[0]
    assert marked(edited, moved, U) == ["alpha", "gamma"]


def test_deleting_part_of_marked_text_shrinks_the_mark() -> None:
    text = "Russia will not cooperate on Syria"
    marks = [Mark(U, *span(text, "will not cooperate"))]
    edited = text.replace(" not", "")
    assert marked(edited, remap(text, edited, marks), U) == ["will cooperate"]


def test_deleting_all_of_the_marked_text_drops_the_mark() -> None:
    text = "Russia will not cooperate on Syria"
    marks = [Mark(E, *span(text, "not")), Mark(U, *span(text, "Syria"))]
    edited = text.replace("not ", "")
    moved = remap(text, edited, marks)
    assert marked(edited, moved, E) == []
    assert marked(edited, moved, U) == ["Syria"]


def test_insertion_exactly_at_mark_start_stays_outside_the_mark() -> None:
    text = "abc def ghi"
    marks = [Mark(U, *span(text, "def"))]
    edited = "abc Xdef ghi"
    assert marked(edited, remap(text, edited, marks), U) == ["def"]


def test_insertion_exactly_at_mark_end_stays_outside_the_mark() -> None:
    text = "abc def ghi"
    marks = [Mark(U, *span(text, "def"))]
    edited = "abc defX ghi"
    assert marked(edited, remap(text, edited, marks), U) == ["def"]


def test_insertion_at_start_of_text_before_a_mark_at_zero() -> None:
    text = "Russia now"
    edited = "“Russia now"
    assert marked(edited, remap(text, edited, [Mark(U, 0, 6)]), U) == ["Russia"]


def test_replacing_the_whole_marked_word_marks_the_replacement() -> None:
    text = "the cat sat"
    edited = "the dog sat"
    assert marked(edited, remap(text, edited, [Mark(H, 4, 7, "red")]), H) == ["dog"]


def test_deleting_the_first_letters_of_a_mark_keeps_the_rest() -> None:
    text = "abc xxdef ghi"
    marks = [Mark(U, *span(text, "xxdef"))]
    edited = "abc def ghi"
    assert marked(edited, remap(text, edited, marks), U) == ["def"]


def test_remap_unchanged_text_is_identity() -> None:
    assert remap(BODY, BODY, body_marks()) == body_marks()


def test_remap_of_a_2000_word_text_with_one_edit() -> None:
    words = [f"w{i}" for i in range(2000)]
    words[1000] = "teh"
    text = " ".join(words)
    marks = normalize(
        [
            Mark(U, *span(text, "w990 w991 w992 w993 w994 w995 w996 w997 w998 w999 teh w1001 w1002")),
            Mark(H, *span(text, "teh w1001"), "yellow"),
            Mark(E, *span(text, "w5 w6")),
            Mark(U, *span(text, "w1998 w1999")),
        ]
    )
    fixed = text.replace(" teh ", " the ")
    moved = remap(text, fixed, marks)
    assert marked(fixed, moved, U) == [
        "w5 w6",  # emphasis is underlined too
        "w990 w991 w992 w993 w994 w995 w996 w997 w998 w999 the w1001 w1002",
        "w1998 w1999",
    ]
    assert marked(fixed, moved, H) == ["the w1001"]
    assert marked(fixed, moved, E) == ["w5 w6"]
