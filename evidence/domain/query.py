"""The search box's language: what a debater types, read into terms and filters.

``"quoted phrase"``, ``-exclude`` (a word or a phrase), ``OR`` between two terms, ``word*`` (a
prefix) and the filters ``author:ace``, ``year:2021``, ``year:2019..2022``, ``label:link-turn``,
``brief:"AT: Sanctions"``, ``publication:"Moscow Times"``, ``source:12``. Debate's abbreviations
("heg", "XO", "nuke war") also find what they stand for (:data:`SYNONYMS`).

Whatever is typed is read, never refused: quotes left open close at the end, unknown ``field:``
prefixes and search-engine operators (``NEAR``, ``^``, ``AND``) are ordinary words, punctuation
and emoji separate words, and the text is capped at :data:`MAX_QUERY_CHARS`. What reaches a
database is only words made of letters and digits (:data:`WORD`), so no engine's syntax can be
written through the box; the store still binds every value as a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

#: The longest query read; the rest is dropped (a pasted card is not a search).
MAX_QUERY_CHARS = 500
#: Most terms a query keeps (each is a join or a posting list in the engine).
MAX_TERMS = 32
#: A word as the search engines index it: letters and digits (both engines split on the rest).
WORD = re.compile(r"[^\W_]+")

#: The abbreviations debaters type, one group of equivalents per line. Editing this list (or
#: passing another :class:`Synonyms` to the store's search) is all it takes to add one.
SYNONYMS_TEXT = """
heg = hegemony
ai = artificial intelligence
xo = executive order
eo = executive order
nuke war = nuclear war
nukes = nuclear weapons
prolif = proliferation
econ = economy
ptx = politics
cp = counterplan
da = disadvantage
dems = democrats
gop = republicans
un = united nations
scotus = supreme court
ir = international relations
bioterror = bioterrorism
cyber = cybersecurity
ev = electric vehicle
nato = north atlantic treaty organization
"""

#: English words too common to search by: dropped from a query that has other words (PostgreSQL's
#: English configuration does not index them, so SQLite skips them too and both find the same).
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)

_FIELDS = {
    "author": "author",
    "by": "author",
    "year": "year",
    "label": "label",
    "brief": "brief",
    "publication": "publication",
    "pub": "publication",
    "source": "source",
}
_QUOTES = {'"': '"', "“": "”", "”": "”", "„": "“"}
_YEAR_RANGE = re.compile(r"^\s*(\d{1,4})?\s*(?:\.\.+|–|—|-)\s*(\d{1,4})?\s*$")
_YEAR = re.compile(r"^\s*(\d{1,4})\s*$")
_FIELD = re.compile(r"([A-Za-z]+):")


def words(text: str) -> tuple[str, ...]:
    """The lower-cased words of ``text``, as the engines split them."""
    return tuple(WORD.findall(text.casefold()))


@dataclass(frozen=True, slots=True)
class Term:
    """One word, or a phrase (its words in order); ``prefix``: the last word may go on ("hegem*")."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words) + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class Clause:
    """Terms of which a card must contain at least one (``heg OR hegemony``)."""

    terms: tuple[Term, ...]


