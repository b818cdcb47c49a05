"""Plain-text briefs: the "Answers to: …" format of the seed, read into blocks and cards.

Debaters paste briefs out of Google Docs, e-mails and news databases, where every style is lost and
only the shape survives: a block header, then per card a tag line, a cite line (or two), sometimes
a headline, and the body. This reader recovers that shape line by line, in one linear pass, and
separates the news-database furniture ("Body ", "Highlight: ", "-FNA", a related headline pasted
on the end) from the evidence, reporting each removal so the user can check it. Bodies are
otherwise the source's words, unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from evidence.domain.brief import Brief, Heading, Level, Node
from evidence.domain.card import Analytic, Card
from evidence.domain.cite import Cite, parse_cite_line
from evidence.domain.headers import read_answers_to
from evidence.domain.labels import split_tag_label
from evidence.ingest.encoding import repair_text
from evidence.ingest.report import ImportReport, IngestError
from evidence.ingest.storable import clean_brief

_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
# Where a sentence ends inside a body: terminal punctuation, closing quotes, then a space.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’')\]]*(?=\s)")
_LEADING_ARTEFACT = re.compile(r"^(?:Body\s+(?=[A-Z“\"‘'(\[])|Highlight:\s*)")
# "(Photo by AFP)", "(Photo: Reuters)", "(Image credit: …)" ending a caption.
_CAPTION = re.compile(r"^(?P<caption>.{0,600}?\((?:Photo|Image|Picture|File photo|Video)\b[^)]{0,80}\))\s*")
# A wire-service credit after the last sentence: " -FNA", " – AFP", " —Reuters".
_WIRE_TAG = re.compile(
    r"(?<=[.!?”\"’)])\s+[-–—]{1,2}\s?(?:[A-Z][A-Z0-9]{1,9}(?:[-/][A-Z0-9]{2,9})*|Reuters|Xinhua)\s*$"
)
_ALL_CAPS_TOKEN = re.compile(r"\b[A-Z][A-Z0-9]+(?:[-/][A-Z0-9]+)+$|\b[A-Z]{2,}$")

_SHORT_WORDS = 30  # a tag, a cite or a headline is rarely longer; a body paragraph almost always is
_SHORT_CHARS = 300
_CITE_WORDS = 70


@dataclass(slots=True)
class _Card:
    tag: str
    label: str | None
    cite_lines: list[str] = field(default_factory=list)
    title_line: str | None = None
    body: list[str] = field(default_factory=list)


def read_text_brief(text: str, *, name: str = "") -> tuple[Brief, ImportReport]:
    """Read a plain-text brief into a Brief of blocks, cards and analytics, plus what was done.

    ``name`` (the file name) labels the report and titles the brief when it has no block header.
    Raises IngestError when there is nothing to read.
    """
    what = name or "the brief"
    report = ImportReport(source=name)
    if not text.strip():
        raise IngestError(f"{what} is empty")
    text, repairs = repair_text(text)
    for repair in repairs:
        report.note(f"encoding: {repair}")
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise IngestError(f"{what} is empty")

    top: list[Node] = []
    block: Heading | None = None
    cards: list[tuple[Card, int]] = []  # every card with its number, for the year pass
    count = 0
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        header: tuple[str, str | None, str | None] | None = _block_header(line)
        if header is None and _is_caps_heading(line) and i + 1 < n and not _is_cite(lines[i + 1]):
            header = (line, None, None)
        if header is not None:
            title, label, speech = header
            block = Heading(Level.BLOCK, title=title, label=label, speech=speech)
            top.append(block)
            i += 1
            continue
        raw, i = _read_card(lines, i)
        container = block.children if block is not None else top
        if not raw.cite_lines and not raw.body:
            container.append(Analytic(text=line))
            report.note(f"“{_short(line)}” has no cite and no body: imported as an analytic")
            continue
        count += 1
        card = _build_card(raw, count, report)
        container.append(card)
        cards.append((card, count))

    _fill_years(cards, top, report)
    title = name or next((h.title for h in top if isinstance(h, Heading)), "") or "Imported brief"
    brief = Brief(title=title, children=top)
    brief.validate()
    if not cards:
        report.note("no cards found: every line was read as a heading or an analytic")
    return clean_brief(brief, report), report


# Structure ------------------------------------------------------------------------------------


def _read_card(lines: list[str], i: int) -> tuple[_Card, int]:
    """Read one card starting at its tag line; return it and the index of the next line."""
    n = len(lines)
    label, tag = split_tag_label(lines[i])
    card = _Card(tag=tag, label=label)
    i += 1
    # Cite: dated/URL/"|" lines, or one undated line that looks like "Name, qualifications".
    while i < n and not _starts_block(lines, i):
        line = lines[i]
        if _is_cite(line) or (card.cite_lines and _URL_ONLY.match(line)):
            card.cite_lines.append(line)
            i += 1
            continue
        if not card.cite_lines and _is_undated_cite(line) and i + 1 < n and not _is_short(lines[i + 1]):
            card.cite_lines.append(line)
            i += 1
        break
    # Title line: a headline between the cite and the body.
    if card.cite_lines and i + 1 < n and not _starts_block(lines, i) and _is_title_line(lines[i]):
        nxt = lines[i + 1]
        if not _starts_block(lines, i + 1) and not _is_cite(nxt) and not _is_short(nxt):
            card.title_line = lines[i]
            i += 1
    # Body: the first paragraph always belongs to it; later ones unless they start a new card.
    while i < n and not _starts_block(lines, i):
        line = lines[i]
        if i + 1 < n and _is_cite(lines[i + 1]) and _is_short(line):
            break  # a tag: the next line is its cite
        if card.body and _is_short(line) and not _ends_sentence(line):
            break  # a short line that is not a sentence: the next card's tag (a card without cite)
        if not card.body and not card.cite_lines and _is_short(line) and not _ends_sentence(line):
            break  # tag followed by another tag-like line: this "card" is an analytic
        card.body.append(line)
        i += 1
    return card, i


def _starts_block(lines: list[str], i: int) -> bool:
    line = lines[i]
    if _block_header(line) is not None:
        return True
    return _is_caps_heading(line) and i + 1 < len(lines) and not _is_cite(lines[i + 1])


def _block_header(line: str) -> tuple[str, str, str | None] | None:
    if len(line) > _SHORT_CHARS:
        return None
    header = read_answers_to(line)
    return None if header is None else (header.title, "answers-to", header.speech)


def _is_caps_heading(line: str) -> bool:
    if len(line) > 200 or len(line.split()) > 15:
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _ends_sentence(line: str) -> bool:
    """Ends in . ! ? or …, perhaps inside closing quotes or brackets (checked from the end only)."""
    return line.rstrip().rstrip("\"”’')]")[-1:] in {".", "!", "?", "…"}


def _is_short(line: str) -> bool:
    return len(line) <= _SHORT_CHARS and len(line.split()) <= _SHORT_WORDS


@lru_cache(maxsize=4096)  # each line is asked about several times as the reader looks ahead
def _is_cite(line: str) -> bool:
    """A line with a date, a URL or a "Name |qualifications" bar, short enough to be a cite."""
    if len(line) > 600 or len(line.split()) > _CITE_WORDS or _block_header(line):
        return False
    cite = parse_cite_line(line)
    if cite.date is not None:
        return True
    return bool(cite.url and len(line.split()) <= 25) or bool(re.match(r"^[^|]{3,60}\|\s*\S", line))


def _is_undated_cite(line: str) -> bool:
    """An undated cite: "Mehmet Ace, columnist, Daily Sabah" (fields separated by commas)."""
    return _is_short(line) and "," in line and not _ends_sentence(line)


def _is_title_line(line: str) -> bool:
    return _is_short(line) and (not _ends_sentence(line) or line.endswith("?"))


# Cards ----------------------------------------------------------------------------------------


def _build_card(raw: _Card, number: int, report: ImportReport) -> Card:
    where = f"card {number} (“{_short(raw.tag)}”)"
    cite = _build_cite(raw.cite_lines)
    if not raw.cite_lines:
        report.note(f"{where} has no cite: imported with an empty cite")
    elif cite.date is None:
        report.note(f"{where}: no date found in the cite “{_short(' '.join(raw.cite_lines), 80)}”")
    if raw.title_line:
        title = " ".join(raw.title_line.split())
        if cite.title is None:
            cite = replace(cite, title=title)
        elif title != cite.title:
            cite = replace(cite, title=f"{cite.title}: {title}")
            report.note(f"{where}: the line after the cite was added to the cite's title")
    body = "\n".join(raw.body)
    body = _strip_artefacts(body, where, report)
    if not body:
        report.note(f"{where} has no body text")
    return Card(tag=raw.tag, text=body, cite=cite, label=raw.label)


def _build_cite(lines: list[str]) -> Cite:
    if not lines:
        return Cite()
    urls = [line.strip() for line in lines if _URL_ONLY.match(line)]
    rest = [line for line in lines if not _URL_ONLY.match(line)]
    # Two cite lines: a typed short cite ("Ace 21") then the full one; the full one has the fields.
    main = max(rest, key=len) if rest else lines[0]
    cite = parse_cite_line(main)
    if cite.url is None and urls:
        cite = replace(cite, url=urls[0])
    return cite


def _strip_artefacts(body: str, where: str, report: ImportReport) -> str:
    """Remove news-database furniture from the start and end of a body, noting each removal."""
    if match := _LEADING_ARTEFACT.match(body):
        report.note(f"{where}: removed the news-database label “{match.group(0).strip()}” before the body")
        body = body[match.end() :]
    if match := _CAPTION.match(body):
        caption = match.group("caption")
        if len(body) > 2 * len(match.group(0)):  # a caption introduces an article; it is not the article
            report.note(f"{where}: removed the photo caption “{caption}” before the body")
            body = body[match.end() :]
    if match := _WIRE_TAG.search(body):
        report.note(f"{where}: removed the wire-service credit “{match.group(0).strip()}” after the body")
        body = body[: match.start()]
    if dangling := _dangling_headline(body):
        report.note(f"{where}: removed the headline “{dangling}” pasted after the body")
        body = body[: len(body) - len(dangling)].rstrip()
    return body.strip()


def _dangling_headline(body: str) -> str | None:
    """A headline a news database appended after the article's last sentence, or None.

    Debaters often cut a card mid-sentence, so an unfinished last sentence is removed only when it
    reads like a headline: it ends in a wire credit ("… – diplomat ITAR-TASS") or a quote mark,
    has a colon or semicolon, or is mostly capitalised words.
    """
    last_line = body.rsplit("\n", 1)[-1]
    if _ends_sentence(last_line):
        return None
    breaks = list(_SENTENCE_BREAK.finditer(last_line))
    if not breaks:
        return None
    tail = last_line[breaks[-1].end() :].strip()
    words = tail.split()
    if not 3 <= len(words) <= 60 or not (tail[0].isupper() or tail[0] in "“\"‘'"):
        return None
    capitalised = sum(1 for w in words if w[:1].isupper())
    headline = (
        _ALL_CAPS_TOKEN.search(tail) is not None
        or tail[-1] in "”\"’'"
        or ":" in tail
        or ";" in tail
        or capitalised >= 0.6 * len(words)
    )
    return tail if headline else None


def _fill_years(cards: list[tuple[Card, int]], top: list[Node], report: ImportReport) -> None:
    """Give a yearless date ("9-1, ,") the year of the previous card, else of the next card."""
    years = [c.cite.date.year if c.cite.date else None for c, _ in cards]
    replacements: dict[int, Card] = {}
    for k, (card, number) in enumerate(cards):
        date = card.cite.date
        if date is None or date.year is not None:
            continue
        before = next((y for y in reversed(years[:k]) if y is not None), None)
        after = next((y for y in years[k + 1 :] if y is not None), None)
        year = before if before is not None else after
        if year is None:
            report.note(f"card {number} (“{_short(card.tag)}”): the cite has no year and no neighbour has one")
            continue
        which = "previous" if before is not None else "next"
        report.note(f"card {number} (“{_short(card.tag)}”): the cite has no year; took {year} from the {which} card")
        replacements[id(card)] = replace(card, cite=card.cite.with_year(year))
    if replacements:
        _replace_cards(top, replacements)


def _replace_cards(nodes: list[Node], replacements: dict[int, Card]) -> None:
    for k, node in enumerate(nodes):
        if isinstance(node, Heading):
            _replace_cards(node.children, replacements)
        elif id(node) in replacements:
            nodes[k] = replacements[id(node)]


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def looks_like_brief(text: str) -> bool:
    """Whether a plain-text file is a brief (opens with a block header) rather than an article.

    The import commands use this to pick a reader for a .txt file without asking the user.
    """
    for line in text.split("\n", 50)[:50]:
        if line.strip():
            return _block_header(line.strip()) is not None
    return False
