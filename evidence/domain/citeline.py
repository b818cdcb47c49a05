"""Reading a cite line as a debater types or pastes it ("Ace 21 (John Ace, Professor …, 3-4-2021,
'Putin warns', The Moscow Times, URL)") into the cite's fields, with a confidence for each field.

The line itself is the cite (DESIGN §1): this module only derives metadata from it, so a guess
costs the user nothing but a glance. That is why every field carries ``sure`` or ``guess``: the
editor shows which fields were read from an unambiguous mark (quotes, a URL, "accessed", the
short cite at the front) and which were placed by position.

Two families of lines:

- **A written short cite in front** ("Ace 21", "Kofman '16", "Wheeler, 21", "Stephan 5", "Tuck and
  Yang 12", "Bellin et al. ’23", "Cox 8-28", "Gibbs ‘ND"), then the full cite, often in brackets or
  parentheses. The short cite is kept as written (it is what the debater reads aloud and what
  Verbatim's Cite style covers), the authors' full names are looked up in the rest of the line.
- **Fields only** ("Mehmet Ace, 9 -16 September 2021, Title", "Igor Istomin |Associate Professor
  …, 9-1, , Title", "Press TV, September 15, 2021"), the seed brief's form: read by position, as
  before; the short cite is computed from the fields.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from evidence.domain.dates import PartialDate, parse_date, two_digit_year

if TYPE_CHECKING:
    from evidence.domain.cite import Cite

Confidence = Literal["sure", "guess"]

_URL = re.compile(r"https?://\S+|www\.\S+")
_DOUBLE_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
# A single-quoted title stands after a separator ("…, 'Putin warns', …"), never mid-sentence,
# where ‘…’ is a quotation inside a title.
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[,;(\[]\s)|(?<=[,;(\[]))[‘']([^‘’']+?)[’'](?=\s*(?:[,;.)\]]|$))")
_CUTTER = re.compile(r"[\]\)]?\s*//\s*([A-Za-z][\w.]{0,19})\s*$")
_ACCESSED = re.compile(
    r"\b(?:date\s+accessed|accessed|retrieved|DOA)(?:\s+on)?\s*:?\s*([^,;)\]]{1,40})",
    re.IGNORECASE,
)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_DEGREES = {"phd", "ph.d.", "ph.d", "jd", "j.d.", "md", "m.d.", "ma", "mph", "esq", "esq.", "dr", "dr."}
_TITLES = {"dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "sir", "judge"}
# Lower-case words allowed inside a name: "Ted de Vries", "La Paperson", "Squire Patton Boggs".
_PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "du",
    "la",
    "le",
    "di",
    "da",
    "del",
    "della",
    "dos",
    "st.",
    "bin",
    "al-",
}
_CAP_PARTICLES = {"La", "Le", "De", "Van", "Von", "Di", "Da", "Du", "Del", "St."}
#: Words that may stand among the names of a short cite, whatever their case.
_NAME_WORDS = frozenset({"and", "&", "et", "al", "al.", "et.", "of", "the", "for", "on"} | _PARTICLES)
_DIGIT_LABEL = re.compile(r"\d\w*[^\W\d_]\w*")  # "2NC"
_NO_DATE_TAIL = re.compile(r"date\W*")
_ND_END = re.compile(r"N\.?D\.$", re.IGNORECASE)
#: Tokens _read_head looks at: a short cite's names and year stand in the first twelve.
_HEAD_TOKENS = 12
# Speech labels some teams put before the name: "2NC EJMR 16", "2AC Cambridge, 21".
_SPEECH = re.compile(r"^(?:[12][AN][CR]|[12]AR|[12]NR)\b\s*", re.IGNORECASE)
_YEARISH = re.compile(
    r"^[‘’'`]?\s?(?P<body>\d{1,4}(?:[-/.]\d{1,2}(?:[-/.]\d{2,4})?)?|N\.?D\.?|no date)$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\s–—]+|[–—]")
_SEASON = re.compile(r"\b(?:spring|summer|fall|autumn|winter)\s+(\d{4})\b", re.IGNORECASE)
_YEAR4 = re.compile(r"^\(?((?:19|20)\d{2})\)?\.?$")
# Words that say a piece describes a person, not a publication.
_QUAL_WORDS = re.compile(
    r"\b(?:professor|fellow|director|editor|writer|reporter|analyst|student|candidate|lecturer|"
    r"researcher|author|chair|president|ceo|member|associate|assistant|dean|scholar|journalist|"
    r"correspondent|columnist|staff|university|college|school|faculty|degree|phd|ph\.d|j\.d|"
    r"attorney|lawyer|officer|founder|head|expert|specialist|economist|historian|scientist)\b|@",
    re.IGNORECASE,
)
_ORG_HINT = {
    "news",
    "service",
    "press",
    "times",
    "post",
    "journal",
    "institute",
    "foundation",
    "council",
    "center",
    "centre",
    "university",
    "group",
    "office",
    "department",
    "committee",
    "commission",
    "association",
    "review",
    "network",
    "chamber",
    "commerce",
    "senate",
    "congress",
    "organisation",
    "organization",
    "bank",
    "fund",
    "law",
    "media",
}


@dataclass(frozen=True, slots=True)
class ParsedCite:
    """A cite line read into fields. ``text`` is the line as written (the cite itself);
    ``short`` is the short cite, as written when the line starts with one (then ``short_span``
    says where it stands in ``text``, for the Cite-style mark), else computed from the fields."""

    text: str
    short: str
    short_span: tuple[int, int] | None
    authors: tuple[str, ...] = ()
    qualifications: str | None = None
    date: PartialDate | None = None
    title: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: PartialDate | None = None
    cutter: str | None = None
    confidence: dict[str, Confidence] = field(default_factory=dict)

    def to_cite(self, *, with_text: bool = True) -> Cite:
        """The line as a cite: its fields, and (``with_text``) the line as the cite's ``text`` with
        the short cite written in front of it as its ``cite`` mark and the parser's short kept."""
        from evidence.domain.cite import Cite  # cite.py calls into this module
        from evidence.domain.marks import Mark, MarkKind

        fields = Cite(
            authors=self.authors,
            qualifications=self.qualifications,
            date=self.date,
            title=self.title,
            publication=self.publication,
            url=self.url,
            accessed=self.accessed,
            cutter=self.cutter,
        )
        if not with_text:
            return fields
        marks = () if self.short_span is None else (Mark(MarkKind.CITE, *self.short_span),)
        return replace(fields, text=self.text, marks=marks, given_short=self.short)

    def to_json(self) -> dict[str, object]:
        """The cite object of DESIGN §4 with the issue-10 extension (``text`` and ``marks``)."""
        return self.to_cite().to_json()


