"""What a user can ask of a Word export, and what the export tells them back.

Options mirror Verbatim's own buttons (Shrink, Condense, highlight colour) plus the two export
choices a coach makes (analytics in or out, a read-along copy), so a file from here can be what
the debater would have produced by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from evidence.domain.marks import check_color


@dataclass(frozen=True, slots=True)
class DocxOptions:
    """Choices for one export; the defaults give a plain Verbatim file."""

    #: Verbatim's Shrink: non-underlined, non-highlighted card text at a direct size, so the
    #: words read aloud stand out. Highlighted text is never shrunk: it is what the debater reads.
    shrink: bool = False
    #: Size in points for shrunk text (Verbatim starts at 8 and goes down to 4).
    shrink_pt: float = 8
    #: Verbatim's Condense: a card's paragraphs joined into one.
    condense: bool = False
    #: When condensing, leave "¶ " at 6 pt where each paragraph ended (otherwise a space).
    pilcrows: bool = False
    #: Paint every highlight in this OOXML colour ("yellow", "green", "cyan", …) instead of the
    #: card's own colours: a team's reading colour.
    highlight_color: str | None = None
    include_analytics: bool = True
    #: A read-along copy: only the highlighted words of each card body.
    highlighted_only: bool = False
    #: Draw Verbatim's optional 1 pt box around Emphasis text, for a brief without its own
    #: Emphasis style (an imported brief keeps its file's choice). Off, as Verbatim ships;
    #: the app passes the ``EVIDENCE_EMPHASIS_BOX`` setting.
    emphasis_box: bool = False
    #: Document properties; default to the brief's title and author.
    title: str | None = None
    author: str | None = None
    #: Creation time written to docProps (default: now); fixed in tests for identical bytes.
    created: datetime | None = None

    def __post_init__(self) -> None:
        if self.highlight_color is not None:
            check_color(self.highlight_color)
        if not 1 <= self.shrink_pt <= 72:
            raise ValueError(f"shrink size must be between 1 and 72 pt, got {self.shrink_pt}")


@dataclass(slots=True)
class DocxStats:
    """What went into the file and what was changed or left out, so the caller can say so."""

    pockets: int = 0
    hats: int = 0
    blocks: int = 0
    cards: int = 0
    analytics: int = 0
    #: Analytics left out because ``include_analytics`` was off.
    analytics_dropped: int = 0
    #: Cards written without a cite paragraph because their cite was empty.
    cards_without_cite: int = 0
    #: Characters XML cannot carry (control characters, lone surrogates), removed from the text.
    control_chars_removed: int = 0
    #: In a read-along copy, cards whose body had no highlighted word (only tag and cite kept).
    cards_without_highlight: int = 0
    notes: list[str] = field(default_factory=list)

    def messages(self) -> list[str]:
        """One line per thing the user should know about, in plain words."""
        out: list[str] = []
        if self.control_chars_removed:
            out.append(f"{self.control_chars_removed} control character(s) that Word files cannot contain were removed")
        if self.analytics_dropped:
            out.append(f"{self.analytics_dropped} analytic(s) left out (analytics were excluded)")
        if self.cards_without_cite:
            out.append(f"{self.cards_without_cite} card(s) have no cite, so no cite line was written")
        if self.cards_without_highlight:
            out.append(f"{self.cards_without_highlight} card(s) have no highlighted words; only tag and cite were kept")
        out.extend(self.notes)
        return out
