"""Cleaning pasted web text: keep the author's words and the metadata, drop the page's clutter.

Every decision here is a *deletion* of a span of the text the user gave, recorded as a
:class:`~evidence.domain.source.Removal` with its reason, so the user can see what went and put
back anything that was really part of the article (DESIGN §5).

Clutter is recognised line by line ("Share:", "Related: …", "READ MORE: …", "Advertisement",
"(Photo by AFP)", "Story Code : 646570", a lone comment counter, "Comment"). The lines before the
first paragraph of prose are the article's header: its title, byline and date go into the cite
rather than the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evidence.domain.dates import PartialDate, parse_date
from evidence.domain.source import Removal

SOURCE_LINE = re.compile(
    r"^\s*(?:source|original(?:ly)?(?: published| posted)?(?: at| on)?|via)\s*:?\s*(?P<url>https?://\S+)\s*$", re.I
)


def _full(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"^\s*(?:" + "|".join(patterns) + r")\s*$", re.IGNORECASE)


# (pattern, why) for whole lines; the first that matches names the removal.
_CLUTTER: list[tuple[re.Pattern[str], str]] = [
    (SOURCE_LINE, "source link"),
    (
        _full(
            r"share(?: this)?(?: article| story| post| page)?\s*:?",
            r"share (?:on|via|to) \w+",
            r"(?:tweet|email|e-mail|print|facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram)",
            r"copy link|save(?: article| story)?|bookmark|reprints?(?: & permissions)?",
        ),
        "share button",
    ),
    (
        _full(
            r"(?:related(?: articles?| stories| content| news| coverage)?|read more|read also|also read|"
            r"see also|more on this(?: story)?|recommended(?: for you)?|you may also like|most read|trending)"
            r"\s*[:–—-]\s*.{0,300}",
            r"(?:related(?: articles?| stories| content)?|read more|more stories|you may also like|most read)",
        ),
        "related link",
    ),
    (
        _full(r"advertisements?", r"sponsored(?: content)?", r"ad", r"story continues below(?: advertisement)?"),
        "advertisement",
    ),
    (
        _full(
            r"(?:image|photo|picture|video|graphic|gallery)",
            r"(?:image|photo|picture|video|media|file photo)(?: caption| credit)?\s*:.{0,300}",
            r"(?:image|media|video) caption.{0,300}",
            r"getty images.{0,80}",
            r".{0,400}\((?:photo|image|picture|file photo|video)\b[^)]{0,80}\)",
        ),
        "photo caption",
    ),
    (_full(r"(?:story|news|article) (?:code|id|no\.?)\s*:?\s*\S+"), "page furniture"),
    (_full(r"\d{1,4}", r"loading\W*", r"skip to (?:main )?content", r"back to top", r"menu"), "page furniture"),
    (
        _full(r"comments?", r"\d+ comments?", r"comments? \(\d+\)", r"(?:leave|add|post|view|show) (?:a )?comments?"),
        "comments link",
    ),
    (
        _full(
            r"subscribe\b.{0,200}",
            r"sign up\b.{0,200}newsletter.{0,100}",
            r"follow us on\b.{0,100}",
            r"click here\b.{0,200}",
            r"download (?:the|our) app.{0,100}",
        ),
        "promotion",
    ),
    (_full(r"(?:copyright|©).{0,200}", r"all rights reserved\.?"), "copyright notice"),
]

_BYLINE = re.compile(
    r"^\s*(?:[Bb]y|BY)\s+(?P<names>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)\s*$"
)
_WEEKDAYS = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|EST|EDT|CET|CEST|BST|MSK|ET|PT)(?:[+-]\d+)?)?", re.I
)
_DATE_WORDS = re.compile(rf"\b(?:published|updated|posted|last updated|on|at|{_WEEKDAYS})\b\s*:?", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_CAPTION_IN_PARAGRAPH = re.compile(
    r"^(?P<caption>.{0,600}?\((?:Photo|Image|Picture|File photo|Video)\b[^)]{0,80}\))\s*"
)


@dataclass(slots=True)
class Cleaned:
    """The outcome of cleaning one article: removals plus the metadata found in its header."""

    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    url: str | None = None


def clean_article(text: str) -> Cleaned:
    """Decide what to remove from one article's text; ``text`` itself is not changed."""
    out = Cleaned()
    spans: list[tuple[int, int, str]] = []  # (start, end, why) over ``text``
    lines = _lines(text)
    in_header = True
    for start, end in lines:
        raw = text[start:end]
        line = raw.strip()
        if not line:
            continue
        why = _clutter(line)
        if why == "source link" and (m := SOURCE_LINE.match(line)):
            out.url = out.url or m.group("url").rstrip(".,;)")
        if why is None and in_header:
            why = _header_line(line, out)
        if why is None and out.title and line == out.title:
            why = "repeated title"
        if why is not None:
            spans.append((start, _line_end(text, end), why))
            continue
        if in_header and _is_prose(line):
            in_header = False
            if m := _CAPTION_IN_PARAGRAPH.match(raw.lstrip()):
                offset = start + len(raw) - len(raw.lstrip())
                if len(line) > 2 * m.end():
                    spans.append((offset, offset + m.end(), "photo caption"))
        elif in_header and out.title is None and _is_title(line):
            out.title = " ".join(line.split())
            spans.append((start, _line_end(text, end), "title (in the cite)"))
        else:
            in_header = in_header and not _is_prose(line)
    spans.extend(_blank_spans(text, lines, spans))
    out.removed = _merge(text, spans)
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its newline."""
    result = []
    pos = 0
    for line in text.split("\n"):
        result.append((pos, pos + len(line)))
        pos += len(line) + 1
    return result


def _line_end(text: str, end: int) -> int:
    return end + 1 if end < len(text) and text[end] == "\n" else end


def _clutter(line: str) -> str | None:
    if len(line) > 700:
        return None
    for pattern, why in _CLUTTER:
        if pattern.match(line):
            return why
    return None


def _header_line(line: str, out: Cleaned) -> str | None:
    if m := _BYLINE.match(line):
        if not out.authors:
            out.authors = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if n.strip()]
        return "byline (in the cite)"
    if (date := parse_dateline(line)) is not None:
        out.date = out.date or date
        return "date (in the cite)"
    return None


def parse_dateline(line: str) -> PartialDate | None:
    """ "Saturday 17 June 2017 - 04:18", "Published: September 15, 2021 3:04 pm" → a date."""
    if len(line) > 80:
        return None
    rest = _TIME.sub(" ", line)
    rest = _DATE_WORDS.sub(" ", rest)
    rest = re.sub(r"[|•·—–]|\s-\s|\s-$", " ", rest)
    rest = " ".join(rest.split()).strip(" ,-")
    if not rest:
        return None
    date = parse_date(rest)
    return date if date is not None and date.year is not None else None


def _is_prose(line: str) -> bool:
    words = len(line.split())
    return words > 25 or (words >= 8 and bool(_SENTENCE_END.search(line)))


def _is_title(line: str) -> bool:
    return 2 <= len(line.split()) <= 25 and len(line) <= 250 and not line.endswith(".")


def _blank_spans(
    text: str, lines: list[tuple[int, int]], removed: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Blank lines beyond one between paragraphs, and any at the start or end, go too.

    Works on the lines that survive the other removals, so dropping a "Share:" line does not leave
    a hole of three blank lines where it stood.
    """
    gone = {start for start, end, _ in removed if end == len(text) or text[end - 1] == "\n"}
    kept = [(s, e) for s, e in lines if s not in gone]
    spans: list[tuple[int, int, str]] = []
    seen_content = False
    pending: list[tuple[int, int]] = []  # blank lines since the last content line
    for start, end in kept:
        if text[start:end].strip():
            if seen_content and pending:
                # keep the first blank line as the paragraph break, emptied of stray spaces
                first_start, first_end = pending[0]
                if first_end > first_start:
                    spans.append((first_start, first_end, "blank line"))
                spans.extend((s, _line_end(text, e), "blank line") for s, e in pending[1:])
            else:
                spans.extend((s, _line_end(text, e), "blank line") for s, e in pending)
            pending = []
            seen_content = True
            # trailing spaces on a content line are kept: they are inside the author's paragraph
        else:
            pending.append((start, end))
    spans.extend((s, _line_end(text, e), "blank line") for s, e in pending)
    return spans


