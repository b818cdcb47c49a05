"""Briefs in a real database: whole-brief save/load, outline edits, shared cards."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from evidence.domain import Analytic, Brief, Card, Heading, Level, Mark, MarkKind, parse_cite_line
from evidence.domain.brief_json import brief_to_json
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store.db import session_scope
from evidence.store.errors import Conflict, Invalid


def _brief() -> Brief:
    card = Card(
        tag="Russian aggression in Syria now",
        label="non-unique",
        text="The crisis in Idlib has been at the bottom of the global agenda.\nSecond paragraph.",
        cite=parse_cite_line("Mehmet Ace, 9 -16 September 2021, Is Putin prepping the ground?"),
        marks=(Mark(MarkKind.UNDERLINE, 0, 40), Mark(MarkKind.HIGHLIGHT, 4, 16, "cyan")),
    )
    block = Heading(
        Level.BLOCK, "Russia won't cooperate on Syria", label="answers-to", children=[card, Analytic("No link.")]
    )
    return Brief(title="Syria", children=[Heading(Level.HAT, "Russia", children=[block])])


def _strip_ids(data):
    if isinstance(data, dict):
        return {k: _strip_ids(v) for k, v in data.items() if k not in {"id", "node_id"}}
    if isinstance(data, list):
        return [_strip_ids(v) for v in data]
    return data


def test_saved_brief_loads_back_identical(engine: Engine) -> None:
    with session_scope(engine) as s:
        brief_id = brief_store.save(s, _brief()).id
    with session_scope(engine) as s:
        loaded, order = brief_store.load(s, brief_id)
    assert _strip_ids(brief_to_json(loaded)) == _strip_ids(brief_to_json(_brief()))
    assert len(order) == 4


def test_outline_edits_keep_order_and_bump_version(engine: Engine) -> None:
    with session_scope(engine) as s:
        brief_id = brief_store.create(s, "Empty").id
        b1 = brief_store.add_node(s, brief_id, 1, type="block", title="First")
        b2 = brief_store.add_node(s, brief_id, 2, type="block", title="Second")
        a = brief_store.add_node(s, brief_id, 3, type="analytic", text="Under second", parent_id=b2.id)
        brief_store.move_node(s, brief_id, 4, b2.id, parent_id=None, position=0)
        brief_store.move_node(s, brief_id, 5, a.id, parent_id=b1.id, position=None)
    with session_scope(engine) as s:
        data = brief_store.to_json(s, brief_id)
    assert data["version"] == 6
    assert [c["title"] for c in data["children"]] == ["Second", "First"]
    assert data["children"][1]["children"] == [
        {"type": "analytic", "text": "Under second", "id": a.id, "node_id": a.id}
    ]


def test_outline_refuses_inverted_levels_and_cycles(engine: Engine) -> None:
    with session_scope(engine) as s:
        brief_id = brief_store.create(s, "B").id
        hat = brief_store.add_node(s, brief_id, 1, type="hat", title="Hat")
        block = brief_store.add_node(s, brief_id, 2, type="block", title="Block", parent_id=hat.id)
        other_hat = brief_store.add_node(s, brief_id, 3, type="hat", title="Other hat")
    with pytest.raises(Invalid, match="cannot go inside a block"), session_scope(engine) as s:
        brief_store.add_node(s, brief_id, 4, type="pocket", title="P", parent_id=block.id)
    with pytest.raises(Invalid, match="cannot go inside a block"), session_scope(engine) as s:
        brief_store.move_node(s, brief_id, 4, other_hat.id, parent_id=block.id, position=0)
    with pytest.raises(Invalid, match="inside itself"), session_scope(engine) as s:
        brief_store.move_node(s, brief_id, 4, hat.id, parent_id=block.id, position=0)
    with session_scope(engine) as s:
        assert brief_store.get(s, brief_id).version == 4  # nothing was written


def test_stale_outline_edit_is_refused_with_the_latest_change(engine: Engine) -> None:
    with session_scope(engine) as s:
        brief_id = brief_store.create(s, "B").id
        brief_store.add_node(s, brief_id, 1, type="block", title="Block")
    with pytest.raises(Conflict, match="added a block"), session_scope(engine) as s:
        brief_store.add_node(s, brief_id, 1, type="block", title="Another")


def test_a_card_in_two_briefs_is_edited_once(engine: Engine) -> None:
    with session_scope(engine) as s:
        card_id = card_store.create(s, Card(tag="Shared", text="Shared words")).id
        one = brief_store.create(s, "One").id
        two = brief_store.create(s, "Two").id
        brief_store.add_node(s, one, 1, type="card", card_id=card_id)
        brief_store.add_node(s, two, 1, type="card", card_id=card_id)
        card_store.update_fields(s, card_id, 1, {"tag": "Edited once"})
    with session_scope(engine) as s:
        assert brief_store.load(s, one)[0].cards()[0].tag == "Edited once"
        assert brief_store.load(s, two)[0].cards()[0].tag == "Edited once"
        assert sorted(t for _, t in brief_store.memberships(s, [card_id])[card_id]) == ["One", "Two"]


def test_titles_and_analytics_typed_by_a_user_have_sane_limits(engine: Engine) -> None:
    with pytest.raises(Invalid, match="at most 1,000 characters; this one has 5,000"), session_scope(engine) as s:
        brief_store.create(s, "x" * 5000)
    with session_scope(engine) as s:
        brief_id = brief_store.create(s, "AT: Sanctions").id
    with pytest.raises(Invalid, match="block title is at most"), session_scope(engine) as s:
        brief_store.add_node(s, brief_id, 1, type="block", title="y" * 1001)
    with pytest.raises(Invalid, match="analytic is at most 100,000"), session_scope(engine) as s:
        brief_store.add_node(s, brief_id, 1, type="analytic", text="z" * 100_001)
    with session_scope(engine) as s:
        assert brief_store.get(s, brief_id).version == 1  # nothing was counted as a change


def test_an_imported_file_keeps_a_long_heading_as_written(engine: Engine) -> None:
    long_heading = "A whole paragraph styled as a block by mistake. " * 40
    brief = Brief(title=long_heading, children=[Heading(Level.BLOCK, long_heading, children=[Analytic("x")])])
    with session_scope(engine) as s:
        brief_id = brief_store.save(s, brief).id
        loaded, _ = brief_store.load(s, brief_id)
        assert loaded.children[0].title == long_heading
        assert len(loaded.title) == 1000 and loaded.title.endswith("…")
