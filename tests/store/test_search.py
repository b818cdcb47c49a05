"""Searching the library, on SQLite (FTS5) and PostgreSQL (tsvector): what a debater finds, in
what order, with which words marked, and that nothing typed breaks it."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from evidence.domain import Card, Cite
from evidence.domain.dates import PartialDate
from evidence.domain.marks import Mark, MarkKind
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store import sources as source_store
from evidence.store.db import session_scope
from evidence.store.search import search

CHEMICALS = "Officials said the chemical attack was staged, calling the reports fake news about chemicals."


def _card(
    tag: str,
    text: str,
    *,
    authors: tuple[str, ...] = (),
    year: int | None = None,
    publication: str | None = None,
    label: str | None = None,
    highlight: str | None = None,
) -> Card:
    marks: tuple[Mark, ...] = ()
    if highlight:
        start = text.index(highlight)
        marks = (Mark(MarkKind.HIGHLIGHT, start, start + len(highlight), "cyan"),)
    cite = Cite(authors=authors, date=PartialDate(year) if year else None, publication=publication)
    return Card(tag=tag, text=text, cite=cite, marks=marks, label=label)


def _add(engine: Engine, *cards: Card) -> list[int]:
    with session_scope(engine) as s:
        return [card_store.create(s, card).id for card in cards]


def _found(engine: Engine, query: str, **filters: object) -> list[int]:
    with session_scope(engine, write=False) as s:
        return [hit.card_id for hit in search(s, query, limit=50, **filters).results]  # type: ignore[arg-type]


def test_card_text_is_searched_and_stemmed(engine: Engine) -> None:
    """Today's complaint: `evidence search "fake chemicals"` found nothing although a card says it."""
    (card_id, _) = _add(engine, _card("Assad denies the attack", CHEMICALS), _card("Other", "Nothing here."))
    assert _found(engine, "fake chemicals") == [card_id]
    assert _found(engine, "chemical") == [card_id]  # "chemical" finds "chemicals" and back
    assert _found(engine, "staging") == [card_id]  # "staged" ~ "staging"


def test_tag_ranks_above_highlight_and_cite_above_body(engine: Engine) -> None:
    body_only, cite_match, highlighted, tag_match = _add(
        engine,
        _card("Unrelated claim", "Sanctions fail because the regime adapts to sanctions pressure over time."),
        _card("Another claim", "The regime adapts to pressure over time.", publication="Sanctions Weekly"),
        _card("Third claim", "The regime adapts to sanctions pressure over time.", highlight="sanctions"),
        _card("Sanctions fail", "The regime adapts to pressure over time."),
    )
    found = _found(engine, "sanctions")
    assert found[0] == tag_match
    assert found[-1] == body_only
    assert set(found[1:3]) == {cite_match, highlighted}


def test_highlighted_words_rank_above_the_same_words_unhighlighted(engine: Engine) -> None:
    plain, marked = _add(
        engine,
        _card("One", "Deterrence holds when the threat is credible and the stakes are clear."),
        _card("Two", "Deterrence holds when the threat is credible and the stakes are clear.", highlight="credible"),
    )
    assert _found(engine, "credible") == [marked, plain]


def test_synonyms_find_what_abbreviations_stand_for(engine: Engine) -> None:
    heg, ai, xo, nuclear = _add(
        engine,
        _card("US hegemony is sustainable", "Primacy lasts."),
        _card("Artificial intelligence risk", "Models scale."),
        _card("The executive order is durable", "Courts defer."),
        _card("Escalation", "Any nuclear war ends civilisation."),
    )
    assert _found(engine, "heg") == [heg]
    assert _found(engine, "AI") == [ai]
    assert _found(engine, "XO") == [xo]
    assert _found(engine, "nuke war") == [nuclear]