class Synonyms:
    """Groups of equivalent words or phrases; a term in a group also finds the others."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self._by_words: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        for group in groups:
            members = tuple(dict.fromkeys(w for w in (words(g) for g in group) if w))
            # Groups sharing a member merge ("xo = executive order", "eo = executive order").
            merged = tuple(dict.fromkeys(p for m in members for p in (*self._by_words.get(m, ()), m)))
            for member in merged:
                self._by_words[member] = merged
        self.longest = max((len(k) for k in self._by_words), default=1)

    @classmethod
    def parse(cls, text: str) -> Synonyms:
        """One group a line, members separated by ``=`` or ``,``; ``#`` starts a comment."""
        groups = []
        for line in text.splitlines():
            line = line.split("#", 1)[0]
            members = [m.strip() for m in re.split(r"[=,]", line) if m.strip()]
            if len(members) > 1:
                groups.append(members)
        return cls(groups)

    def of(self, phrase: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """``phrase`` and its equivalents (itself first); just itself when it has none."""
        found = self._by_words.get(phrase)
        if not found:
            return (phrase,)
        return (phrase, *(p for p in found if p != phrase))


SYNONYMS = Synonyms.parse(SYNONYMS_TEXT)
NO_SYNONYMS = Synonyms(())


@dataclass(frozen=True, slots=True)
class Filters:
    """What narrows a search besides its words. Every filter given must hold (AND)."""

    authors: tuple[str, ...] = ()
    label: str | None = None
    publication: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    brief: str | None = None
    source: int | None = None

    @property
    def any(self) -> bool:
        return bool(
            self.authors
            or self.label
            or self.publication
            or self.year_from is not None
            or self.year_to is not None
            or self.brief
            or self.source is not None
        )

    def merged(self, other: Filters) -> Filters:
        """These filters with ``other``'s added (``other`` wins where both set one value)."""
        return Filters(
            authors=tuple(dict.fromkeys((*self.authors, *other.authors))),
            label=other.label or self.label,
            publication=other.publication or self.publication,
            year_from=other.year_from if other.year_from is not None else self.year_from,
            year_to=other.year_to if other.year_to is not None else self.year_to,
            brief=other.brief or self.brief,
            source=other.source if other.source is not None else self.source,
        )


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: every clause must match, no excluded term may, every filter must hold.

    ``ignored`` says, in the user's words, what was typed but could not be used (an empty
    ``author:``, a year that is not one), so a page can show it instead of silently dropping it.
    """

    text: str = ""
    clauses: tuple[Clause, ...] = ()
    excluded: tuple[Term, ...] = ()
    filters: Filters = field(default_factory=Filters)
    ignored: tuple[str, ...] = ()

    @property
    def has_words(self) -> bool:
        return bool(self.clauses)

    @property
    def blank(self) -> bool:
        """Nothing typed at all (not even punctuation): list everything."""
        return not self.text.strip() and not self.filters.any

    @property
    def searchable(self) -> bool:
        """Something a card can be checked against: words, exclusions or filters."""
        return bool(self.clauses or self.excluded or self.filters.any)

    def refined(self, filters: Filters) -> Query:
        return replace(self, filters=self.filters.merged(filters))

    def terms(self) -> Iterator[Term]:
        """Every positive term (synonyms included): the words a snippet should mark."""
        for clause in self.clauses:
            yield from clause.terms


# Reading ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Token:
    value: str
    negated: bool = False
    field: str | None = None
    quoted: bool = False
    raw: str = ""


def _tokens(text: str) -> Iterator[_Token]:
    """Split the box's text into tokens: ``-``, ``field:`` and quotes read, nothing refused."""
    pos, n = 0, len(text)
    while pos < n:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            return
        start = pos
        negated = False
        if text[pos] == "-" and pos + 1 < n and not text[pos + 1].isspace():
            negated, pos = True, pos + 1
        name = None
        if (m := _FIELD.match(text, pos)) and m.group(1).lower() in _FIELDS:
            name, pos = _FIELDS[m.group(1).lower()], m.end()
        if pos < n and text[pos] in _QUOTES:
            close = _QUOTES[text[pos]]
            end = text.find(close, pos + 1)
            if close == "”" and end < 0:
                end = text.find('"', pos + 1)
            end = n if end < 0 else end
            value, pos = text[pos + 1 : end], min(n, end + 1)
            yield _Token(value, negated, name, True, text[start:pos])
            continue
        end = pos
        while end < n and not text[end].isspace() and text[end] not in _QUOTES:
            end += 1
        value, pos = text[pos:end], end
        yield _Token(value, negated, name, False, text[start:pos])


def _year(value: str) -> tuple[int | None, int | None] | None:
    if m := _YEAR.match(value):
        year = int(m.group(1))
        return year, year
    if (m := _YEAR_RANGE.match(value)) and (m.group(1) or m.group(2)):
        low = int(m.group(1)) if m.group(1) else None
        high = int(m.group(2)) if m.group(2) else None
        if low is not None and high is not None and low > high:
            low, high = high, low
        return low, high
    return None


