"""The editor form's reading of typed input and the one card presenter, without a server: what a
debater types (dates as they write them, authors separated by ";") becomes the store's fields,
and every page names, counts and times a card the same way."""

from __future__ import annotations

import pytest

from evidence.domain import Card, Cite
from evidence.domain.marks import Mark, MarkKind
from evidence.store.errors import Invalid
from evidence.web.forms import card_changes, cite_from_form
from evidence.web.presenters import CardView, cite_fields


@pytest.mark.parametrize(
    ("typed", "iso"),
    [("9-16-2021", "2021-09-16"), ("September 16, 2020", "2020-09-16"), ("2019", "2019"), ("  ", None)],
)
def test_a_typed_date_is_read_as_iso_and_an_empty_box_is_no_date(typed: str, iso: str | None) -> None:
    assert cite_from_form({"date": typed, "accessed": typed})["date"] == iso


def test_authors_are_split_on_semicolons_and_empty_boxes_are_no_value() -> None:
    fields = cite_from_form({"authors": " Mehmet Ace ;; Jo Bo; ", "title": "  ", "publication": " Ahval "})
    assert fields["authors"] == ["Mehmet Ace", "Jo Bo"]
    assert fields["title"] is None and fields["publication"] == "Ahval"


def test_a_date_that_cannot_be_read_is_refused_with_examples() -> None:
    with pytest.raises(Invalid, match="cannot read 'someday' as a date"):
        cite_from_form({"date": "someday"})


def test_the_form_sends_only_what_it_holds() -> None:
    assert card_changes({"tag": "  Russia\n  blames   others "}) == {"tag": "Russia blames others"}
    assert card_changes({"label": "   "}) == {"label": None}
    assert card_changes({"version": "3"}) == {}


def test_an_accepted_cite_line_is_the_cite_text_with_the_fields_as_the_form_left_them() -> None:
    line = "Mehmet Ace, 9-16-21, Title"
    as_read = card_changes({"cite_line": line})["cite"]
    assert as_read["authors"] == ["Mehmet Ace"] and as_read["date"] == "2021-09-16" and as_read["text"] == line
    corrected = card_changes({"cite_line": line, "authors": "M. Ace", "date": "2020"})["cite"]
    assert corrected["authors"] == ["M. Ace"] and corrected["date"] == "2020" and corrected["text"] == line


def test_every_page_names_counts_and_times_a_card_the_same_way() -> None:
    text = "Russia blames regional actors for the stalemate"
    marks = (Mark(MarkKind.HIGHLIGHT, 0, 13, "yellow"), Mark(MarkKind.UNDERLINE, 14, 30))
    card = Card(tag="", text=text, marks=marks, cite=Cite(authors=("Mehmet Ace",)))
    view = CardView(card, wpm=60)
    assert view.tag == "(untagged)" and view.typed_tag == ""
    assert (view.words_highlighted, view.words_underlined) == (2, 2)
    assert view.read_seconds == 2.0 and view.read_time == "0:02"  # 2 highlighted words at 60 wpm
    assert '<span data-s="0" class="hl-yellow">Russia blames</span>' in view.body
    assert view.cite == cite_fields(card.cite) and view.cite["authors"] == "Mehmet Ace"