@dataclass(slots=True)
class _Head:
    names: list[str]  # as written, each one name ("Tuck", "Kimberly Robinson")
    connector: str  # " and ", " & ", ", " — how the names are joined in the short cite
    et_al: str | None  # "et al.", "et al" as written, if any
    year_text: str  # the year token as written ("’17", "21", "8-19", "ND")
    date: PartialDate | None
    short: str
    short_span: tuple[int, int] | None
    rest_start: int


def parse_line(line: str, *, year_hint: int | None = None) -> ParsedCite:
    """Read one cite line. Never raises and never drops words: what it cannot place stays in
    ``text`` (and, for field-only lines, in the title), where the user can see it."""
    text = " ".join(line.replace("\n", " ").split()) if "\n" in line else line.strip()
    work = text.replace("\xa0", " ")  # same length: offsets into ``work`` are offsets into ``text``
    if not work.strip():
        return ParsedCite(text="", short="", short_span=None)
    head = _read_head(work)
    if head is None:
        return _parse_fields(text, work, year_hint=year_hint)
    return _parse_with_short(text, work, head, year_hint=year_hint)


# ---------------------------------------------------------------------------------------------
# The short cite in front
# ---------------------------------------------------------------------------------------------


def _is_name_token(word: str) -> bool:
    bare = word.strip(",;:()[]")
    if not bare:
        return False
    if bare.lower() in _NAME_WORDS:
        return True
    first = bare[0]
    if first.isalpha():
        return first.isupper() or bare.lower() in _PARTICLES
    return bool(_DIGIT_LABEL.fullmatch(bare))  # "2NC"