def _term(token: _Token) -> Term | None:
    found = words(token.value)
    if not found:
        return None
    prefix = not token.quoted and token.value.rstrip().endswith("*") and len(found[-1]) >= 2
    return Term(found, prefix)


@dataclass(slots=True)
class _FilterBuilder:
    authors: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    years: tuple[int | None, int | None] = (None, None)
    source: int | None = None

    def add(self, name: str, value: str) -> bool:
        """Record one ``field:value``; False when the value cannot be used (so it is reported)."""
        if not words(value):
            return False
        value = " ".join(value.split())
        if name == "author":
            self.authors.append(value)
        elif name == "year":
            years = _year(value)
            if years is None:
                return False
            self.years = years
        elif name == "source":
            if not value.isdigit() or not 0 < int(value) <= 2_147_483_647:
                return False
            self.source = int(value)
        else:
            self.values[name] = value
        return True

    def build(self) -> Filters:
        return Filters(
            authors=tuple(dict.fromkeys(self.authors)),
            label=self.values.get("label"),
            publication=self.values.get("publication"),
            year_from=self.years[0],
            year_to=self.years[1],
            brief=self.values.get("brief"),
            source=self.source,
        )


def parse(text: str, synonyms: Synonyms = SYNONYMS, *, complete_last: bool = False) -> Query:
    """Read what was typed into the box. Never raises: anything unreadable is a word or ignored.

    ``complete_last``: the last word is still being typed (results as you type), so it is a prefix.
    """
    text = text[:MAX_QUERY_CHARS]
    filters = _FilterBuilder()
    ignored: list[str] = []
    excluded: list[Term] = []
    # Positive terms in order: (term, may take synonyms, joined to the previous by OR).
    positive: list[tuple[Term, bool, bool]] = []
    join_next = False
    tokens = list(_tokens(text))
    for index, token in enumerate(tokens):
        if token.field is not None:
            if not filters.add(token.field, token.value):
                ignored.append(token.raw)
            continue
        if token.value == "OR" and not token.quoted and not token.negated:
            join_next = bool(positive)
            continue
        term = _term(token)
        if term is None:
            continue
        if complete_last and index == len(tokens) - 1 and not token.quoted and not token.negated:
            term = replace(term, prefix=len(term.words[-1]) >= 2)
        if token.negated:
            excluded.append(term)
        else:
            plain = not token.quoted and len(term.words) == 1 and not term.prefix
            positive.append((term, plain, join_next))
        join_next = False
    return Query(
        text=text,
        clauses=tuple(_clauses(positive, synonyms)[:MAX_TERMS]),
        excluded=tuple(excluded[:MAX_TERMS]),
        filters=filters.build(),
        ignored=tuple(ignored),
    )


def _clauses(positive: list[tuple[Term, bool, bool]], synonyms: Synonyms) -> list[Clause]:
    """Group OR-joined terms, and give runs of plain words their synonyms ("nuke war")."""
    clauses: list[list[Term]] = []
    i = 0
    while i < len(positive):
        term, plain, joined = positive[i]
        taken = 1
        alternatives: tuple[Term, ...] = (term,)
        if plain:
            # The longest run of plain words starting here that the synonym list knows.
            for size in range(min(synonyms.longest, len(positive) - i), 0, -1):
                run = positive[i : i + size]
                if not all(p for _, p, _ in run) or any(j for _, _, j in run[1:]):
                    continue
                phrase = tuple(w for t, _, _ in run for w in t.words)
                equivalents = synonyms.of(phrase)
                if len(equivalents) > 1:
                    alternatives, taken = tuple(Term(e) for e in equivalents), size
                    break
        if joined and clauses:
            clauses[-1].extend(t for t in alternatives if t not in clauses[-1])
        else:
            clauses.append(list(alternatives))
        i += taken
    kept = [terms for terms in clauses if not all(_stopword(t) for t in terms)]
    return [Clause(tuple(terms)) for terms in (kept or clauses)]


def _stopword(term: Term) -> bool:
    return len(term.words) == 1 and not term.prefix and term.words[0] in STOPWORDS
