"""Rich paste: the clipboard's HTML (a web page, or a Verbatim file open in Word) → text + marks.

Debaters often paste evidence that is already cut: Word puts underline, bold-underline and
highlight on the clipboard as HTML, and losing that would mean re-cutting by hand. We read the
HTML with lxml, never keep any of it as markup, and turn the formatting into marks in code points:

- ``<u>``/``<ins>``, ``text-decoration: underline``, Word's ``class=StyleUnderline`` → underline
- underline *and* bold (``<b><u>``, ``font-weight: 700``), Word's ``class=Emphasis`` → emphasis
- ``mso-highlight``, ``background(-color)``, ``<mark>`` → highlight in the nearest OOXML colour

Scripts, styles and other non-text elements are dropped with their contents, so nothing in a
paste is ever executed or stored. Whitespace is collapsed the way a browser lays it out, block
elements become "\\n", and text is NFC-normalised before offsets are counted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree, html

from evidence.domain.marks import HIGHLIGHT_RGB, Mark, Segment, from_segments, nearest_highlight_rgb
from evidence.ingest.report import IngestError
from evidence.ingest.storable import Cleaner

#: Elements dropped with everything inside them: never text, sometimes code.
_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "meta",
    "link",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "select",
    "button",
    "textarea",
    "input",
}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "address",
    "body",
    "html",
}
_UNDERLINE_CLASSES = {"styleunderline", "underline", "underlinechar", "styleunderlinechar"}
_EMPHASIS_CLASSES = {"emphasis", "emphasischar"}

# CSS colour keywords Word and browsers actually write for highlights (Word's mso-highlight uses
# CSS names: lime = bright green, aqua = turquoise, teal, olive, …).
_CSS_NAMES: dict[str, tuple[int, int, int]] = {
    "yellow": (255, 255, 0),
    "lime": (0, 255, 0),
    "aqua": (0, 255, 255),
    "cyan": (0, 255, 255),
    "fuchsia": (255, 0, 255),
    "magenta": (255, 0, 255),
    "blue": (0, 0, 255),
    "red": (255, 0, 0),
    "navy": (0, 0, 128),
    "teal": (0, 128, 128),
    "green": (0, 128, 0),
    "purple": (128, 0, 128),
    "maroon": (128, 0, 0),
    "olive": (128, 128, 0),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "silver": (192, 192, 192),
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "darkcyan": (0, 139, 139),
    "darkblue": (0, 0, 139),
    "darkgreen": (0, 100, 0),
    "darkred": (139, 0, 0),
    "darkmagenta": (139, 0, 139),
    "lightgray": (211, 211, 211),
    "lightgrey": (211, 211, 211),
    "darkgray": (169, 169, 169),
    "darkgrey": (169, 169, 169),
    "orange": (255, 165, 0),
    "pink": (255, 192, 203),
    "lightgreen": (144, 238, 144),
    "lightblue": (173, 216, 230),
    "turquoise": (64, 224, 208),
    "gold": (255, 215, 0),
}
_OOXML_LOWER = {name.lower(): name for name in HIGHLIGHT_RGB}
_HEX = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})\b", re.IGNORECASE)
_RGB = re.compile(r"rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)(?:[\s,/]+([\d.]+%?))?\s*\)", re.IGNORECASE)
_WS = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True, slots=True)
class RichText:
    """What a rich paste yields: the plain text and its marks (code-point offsets), and notes on
    what was changed to make the text storable (NUL characters, broken surrogates)."""

    text: str
    marks: list[Mark] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Style:
    underline: bool = False
    bold: bool = False
    emphasis: bool = False
    highlight: str | None = None


def parse_rich_html(markup: str) -> RichText:
    """Read clipboard HTML into text and marks; raise IngestError when it holds no text."""
    if not markup or not markup.strip():
        raise IngestError("the pasted HTML is empty")
    # Made storable before parsing (lxml refuses NUL characters) and again after, for what
    # character references such as &#0; may produce; marks move with the text.
    cleaner = Cleaner()
    markup = cleaner.text(markup)
    try:
        root = html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"could not read the pasted HTML ({exc})") from None
    out = _Writer()
    _walk(root, _Style(), out, pre=False)
    text, marks = from_segments(out.finish())
    text, marks = cleaner.marked(text, marks)
    if not text.strip():
        raise IngestError("the pasted HTML has no text in it")
    return RichText(text, marks, cleaner.notes())


def nearest_highlight(value: str, *, explicit: bool = False) -> str | None:
    """The OOXML highlight name nearest a CSS colour, or None for no highlight.

    A background that is white, near-white or transparent is the page's, not highlighting, so it
    gives None; so do values we cannot read. ``explicit``: the colour is Word's own highlight
    (``mso-highlight``), where white is a highlight the debater chose, kept as white.
    """
    rgb = _parse_color(value)
    if rgb is None:
        return None
    if min(rgb) >= 0xE0 and not explicit:  # white or nearly: a page or table background
        return None
    return nearest_highlight_rgb(rgb)


def _parse_color(value: str) -> tuple[int, int, int] | None:
    value = value.strip().lower()
    if not value or value in {"transparent", "none", "inherit", "initial", "unset", "auto", "windowtext"}:
        return None
    if m := _RGB.search(value):
        alpha = m.group(4)
        if alpha is not None and not alpha.endswith("%") and float(alpha) == 0:
            return None
        r, g, b = (min(255, int(x)) for x in m.group(1, 2, 3))
        return (r, g, b)
    if m := _HEX.search(value):
        digits = m.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    for token in re.split(r"[\s,]+", value):
        if token in _CSS_NAMES:
            return _CSS_NAMES[token]
        if token in _OOXML_LOWER:  # "darkYellow" and friends, as Word's mso-highlight may say
            return HIGHLIGHT_RGB[_OOXML_LOWER[token]]
    return None


def _declarations(style: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for decl in style.split(";"):
        name, sep, value = decl.partition(":")
        if sep:
            result[name.strip().lower()] = value.strip().lower()
    return result


def _style_of(el: etree._Element, parent: _Style) -> _Style:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.lower()
    underline, bold, emphasis, highlight = parent.underline, parent.bold, parent.emphasis, parent.highlight
    if tag in {"u", "ins"}:
        underline = True
    elif tag in {"b", "strong"}:
        bold = True
    elif tag == "mark":
        highlight = "yellow"
    classes = {c.lower() for c in (el.get("class") or "").split()}
    if classes & _UNDERLINE_CLASSES:
        underline = True
    if classes & _EMPHASIS_CLASSES:
        emphasis = True
    decls = _declarations(el.get("style") or "")
    weight = decls.get("font-weight")
    if weight:
        if weight in {"bold", "bolder"} or (weight.isdigit() and int(weight) >= 600):
            bold = True
        elif weight in {"normal", "lighter"} or (weight.isdigit() and int(weight) < 600):
            bold = False
    for prop in ("text-decoration", "text-decoration-line"):
        if "underline" in decls.get(prop, ""):
            underline = True
    if decls.get("text-underline", "none") not in {"none", ""}:
        underline = True
    if "mso-highlight" in decls:
        highlight = nearest_highlight(decls["mso-highlight"], explicit=True)
    else:
        for prop in ("background-color", "background"):
            if prop in decls:
                color = _parse_color(decls[prop])
                if color is not None:
                    highlight = nearest_highlight(decls[prop])
                break
    return _Style(underline, bold, emphasis, highlight)


class _Writer:
    """Collects styled runs while collapsing whitespace across runs, as a browser lays text out."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, _Style]] = []
        self.at_line_start = True
        self.pending_space: _Style | None = None

    def text(self, value: str, style: _Style, *, pre: bool) -> None:
        value = unicodedata.normalize("NFC", value.replace("\xa0", " "))
        if pre:
            for i, line in enumerate(value.split("\n")):
                if i:
                    self.newline()
                if line:
                    self._emit(line, style)
            return
        value = _WS.sub(" ", value)
        if not value:
            return
        if value.startswith(" "):
            if not self.at_line_start and self.pending_space is None:
                self.pending_space = style
            value = value.lstrip(" ")
        trailing = value.endswith(" ")
        value = value.rstrip(" ")
        if value:
            self._emit(value, style)
        if trailing:
            self.pending_space = style

    def _emit(self, value: str, style: _Style) -> None:
        if self.pending_space is not None and not self.at_line_start:
            # A space between two runs takes the style of the run it came from, so an underline
            # running across "two words" stays unbroken when both sides are underlined.
            self.runs.append((" ", self.pending_space))
        self.pending_space = None
        self.runs.append((value, style))
        self.at_line_start = False

    def newline(self) -> None:
        self.pending_space = None
        if self.runs and not self.at_line_start:
            self.runs.append(("\n", _Style()))
        self.at_line_start = True

    def finish(self) -> list[Segment]:
        runs = self.runs
        while runs and runs[-1][0] == "\n":
            runs.pop()
        return [
            Segment(
                text,
                0,
                0,
                underline=style.underline,
                emphasis=style.emphasis or (style.underline and style.bold),
                highlight=style.highlight,
            )
            for text, style in runs
        ]


def _walk(el: etree._Element, style: _Style, out: _Writer, *, pre: bool) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else None
    if tag is None:  # comments (Word's conditional comments), processing instructions
        return
    if tag in _DROP:
        return
    here = _style_of(el, style)
    is_pre = pre or tag in {"pre", "textarea"}
    if tag in _BLOCKS:
        out.newline()
    if tag == "br":
        out.newline()
    if el.text:
        out.text(el.text, here, pre=is_pre)
    for child in el:
        _walk(child, here, out, pre=is_pre)
        if child.tail:
            out.text(child.tail, here, pre=is_pre)
    if tag in _BLOCKS or tag in {"td", "th"}:
        if tag in {"td", "th"}:
            out.text(" ", here, pre=False)
        else:
            out.newline()