def _read_head(work: str) -> _Head | None:
    """Find "Names YY" at the start of the line; None when the line does not open with a short cite."""
    # Tokens are read only as far as the verdict needs: most lines that do not open with a short
    # cite are refused by their second or third word, and a long line is never split.
    # The window is the line's first _HEAD_TOKENS + 1 tokens as written (before "no date" is joined).
    found = itertools.islice(_TOKEN.finditer(work), _HEAD_TOKENS + 1)
    tokens: list[tuple[str, int, int]] = []

    def read_to(n: int) -> None:  # tokens[0:n] read, as far as the line and the window go
        while len(tokens) < n:
            m = next(found, None)
            if m is None:
                return
            tokens.append((m.group(0), m.start(), m.end()))

    names_end = None
    first_start = None
    after_comma = False
    merged = False
    index = 0
    read_to(4)  # most verdicts come by the third token
    while True:
        if len(tokens) < index + 2:
            read_to(index + 2)
        if index >= min(len(tokens), _HEAD_TOKENS):
            return None
        if (
            not merged
            and index > 0
            and index + 1 < len(tokens)
            and tokens[index][0].lower() == "no"
            and _NO_DATE_TAIL.fullmatch(tokens[index + 1][0].lower())
        ):
            # "US Chamber of Commerce no date [": one ND token
            merged = True
            at = tokens[index][1]
            end = tokens[index + 1][1] + 4
            tokens[index : index + 2] = [(work[at:end], at, end)]
            read_to(index + 2)
        raw, start, _end = tokens[index]
        token = raw.rstrip(",;:)")
        stripped = raw.rstrip(",;:)]–—-")
        if stripped.endswith(".") and not _ND_END.search(stripped):
            stripped = stripped[:-1]
        yearish = _YEARISH.match(stripped)
        if index > 0 and yearish and first_start is not None and names_end is not None:
            return _head_from(work, tokens, index, first_start, names_end, after_comma)
        after_and = index > 0 and tokens[index - 1][0] in {"and", "&"}
        if raw in {"–", "—"} or not (_is_name_token(raw) or (after_and and raw[:1].isalpha())):
            return None
        lower = token.lower().strip(",")
        if after_comma and lower not in _DEGREES and lower not in {"et", "et.", "al", "al.", "and", "&"}:
            # "Joseph Choi, The Hill", "Press TV, September 15": after a comma only a degree
            # ("Lee, Poli Sci PhD, ’20"), "et al." or the year may follow.
            read_to(index + 3)
            ahead = [t[0].rstrip(",").lower() for t in tokens[index : index + 3]]
            if not any(a in _DEGREES for a in ahead):
                return None
        if first_start is None:
            first_start = start
        names_end = start + len(raw.rstrip(","))
        if raw.endswith(","):
            after_comma = True
        index += 1


