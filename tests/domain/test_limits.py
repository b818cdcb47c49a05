"""A card's limits: what a debater pasting, importing or sending too much is told, and that the
refusal comes before the work (a card at the limit still builds, one past it never does)."""

from __future__ import annotations

import pytest

from evidence.domain.card import MAX_MARKS, MAX_TAG_CHARS, MAX_TEXT_CHARS, Card, CardLimitError, check_tag
from evidence.domain.marks import Mark, MarkError, MarkKind, normalize

H, U, E = MarkKind.HIGHLIGHT, MarkKind.UNDERLINE, MarkKind.EMPHASIS


def one_per_word(words: int, *, reverse: bool = False) -> tuple[str, list[Mark]]:
    """A text of ``words`` words and a highlight on each, colours alternating (so none merge)."""
    text = " ".join("word" for _ in range(words))
    marks = [Mark(H, 5 * i, 5 * i + 4, ("yellow", "cyan")[i % 2]) for i in range(words)]
    return text, marks[::-1] if reverse else marks


def test_a_typed_tag_at_the_limit_is_kept_and_one_past_it_is_refused_with_its_length() -> None:
    check_tag("t" * MAX_TAG_CHARS)
    with pytest.raises(CardLimitError) as refused:
        check_tag("t" * (MAX_TAG_CHARS + 345))
    assert str(refused.value).startswith(f"a tag holds at most 2,000 characters; this one has {MAX_TAG_CHARS + 345:,}")


def test_a_whole_long_article_fits_in_one_card_but_a_text_past_the_limit_is_refused() -> None:
    article = ("The crisis in Idlib deepened as talks stalled. " * 25_000)[:MAX_TEXT_CHARS]
    card = Card(tag="t", text=article, marks=(Mark(H, 4, 10, "yellow"),))
    assert len(card.text) == 1_000_000 and card.marks == (Mark(H, 4, 10, "yellow"),)
    with pytest.raises(CardLimitError, match=r"at most 1,000,000 characters; this one has 1,000,001"):
        Card(tag="t", text=article + ".")


def test_too_many_marks_are_refused_with_the_count_before_they_are_checked() -> None:
    # Past the limit, even marks that would not fit the text are not looked at: the count is the answer.
    marks = [Mark(U, 10**9, 10**9 + 1)] * (MAX_MARKS + 10_000)
    with pytest.raises(MarkError) as refused:
        Card(tag="t", text="short", marks=tuple(marks))
    assert str(refused.value) == "a card holds at most 50,000 marks; this one has 60,000"


def test_marks_that_normalise_past_the_limit_are_refused_so_a_stored_card_always_loads() -> None:
    # 30,000 emphases each bring an underline: 60,000 marks once normalised.
    text = " ".join("word" for _ in range(30_000))
    emphases = tuple(Mark(E, 5 * i, 5 * i + 4) for i in range(30_000))
    with pytest.raises(MarkError, match=r"at most 50,000 marks; this one has 60,000 once emphasis gets its underline"):
        Card(tag="t", text=text, marks=emphases)


def test_a_card_at_the_mark_limit_builds_and_loads_back() -> None:
    text, marks = one_per_word(MAX_MARKS, reverse=True)
    card = Card(tag="t", text=text, marks=tuple(marks))
    assert len(card.marks) == MAX_MARKS
    assert Card(tag="t", text=text, marks=card.marks) == card  # as the store rebuilds it


def test_a_mark_outside_the_text_is_refused_with_where_it_lies() -> None:
    with pytest.raises(MarkError, match="highlight mark 3–9 is outside the text \\(0–5\\)"):
        Card(tag="t", text="short", marks=(Mark(H, 3, 9, "yellow"),))


def test_many_highlights_sent_in_reverse_normalise_to_the_same_card_as_in_order() -> None:
    """20,000 highlights right to left (a client replaying its undo stack): same marks as in order."""
    text, forward = one_per_word(20_000)
    _, backward = one_per_word(20_000, reverse=True)
    assert normalize(backward) == normalize(forward) == forward
    assert Card(tag="t", text=text, marks=tuple(backward)).words_highlighted == 20_000


def test_a_card_from_a_file_keeps_its_long_tag_as_written() -> None:
    """A page styled as Tag in someone's Word file is still what the file says."""
    tag = "Russia escalates in Syria. " * 200
    assert Card(tag=tag, text="body").tag == tag
