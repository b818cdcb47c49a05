"""Read time: what a debater says aloud (tag and highlighted words) at their speaking rate."""

from __future__ import annotations

import pytest

from evidence.domain.card import Analytic, Card
from evidence.domain.marks import Mark, MarkKind
from evidence.domain.readtime import DEFAULT_WPM, count_words, format_duration, read_seconds, words_in

U, E, H = MarkKind.UNDERLINE, MarkKind.EMPHASIS, MarkKind.HIGHLIGHT
TEXT = "Russia’s buildup along the Ukrainian border has highlighted capability shortfalls"


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_default_rate_is_250_words_per_minute() -> None:
    assert DEFAULT_WPM == 250
    assert read_seconds(250) == 60.0
    assert read_seconds(125) == 30.0


def test_rate_is_settable() -> None:
    assert read_seconds(300, wpm=300) == 60.0
    assert read_seconds(100, wpm=200) == 30.0


@pytest.mark.parametrize("wpm", [0, -250])
def test_rate_must_be_positive(wpm: int) -> None:
    with pytest.raises(ValueError, match="words per minute must be positive"):
        read_seconds(10, wpm)


def test_count_words_counts_words_not_punctuation() -> None:
    assert count_words("Russia’s buildup — along the border.") == 5
    assert count_words("Moscow-backed separatists") == 2
    assert count_words(" -- … ") == 0
    assert count_words("") == 0


def test_only_highlighted_words_count() -> None:
    marks = [Mark(U, 0, len(TEXT)), Mark(H, *span("Ukrainian border"), "yellow")]
    assert words_in(TEXT, marks, H) == 2
    assert words_in(TEXT, marks, U) == count_words(TEXT) == 10


def test_a_half_highlighted_word_counts() -> None:
    start, end = span("capability")
    assert words_in(TEXT, [Mark(H, start + 3, end - 2, "cyan")], H) == 1
    # A highlight over two half words is two words read.
    assert words_in(TEXT, [Mark(H, span("Ukrainian")[1] - 2, span("border")[0] + 2, "cyan")], H) == 2


def test_highlighted_spaces_alone_are_no_words() -> None:
    start = span("border")[1]
    assert words_in(TEXT, [Mark(H, start, start + 1, "cyan")], H) == 0


def test_highlights_of_different_colours_all_count() -> None:
    marks = [Mark(H, *span("Russia’s"), "yellow"), Mark(H, *span("border"), "green")]
    assert words_in(TEXT, marks, H) == 2


def test_card_read_time_is_highlighted_plus_tag_words() -> None:
    card = Card(
        tag="Russia builds up on the border",  # 6 words
        text=TEXT,
        marks=(Mark(H, *span("buildup along the Ukrainian border"), "yellow"),),  # 5 words
    )
    assert card.words_highlighted == 5
    assert card.words_read == 11
    assert card.read_seconds() == pytest.approx(11 * 60 / 250)
    assert card.read_seconds(wpm=330) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="positive"):
        card.read_seconds(wpm=0)


def test_unhighlighted_card_reads_only_its_tag() -> None:
    card = Card(tag="Russia builds up", text=TEXT, marks=(Mark(U, 0, len(TEXT)),))
    assert card.words_highlighted == 0
    assert card.words_underlined == 10
    assert card.words_read == 3


def test_emphasis_counts_as_underlined_words() -> None:
    card = Card(tag="t", text=TEXT, marks=(Mark(E, *span("capability shortfalls")),))
    assert card.words_underlined == 2


def test_analytic_is_read_in_full() -> None:
    analytic = Analytic("Their evidence is about Ukraine, not Syria")
    assert analytic.words_read == 7
    assert analytic.read_seconds(wpm=210) == pytest.approx(2.0)


def test_format_duration() -> None:
    assert format_duration(45) == "0:45"
    assert format_duration(480) == "8:00"
    assert format_duration(59.6) == "1:00"