def _head_from(
    work: str,
    tokens: list[tuple[str, int, int]],
    index: int,
    first_start: int,
    names_end: int,
    comma: bool,
) -> _Head | None:
    raw, start, _end = tokens[index]
    year_end = start + len(raw.rstrip(",;:)]–—-"))
    if work[year_end - 1 : year_end] == "." and not re.search(r"N\.?D\.$", work[start:year_end], re.IGNORECASE):
        year_end -= 1
    year_text = work[start:year_end]
    body = year_text.lstrip("‘’'` ")
    # The piece that starts at the year: "9 -16 September 2021" is a date, not a short cite.
    piece_end = _piece_end(work, start)
    piece = work[start:piece_end].strip()
    date: PartialDate | None = None
    written = True
    if re.fullmatch(r"N\.?D\.?|no date", body, re.IGNORECASE):
        date = None
    elif re.fullmatch(r"\d{1,4}", body):
        if piece != year_text.strip() and (full := parse_date(piece)) is not None and full.month is not None:
            date, written, year_end = full, False, piece_end
        else:
            value = int(body)
            if len(body) == 3:
                return None
            year = value if len(body) == 4 else two_digit_year(value)
            if not 1000 <= year <= 2999:
                return None
            date = PartialDate(year)
    else:
        date = parse_date(piece) if piece != year_text.strip() else None
        if date is not None:
            written, year_end = False, piece_end
        else:
            date = parse_date(body)  # "Cobb 5/20 Ellie Cobb, …": the token alone
        if date is None:
            return None
        if written and comma and date.month is not None and date.year is None:
            written = False  # "Joseph Choi, 9-2, 21": the year is in the next field
    if not written:
        return None  # a field-only line: read by position
    # "Spindel, 5-14-2019 - Jennifer, …": a date, not a short cite, though the line opens like one.
    computed = comma and date is not None and date.month is not None
    who_text = work[first_start:names_end]
    lead = _SPEECH.match(who_text)
    names_start = first_start + (lead.end() if lead else 0)
    who_text = work[names_start:names_end]
    et_al = None
    if m := re.search(r",?\s*\bet\.?\s*al\.?,?", who_text):
        et_al = m.group(0).strip(" ,")
        who_core = who_text[: m.start()]
    else:
        who_core = who_text
    # Degrees written between name and year: "Beardsworth, PhD, 20", "Lee, Poli Sci PhD, ’20".
    who_core = re.sub(r",\s*(?:[A-Z][a-z]*\.?\s+){0,2}(?:Ph\.?D\.?|J\.?D\.?|M\.?D\.?|MPH|Esq\.?)\s*,?", "", who_core)
    who_core = who_core.strip(" ,")
    if not who_core:
        return None
    connector = " and "
    if m := re.search(r"\s*&\s*", who_core):
        connector = m.group(0)
        parts = re.split(r"\s*&\s*", who_core)
    elif re.search(r"\s+and\s+", who_core):
        parts = re.split(r"\s+and\s+", who_core)
    else:
        parts = [who_core]
    names = [_without_titles(p.strip(" ,")) for p in parts if p.strip(" ,")]
    names = [n for n in names if n]
    # "Testimony of Ted Mermin 21": words before the last lower-case word are not the name.
    if len(names) == 1:
        words = names[0].split()
        cut = max((i for i, w in enumerate(words) if w.islower() and w not in _PARTICLES), default=-1)
        if 0 <= cut < len(words) - 1 and not _looks_like_org(names[0]):
            names = [" ".join(words[cut + 1 :])]
    lasts = [_last(n) for n in names]
    short_words = connector.join(lasts) if len(lasts) > 1 else lasts[0]
    if et_al:
        short_words += " " + et_al if not who_text.rstrip().endswith(",") else ""
    span: tuple[int, int] | None = None
    first_last_at = work.find(lasts[0], names_start, names_end + 1)
    if first_last_at >= 0 and all(len(n.split()) == 1 or _looks_like_org(n) for n in names[1:]):
        if lead and len(names) == 1 and len(names[0].split()) == 1:
            first_last_at = first_start  # "2NC EJMR 16": the speech label is part of the short cite
        span = (first_last_at, year_end)
        short = work[first_last_at:year_end]
        if len(names) > 1 and any(len(n.split()) > 1 and not _looks_like_org(n) for n in names[1:]):
            span = None
    else:
        short = f"{short_words} {year_text.strip()}"
    if span is None:
        short = f"{short_words} {year_text.strip()}"
    if computed and date is not None:
        span, short = None, f"{short_words} {date.short_year}".strip()
    return _Head(
        names=names,
        connector=connector,
        et_al=et_al,
        year_text=year_text,
        date=date,
        short=short,
        short_span=span,
        rest_start=year_end,
    )


def _piece_end(work: str, start: int) -> int:
    """Where the comma/bracket/dash-separated piece starting at ``start`` ends."""
    m = re.compile(r"[,;(\[\]“\"]|\s[-–—]\s|[–—]").search(work, start)
    return m.start() if m else len(work)


def _is_organisation(name: str) -> bool:
    from evidence.domain.cite import looks_like_organisation  # one rule for "is this a person"

    return looks_like_organisation(name)


def _without_titles(name: str) -> str:
    """ "Dr. Jacques E. C. Hymans" → "Jacques E. C. Hymans"; a speech label inside goes too."""
    words = [w for w in name.split() if w.lower() not in _TITLES and not _SPEECH.fullmatch(w)]
    return " ".join(words)


