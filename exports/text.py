"""Plain-text export: the outline and whole cards (tag, cite, full text), or what is read aloud.

A debater pastes this into a chat, an email or a flow, or keeps it as a plain copy of the file: so
by default every card comes whole (its tag, its cite as written, its full text, paragraphs
kept), since a card cut to its highlighted words is no longer the evidence. With
``highlighted_only`` each card's body is only the highlighted words (the words actually read),
with " … " where unread text was skipped: the same "what is read" rule feeds the Word
read-along copy.
"""

from __future__ import annotations

from collections.abc import Iterable

from evidence.domain.brief import Brief, Heading, Level, Node
from evidence.domain.card import Analytic, Card
from evidence.domain.headers import heading_title
from evidence.domain.labels import display_label
from evidence.domain.marks import Mark, Segment, segments

ELLIPSIS = " … "
_HEADING_MARK = {Level.POCKET: "# ", Level.HAT: "## ", Level.BLOCK: "### "}


def highlighted_stretches(text: str, marks: Iterable[Mark]) -> list[list[list[Segment]]]:
    """Per body paragraph, the stretches of text that are read aloud.

    A stretch is a run of highlighted segments; unhighlighted gaps made only of whitespace stay
    inside it (debaters highlight word by word and leave the spaces bare), any other gap ends it.
    Segments are split at paragraph breaks, so a stretch never spans two paragraphs.
    """
    paragraphs: list[list[list[Segment]]] = [[]]
    current: list[Segment] = []
    gap: list[Segment] = []

    def close() -> None:
        nonlocal current, gap
        if current:
            paragraphs[-1].append(current)
        current, gap = [], []

    for seg in segments(text, marks):
        pos = seg.start
        for i, line in enumerate(seg.text.split("\n")):
            if i:
                close()
                paragraphs.append([])
                pos += 1
            if line:
                piece = Segment(line, pos, pos + len(line), seg.underline, seg.emphasis, seg.highlight)
                if seg.highlight:
                    if current and gap:
                        current.extend(gap)
                    gap = []
                    current.append(piece)
                elif line.strip() == "" and current:
                    gap.append(piece)
                else:
                    close()
            pos += len(line)
    close()
    return paragraphs


def read_aloud(card: Card) -> str:
    """The highlighted words of a card on one line, " … " where text was skipped."""
    pieces = [
        "".join(s.text for s in stretch).strip()
        for para in highlighted_stretches(card.text, card.marks)
        for stretch in para
    ]
    return ELLIPSIS.join(p for p in pieces if p)


def cite_line(card: Card) -> str:
    """The cite as the debater wrote it when it has text; else "Ace 21 Mehmet Ace, 9-16-2021,
    “Title”, URL": the short cite, then the full one."""
    written = getattr(card.cite, "text", None)  # the cite's own text (issue 10), when it has one
    if written:
        return " ".join(written.split())
    short, full = card.cite.short, card.cite.full
    return f"{short} {full}".strip() if short else full


def tag_line(card: Card) -> str:
    return f"{display_label(card.label)}: {card.tag}" if card.label else card.tag


def write_text(brief: Brief, highlighted_only: bool = False) -> str:
    """The brief as plain text with whole cards; ``highlighted_only=True`` gives each card's
    read-aloud words instead of its full text."""
    blocks: list[str] = []
    if brief.title:
        blocks.append(brief.title)
    _nodes(brief.children, blocks, highlighted_only)
    return "\n\n".join(blocks) + "\n"


def _nodes(nodes: Iterable[Node], blocks: list[str], highlighted_only: bool) -> None:
    for node in nodes:
        if isinstance(node, Heading):
            blocks.append(_HEADING_MARK[node.level] + heading_title(node))
            _nodes(node.children, blocks, highlighted_only)
        elif isinstance(node, Analytic):
            blocks.append(f"Analytic: {node.text}")
        elif isinstance(node, Card):
            lines = [tag_line(node)]
            if cite := cite_line(node):
                lines.append(cite)
            body = read_aloud(node) if highlighted_only else node.text
            if body:
                lines.append(body)
            blocks.append("\n".join(lines))
