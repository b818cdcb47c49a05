"""Where Ctrl+Alt+Up/Down and a drop put an outline item (Verbatim's rules, by index path)."""

from __future__ import annotations

from evidence.domain import Analytic, Card, Cite, Heading, Level
from evidence.domain.brief import Node
from evidence.domain.moves import Place, accepts, drop, step
from evidence.domain.speech import speech_clock


def _card(tag: str) -> Card:
    return Card(tag=tag, cite=Cite(), text="text")


def _outline() -> list[Node]:
    return [
        _card("loose"),
        Heading(Level.BLOCK, "A", children=[_card("a1"), _card("a2")]),
        Heading(Level.BLOCK, "B", children=[Analytic(text="b1")]),
    ]


def test_a_card_swaps_with_its_neighbour() -> None:
    assert step(_outline(), (1, 0), +1) == Place(parent=(1,), position=1)
    assert step(_outline(), (1, 1), -1) == Place(parent=(1,), position=0)


def test_a_card_meeting_a_heading_goes_inside_it() -> None:
    assert step(_outline(), (0,), +1) == Place(parent=(1,), position=0)  # at its top going down
    assert step(_outline(), (2, 0), -1) == Place(parent=None, position=2)  # leaves block B upwards
    # Going up from the brief's top level onto block A: at its end.
    outline = _outline()
    outline.append(_card("after B"))
    assert step(outline, (3,), -1) == Place(parent=(2,), position=None)


def test_a_card_at_the_edge_of_its_heading_leaves_it() -> None:
    assert step(_outline(), (1, 1), +1) == Place(parent=None, position=2)  # just after block A
    assert step(_outline(), (1, 0), -1) == Place(parent=None, position=1)  # just before it


def test_headings_swap_and_stop_at_the_edges() -> None:
    assert step(_outline(), (1,), +1) == Place(parent=None, position=2)
    assert step(_outline(), (2,), +1) is None
    assert step(_outline(), (0,), -1) is None


def test_a_drop_goes_into_a_heading_that_can_hold_it_else_before_the_target() -> None:
    assert drop(_outline(), (0,), (2,)) == Place(parent=(2,), position=0)
    # A block cannot hold a block: dropped on one, it goes before it.
    assert drop(_outline(), (1,), (2,)) == Place(parent=None, position=1)
    # From above in the same list, the target's slot moves up by one.
    assert drop(_outline(), (1, 0), (1, 1)) == Place(parent=(1,), position=0)
    assert accepts(Level.BLOCK) == ("card", "analytic")
    assert accepts(Level.POCKET) == ("hat", "block", "card", "analytic")


def test_the_speech_clock() -> None:
    clock = speech_clock(330.4, 5)
    assert (clock.limit_seconds, clock.kind, clock.percent) == (300, "rebuttal", 100)
    assert clock.over_seconds == 330.4 - 300 and clock.left_seconds == 0
    eight = speech_clock(120, 8)
    assert (eight.kind, eight.percent, eight.left_seconds, eight.over_seconds) == ("constructive", 25, 360, 0)
