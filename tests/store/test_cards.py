"""Cards in a real database: edits, marks, conflicts and undoable deletes."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from evidence.domain import Card, Cite, Mark, MarkKind, parse_cite_line
from evidence.store import cards as card_store
from evidence.store import sources as source_store
from evidence.store.db import session_scope
from evidence.store.errors import Conflict, Invalid, NotFound

TEXT = "The crisis in Idlib has been at the bottom of the global agenda for quite some time now."


def _card(**kw) -> Card:
    base = {"tag": "Russian aggression in Syria now", "text": TEXT, "cite": parse_cite_line("Mehmet Ace, 9-16-21")}
    base.update(kw)
    return Card(**base)


def test_created_card_reads_back_with_cite_and_marks(engine: Engine) -> None:
    with session_scope(engine) as s:
        row = card_store.create(s, _card(marks=(Mark(MarkKind.HIGHLIGHT, 4, 19, "yellow"),)))
        card_id = row.id
    with session_scope(engine) as s:
        card = card_store.to_domain(card_store.get(s, card_id))
    assert card.cite.short == "Ace 21"
    assert card.text[4:19] == "crisis in Idlib"
    assert card.marks == (Mark(MarkKind.HIGHLIGHT, 4, 19, "yellow"),)


def test_mark_toggle_twice_restores_the_card_and_bumps_versions(engine: Engine) -> None:
    with session_scope(engine) as s:
        card_id = card_store.create(s, _card()).id
    with session_scope(engine) as s:
        row = card_store.mark(s, card_id, 1, action="toggle", kind="underline", start=0, end=10)
        assert row.version == 2 and row.marks == [{"kind": "underline", "start": 0, "end": 10}]
    with session_scope(engine) as s:
        row = card_store.mark(s, card_id, 2, action="toggle", kind="underline", start=0, end=10)
        assert row.version == 3 and row.marks == []
        assert [r.version for r in card_store.revisions(s, card_id)] == [1, 2, 3]


def test_stale_version_is_refused_and_names_what_changed(engine: Engine) -> None:
    with session_scope(engine) as s:
        card_id = card_store.create(s, _card()).id
    with session_scope(engine) as s:
        card_store.update_fields(s, card_id, 1, {"tag": "A better tag"})
    with pytest.raises(Conflict) as info, session_scope(engine) as s:
        card_store.mark(s, card_id, 1, action="toggle", kind="highlight", start=0, end=3)
    assert "the tag" in str(info.value) and info.value.current_version == 2
    with session_scope(engine) as s:
        row = card_store.get(s, card_id)
        assert row.tag == "A better tag" and row.marks == []


def test_fixing_a_typo_keeps_marks_on_their_words(engine: Engine) -> None:
    text = "Russia has been mediatting a new deal to end the recent fighting in Daraa."
    start = text.index("a new deal")
    with session_scope(engine) as s:
        card_id = card_store.create(
            s, Card(tag="t", text=text, marks=(Mark(MarkKind.HIGHLIGHT, start, start + 10, "cyan"),))
        ).id
    fixed = text.replace("mediatting", "mediating")
    with session_scope(engine) as s:
        row = card_store.update_fields(s, card_id, 1, {"text": fixed})
        card = card_store.to_domain(row)
    (mark,) = card.marks
    assert card.text[mark.start : mark.end] == "a new deal"


def test_bad_marks_and_selections_are_refused_without_writing(engine: Engine) -> None:
    with session_scope(engine) as s:
        card_id = card_store.create(s, _card()).id
    with pytest.raises(Invalid, match="outside the text"), session_scope(engine) as s:
        card_store.update_fields(s, card_id, 1, {"marks": [{"kind": "underline", "start": 0, "end": 9999}]})
    with pytest.raises(Invalid, match="select some words"), session_scope(engine) as s:
        card_store.mark(s, card_id, 1, action="toggle", kind="underline", start=5, end=5)
    with pytest.raises(Invalid, match="unknown mark kind"), session_scope(engine) as s:
        card_store.mark(s, card_id, 1, action="toggle", kind="strike", start=0, end=5)
    with session_scope(engine) as s:
        assert card_store.get(s, card_id).version == 1


def test_delete_hides_the_card_and_restore_brings_it_back(engine: Engine) -> None:
    with session_scope(engine) as s:
        card_id = card_store.create(s, _card()).id
        card_store.delete(s, card_id)
    with session_scope(engine) as s:
        assert card_store.list_cards(s) == []
        with pytest.raises(NotFound):
            card_store.get(s, card_id)
        card_store.restore(s, card_id)
    with session_scope(engine) as s:
        assert [r.id for r in card_store.list_cards(s)] == [card_id]


def test_cutting_the_same_passage_twice_finds_the_first_card(engine: Engine) -> None:
    with session_scope(engine) as s:
        source = source_store.create(s, text="x " * 50 + TEXT, title="Daily Sabah")
        card_id = card_store.create(s, _card(), source_id=source.id, source_start=100, source_end=190).id
    with session_scope(engine) as s:
        assert card_store.find_by_span(s, source.id, 100, 190).id == card_id
        assert card_store.find_by_span(s, source.id, 100, 191) is None


def test_search_matches_tag_and_cite(engine: Engine) -> None:
    with session_scope(engine) as s:
        card_store.create(s, _card())
        card_store.create(s, Card(tag="Other claim", text="words", cite=Cite(publication="Press TV")))
    with session_scope(engine) as s:
        assert [r.tag for r in card_store.list_cards(s, query="russian")] == ["Russian aggression in Syria now"]
        assert [r.tag for r in card_store.list_cards(s, query="press tv")] == ["Other claim"]


def test_a_typed_tag_past_the_limit_is_refused_but_an_imported_long_tag_stays_editable(engine: Engine) -> None:
    from evidence.domain.card import MAX_TAG_CHARS

    long_tag = "A page styled as Tag. " * 200
    with session_scope(engine) as s:
        card_id = card_store.create(s, Card(tag=long_tag, text="The crisis in Idlib.")).id  # as a file gave it
    with pytest.raises(Invalid, match="a tag holds at most 2,000"), session_scope(engine) as s:
        card_store.update_fields(s, card_id, 1, {"tag": "t" * (MAX_TAG_CHARS + 1)})
    with session_scope(engine) as s:
        row = card_store.update_fields(s, card_id, 1, {"marks": [{"kind": "highlight", "start": 4, "end": 10}]})
        assert row.tag == long_tag and row.version == 2


def test_cite_as_written_tag_marks_notes_and_a_given_short_are_stored(engine: Engine) -> None:
    cite = Cite(
        text="Wheeler, 21 (Tom Wheeler, former FCC chair, 2021)",
        marks=(Mark(MarkKind.CITE, 0, 11), Mark(MarkKind.ITALIC, 13, 24)),
        given_short="Wheeler 21",
    )
    card = Card(
        tag="Broadband is infrastructure",
        text="Plain text with bold.",
        cite=cite,
        marks=(Mark(MarkKind.BOLD, 16, 20),),
        tag_marks=(Mark(MarkKind.UNDERLINE, 0, 9),),
        notes="<<FOR REFERENCE>>",
        notes_marks=(Mark(MarkKind.HIGHLIGHT, 2, 5, "yellow"),),
    )
    with session_scope(engine) as s:
        card_id = card_store.create(s, card).id
    with session_scope(engine) as s:
        back = card_store.to_domain(card_store.get(s, card_id))
    assert back.cite == cite and back.cite.short == "Wheeler 21"
    assert (back.tag_marks, back.notes, back.notes_marks, back.marks) == (
        card.tag_marks,
        card.notes,
        card.notes_marks,
        card.marks,
    )
    # Editing the fields keeps the cite as written; editing the tag carries its marks.
    with session_scope(engine) as s:
        card_store.update_fields(s, card_id, 1, {"cite": {"authors": ["Tom Wheeler"], "date": "2021"}})
        card_store.update_fields(s, card_id, 2, {"tag": "Rural Broadband is infrastructure"})
    with session_scope(engine) as s:
        edited = card_store.to_domain(card_store.get(s, card_id))
    assert edited.cite.text == cite.text and edited.cite.authors == ("Tom Wheeler",)
    assert edited.cite.short == "Wheeler 21"
    assert edited.tag_marks == (Mark(MarkKind.UNDERLINE, 6, 15),)
