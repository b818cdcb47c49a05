"""``evidence search`` as a user runs it: card text is searched, --json and --limit work, and
"nothing found" is said on stderr."""

from __future__ import annotations

import json

from evidence.domain import Card, Cite
from evidence.settings import Settings
from evidence.store import cards as card_store
from evidence.store.db import make_engine, session_scope
from evidence.store.migrate import upgrade
from tests.fixtures.cli import evidence


def _library(settings: Settings, *cards: Card) -> list[int]:
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    try:
        with session_scope(engine) as s:
            return [card_store.create(s, card).id for card in cards]
    finally:
        engine.dispose()


def test_search_finds_what_a_card_says(settings: Settings) -> None:
    """The issue's example: the old search (tags and cites only) found nothing for this."""
    (card_id, _) = _library(
        settings,
        Card(
            tag="Assad denies it",
            text="They called the reports fake news about chemicals.",
            cite=Cite(authors=("Ace",)),
        ),
        Card(tag="Other", text="Unrelated."),
    )
    result = evidence(settings, "search", "fake chemicals")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{card_id}\tAce ND\tAssad denies it\n"
    as_json = evidence(settings, "search", "fake chemicals", "--json")
    (line,) = as_json.stdout.splitlines()
    data = json.loads(line)
    assert data["tag"] == "Assad denies it" and "chemicals" in data["snippet"] and data["brief_ids"] == []


def test_limit_and_counts(settings: Settings) -> None:
    _library(settings, *[Card(tag=f"Sanctions claim {n}", text="Sanctions fail.") for n in range(5)])
    result = evidence(settings, "search", "sanctions", "--limit", "2")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    assert result.stderr == "evidence: showing 2 of 5 (--limit for more)\n"


def test_nothing_found_and_bad_queries(settings: Settings) -> None:
    _library(settings, Card(tag="One", text="Words."))
    for query in ["zebra", "!!!", '"unbalanced', "NEAR(a b) * ^", "'; DROP TABLE card; --", "😀"]:
        result = evidence(settings, "search", query)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "evidence: nothing found\n"), query
    empty = evidence(settings, "search", "author:")
    assert empty.exit_code == 0
    assert empty.stderr == "evidence: ignored 'author:' (nothing to filter by)\nevidence: nothing found\n"
