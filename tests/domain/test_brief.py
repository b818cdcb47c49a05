"""Briefs: Verbatim's outline (pocket > hat > block > cards and analytics), in order, with read time."""

from __future__ import annotations

import pytest

from evidence.domain.brief import Brief, Heading, Level, Node, OutlineError, can_contain
from evidence.domain.card import Analytic, Card
from evidence.domain.marks import Mark, MarkKind

H = MarkKind.HIGHLIGHT


def card(tag: str, text: str = "Russia mediated a deal that failed", highlight: int = 0) -> Card:
    """A card whose first ``highlight`` characters are highlighted."""
    marks = (Mark(H, 0, highlight, "yellow"),) if highlight else ()
    return Card(tag=tag, text=text, marks=marks)


def full_brief() -> Brief:
    return Brief(
        "Russia–Syria",
        [
            Heading(
                Level.POCKET,
                "Aff",
                [
                    Heading(
                        Level.HAT,
                        "Russia",
                        [
                            Heading(
                                Level.BLOCK,
                                "Russia won’t cooperate on Syria",
                                [card("Russian mediation fails", highlight=6), Analytic("Extend Ace")],
                                label="answers-to",
                                speech="2AC",
                            ),
                        ],
                    ),
                    Heading(Level.BLOCK, "Skipped the hat", [card("Russia opposes the US")]),
                ],
            ),
            Heading(Level.HAT, "No pocket", [Heading(Level.BLOCK, "Block under a hat")]),
            card("A loose card at the top"),
        ],
    )


def test_full_outline_is_valid() -> None:
    full_brief().validate()


def test_levels_may_be_skipped() -> None:
    Brief("Just blocks", [Heading(Level.BLOCK, "AT: X", [card("t")]), Heading(Level.BLOCK, "AT: Y")]).validate()
    Brief("Pocket to block", [Heading(Level.POCKET, "Neg", [Heading(Level.BLOCK, "AT: X")])]).validate()
    Brief("Only cards", [card("t"), Analytic("a")]).validate()
    Brief("Empty").validate()


def test_pocket_inside_block_is_refused_with_its_place() -> None:
    brief = Brief(
        "b",
        [Heading(Level.BLOCK, "Russia won’t cooperate", [card("t"), Heading(Level.POCKET, "Aff")])],
    )
    with pytest.raises(OutlineError) as error:
        brief.validate()
    message = str(error.value)
    assert "a pocket cannot sit inside a block" in message
    assert "item 1 (block “Russia won’t cooperate”) › item 2" in message
    assert "pocket > hat > block" in message


def test_same_level_cannot_nest() -> None:
    brief = Brief(
        "b",
        [Heading(Level.POCKET, "Aff", [Heading(Level.HAT, "Russia", [Heading(Level.HAT, "Again")])])],
    )
    with pytest.raises(OutlineError, match=r"pocket “Aff”\) › item 1 \(hat “Russia”\) › item 1: a hat cannot sit"):
        brief.validate()


def test_hat_inside_block_is_refused() -> None:
    with pytest.raises(OutlineError, match="a hat cannot sit inside a block"):
        Brief("b", [Heading(Level.BLOCK, "X", [Heading(Level.HAT, "Y")])]).validate()


def test_unknown_node_is_refused() -> None:
    nodes: list[Node] = [card("t"), "just a string"]  # type: ignore[list-item]
    with pytest.raises(OutlineError, match="brief › item 2: unknown node str"):
        Brief("b", nodes).validate()


def test_can_contain() -> None:
    assert can_contain(None, Level.BLOCK)
    assert can_contain(Level.POCKET, Level.HAT)
    assert can_contain(Level.POCKET, Level.BLOCK)
    assert not can_contain(Level.BLOCK, Level.POCKET)
    assert not can_contain(Level.HAT, Level.HAT)
    assert can_contain(Level.BLOCK, card("t"))
    assert [level.depth for level in Level] == [0, 1, 2]


def test_walk_is_document_order_with_depth() -> None:
    seen = [
        (depth, node.title if isinstance(node, Heading) else getattr(node, "tag", None) or node.text)
        for depth, node in full_brief().walk()
    ]
    assert seen == [
        (0, "Aff"),
        (1, "Russia"),
        (2, "Russia won’t cooperate on Syria"),
        (3, "Russian mediation fails"),
        (3, "Extend Ace"),
        (1, "Skipped the hat"),
        (2, "Russia opposes the US"),
        (0, "No pocket"),
        (1, "Block under a hat"),
        (0, "A loose card at the top"),
    ]


def test_cards_in_order() -> None:
    assert [c.tag for c in full_brief().cards()] == [
        "Russian mediation fails",
        "Russia opposes the US",
        "A loose card at the top",
    ]


def test_read_time_sums_cards_and_analytics() -> None:
    brief = full_brief()
    # tags: 3 + 4 + 6 words; one highlighted word ("Russia"); analytic "Extend Ace": 2 words.
    assert brief.words_read() == 3 + 1 + 2 + 4 + 6
    assert brief.read_seconds() == pytest.approx(16 * 60 / 250)
    assert brief.read_seconds(wpm=160) == pytest.approx(6.0)
    with pytest.raises(ValueError, match="positive"):
        brief.read_seconds(wpm=0)


def test_headings_keep_label_and_speech() -> None:
    block = full_brief().children[0].children[0].children[0]  # type: ignore[union-attr]
    assert isinstance(block, Heading)
    assert (block.level, block.label, block.speech) == (Level.BLOCK, "answers-to", "2AC")