def _merge(text: str, spans: list[tuple[int, int, str]]) -> list[Removal]:
    """Sort, merge touching spans (blank lines join their neighbour; different reasons stay apart),
    and give the text no trailing newline."""
    spans = sorted((s, e, w) for s, e, w in spans if e > s)
    merged: list[list[int | str]] = []
    for start, end, why in spans:
        if merged and start <= int(merged[-1][1]):
            last = merged[-1]
            if start < int(last[1]) or why == last[2] or "blank line" in (why, last[2]):
                last[1] = max(int(last[1]), end)
                if last[2] == "blank line":
                    last[2] = why
                continue
        merged.append([start, end, why])
    # Text that would end in a newline: that newline belongs to the removal after it (or is blank).
    result = [Removal(int(s), int(e), text[int(s) : int(e)], str(w)) for s, e, w in merged]
    kept_end = _kept_end(text, result)
    if kept_end is not None and kept_end > 0 and text[kept_end - 1] == "\n":
        result = _absorb_newline(text, result, kept_end - 1)
    return result


def _kept_end(text: str, removed: list[Removal]) -> int | None:
    """Offset just after the last character that is kept."""
    end = len(text)
    for r in sorted(removed, key=lambda r: r.start, reverse=True):
        if r.end == end:
            end = r.start
        else:
            break
    return end


def _absorb_newline(text: str, removed: list[Removal], at: int) -> list[Removal]:
    out = []
    absorbed = False
    for r in removed:
        if r.start == at + 1 and not absorbed:
            out.append(Removal(at, r.end, text[at : r.end], r.why))
            absorbed = True
        else:
            out.append(r)
    if not absorbed:
        out.append(Removal(at, at + 1, "\n", "blank line"))
    return sorted(out, key=lambda r: r.start)