def _looks_like_org(name: str) -> bool:
    words = name.split()
    if len(words) > 4:
        return True
    if len(words) == 1:
        return name.isupper() and len(name) > 1
    if words[0] in {"The", "THE"}:
        return True
    return any(w.lower().strip(".,") in _ORG_HINT for w in words) or name.isupper()


def _last(name: str) -> str:
    """The family name a short cite uses: "Kimberly Robinson" → "Robinson", "La Paperson" stays."""
    if _looks_like_org(name):
        return name
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(",") in _SUFFIXES:
        words.pop()
    if len(words) >= 2 and words[-2] in _CAP_PARTICLES | _PARTICLES:
        return " ".join(words[-2:])
    return words[-1]


# ---------------------------------------------------------------------------------------------
# The rest of a line that had a short cite in front
# ---------------------------------------------------------------------------------------------


def _strip_common(rest: str) -> tuple[str, str | None, str | None, PartialDate | None, str | None, bool]:
    """Take the URL, the cutter's initials, the accessed date and the title out of ``rest``.

    Returns (rest with the title replaced by a marker, url, cutter, accessed, title, title_sure)."""
    url = None
    if m := _URL.search(rest):
        url = m.group(0).rstrip(".,;)]")
        rest = rest[: m.start()] + rest[m.start() + len(url) :]
    cutter = None
    if m := _CUTTER.search(rest):
        cutter = m.group(1).rstrip(".")
        rest = rest[: m.start()]
    accessed = None
    if m := _ACCESSED.search(rest):
        accessed = parse_date(m.group(1))
        if accessed is not None:
            rest = rest[: m.start()] + rest[m.end() :]
    title = None
    sure = False
    if (m := _DOUBLE_QUOTED.search(rest)) or (m := _SINGLE_QUOTED.search(rest)):
        title, sure = m.group(1), True
    if m and title is not None:
        title = title.strip(" ,.;:")
        rest = rest[: m.start()] + ", \x00, " + rest[m.end() :]
    return rest, url, cutter, accessed, title, sure


def _pieces(rest: str) -> list[str]:
    parts = re.split(r"[;,]|\s[–—-]\s|[–—]|(?<=[a-z]{3})\.\s+(?=[A-Z\x00“\"])", rest)
    out = []
    for part in parts:
        piece = part.strip(" ()[]{}:")
        if piece.endswith(".") and not re.search(r"(?:^|\s)[^\W\d_]\.$", piece):
            piece = piece.rstrip(".")  # a sentence's full stop, not an initial's ("Bruce W.")
        if piece.strip(" ."):
            out.append(piece)
    return out


def _given_names(piece: str) -> bool:
    """ "Muhammad", "Charles R.", "Brett V", "Eddie S., Jr.": a bracket that opens with first names."""
    words = piece.split()
    if not 1 <= len(words) <= 3:
        return False
    for w in words:
        if w.lower().strip(".") in _TITLES or w.lower() in _ORG_HINT or w.lower().strip(",.") in _SUFFIXES:
            return False
        if not (
            re.fullmatch(r"[^\W\d_]\.?", w) or (w[0].isupper() and re.fullmatch(r"[^\W\d_](?:[^\W\d_]|[’'\-])*\.?", w))
        ):
            return False
    return parse_date(piece) is None


def _full_name_in(rest: str, last: str) -> str | None:
    """ "Eve Tuck" for "Tuck" in "(Eve Tuck, Unangax, …": the given names written before the family name."""
    for at in _whole_word_at(rest[:600], last):
        before = rest[:at].split()
        given: list[str] = []
        saw_given = False
        for w in reversed(before[-3:]):
            bare = w.strip("([—–-*")
            if w != bare or not bare:  # an opening bracket starts the name
                if bare and _is_given(bare):
                    given.insert(0, bare)
                break
            if bare.lower().strip(".") in _TITLES or not _is_given(bare):
                break
            is_initial = bool(re.fullmatch(r"[^\W\d_]\.?", bare))
            given.insert(0, bare)
            if is_initial and saw_given:
                break  # "K. Wayne Yang": an initial before a given name opens the name
            saw_given = saw_given or not is_initial
        if given:
            return " ".join([*given, last])
    return None


