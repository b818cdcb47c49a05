"""Text every database can store: the one rule for NUL characters and lone surrogates.

PostgreSQL refuses a NUL character in a text column, and neither database can encode a lone
UTF-16 surrogate (what a broken emoji from a JavaScript string or a bad ``\\ud83d`` escape in JSON
becomes in Python) as UTF-8. SQLite would store a NUL, so without one rule a library made on a
laptop could fail to restore on the team's server. Input from a person or a client (the API,
forms) is refused with the reason; text a reader pulled out of a file is cleaned with
:func:`clean_storable` and the cleaning is reported.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def storable_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored as it is, in words a user can act on; None when it can."""
    if "\x00" in text:
        return "contains a NUL character (\\u0000), which cannot be stored; remove it"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone UTF-16 surrogate (a broken character), which cannot be stored; remove it"
    return None


def clean_storable(text: str) -> tuple[str, list[str]]:
    """``text`` with NUL characters dropped and lone surrogates replaced by U+FFFD, and one note
    per kind of change (empty when nothing changed). Lengths change only where NULs go."""
    notes: list[str] = []
    if "\x00" in text:
        count = text.count("\x00")
        text = text.replace("\x00", "")
        notes.append(f"removed {count} NUL character(s), which cannot be stored")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text, count = _SURROGATE.subn("\ufffd", text)
        notes.append(f"replaced {count} broken character(s) (lone surrogates) with \ufffd")
    return text, notes


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection of ``text`` clamped to it, its ends in order, without the whitespace at its
    edges: what a debater means by "this passage" when the drag caught a space or a line end
    (an empty span, start == end, when the selection held no words)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end < start:
        start, end = end, start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
