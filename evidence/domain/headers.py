"""How a block heading reads as debaters type it: "AT: X", "A2: X", "2AC---AT: X".

One grammar for every reader (plain-text briefs, Word files) and one form for every writer
(Word, plain text, the pages), so a heading read from one comes back from the other as typed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from evidence.domain.brief import Heading
from evidence.domain.labels import display_label

# "Answers to: X", "AT: X", "A2: X", "A/2 X", "A-2: X", "2AC---AT: X", "2NC - A2: X", "1AR AT X".
_HEADER = re.compile(
    r"""^\s*
    (?:(?P<speech>[12]?[AN][CR]|[12]AR|[12]NR)\s*(?:[-–—:]+\s*|\s))?
    (?P<kw>answers?\s+to|AT|A2|A/2|A-2)\b
    \s*(?:[:\-–—]+\s*|\s)\s*
    (?P<title>\S.*?)\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_KW_ANY_CASE = re.compile(r"answers?\s+to", re.IGNORECASE)


class AnswersTo(NamedTuple):
    title: str  # what is answered: "Russia won't cooperate"
    speech: str | None  # the speech the block is for, upper-case ("2AC"), if the header names one


def read_answers_to(line: str) -> AnswersTo | None:
    """The block an "answers to" header opens, or None when the line is not one.

    "AT" and "A2" count only in capitals ("At the same time" is a sentence, not a header);
    "Answers to" in any case.
    """
    match = _HEADER.match(line)
    if match is None:
        return None
    kw = match.group("kw")
    if not (_KW_ANY_CASE.fullmatch(kw) or kw.isupper() or kw in {"A/2", "A-2"}):
        return None
    speech = match.group("speech")
    return AnswersTo(match.group("title").strip(), speech.upper() if speech else None)


def heading_title(heading: Heading) -> str:
    """The heading as a debater would type it: "AT: X" for an answers-to block, "Uniqueness: X"
    for another label (Word has no labels, so the title carries it), the speech in front
    ("2AC---AT: X") when the block belongs to one."""
    title = heading.title
    if heading.label == "answers-to":
        if read_answers_to(title) is None:
            title = f"AT: {title}"
    elif heading.label:
        shown = display_label(heading.label)
        if not title.lower().startswith(shown.lower()):
            title = f"{shown}: {title}"
    if heading.speech and not title.upper().startswith(heading.speech.upper()):
        title = f"{heading.speech}---{title}"
    return title
