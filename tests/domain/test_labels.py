"""Argument labels: one stored spelling for the many ways debaters type them, and the label lifted
out of a seed tag like "Non-unique: Russian aggression in Syria now"."""

from __future__ import annotations

import pytest

from evidence.domain.labels import STANDARD_LABELS, display_label, normalize_label, split_tag_label


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Non-unique:", "non-unique"),
        ("Non-Unique", "non-unique"),
        ("NU", "non-unique"),
        ("nonunique", "non-unique"),
        ("Link Turn", "link-turn"),
        ("link turn", "link-turn"),
        ("Turn", "link-turn"),
        ("No Link", "no-link"),
        ("Impact Defence", "impact-defense"),
        ("Alt Cause", "alt-cause"),
        ("Perm", "permutation"),
        ("answers to", "answers-to"),
        ("AT", "answers-to"),
        ("A2", "answers-to"),
        ("A/2", "answers-to"),
        ("  Uniqueness  ", "uniqueness"),
        ("My Own Label", "my-own-label"),  # the vocabulary is open
    ],
)
def test_normalize_label(typed: str, stored: str) -> None:
    assert normalize_label(typed) == stored


@pytest.mark.parametrize("blank", [None, "", "   ", ":", "--"])
def test_blank_label_is_none(blank: str | None) -> None:
    assert normalize_label(blank) is None


def test_standard_labels_are_stored_spellings() -> None:
    for label in STANDARD_LABELS:
        assert normalize_label(label) == label
        assert normalize_label(display_label(label)) == label


def test_display_label() -> None:
    assert display_label("non-unique") == "Non-unique"
    assert display_label("answers-to") == "Answers to"
    assert display_label("link-turn") == "Link turn"
    assert display_label(None) == ""


@pytest.mark.parametrize(
    ("tag", "label", "rest"),
    [
        ("Non-unique: Russian aggression in Syria now", "non-unique", "Russian aggression in Syria now"),
        (
            "Non-unique – US pressure on the Ukraine encircles Russia and triggers reaction",
            "non-unique",
            "US pressure on the Ukraine encircles Russia and triggers reaction",
        ),
        ("Link Turn: US pressure makes Russia cooperate", "link-turn", "US pressure makes Russia cooperate"),
        ("NU - Russia already fights the US", "non-unique", "Russia already fights the US"),
        ("Impact — escalation to war", "impact", "escalation to war"),
    ],
)
def test_split_tag_label_lifts_a_leading_label(tag: str, label: str, rest: str) -> None:
    assert split_tag_label(tag) == (label, rest)


@pytest.mark.parametrize(
    "tag",
    [
        "Russia. Fighting the US in Syria now",
        "Russian mediation in Syria fails",
        "Russia-Mediated Deal Fails",
        "Syria/Russia: Syria Resumes Pounding Militants’ Positions",  # a prefix, but not a label
        "US-Russia relations: worse than ever",
        "AT: Russia won't cooperate",  # a block header, not a card's label
    ],
)
def test_split_tag_label_leaves_ordinary_tags_alone(tag: str) -> None:
    assert split_tag_label(tag) == (None, tag)


def test_split_tag_label_keeps_a_bare_label_as_the_tag() -> None:
    assert split_tag_label("Impact: ") == (None, "Impact:")
