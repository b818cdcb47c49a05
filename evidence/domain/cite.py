"""Cites: the cite as the debater wrote it, the short form read aloud ("Ace 21"), the fields
parsed from it, and a parser for the cite lines debaters paste.

A cite is evidence: the paragraph a debater wrote (``text``, with its own ``marks``) is kept and
written back as it was; the fields (authors, date, title, …) are metadata derived from it for
search and display. The short form is the words in Verbatim's Cite style when the cite has
text; a short given explicitly (in JSON) is kept as given; otherwise it is derived from the
fields every time rather than stored and left to drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from evidence.domain import marks as mk
from evidence.domain.dates import PartialDate
from evidence.domain.marks import Mark, MarkKind

_URL = re.compile(r"https?://\S+|www\.\S+")
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "esq", "esq."}
# Words that make a name an organisation, not a person: "Thai News Service", "Press TV".
_ORG_WORDS = {
    "news",
    "service",
    "services",
    "tv",
    "media",
    "press",
    "times",
    "post",
    "journal",
    "agency",
    "institute",
    "institution",
    "foundation",
    "council",
    "center",
    "centre",
    "university",
    "group",
    "office",
    "department",
    "ministry",
    "committee",
    "commission",
    "association",
    "review",
    "network",
    "radio",
    "daily",
    "weekly",
    "herald",
    "tribune",
    "gazette",
    "telegraph",
    "guardian",
    "reuters",
    "associated",
    "report",
    "reports",
    "magazine",
    "wire",
    "staff",
    "editorial",
    "board",
    "bank",
    "fund",
    "organization",
    "organisation",
    "program",
    "project",
    "bureau",
    "corporation",
    "inc",
    "inc.",
    "llc",
    "ltd",
    "company",
    "co.",
    "the",
    "of",
    "for",
    "on",
    "international",
    "global",
    "world",
    "national",
    "federal",
    "government",
    "congressional",
    "research",
    "cnn",
    "bbc",
    "npr",
    "pbs",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "al",
    "jazeera",
    "rt",
    "sana",
    "tass",
    "fna",
    "monitor",
    "observer",
    "economist",
    "atlantic",
    "hill",
    "politico",
    "axios",
    "vox",
    "insider",
}


@dataclass(frozen=True, slots=True)
class Cite:
    authors: tuple[str, ...] = ()
    qualifications: str | None = None
    date: PartialDate | None = None
    title: str | None = None
    publication: str | None = None
    url: str | None = None
    accessed: PartialDate | None = None
    cutter: str | None = None
    #: The cite paragraph exactly as written (None: a cite known only by its fields).
    text: str | None = None
    #: Marks over ``text``: ``cite`` (the short cite), underline, emphasis, highlight, bold, italic.
    marks: tuple[Mark, ...] = ()
    #: A short cite someone gave explicitly (brief JSON, the API): kept as given.
    given_short: str | None = None

    def __post_init__(self) -> None:
        if self.marks:
            if self.text is None:
                raise ValueError("cite marks need the cite text they mark")
            object.__setattr__(self, "marks", tuple(mk.validate(self.marks, len(self.text))))

    @property
    def short(self) -> str:
        """The short cite: as given, else the Cite-styled words of the text, else from the fields."""
        if self.given_short is not None:
            return self.given_short
        if self.text is not None and (styled := self.styled_short):
            return styled
        return self.derived_short

    @property
    def styled_short(self) -> str:
        """The words of ``text`` in the Cite style, stretches joined by a space ("Sabrosky ’88")."""
        if self.text is None:
            return ""
        words = [self.text[m.start : m.end] for m in self.marks if m.kind is MarkKind.CITE]
        return " ".join(" ".join(words).split())

    @property
    def derived_short(self) -> str:
        """ "Ace 21", "Ace and Choi 21", "Ace et al. 21", or the publication when no author."""
        names = [last_name(a) for a in self.authors if a.strip()]
        if len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        elif names:
            who = f"{names[0]} et al."
        else:
            who = self.publication or _clip_title(self.title or "")
        if self.date is None:
            return f"{who} ND" if who else ""  # debaters mark an undated card "ND"
        return f"{who} {self.date.short_year}".strip()

    def with_generated_text(self) -> Cite:
        """A cite built from fields gets its text once: the short cite (Cite style), then the
        full cite. From then on it is text like any other."""
        if self.text is not None:
            return self
        short, full = self.short, self.full
        if not short and not full:
            return self
        if not short:
            return replace(self, text=full)
        text = f"{short} {full}" if full else short
        return replace(self, text=text, marks=(Mark(MarkKind.CITE, 0, len(short)),))

    @property
    def full(self) -> str:
        """The full cite as it follows the short cite in a card's cite paragraph."""
        parts: list[str] = []
        if self.authors:
            parts.append(_join_names(self.authors))
        elif self.publication:
            parts.append(self.publication)
        if self.qualifications:
            parts.append(self.qualifications)
        if self.date:
            parts.append(self.date.debate_format())
        if self.title:
            parts.append(f"“{self.title}”")
        if self.publication and self.authors:
            parts.append(self.publication)
        if self.url:
            parts.append(self.url)
        if self.accessed:
            parts.append(f"accessed {self.accessed.debate_format()}")
        text = ", ".join(parts)
        if self.cutter:
            text += f" //{self.cutter}"
        return text

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "short": self.short,
            "authors": list(self.authors),
            "qualifications": self.qualifications,
            "date": self.date.iso if self.date else None,
            "title": self.title,
            "publication": self.publication,
            "url": self.url,
            "accessed": self.accessed.iso if self.accessed else None,
            "cutter": self.cutter,
        }
        if self.text is not None:
            data["text"] = self.text
            data["marks"] = [m.to_json() for m in self.marks]
        return data

    @classmethod
    def from_json(cls, data: object) -> Cite:
        """Read the cite object of DESIGN §4 (with the ``text``/``marks`` extension).

        A ``short`` that differs from what the cite would show anyway is kept as given; one that
        agrees is not pinned, so editing the fields or the text later still updates it.
        """
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError(f"cite must be an object, got {type(data).__name__}")
        authors = data.get("authors") or []
        if isinstance(authors, str):
            authors = [authors]
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise ValueError("cite.authors must be a list of names")

        def text(key: str) -> str | None:
            value = data.get(key)
            if value is None or value == "":
                return None
            if not isinstance(value, str):
                raise ValueError(f"cite.{key} must be text, got {type(value).__name__}")
            return value

        def when(key: str) -> PartialDate | None:
            value = text(key)
            if value is None:
                return None
            try:
                return PartialDate.from_iso(value)
            except ValueError as exc:
                raise ValueError(f"cite.{key}: {exc}") from None

        written = data.get("text")
        if written is not None and not isinstance(written, str):
            raise ValueError(f"cite.text must be text, got {type(written).__name__}")
        raw_marks = data.get("marks") or []
        if not isinstance(raw_marks, list):
            raise ValueError("cite.marks must be a list")
        marks: list[Mark] = []
        for i, raw in enumerate(raw_marks):
            try:
                mark = Mark.from_json(raw)
            except mk.MarkError as exc:
                raise ValueError(f"cite.marks[{i}]: {exc}") from None
            if written is None or not 0 <= mark.start <= mark.end <= len(written):
                size = len(written) if written is not None else 0
                raise ValueError(
                    f"cite.marks[{i}]: {mark.kind.value} {mark.start}–{mark.end} is outside the cite text (0–{size})"
                )
            marks.append(mark)
        cite = cls(
            authors=tuple(authors),
            qualifications=text("qualifications"),
            date=when("date"),
            title=text("title"),
            publication=text("publication"),
            url=text("url"),
            accessed=when("accessed"),
            cutter=text("cutter"),
            text=written,
            marks=tuple(marks),
        )
        short = data.get("short")
        if isinstance(short, str) and short.strip() and short != cite.short:
            cite = replace(cite, given_short=short)
        return cite

    def with_year(self, year: int) -> Cite:
        if self.date is None or self.date.year is not None:
            return self
        return replace(self, date=self.date.with_year(year))


