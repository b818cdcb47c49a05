"""Search the library: one function over SQLite FTS5 and PostgreSQL full-text search.

The index is the database's own (migration 0005): on SQLite an FTS5 table over ``card`` kept in
step by triggers, on PostgreSQL a generated, GIN-indexed ``tsvector`` column. Both index four
fields, ranked like the public card-search engines: the tag (weight 4), the highlighted words (3),
the cite, its text and fields (3), and the rest of the text (1); both stem English ("chemicals"
finds "chemical").

What reaches either engine is built here from a parsed :class:`~evidence.domain.query.Query`,
whose terms are only letters and digits; on SQLite each is a quoted FTS5 string, on PostgreSQL
each goes through ``plainto_tsquery``/``phraseto_tsquery`` as a bound parameter. Filters are
bound parameters too, with LIKE's wildcards escaped. No text a user types is ever SQL or engine
syntax.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import text
from sqlmodel import Session

from evidence.domain.cite import Cite
from evidence.domain.labels import normalize_label
from evidence.domain.query import SYNONYMS, Filters, Query, Synonyms, Term, parse, words
from evidence.domain.snippet import START, STOP, Snippet

Sort = Literal["relevance", "recent", "tag", "date"]
SORTS: tuple[str, ...] = ("relevance", "recent", "tag", "date")

#: Weights of tag, highlighted words, cite and body (the public engines' 4 / 3 / 3 / 1).
WEIGHTS = (4.0, 3.0, 3.0, 1.0)
#: PostgreSQL's ts_rank takes weights for D, C, B, A: body, cite, highlighted, tag.
_PG_WEIGHTS = "{0.1, 0.3, 0.3, 0.4}"
#: Words around each match in a snippet.
SNIPPET_WORDS = 30
#: How much of a card PostgreSQL reads to make its snippet (ts_headline reads the whole text).
_PG_SNIPPET_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Hit:
    """One card found: what a result list shows, and the ids to act on it."""

    card_id: int
    #: Higher is a better match; 0 when the list is not ranked by words.
    rank: float
    tag: str
    label: str | None
    cite_short: str
    snippet: Snippet
    #: The briefs the card sits in (ids, ascending).
    brief_ids: tuple[int, ...]
    source_id: int | None
    created_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: Query
    results: list[Hit]
    #: How many cards match in all (every page).
    total: int
    limit: int
    offset: int
    sort: Sort


def search(
    session: Session,
    query: Query | str,
    *,
    label: str | None = None,
    author: str | None = None,
    publication: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    brief: str | None = None,
    source: int | None = None,
    sort: Sort | None = None,
    limit: int = 20,
    offset: int = 0,
    synonyms: Synonyms = SYNONYMS,
    complete_last: bool = False,
) -> SearchPage:
    """Cards matching ``query`` (the box's syntax, or a parsed query) and the filters given.

    An empty query lists every card (newest first); a query with nothing searchable in it (only
    punctuation, an empty ``author:``) finds nothing. ``sort`` defaults to relevance when there
    are words to rank by, else to the newest first. ``complete_last``: results as you type, the
    last word is a prefix.
    """
    parsed = parse(query, synonyms, complete_last=complete_last) if isinstance(query, str) else query
    parsed = parsed.refined(
        Filters(
            authors=(author,) if author and author.strip() else (),
            label=label,
            publication=publication,
            year_from=year_from,
            year_to=year_to,
            brief=brief,
            source=source,
        )
    )
    chosen: Sort = sort or ("relevance" if parsed.has_words else "recent")
    if chosen == "relevance" and not parsed.has_words:
        chosen = "recent"
    limit, offset = max(0, limit), max(0, offset)
    if not parsed.searchable and not parsed.blank:
        return SearchPage(parsed, [], 0, limit, offset, chosen)
    engine: _Sql = _Sqlite(parsed) if session.get_bind().dialect.name == "sqlite" else _Postgres(parsed)
    connection = session.connection()
    total = connection.execute(text(engine.count_sql()), engine.params).scalar_one()
    if not total or not limit:
        return SearchPage(parsed, [], total, limit, offset, chosen)
    rows = engine.page(session, chosen, total, limit, offset)
    ids = [row.id for row in rows]
    snippets = engine.snippets(session, ids) if parsed.has_words else {}
    briefs = _brief_ids(session, ids)
    results = [
        Hit(
            card_id=row.id,
            rank=float(row.rank or 0.0),
            tag=row.tag,
            label=row.label,
            cite_short=_short(row.cite),
            snippet=snippets.get(row.id) or Snippet.opening(row.opening or ""),
            brief_ids=tuple(briefs.get(row.id, ())),
            source_id=row.source_id,
            created_at=_datetime(row.created_at),
            version=row.version,
        )
        for row in rows
    ]
    return SearchPage(parsed, results, total, limit, offset, chosen)


def _short(cite: Any) -> str:
    try:
        return Cite.from_json(_loaded(cite)).short
    except ValueError:  # a cite some old backup wrote oddly: show the card without its cite
        return ""


def _loaded(value: Any) -> Any:
    if isinstance(value, str):
        return json.loads(value)
    return value


def _datetime(value: Any) -> datetime:
    """A stored time as the models read it: UTC (both databases keep it without a zone)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _brief_ids(session: Session, card_ids: list[int]) -> dict[int, list[int]]:
    if not card_ids:
        return {}
    params = {f"c{i}": card_id for i, card_id in enumerate(card_ids)}
    rows = session.connection().execute(
        text(
            "SELECT DISTINCT card_id, brief_id FROM outline_node "
            f"WHERE card_id IN ({', '.join(':' + name for name in params)}) ORDER BY brief_id"
        ),
        params,
    )
    found: dict[int, list[int]] = defaultdict(list)
    for card_id, brief_id in rows:
        found[card_id].append(brief_id)
    return found


def _name_patterns(name: str) -> list[str]:
    """LIKE patterns for a name that starts an author's name or one of its words."""
    return [f"{_like(name)}%", f"% {_like(name)}%"]


def _like(value: str) -> str:
    """``value`` as a LIKE pattern's literal part (``%``, ``_`` and the escape escaped)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: What a result shows, read from the card row (only the opening of the text).
_COLUMNS = (
    "card.tag, card.label, card.cite, card.source_id, card.created_at, card.version, "
    "substr(card.text, 1, 600) AS opening"
)
#: Deleted cards, from their partial index: a search leaves them out without reading every card.
_DELETED = "SELECT id FROM card WHERE deleted_at IS NOT NULL"


#: Matches past which SQLite ranks a common word's cards in two steps (see _Sqlite.page).
LARGE_MATCHES = 5_000


class _Ranked:
    """A card row with its rank, read like a row of the one-query page."""

    def __init__(self, row: Any, rank: float) -> None:
        self._row = row
        self.rank = rank

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


class _Sql:
    """The pieces of one search's SQL for one database: FROM, WHERE, the rank, bound values."""

    like = "LIKE"

    def __init__(self, query: Query) -> None:
        self.query = query
        self.params: dict[str, Any] = {}
        self.where: list[str] = ["card.deleted_at IS NULL"]
        self.source = "card"
        self.rank = "0.0"
        self._words()
        self._filters(query.filters)

    def bind(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def cite_field(self, name: str) -> str:
        raise NotImplementedError

    def authors_match(self, name: str) -> str:
        """Some author's name has a word starting with ``name`` ("ace": John Ace)."""
        raise NotImplementedError

    def _words(self) -> None:
        raise NotImplementedError

    def snippets(self, session: Session, ids: list[int]) -> dict[int, Snippet | None]:
        raise NotImplementedError

    def count_sql(self) -> str:
        return f"SELECT count(*) FROM {self.source} WHERE {' AND '.join(self.where)}"

    def page(self, session: Session, sort: Sort, total: int, limit: int, offset: int) -> list[Any]:
        """The rows of one page: id, rank, then :data:`_COLUMNS`."""
        params = {**self.params, "limit": limit, "offset": offset}
        return list(session.connection().execute(text(self.page_sql(sort)), params).all())

    def page_sql(self, sort: Sort) -> str:
        return (
            f"SELECT card.id, {self.rank} AS rank, {_COLUMNS} FROM {self.source} "
            f"WHERE {' AND '.join(self.where)} ORDER BY {self.order(sort)} LIMIT :limit OFFSET :offset"
        )

    def order(self, sort: Sort) -> str:
        if sort == "relevance":
            return "rank DESC, card.id DESC"
        if sort == "tag":
            return "lower(card.tag), card.id"
        if sort == "date":
            return f"{self.cite_field('date')} DESC NULLS LAST, card.id DESC"
        return "card.created_at DESC, card.id DESC"

    def _filters(self, filters: Filters) -> None:
        like = self.like
        for author in filters.authors:
            self.where.append(self.authors_match(" ".join(author.split()).lower()))
        if filters.label and (label := normalize_label(filters.label)):
            self.where.append(f"card.label = {self.bind(label)}")
        if filters.publication:
            pattern = f"%{_like(filters.publication)}%"
            self.where.append(f"{self.cite_field('publication')} {like} {self.bind(pattern)} ESCAPE '\\'")
        # Dates are ISO text (YYYY, YYYY-MM, YYYY-MM-DD): the first four characters are the year.
        if filters.year_from is not None:
            self.where.append(f"substr({self.cite_field('date')}, 1, 4) >= {self.bind(f'{filters.year_from:04d}')}")
        if filters.year_to is not None:
            self.where.append(f"substr({self.cite_field('date')}, 1, 4) <= {self.bind(f'{filters.year_to:04d}')}")
        if filters.brief:
            title = f"b.title {like} {self.bind(f'%{_like(filters.brief)}%')} ESCAPE '\\'"
            by_id = ""
            if filters.brief.isdigit() and len(filters.brief) < 10:
                by_id = f" OR b.id = {self.bind(int(filters.brief))}"
            self.where.append(
                "EXISTS (SELECT 1 FROM outline_node AS n JOIN brief AS b ON b.id = n.brief_id "
                f"WHERE n.card_id = card.id AND ({title}{by_id}))"
            )
        if filters.source is not None:
            self.where.append(f"card.source_id = {self.bind(filters.source)}")


class _Sqlite(_Sql):
    def cite_field(self, name: str) -> str:
        return f"json_extract(card.cite, '$.{name}')"

    def authors_match(self, name: str) -> str:
        # SQLite's LIKE ignores the case of ASCII letters. The name's words are also required in
        # the cite's index column (see _fts5), which is what makes this quick.
        tests = " OR ".join(f"a.value LIKE {self.bind(p)} ESCAPE '\\'" for p in _name_patterns(name))
        return f"EXISTS (SELECT 1 FROM json_each(card.cite, '$.authors') AS a WHERE {tests})"

    def _fts_only(self) -> bool:
        """Only words (and the deleted cards) decide: FTS5 alone can count and rank, reading a
        card row only for the page shown. A common word matches most of a library, and looking
        up every matching row costs more than the ranking itself."""
        return bool(self.match) and len(self.where) == 2

    def count_sql(self) -> str:
        if not self._fts_only():
            return super().count_sql()
        return f"SELECT count(*) FROM card_fts WHERE card_fts MATCH {self.match_param} AND rowid NOT IN ({_DELETED})"

    def page(self, session: Session, sort: Sort, total: int, limit: int, offset: int) -> list[Any]:
        """Past :data:`LARGE_MATCHES` cards (a common word), cards whose tag matches are ranked
        first and the rest only when the page reaches past them: bm25 costs about a microsecond
        a card, and a tag match outranks a body-only one under these weights anyway."""
        if not self._fts_only() or sort != "relevance" or total <= LARGE_MATCHES:
            return super().page(session, sort, total, limit, offset)
        connection = session.connection()
        tag_first = _without(f"{{tag}} : ({self.positive})", self.excluded)
        rest = _without(f"({self.positive}) NOT ({{tag}} : ({self.positive}))", self.excluded)
        ranked: list[Any] = []
        for expression in (tag_first, rest):
            wanted = offset + limit - len(ranked)
            if wanted <= 0:
                break
            ranked.extend(
                connection.execute(
                    text(
                        f"SELECT rowid, {self.rank} AS rank FROM card_fts WHERE card_fts MATCH :match "
                        f"AND rowid NOT IN ({_DELETED}) ORDER BY rank DESC, rowid DESC LIMIT :wanted"
                    ),
                    {"match": expression, "wanted": wanted},
                )
            )
        chosen = ranked[offset : offset + limit]
        if not chosen:
            return []
        ids = {f"i{n}": card_id for n, (card_id, _) in enumerate(chosen)}
        found = {
            row.id: row
            for row in connection.execute(
                text(f"SELECT card.id, {_COLUMNS} FROM card WHERE card.id IN ({', '.join(':' + k for k in ids)})"),
                ids,
            )
        }
        return [_Ranked(found[card_id], rank) for card_id, rank in chosen if card_id in found]

    def page_sql(self, sort: Sort) -> str:
        if not self._fts_only() or sort != "relevance":
            return super().page_sql(sort)
        ranked = (
            f"SELECT rowid AS id, {self.rank} AS rank FROM card_fts WHERE card_fts MATCH {self.match_param} "
            f"AND rowid NOT IN ({_DELETED}) ORDER BY rank DESC, rowid DESC LIMIT :limit OFFSET :offset"
        )
        return (
            f"SELECT card.id, r.rank, {_COLUMNS} FROM ({ranked}) AS r JOIN card ON card.id = r.id "
            "ORDER BY r.rank DESC, card.id DESC"
        )

    def _words(self) -> None:
        self.positive, self.excluded = _fts5(self.query)
        self.match = _without(self.positive, self.excluded) if self.positive else ""
        if self.match:
            self.source = "card_fts JOIN card ON card.id = card_fts.rowid"
            self.match_param = self.bind(self.match)
            self.where.append(f"card_fts MATCH {self.match_param}")
            self.rank = f"-bm25(card_fts, {', '.join(map(str, WEIGHTS))})"
        elif self.excluded:
            self.where.append(
                f"card.id NOT IN (SELECT rowid FROM card_fts WHERE card_fts MATCH {self.bind(self.excluded)})"
            )

    def snippets(self, session: Session, ids: list[int]) -> dict[int, Snippet | None]:
        if not ids or not self.match:
            return {}
        params: dict[str, Any] = {"match": self.match, "start": START, "stop": STOP, "words": SNIPPET_WORDS}
        params.update({f"i{n}": card_id for n, card_id in enumerate(ids)})
        rows = session.connection().execute(
            text(
                "SELECT rowid, snippet(card_fts, 3, :start, :stop, '…', :words) FROM card_fts "
                f"WHERE card_fts MATCH :match AND rowid IN ({', '.join(f':i{n}' for n in range(len(ids)))})"
            ),
            params,
        )
        return {row[0]: _useful(Snippet.from_marked(row[1] or "")) for row in rows}


def _useful(snippet: Snippet) -> Snippet | None:
    """A snippet with a match in it; without one the card's opening reads better."""
    return snippet if snippet.spans else None


def _fts5_term(term: Term) -> str:
    """One term as an FTS5 string: every word is quoted, so nothing in it is FTS5 syntax."""
    quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
    return quoted + " *" if term.prefix else quoted


def _fts5(query: Query) -> tuple[str, str]:
    """The FTS5 expression every match satisfies, and the part of it a card must not match."""
    clauses = []
    for clause in query.clauses:
        terms = [_fts5_term(t) for t in clause.terms]
        clauses.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    # An author's name must be a word of the cite (the index narrows the cards at once; the
    # authors list then decides, so a publication named like the author does not count).
    names = [word for name in query.filters.authors for word in words(name)]
    clauses.extend(f"search_cite : {_fts5_term(Term((word,)))}" for word in names)
    excluded = " OR ".join(_fts5_term(t) for t in query.excluded)
    return " AND ".join(clauses), excluded


def _without(expression: str, excluded: str) -> str:
    return f"({expression}) NOT ({excluded})" if excluded else expression


class _Postgres(_Sql):
    like = "ILIKE"

    def cite_field(self, name: str) -> str:
        return f"(card.cite ->> '{name}')"

    def authors_match(self, name: str) -> str:
        tests = " OR ".join(f"a ILIKE {self.bind(p)} ESCAPE '\\'" for p in _name_patterns(name))
        return (
            f"card.search @@ to_tsquery('english', {self.bind(_pg_cite_words(name))}) AND "
            "EXISTS (SELECT 1 FROM json_array_elements_text(CASE WHEN json_typeof(card.cite -> 'authors') = 'array' "
            f"THEN card.cite -> 'authors' ELSE '[]'::json END) AS a WHERE {tests})"
        )

    def _tsquery(self, term: Term) -> str:
        """One term as a tsquery, from bound text: ``phraseto_tsquery`` reads it as plain words.

        A prefix ("hegem*") is the one piece written as tsquery syntax, from a word already known
        to be letters and digits only, quoted.
        """
        words = term.words[:-1] if term.prefix else term.words
        parts = [f"phraseto_tsquery('english', {self.bind(' '.join(words))})"] if words else []
        if term.prefix:
            parts.append(f"to_tsquery('simple', {self.bind(_pg_prefix(term.words[-1]))})")
        return parts[0] if len(parts) == 1 else f"tsquery_phrase({parts[0]}, {parts[1]})"

    def _words(self) -> None:
        self.tsquery = ""
        if self.query.clauses:
            clauses = ["(" + " || ".join(self._tsquery(t) for t in clause.terms) + ")" for clause in self.query.clauses]
            self.tsquery = "(" + " && ".join(clauses) + ")"
            self.where.append(f"card.search @@ {self.tsquery}")
            self.rank = f"ts_rank('{_PG_WEIGHTS}', card.search, {self.tsquery})"
        if self.query.excluded:
            excluded = " || ".join(self._tsquery(t) for t in self.query.excluded)
            self.where.append(f"NOT (card.search @@ ({excluded}))")

    def snippets(self, session: Session, ids: list[int]) -> dict[int, Snippet | None]:
        if not ids or not self.tsquery:
            return {}
        options = (
            f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        params = {**self.params, "options": options, "chars": _PG_SNIPPET_CHARS}
        params.update({f"i{n}": card_id for n, card_id in enumerate(ids)})
        rows = session.connection().execute(
            text(
                f"SELECT card.id, ts_headline('english', left(card.text, :chars), {self.tsquery}, :options) "
                f"FROM card WHERE card.id IN ({', '.join(f':i{n}' for n in range(len(ids)))})"
            ),
            params,
        )
        return {row[0]: _useful(Snippet.from_marked(row[1] or "")) for row in rows}


def _pg_cite_words(name: str) -> str:
    """``'john':C & 'ace':C``: every word of an author's name, in the cite (weight C). The words
    are letters and digits (:func:`~evidence.domain.query.words`), quoted all the same."""
    names = words(name)
    return " & ".join("'" + w.replace("'", "''") + "':C" for w in names) or "''"


def _pg_prefix(word: str) -> str:
    """``'word':*``: a prefix lexeme. ``word`` is letters and digits (the parser's WORD), so the
    quotes cannot be closed from inside it; any quote is doubled all the same."""
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "':*"
