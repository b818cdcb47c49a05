"""Cards: frozen values whose every edit (F9–F12, a typo fix) returns a new card."""

from __future__ import annotations

import dataclasses

import pytest

from evidence.domain.card import Card
from evidence.domain.cite import Cite
from evidence.domain.marks import Mark, MarkError, MarkKind

U, E, H = MarkKind.UNDERLINE, MarkKind.EMPHASIS, MarkKind.HIGHLIGHT
TEXT = "Putin babbled on about foreign armed forces in Syria"


def span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def words(card: Card, kind: MarkKind) -> list[str]:
    return [card.text[m.start : m.end] for m in card.marks if m.kind is kind]


def make() -> Card:
    return Card(tag="Russia opposes US troops", text=TEXT, cite=Cite(authors=("Mehmet Ace",)))


def test_card_is_frozen() -> None:
    card = make()
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.tag = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.marks = ()  # type: ignore[misc]


def test_edits_return_new_cards_and_leave_the_old_one_alone() -> None:
    card = make()
    underlined = card.toggle(U, *span(TEXT, "foreign armed forces"))
    assert card.marks == ()
    assert words(underlined, U) == ["foreign armed forces"]
    assert underlined.tag == card.tag and underlined.cite == card.cite


def test_marks_are_kept_as_a_normalised_tuple() -> None:
    card = Card(tag="t", text=TEXT, marks=[Mark(U, 0, 5), Mark(U, 3, 12)])  # type: ignore[arg-type]
    assert card.marks == (Mark(U, 0, 12),)


def test_marks_outside_the_text_are_refused_at_construction() -> None:
    with pytest.raises(MarkError, match="outside the text"):
        Card(tag="t", text="short", marks=(Mark(U, 0, 6),))


def test_toggle_apply_and_clear_on_a_card() -> None:
    card = make().apply(U, *span(TEXT, "babbled on about foreign armed forces"))
    card = card.toggle(H, *span(TEXT, "foreign armed"), "green")
    card = card.toggle(E, *span(TEXT, "armed"))
    assert words(card, H) == ["foreign armed"]
    assert words(card, E) == ["armed"]
    card = card.clear(*span(TEXT, "armed forces"))
    assert words(card, U) == ["babbled on about foreign "]
    assert words(card, H) == ["foreign "]
    assert words(card, E) == []


@pytest.mark.parametrize("selection", [(4, 4), (9, 3)])
def test_toggle_on_empty_selection_asks_for_words(selection: tuple[int, int]) -> None:
    with pytest.raises(MarkError, match="select some words"):
        make().toggle(U, *selection)


@pytest.mark.parametrize("method", ["toggle", "apply"])
def test_selection_past_the_text_is_refused(method: str) -> None:
    card = make()
    with pytest.raises(MarkError, match=rf"selection 0–{len(TEXT) + 1} is not inside the card text \(0–{len(TEXT)}\)"):
        getattr(card, method)(U, 0, len(TEXT) + 1)


def test_clear_on_empty_selection_asks_for_words() -> None:
    with pytest.raises(MarkError, match="select some words"):
        make().clear(3, 3)


def test_edit_text_keeps_marks_on_their_words() -> None:
    typo = "Putin babled on about foriegn armed forces in Syria"
    card = Card(tag="t", text=typo)
    card = card.apply(U, *span(typo, "babled on about foriegn armed forces"))
    card = card.apply(H, *span(typo, "foriegn armed"), "yellow")
    fixed = card.edit_text(TEXT)
    assert fixed.text == TEXT
    assert words(fixed, U) == ["babbled on about foreign armed forces"]
    assert words(fixed, H) == ["foreign armed"]
    assert card.text == typo  # the old value is untouched


def test_edit_text_that_deletes_marked_words_drops_their_marks() -> None:
    card = make().apply(E, *span(TEXT, "babbled on "))
    shorter = card.edit_text(TEXT.replace("babbled on ", ""))
    assert shorter.marks == ()
    assert shorter.text == "Putin about foreign armed forces in Syria"


def test_segments_come_from_the_card_marks() -> None:
    card = make().apply(E, *span(TEXT, "Putin"))
    segs = card.segments()
    assert "".join(s.text for s in segs) == TEXT
    assert segs[0].text == "Putin" and segs[0].emphasis and segs[0].underlined
