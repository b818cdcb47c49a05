"""The seed brief (answers to "Russia won't cooperate on Syria") as brief JSON, with marks added
to its first card so exports have underline and highlight runs to show. Shared by the brief,
export, import and browser tests."""

from __future__ import annotations

import dataclasses
from typing import Any

from evidence.domain import Card, Heading, Mark, MarkKind
from evidence.ingest.textbrief import read_text_brief
from exports.brief_json import brief_to_json
from tests.conftest import SEEDS

SEED_FILE = SEEDS / "answers-to-russia-syria.txt"
FIRST_TAG = "Russian mediation in Syria fails"
#: The words highlighted (cyan) in the first card: "Syrian military renewed".
HIGHLIGHTED = "Syrian military renewed"


def seed_brief_json(title: str = "AT: Russia won't cooperate") -> dict[str, Any]:
    brief, _ = read_text_brief(SEED_FILE.read_text(encoding="utf-8"), name="seed")
    brief.title = title
    block = brief.children[0]
    assert isinstance(block, Heading)
    first = block.children[0]
    assert isinstance(first, Card) and first.tag == FIRST_TAG
    start = first.text.index(HIGHLIGHTED)
    marks = (
        Mark(MarkKind.UNDERLINE, 0, 120),
        Mark(MarkKind.HIGHLIGHT, start, start + len(HIGHLIGHTED), "cyan"),
        Mark(MarkKind.EMPHASIS, start, start + len("Syrian")),
    )
    block.children[0] = dataclasses.replace(first, marks=marks)
    return brief_to_json(brief)