def test_phrases_exclusions_or_and_prefixes(engine: Engine) -> None:
    war, weapons, both = _add(
        engine,
        _card("One", "Russia wants war in Syria."),
        _card("Two", "Russia sells weapons to Syria."),
        _card("Three", "War and weapons: Russia in Syria."),
    )
    assert _found(engine, '"wants war"') == [war]
    assert _found(engine, '"war wants"') == []
    assert sorted(_found(engine, "russia -weapons")) == [war]
    assert sorted(_found(engine, "-weapons")) == [war]
    assert sorted(_found(engine, "wants OR sells")) == [war, weapons]
    assert sorted(_found(engine, "weap*")) == [weapons, both]


def test_every_filter(engine: Engine) -> None:
    ace, choi, late = _add(
        engine,
        _card("Link", "Sanctions work.", authors=("John Ace",), year=2019, publication="Moscow Times", label="link"),
        _card("Turn", "Sanctions backfire.", authors=("Mina Choi",), year=2021, publication="Press TV", label="LT"),
        _card("Later", "Sanctions backfire again.", authors=("Acemoglu, Daron",), year=2023),
    )
    with session_scope(engine) as s:
        source = source_store.create(s, text="Sanctions backfire. More text.", title="Interview")
        cut = card_store.create(s, _card("Cut", "Sanctions backfire."), source_id=source.id, source_start=0).id
        brief = brief_store.create(s, "AT: Sanctions")
        brief_store.add_node(s, brief.id, 1, type="card", card_id=choi)
    assert _found(engine, "sanctions author:ace") == [ace]  # a word of the name: Ace, not Acemoglu
    assert _found(engine, "author:acemoglu") == [late]
    assert _found(engine, "author:choi") == [choi]
    assert _found(engine, "sanctions", author="choi") == [choi]
    assert _found(engine, "label:link-turn") == [choi]  # "LT" was stored as link-turn
    assert _found(engine, "", label="Link Turn") == [choi]
    assert _found(engine, "pub:moscow") == [ace]
    assert _found(engine, "", publication="press tv") == [choi]
    assert _found(engine, "year:2021") == [choi]
    assert sorted(_found(engine, "year:2019..2021")) == [ace, choi]
    assert sorted(_found(engine, "sanctions", year_from=2021)) == [choi, late]
    assert _found(engine, 'brief:"AT: Sanctions"') == [choi]
    assert _found(engine, f"brief:{brief.id}") == [choi]
    assert _found(engine, f"source:{source.id}") == [cut]
    assert _found(engine, "", source=source.id) == [cut]
    assert _found(engine, "author:ace year:2021") == []
    with session_scope(engine, write=False) as s:
        (hit,) = search(s, "backfire", author="choi").results
        assert hit.brief_ids == (brief.id,) and hit.cite_short == "Choi 21" and hit.label == "link-turn"


def test_like_wildcards_in_filters_are_literal(engine: Engine) -> None:
    _add(engine, _card("One", "Text.", publication="Times"), _card("Two", "Text.", publication="100% Facts"))
    assert len(_found(engine, "", publication="%")) == 1
    assert _found(engine, "", publication="_imes") == []


def test_snippets_mark_the_matching_words_and_escape_the_card(engine: Engine) -> None:
    _add(engine, _card("Hostile page", "Before <script>alert('x')</script> the chemical weapons claim & more words."))
    with session_scope(engine, write=False) as s:
        (hit,) = search(s, "chemical").results
    html = hit.snippet.html()
    assert "<mark>chemical</mark>" in html
    assert "<script>" not in html and "&amp;" in html
    assert [hit.snippet.text[a:b] for a, b in hit.snippet.spans] == ["chemical"]


def test_a_card_whose_tag_matched_shows_its_opening(engine: Engine) -> None:
    _add(engine, _card("Hegemony is sustainable", "Primacy lasts for decades because allies stay."))
    with session_scope(engine, write=False) as s:
        (hit,) = search(s, "hegemony").results
    assert hit.snippet.text.startswith("Primacy lasts") and hit.snippet.spans == ()


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "chemical " * 2_000,
        "!!! ??? ...",
        '"unbalanced quote chemical',
        "NEAR(chemical fake) chemical* ^chemical",
        "chemical AND OR NOT",
        "'; DROP TABLE card; --",
        "chemical' OR '1'='1",
        "😀 chemical 🔥",
        "author:",
        "author: chemical",
        "year:9999999999",
        "source:99999999999999",
        "brief:%",
        "-",
        "OR",
        "label:",
        "\\",
        "(((",
        "card_fts:chemical",
        "tag:chemical",
    ],
)
def test_bad_input_gives_results_or_nothing_never_an_error(engine: Engine, query: str) -> None:
    (card_id,) = _add(engine, _card("Assad denies the attack", CHEMICALS))
    found = _found(engine, query)
    assert found in ([], [card_id])
    assert _found(engine, "chemical") == [card_id]  # the library is untouched


