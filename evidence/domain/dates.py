"""Dates as debaters write them in cites, which are often partial ("9-1, ,", "September 2021").

A cite's date keeps exactly the precision it was given: a year, a month, a day, or a month and
day whose year must come from the neighbouring cards. dateutil does the reading; this module
only decides which fields the writer actually supplied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
#: "sep", "sept", "september": every month name cut to three letters or more, as cites abbreviate.
_MONTH_PREFIXES = frozenset(m.lower()[:k] for m in MONTHS for k in range(3, len(m) + 1))

# dateutil fills fields the text lacks from a default; parsing against two different defaults
# shows which fields were really there.
_DEFAULT_A = datetime(1, 1, 1)
_DEFAULT_B = datetime(2, 2, 2)
_MONTH_NAME = re.compile(r"[A-Za-z]{3,}")
# "9 -16 September 2021": a month-day prefix restated by the words after it.
_RESTATED = re.compile(r"^\s*\d{1,2}\s*-\s*(\d{1,2})\s+([A-Za-z]+\.?,?\s+\d{2,4})\s*$")
_DIGITS = re.compile(r"\d")
_DASH = re.compile(r"\s*-\s*")
_TRAILING = re.compile(r"[,\s]+$")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int | None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and self.month is None:
            raise ValueError("a date needs at least a year or a month")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1–12")
        if self.day is not None:
            date(self.year or 2000, self.month or 1, self.day)  # raises on 30 February

    @property
    def iso(self) -> str:
        """ISO 8601 at the precision given; ``--09-01`` when the year is unknown."""
        if self.year is None:
            return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        match = re.fullmatch(r"(\d{4}|-)(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
        if not match:
            raise ValueError(f"not an ISO date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = match.groups()
        return cls(
            None if year == "-" else int(year),
            int(month) if month else None,
            int(day) if day else None,
        )

    def with_year(self, year: int) -> PartialDate:
        return PartialDate(year, self.month, self.day)

    @property
    def short_year(self) -> str:
        return f"{self.year % 100:02d}" if self.year is not None else ""

    def debate_format(self) -> str:
        """The form cites use: 9-16-2021, September 2021, 2021, or 9-1 with no year."""
        if self.month and self.day:
            return f"{self.month}-{self.day}" + (f"-{self.year}" if self.year else "")
        if self.month:
            return MONTHS[self.month - 1] + (f" {self.year}" if self.year else "")
        return str(self.year)


def two_digit_year(value: int) -> int:
    """ "21" is 2021 and "98" is 1998: 20xx up to ten years ahead of today, else 19xx.

    Evidence is never from the future, but a cite written this year may name next year's
    forecast; ten years ahead is the pivot every reader of a cite's year uses (dateutil alone
    allows fifty)."""
    return value + (2000 if value <= date.today().year % 100 + 10 else 1900)


def parse_date(text: str, *, year_hint: int | None = None) -> PartialDate | None:
    """Read one date as written in a cite, or None when the text is not a date.

    Two-digit years are read as 20xx up to ten years ahead of today, else 19xx (dateutil alone allows fifty).
    ``year_hint`` fills a missing year ("9-1, ,") when the context knows it.
    """
    cleaned = text.strip().strip(",.;").strip()
    if not cleaned or not _DIGITS.search(cleaned):
        return None
    if restated := _RESTATED.match(cleaned):
        cleaned = f"{restated.group(1)} {restated.group(2)}"
    cleaned = _TRAILING.sub("", _DASH.sub("-", cleaned))
    year: int | None
    month: int | None
    day: int | None
    if numeric := _NUMERIC.fullmatch(cleaned):
        # "9-16-2021", "9/16/21": the form of most cites, read without the general parser (which
        # costs ~30 µs a date, a quarter of a 1,000-card Word import).
        month, day, year_text = (int(numeric.group(1)), int(numeric.group(2)), numeric.group(3))
        year = int(year_text)
        if len(year_text) == 2:
            year = two_digit_year(year)
        try:
            return PartialDate(year, month, day)
        except ValueError:
            pass  # 16-9-2021 and friends: let dateutil have a go
    words = _MONTH_NAME.findall(cleaned)
    if words and not all(_is_month_word(w) for w in words):
        return None  # "Page 4", "Vol 12": digits, but not a date
    try:
        a = dateutil_parser.parse(cleaned, default=_DEFAULT_A)
        b = dateutil_parser.parse(cleaned, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        return None
    if a.hour or a.minute or a.second:
        return None  # dateutil read part of it as a time: not a cite date
    year = a.year if a.year == b.year else None
    if year is not None and year > date.today().year + 10 and str(year) not in cleaned:
        year -= 100  # dateutil reads "70" as 2070 (fifty years ahead); evidence is not from the future
    month = a.month if a.month == b.month else None
    day = a.day if a.day == b.day else None
    if year is None and month is None:
        return None
    if year is None and year_hint is not None:
        year = year_hint
    if year is not None and not 1000 <= year <= 2999:
        return None
    try:
        return PartialDate(year, month, day if month else None)
    except ValueError:
        return None


def _is_month_word(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in _MONTH_PREFIXES
