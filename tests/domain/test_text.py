"""The "this passage" rule for a cut: a selection is clamped to the text and loses the
whitespace a drag catches at its edges, so a card never starts with a space or a line end."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.domain.text import trim_span

TEXT = "  Lavrov accused the US.\n\nNext paragraph "


@pytest.mark.parametrize(
    ("start", "end", "want"),
    [
        (0, 24, "Lavrov accused the US."),  # leading spaces and the line end dropped
        (2, 8, "Lavrov"),  # already tight: unchanged
        (24, 2, "Lavrov accused the US."),  # ends given backwards
        (-5, 10_000, "Lavrov accused the US.\n\nNext paragraph"),  # past both ends: clamped
        (24, 26, ""),  # only line breaks: nothing
    ],
)
def test_a_selection_is_clamped_ordered_and_trimmed(start: int, end: int, want: str) -> None:
    first, last = trim_span(TEXT, start, end)
    assert TEXT[first:last] == want
    assert 0 <= first <= last <= len(TEXT)


@given(st.text(alphabet=" \n\tab€😀", max_size=30), st.integers(-40, 40), st.integers(-40, 40))
def test_a_trimmed_span_is_inside_the_text_and_has_no_space_at_its_edges(text: str, start: int, end: int) -> None:
    first, last = trim_span(text, start, end)
    assert 0 <= first <= last <= len(text)
    picked = text[first:last]
    assert picked == picked.strip()
    # Trimming only drops whitespace: the words selected are all still there.
    lo, hi = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    assert text[lo:hi].strip() == picked