def test_only_punctuation_finds_nothing_and_an_empty_query_lists_everything(engine: Engine) -> None:
    ids = _add(engine, _card("One", "a"), _card("Two", "b"), _card("Three", "c"))
    assert _found(engine, "!!!") == []
    assert _found(engine, "") == ids[::-1]  # newest first


def test_editing_and_deleting_a_card_updates_results(engine: Engine) -> None:
    (card_id,) = _add(engine, _card("Russia opposes", "The Kremlin rejects the plan."))
    assert _found(engine, "kremlin") == [card_id]
    with session_scope(engine) as s:
        card_store.update_fields(s, card_id, 1, {"text": "Moscow rejects the plan.", "tag": "Moscow opposes"})
    assert _found(engine, "kremlin") == []
    assert _found(engine, "moscow") == [card_id]
    with session_scope(engine) as s:
        card_store.update_fields(s, card_id, 2, {"marks": [{"kind": "highlight", "start": 0, "end": 6}]})
        card_store.update_fields(s, card_id, 3, {"cite": {"authors": ["Anna Petrova"]}})
    assert _found(engine, "author:petrova") == [card_id]
    assert _found(engine, "petrova") == [card_id]  # the cite is searched too
    with session_scope(engine) as s:
        card_store.delete(s, card_id)
    assert _found(engine, "moscow") == []
    with session_scope(engine) as s:
        card_store.restore(s, card_id)
    assert _found(engine, "moscow") == [card_id]


def test_pages_and_totals(engine: Engine) -> None:
    ids = _add(engine, *[_card(f"Claim {n}", f"Sanctions fail, reason {n}.") for n in range(7)])
    with session_scope(engine, write=False) as s:
        first = search(s, "sanctions", limit=3, sort="recent")
        rest = search(s, "sanctions", limit=3, offset=3, sort="recent")
        by_tag = search(s, "sanctions", sort="tag")
    assert first.total == rest.total == 7
    assert [h.card_id for h in first.results] == ids[::-1][:3]
    assert [h.card_id for h in rest.results] == ids[::-1][3:6]
    assert [h.tag for h in by_tag.results] == sorted(h.tag for h in by_tag.results)


def test_the_old_card_list_search_uses_the_index(engine: Engine) -> None:
    (card_id,) = _add(engine, _card("Assad denies the attack", CHEMICALS))
    with session_scope(engine, write=False) as s:
        assert [r.id for r in card_store.list_cards(s, query="fake chemicals")] == [card_id]
        assert card_store.list_cards(s, query="100%") == []


def test_a_word_in_most_of_the_library_still_ranks_tags_first_on_every_page(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past LARGE_MATCHES, SQLite ranks in two steps (tag matches, then the rest); pages run on
    across the two without losing or repeating a card. PostgreSQL ranks in one step: same order."""
    from evidence.store import search as search_module

    monkeypatch.setattr(search_module, "LARGE_MATCHES", 2)
    body = _add(engine, *[_card(f"Claim {n}", f"Sanctions fail, reason {n}.") for n in range(4)])
    tagged = _add(engine, _card("Sanctions fail", "Reason."), _card("Why sanctions fail", "Reason."))
    with session_scope(engine) as s:
        card_store.delete(s, body[0])
    with session_scope(engine, write=False) as s:
        pages = [search(s, "sanctions", limit=2, offset=n).results for n in (0, 2, 4)]
    found = [hit.card_id for page in pages for hit in page]
    assert set(found[:2]) == set(tagged)
    assert sorted(found[2:]) == body[1:] and len(found) == 5