def _clip_title(title: str, words: int = 4) -> str:
    """A title standing in for a missing author is cut short: the short cite is read aloud."""
    parts = title.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + "…"


def last_name(name: str) -> str:
    words = name.strip().rstrip(",").split()
    if not words:
        return ""
    if "," in name:  # "Ace, Mehmet"
        return name.split(",", 1)[0].strip()
    if looks_like_organisation(name):
        return name.strip()
    while len(words) > 1 and words[-1].lower().strip(",") in _SUFFIXES:
        words.pop()
    return words[-1]


def _join_names(names: tuple[str, ...]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def looks_like_organisation(name: str) -> bool:
    """Tell "Thai News Service" and "TASS" from "Mehmet Ace": cites put either first."""
    words = name.strip().split()
    if not words:
        return False
    if len(words) == 1:
        return (name.isupper() and len(name) > 1) or words[0].lower() in _ORG_WORDS
    if len(words) > 4:
        return True
    return any(w.lower().strip(".,") in _ORG_WORDS for w in words)


def parse_cite_line(line: str, *, year_hint: int | None = None) -> Cite:
    """Read a cite line into its fields (metadata: the line itself stays the cite's text).

    The reading lives in ``citeline`` (short cite in front, "Kofman '16 (Michael, …", brackets,
    one-digit years, several authors, field-only lines like the seed brief's); this returns the
    fields only, so callers that keep the written paragraph attach it themselves.
    """
    from evidence.domain.citeline import parse_line

    return parse_line(line, year_hint=year_hint).to_cite(with_text=False)