def _is_word_char(char: str) -> bool:
    """``\\w`` of ``re`` (letters, digits, underscore) and the apostrophes and hyphen inside names."""
    return char.isalnum() or char in "_’'-"


def _whole_word_at(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``text`` as a whole word, left to right, never overlapping.

    A plain search, not a regex built from ``word``: every cite names a different author, and
    compiling a pattern per name cost more than the rest of the line's reading."""
    if not word:  # the regex this replaces: an empty word stands between any two non-word characters
        yield from (m.start() for m in re.finditer(r"(?<![\w’'-])(?![\w’'-])", text))
        return
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            yield at
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)


def _is_given(word: str) -> bool:
    if (
        word.lower() in _ORG_HINT | {"chapter", "volume", "vol.", "edition", "quoting", "in", "by"}
        or word.lower().strip(".") in _TITLES
        or word.endswith(",")
    ):
        return False
    return bool(re.fullmatch(r"[^\W\d_]\.?|[^\W\d_](?:[^\W\d_]|[’'\-])+", word)) and word[0].isupper()


def _parse_with_short(text: str, work: str, head: _Head, *, year_hint: int | None) -> ParsedCite:
    conf: dict[str, Confidence] = {"short": "sure" if head.short_span else "guess"}
    rest, url, cutter, accessed, title, title_sure = _strip_common(work[head.rest_start :])
    pieces = _pieces(rest)
    # Authors: full names as written in front, or looked up in the rest ("Kelly 15 [Cathleen Kelly, …").
    authors: list[str] = []
    used: set[int] = set()
    sure_authors = True
    for name in head.names:
        if len(name.split()) > 1 or _looks_like_org(name):
            authors.append(name)
            continue
        full = _full_name_in(rest, name)
        if full is None and pieces and len(head.names) == 1 and _given_names(pieces[0]):
            first = pieces[0].rstrip(",")
            full = first if first.split()[-1] == name else f"{first} {name}"
            used.add(0)
        if full is None and len(head.names) == 1:
            # "Stephan 5, Professor …, University of Virginia (Paul, “Global …": given names
            # opening a bracket further on.
            for m in re.finditer(r"[(\[]\s*([^,;()\[\]]{1,30}?)\s*[,;]", rest[:400]):
                if _given_names(m.group(1)):
                    full = f"{m.group(1)} {name}"
                    sure_authors = False
                    break
        if full is None:
            sure_authors = False
            full = name
        authors.append(full)
    if len(head.names) > 1 and pieces and all(a == n for a, n in zip(authors, head.names, strict=True)):
        # "Debs & Monteiro ’18 [Alexandre & Nuno P; …": the given names in the same order
        given = [g.strip() for g in re.split(r"\s*&\s*|\s+and\s+", pieces[0])]
        if len(given) == len(head.names) and all(_given_names(g) for g in given):
            authors = [f"{g} {n}" for g, n in zip(given, head.names, strict=True)]
            used.add(0)
            sure_authors = True
    for i, piece in enumerate(pieces[:3]):
        if any(piece == a or piece.endswith(" " + a) for a in authors):
            used.add(i)
    publication: str | None = None
    if authors:
        conf["authors"] = "sure" if sure_authors else "guess"

    # The date: a full date in the rest refines the written year; the written year wins a conflict.
    found, found_at = _first_date(pieces, used)
    date = head.date
    if found is not None:
        used.add(found_at)
        if (date is None and not re.search(r"N\.?D\.?$|no date", head.year_text, re.IGNORECASE)) or (
            date is not None and date.month is None and found.year == date.year
        ):
            date = found
        elif date is not None and date.year is None and found.year is not None:
            date = found if (found.month, found.day) == (date.month, date.day) else date.with_year(found.year)
        elif date is not None and date.year is not None and found.year is None and found.month is not None:
            date = PartialDate(date.year, found.month, found.day)
    if date is not None and date.year is None and year_hint is not None:
        date = date.with_year(year_hint)
    if date is not None:
        conf["date"] = "sure" if date.year is not None else "guess"

    title_at = next((i for i, p in enumerate(pieces) if p == "\x00"), None)
    if title is not None:
        conf["title"] = "sure" if title_sure else "guess"
        after = pieces[title_at + 1] if title_at is not None and title_at + 1 < len(pieces) else None
        before = pieces[title_at - 1] if title_at else None
        if title_at is None:
            pub_at = None
        elif after is not None and _publication_like(after) and (title_at + 1) not in used:
            publication, pub_at = after, title_at + 1
        elif before is not None and _publication_like(before) and (title_at - 1) not in used and title_at - 1 > 0:
            publication, pub_at = before, title_at - 1
        else:
            pub_at = None
        if pub_at is not None:
            used.add(pub_at)
    if len(authors) == 1 and len(head.names) == 1 and _is_organisation(authors[0]):
        # "TASS 21", "Thai News Service, 9-7-2021": an organisation is the publication, as in
        # the fields-only reading (and DESIGN's brief JSON), not an author.
        publication = publication or authors[0]
        authors = []
        conf.pop("authors", None)
    if publication:
        conf["publication"] = "guess"
    stop = title_at if title_at is not None else len(pieces)
    quals = [p for i, p in enumerate(pieces[:stop]) if i not in used and p != "\x00" and _date_of(p) is None]
    qualifications = ", ".join(quals) or None
    if qualifications and len(qualifications) > 400:
        qualifications = qualifications[:400].rsplit(" ", 1)[0] + " …"
    if qualifications:
        conf["qualifications"] = "guess"
    for key, value in (("url", url), ("accessed", accessed), ("cutter", cutter)):
        if value is not None:
            conf[key] = "sure"
    return ParsedCite(
        text=text,
        short=head.short,
        short_span=head.short_span,
        authors=tuple(authors),
        qualifications=qualifications,
        date=date,
        title=title,
        publication=publication,
        url=url,
        accessed=accessed,
        cutter=cutter,
        confidence=conf,
    )


