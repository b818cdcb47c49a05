"""Card bodies and source texts as safe HTML, in Verbatim's look.

Every stretch of text becomes one ``<span data-s="N">`` where ``N`` is the code-point offset of
its first character. The editor's script turns a browser selection (counted in UTF-16 units) into
code-point offsets by adding the offset *within* one span to that span's ``data-s``, so an emoji
or a right-to-left word earlier in the card can never shift a mark onto the wrong words. The
container keeps ``white-space: pre-wrap``, so the page's text is exactly the card's text, "\\n"
between paragraphs included.

All text goes through ``markupsafe.escape``: a card body is never markup, whatever it contains.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from evidence.domain.marks import HIGHLIGHT_COLORS, Mark, Segment, segments

#: Class names the stylesheet knows: ``u`` underline, ``em`` emphasis (bold underline, implies
#: underline), ``hl-<ooxml colour>`` highlight.
UNDERLINE_CLASS = "u"
EMPHASIS_CLASS = "em"
#: The source's own bold and italic, kept from a Word file so the card looks as it was cut.
BOLD_CLASS = "b"
ITALIC_CLASS = "i"
HIGHLIGHT_PREFIX = "hl-"

# A source can be a 2 MB paste: one span per line keeps the DOM small enough to select in,
# while still giving every text node a known starting offset.
_SOURCE_CHUNK = 2_000


def segment_classes(seg: Segment) -> str:
    """The CSS classes for one styled stretch, in a fixed order (tests and CSS rely on it)."""
    classes: list[str] = []
    if seg.emphasis:
        classes.append(EMPHASIS_CLASS)
    elif seg.underline:
        classes.append(UNDERLINE_CLASS)
    if seg.bold and not seg.emphasis:
        classes.append(BOLD_CLASS)
    if seg.italic:
        classes.append(ITALIC_CLASS)
    if seg.highlight and seg.highlight in HIGHLIGHT_COLORS:
        classes.append(HIGHLIGHT_PREFIX + seg.highlight)
    return " ".join(classes)


def render_body(text: str, marks: Iterable[Mark]) -> Markup:
    """The card body: one span per run of unchanging formatting, escaped, with its offset."""
    parts: list[str] = []
    for seg in segments(text, marks):
        cls = segment_classes(seg)
        attr = f' class="{cls}"' if cls else ""
        parts.append(f'<span data-s="{seg.start}"{attr}>{escape(seg.text)}</span>')
    return Markup("".join(parts))


def render_plain(text: str) -> Markup:
    """A source text with no marks, split into spans at line ends (or every few thousand code
    points in a long line) so selection offsets stay cheap to compute on a huge paste."""
    parts: list[str] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        for i in range(0, len(line), _SOURCE_CHUNK):
            piece = line[i : i + _SOURCE_CHUNK]
            parts.append(f'<span data-s="{pos}">{escape(piece)}</span>')
            pos += len(piece)
    return Markup("".join(parts))
