"""Briefs for the export tests, built by hand from the seed brief's real text.

They are built here rather than read with the plain-text importer so that a change in that
reader cannot change what the writer tests check.
"""

from __future__ import annotations

from pathlib import Path

from evidence.domain.brief import Brief, Heading, Level
from evidence.domain.card import Analytic, Card
from evidence.domain.cite import Cite
from evidence.domain.dates import PartialDate
from evidence.domain.marks import Mark, MarkKind

_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
if not _SEEDS.is_dir():
    _SEEDS = Path("/work/shared/seeds")
SEED_LINES = [
    line for line in (_SEEDS / "answers-to-russia-syria.txt").read_text(encoding="utf-8").split("\n") if line.strip()
]


def seed_paragraph(opening: str) -> str:
    """The seed brief's body paragraph that starts with ``opening``."""
    return next(line for line in SEED_LINES if line.startswith(opening))


def span(text: str, phrase: str, kind: MarkKind, color: str | None = None) -> Mark:
    start = text.index(phrase)
    return Mark(kind, start, start + len(phrase), color)


U, E, H = MarkKind.UNDERLINE, MarkKind.EMPHASIS, MarkKind.HIGHLIGHT

ACE_URL = "https://www.dailysabah.com/opinion/columns/is-putin-prepping-the-ground-for-another-attack-on-idlib"


def ace_card() -> Card:
    """The seed's "Non-unique" card, cut the way a debater would: underlined claims, one
    emphasised phrase, highlighting in two colours, and a second paragraph."""
    first = seed_paragraph("The crisis in Idlib")
    sentences = first.split(". ")
    text = ". ".join(sentences[:3]) + ".\n" + ". ".join(sentences[3:6]) + "."
    marks = [
        span(text, "harbingers have begun to emerge indicating that this 1.5-year-old calm may be about to end", U),
        span(text, "harbingers have begun to emerge", H, "cyan"),
        span(text, "calm may be about to end", H, "cyan"),
        span(text, "about to end", E),
        span(text, "Russian airstrikes in the region have intensified", U),
        span(text, "Russian airstrikes", H, "yellow"),
        span(text, "intensified", H, "yellow"),
    ]
    cite = Cite(
        authors=("Mehmet Ace",),
        qualifications="columnist",
        date=PartialDate(2021, 9, 16),
        title="Is Putin prepping the ground for another attack on Idlib after Assad’s visit?",
        publication="Daily Sabah",
        url=ACE_URL,
    )
    return Card(tag="Russian aggression in Syria now", text=text, cite=cite, marks=tuple(marks), label="non-unique")


def tass_card() -> Card:
    text = seed_paragraph("Highlight: The United States").removeprefix("Highlight: ")
    marks = [
        span(text, "still keeps on table the option of de-facto dividing Syria", U),
        span(text, "de-facto dividing Syria", H, "green"),
        span(text, "Russia is opposing such plans", E),
        span(text, "Russia is opposing", H, "green"),
    ]
    cite = Cite(publication="TASS", date=PartialDate(2021, 9, 15))
    return Card(tag="Russia opposes current US efforts to divide Syria", text=text, cite=cite, marks=tuple(marks))


def thai_card() -> Card:
    text = seed_paragraph("Russian Deputy Foreign Minister Sergei Ryabkov warned")
    marks = [
        span(text, "continued presence of American troops", U),
        span(text, "presence", H, "yellow"),
        span(text, "American troops", H, "yellow"),
        span(text, "de facto partition of the country", E),
        span(text, "de facto partition", H, "yellow"),
    ]
    cite = Cite(
        publication="Thai News Service",
        date=PartialDate(2021, 9, 16),
        title="United States/Syria/Russia: Presence of US Troops in Eastern Syria Is ‘De Facto Partition’",
    )
    return Card(tag="Russia opposes the US in Syria now", text=text, cite=cite, marks=tuple(marks))


def seed_brief() -> Brief:
    """Pocket > hat > answers-to block with three seed cards and an analytic."""
    block = Heading(
        Level.BLOCK,
        "Russia Won’t Cooperate on Syria if the US puts pressure on Russia",
        [ace_card(), Analytic("Their cooperation evidence predates the Dara’a collapse."), tass_card(), thai_card()],
        label="answers-to",
    )
    hat = Heading(Level.HAT, "Russia Cooperation", [block])
    pocket = Heading(Level.POCKET, "Negative vs Syria Aff", [hat])
    return Brief(title="AT: Russia Won’t Cooperate", children=[pocket], author="Coach Rivera")