def _date_of(piece: str) -> PartialDate | None:
    if piece == "\x00" or len(piece.split()) > 5:
        return None
    if m := _YEAR4.match(piece):
        return PartialDate(int(m.group(1)))
    if m := _SEASON.fullmatch(piece.strip()):
        return PartialDate(int(m.group(1)))
    if re.fullmatch(r"\d{1,3}", piece.strip()):
        return None  # page numbers, volumes
    found = parse_date(piece)
    if found is not None and found.month is None:
        return None  # a bare number that dateutil took for a year
    return found


def _first_date(pieces: list[str], used: set[int]) -> tuple[PartialDate | None, int]:
    for i, piece in enumerate(pieces):
        if i in used:
            continue
        found = _date_of(piece)
        if found is None:
            continue
        if found.year is None and i + 1 < len(pieces) and (y := _YEAR4.match(pieces[i + 1])):
            found = found.with_year(int(y.group(1)))  # "June 23, 2015"
        return found, i
    return None, -1


def _publication_like(piece: str) -> bool:
    words = piece.split()
    if not 0 < len(words) <= 7 or piece == "\x00" or piece.lower() in {"url", "link", "online"}:
        return False
    if _QUAL_WORDS.search(piece) and not re.search(r"\b(?:journal|review|press|times|post)\b", piece, re.IGNORECASE):
        return False
    if re.search(r"\d", piece) or re.match(r"(?:vol|no|pp?|pg|ch|chapter)\b", piece, re.IGNORECASE):
        return False
    return piece[0].isupper() and _date_of(piece) is None


# ---------------------------------------------------------------------------------------------
# Lines without a short cite in front: fields by position (the seed brief's form)
# ---------------------------------------------------------------------------------------------

_FIELDS_CUTTER = re.compile(r"//\s*([A-Za-z]{1,5})\s*$")
_FIELDS_ACCESSED = re.compile(r"\b(?:accessed|retrieved|DOA)(?: on)?:?\s+([^,;]+)", re.IGNORECASE)
_YEAR_PIECE = re.compile(r"\d{2}|\d{4}")
_INLINE_YEAR = re.compile(r"\s+(\d{2})$")
_AND = re.compile(r"\s+(?:and|&)\s+")


