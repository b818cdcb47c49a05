"""The domain: cards, marks, cites, briefs and read time, in pure Python.

Nothing here imports the web, the database or a file format, so every rule a debater relies on
(what F9 does, how "Ace 21" is formed, how long a block takes to read) is tested in isolation and
shared by the browser, the Word writer and the importers.
"""

from evidence.domain.brief import Brief, Heading, Level, Node, OutlineError
from evidence.domain.card import Analytic, Card
from evidence.domain.cite import Cite, parse_cite_line
from evidence.domain.dates import PartialDate, parse_date
from evidence.domain.marks import HIGHLIGHT_COLORS, Mark, MarkError, MarkKind, Segment

__all__ = [
    "HIGHLIGHT_COLORS",
    "Analytic",
    "Brief",
    "Card",
    "Cite",
    "Heading",
    "Level",
    "Mark",
    "MarkError",
    "MarkKind",
    "Node",
    "OutlineError",
    "PartialDate",
    "Segment",
    "parse_cite_line",
    "parse_date",
]
