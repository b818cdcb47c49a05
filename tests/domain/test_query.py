"""The search box's language: what a debater types becomes terms and filters, and nothing typed
can break the reading (or reach an engine as syntax)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.domain.query import MAX_QUERY_CHARS, WORD, Filters, Synonyms, Term, parse
from evidence.domain.snippet import START, STOP, Snippet


def _clauses(text: str) -> list[list[str]]:
    return [[t.text for t in clause.terms] for clause in parse(text).clauses]


def test_words_phrases_exclusions_and_or() -> None:
    query = parse('russia "chemical weapons" -syria -"regime change" assad OR putin')
    assert _clauses('russia "chemical weapons" -syria -"regime change" assad OR putin') == [
        ["russia"],
        ["chemical weapons"],
        ["assad", "putin"],
    ]
    assert query.excluded == (Term(("syria",)), Term(("regime", "change")))


def test_filters() -> None:
    query = parse('author:ace year:2019..2022 label:link-turn brief:"AT: Sanctions" pub:"Moscow Times" source:12 war')
    assert query.filters == Filters(
        authors=("ace",),
        label="link-turn",
        publication="Moscow Times",
        year_from=2019,
        year_to=2022,
        brief="AT: Sanctions",
        source=12,
    )
    assert _clauses("author:ace war") == [["war"]]
    assert parse("year:2021").filters.year_from == parse("year:2021").filters.year_to == 2021
    assert (parse("year:2022..2019").filters.year_from, parse("year:2022..2019").filters.year_to) == (2019, 2022)
    assert (parse("year:..2020").filters.year_from, parse("year:..2020").filters.year_to) == (None, 2020)


def test_unusable_filters_are_reported_not_applied() -> None:
    query = parse("author: year:abc source:x war")
    assert query.filters == Filters() and query.ignored == ("author:", "year:abc", "source:x")
    assert _clauses("author: year:abc source:x war") == [["war"]]


def test_unknown_fields_are_words() -> None:
    assert _clauses("AT: sanctions http://x.test") == [["sanctions"], ["http x test"]]


def test_stopwords_are_dropped_unless_they_are_all_there_is() -> None:
    assert _clauses("the war in syria") == [["war"], ["syria"]]
    assert _clauses("the") == [["the"]]
    assert _clauses('"war in syria"') == [["war in syria"]]


def test_synonyms_expand_unquoted_words_including_two_word_ones() -> None:
    assert _clauses("heg collapse") == [["heg", "hegemony"], ["collapse"]]
    assert _clauses("hegemony") == [["hegemony", "heg"]]
    assert _clauses("AI risk") == [["ai", "artificial intelligence"], ["risk"]]
    assert [set(c) for c in _clauses("XO")] == [{"xo", "executive order", "eo"}]
    assert _clauses("nuke war today") == [["nuke war", "nuclear war"], ["today"]]
    assert _clauses('"nuke war"') == [["nuke war"]]  # a quoted phrase means exactly that


def test_the_synonym_list_is_editable() -> None:
    custom = Synonyms.parse("# ours\nptx = politics, political capital\n")
    assert [[t.text for t in c.terms] for c in parse("ptx", custom).clauses] == [
        ["ptx", "politics", "political capital"]
    ]


def test_prefix_and_as_you_type() -> None:
    assert parse("hegem*").clauses[0].terms == (Term(("hegem",), prefix=True),)
    assert parse("russia hegem", complete_last=True).clauses[1].terms == (Term(("hegem",), prefix=True),)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        "!!! ??? ...",
        '"unbalanced quote',
        "NEAR(a b) * ^ AND",
        "'; DROP TABLE card; --",
        "😀🔥 emoji only",
        "author:",
        "-",
        "OR",
        '"',
        "“smart quotes” –dash",
    ],
)
def test_bad_input_is_read_never_refused(text: str) -> None:
    query = parse(text)
    assert len(query.text) <= MAX_QUERY_CHARS
    for term in [*query.terms(), *query.excluded]:
        assert all(WORD.fullmatch(word) for word in term.words)


def test_punctuation_only_is_not_blank_but_not_searchable() -> None:
    assert not parse("!!!").searchable and not parse("!!!").blank
    assert parse("").blank and parse("   ").blank


@given(st.text(max_size=300))
def test_any_text_parses_into_words_only(text: str) -> None:
    query = parse(text)
    for term in [*query.terms(), *query.excluded]:
        assert term.words and all(WORD.fullmatch(word) for word in term.words)


def test_snippet_escapes_the_card_and_marks_only_matches() -> None:
    snippet = Snippet.from_marked(f"the <script>alert(1)</script> {START}chemicals{STOP} & {START}fake{STOP}")
    assert snippet.text == "the <script>alert(1)</script> chemicals & fake"
    assert snippet.html() == "the &lt;script&gt;alert(1)&lt;/script&gt; <mark>chemicals</mark> &amp; <mark>fake</mark>"


def test_snippet_opening_is_cut_at_a_word() -> None:
    opening = Snippet.opening("word " * 200)
    assert opening.text.endswith(" …") and len(opening.text) <= 245 and "wor …" not in opening.text