def _parse_fields(text: str, work: str, *, year_hint: int | None) -> ParsedCite:
    from evidence.domain.cite import looks_like_organisation  # one rule for "is this a person"

    line = " ".join(work.split())
    conf: dict[str, Confidence] = {}
    url_match = _URL.search(line)
    url = url_match.group(0).rstrip(".,;)]") if url_match else None
    if url_match:
        line = (line[: url_match.start()] + line[url_match.end() :]).strip()
    cutter = None
    if m := _FIELDS_CUTTER.search(line):
        cutter = m.group(1)
        line = line[: m.start()].strip()
    accessed = None
    if acc := _FIELDS_ACCESSED.search(line):
        accessed = parse_date(acc.group(1), year_hint=year_hint)
        line = (line[: acc.start()] + line[acc.end() :]).strip()

    pieces = [p.strip() for p in line.split(",")]
    date: PartialDate | None = None
    before: list[str] = []
    after = ""
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if date is None and len(piece.split()) <= 5:
            candidate = parse_date(piece)
            if candidate is not None and candidate.year is None:
                # "9-15, 21": the year stands in the next piece; "9-1, ,": it is blank.
                nxt = pieces[i + 1] if i + 1 < len(pieces) else None
                if nxt is not None and _YEAR_PIECE.fullmatch(nxt):
                    candidate = parse_date(f"{piece}-{nxt}") or candidate
                    i += 1
                elif nxt == "":
                    i += 1
                if candidate.year is None and year_hint is not None:
                    candidate = candidate.with_year(year_hint)
            if candidate is not None:
                date = candidate
                after = ", ".join(pieces[i + 1 :]).strip(" ,")
                break
        before.append(piece)
        i += 1

    head = [p for p in before if p]
    authors: list[str] = []
    qualifications: list[str] = []
    publication: str | None = None
    if head:
        first = head[0]
        if "|" in first:
            first, qual = (s.strip() for s in first.split("|", 1))
            if qual:
                qualifications.append(qual)
        if inline := _INLINE_YEAR.search(first):  # "Mehmet Ace 21": a short cite typed inline
            first = first[: inline.start()]
            if date is None and (written := parse_date(f"1-1-{inline.group(1)}")):
                date = PartialDate(written.year)
        names = [a.strip() for a in _AND.split(first) if a.strip()]
        if any(looks_like_organisation(n) for n in names):
            publication = first
        else:
            authors = names
        qualifications.extend(head[1:])

    title: str | None = None
    rest = after.strip(" ,")
    if rest:
        quoted = _DOUBLE_QUOTED.search(rest) or _SINGLE_QUOTED.search(rest)
        if quoted:
            title = quoted.group(1).strip(" ,")
            conf["title"] = "sure"
            remainder = (rest[: quoted.start()] + rest[quoted.end() :]).strip(" ,")
            if remainder and publication is None:
                publication = remainder
            elif remainder:
                title = f"{title}, {remainder}"
        else:
            first_piece, _, tail = rest.partition(",")
            first_piece = first_piece.strip()
            words = first_piece.split()
            if (
                tail.strip()
                and publication is None
                and 0 < len(words) <= 4
                and all(w[:1].isupper() or w.lower() in {"of", "the", "and"} for w in words)
            ):
                publication = first_piece
                title = tail.strip(" ,")
            else:
                title = rest
    if not head and not date and not title and line:
        title = line
    if authors:
        conf["authors"] = "guess"
    if publication:
        conf["publication"] = "guess"
    if qualifications:
        conf["qualifications"] = "guess"
    if title and "title" not in conf:
        conf["title"] = "guess"
    if date:
        conf["date"] = "sure" if date.year is not None else "guess"
    for key, value in (("url", url), ("accessed", accessed), ("cutter", cutter)):
        if value is not None:
            conf[key] = "sure"
    from evidence.domain.cite import Cite

    short = Cite(authors=tuple(authors), date=date, title=title, publication=publication).short
    conf["short"] = "guess"
    return ParsedCite(
        text=text,
        short=short,
        short_span=None,
        authors=tuple(authors),
        qualifications=", ".join(qualifications) or None,
        date=date,
        title=title or None,
        publication=publication,
        url=url,
        accessed=accessed,
        cutter=cutter,
        confidence=conf,
    )
