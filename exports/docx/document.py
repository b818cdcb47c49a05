"""The document part: a brief's outline and cards as Verbatim-shaped paragraphs.

This is the hot path of the export (a 1,000-card brief is about 20,000 runs), so each run and
paragraph is a copy of a prepared element (one C call, instead of four or five ``SubElement``
calls from Python) and the paragraphs are written out in chunks: a chunk of
paragraphs is serialised inside a throw-away ``w:body`` that declares the namespaces once, and
only its inside is streamed to the zip entry. Memory stays flat however long the brief is, and the
XML reads exactly as if the whole tree had been serialised at once.

Shape of a card (DESIGN §2): a ``Heading4`` tag paragraph (its own marks, if any, as runs); the
paragraphs a file had between tag and cite (``notes``), in place; one ``Normal`` cite paragraph
written back run for run from the cite's text and marks (the Cite-marked words in
``Style13ptBold``); a cite known only by its fields gets its text generated once, the short cite
in ``Style13ptBold`` followed by the full cite. Then one paragraph per line of the card text, blank
lines included. Each marks segment is exactly one ``w:r``: underline → ``StyleUnderline``,
emphasis → ``Emphasis`` (which underlines, as emphasis implies underline), highlight → direct
``w:highlight``, bold → direct ``w:b``, italic → direct ``w:i``. When a paragraph break falls inside
a mark, the paragraph mark carries that formatting too (``w:pPr/w:rPr``), as Word does when a user
underlines across lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from lxml import etree

from evidence.domain import marks as mk
from evidence.domain.brief import Brief, Heading, Level, Node
from evidence.domain.card import Analytic, Card
from evidence.domain.headers import heading_title
from evidence.domain.labels import display_label
from evidence.domain.marks import Segment
from exports.docx import styles as st
from exports.docx.options import DocxOptions, DocxStats
from exports.docx.xml import FORBIDDEN, NSMAP, VAL, XML_SPACE, w
from exports.text import highlighted_stretches

_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE = w("p"), w("pPr"), w("pStyle"), w("r"), w("rPr"), w("rStyle")
_T, _TAB, _SZ, _SZCS, _HL = w("t"), w("tab"), w("sz"), w("szCs"), w("highlight")
_B, _I, _U, _BR = w("b"), w("i"), w("u"), w("br")
#: Direct run properties beyond style, highlight and size, in the order ``w:rPr`` wants them.
_BOLD, _NOT_BOLD, _ITALIC, _UNDERLINED = "b", "b0", "i", "u"
_PRESERVE = {XML_SPACE: "preserve"}
_CHUNK = 400  # paragraphs serialised at a time
_ELLIPSIS = " … "
_PILCROW = "¶ "
_PILCROW_SIZE = "12"  # 6 pt


class _Out:
    """Paragraphs collected into a namespaced body and flushed to the stream in chunks."""

    def __init__(self, stream: IO[bytes], holder: etree._Element) -> None:
        self.stream = stream
        self.holder = holder
        self.body = etree.Element(w("body"), nsmap=NSMAP)
        self.count = 0
        self.templates: dict[str | None, etree._Element] = {}

    def paragraph(self, style: str | None = None) -> etree._Element:
        template = self.templates.get(style)
        if template is None:
            template = self.templates[style] = _template_paragraph(self.holder, style)
        # __copy__ directly: copy.copy() costs half as much again per call, on every paragraph
        # and run of an export; types-lxml leaves the method out.
        p = template.__copy__()  # type: ignore[attr-defined]
        self.body.append(p)
        self.count += 1
        if len(self.body) >= _CHUNK:
            # The paragraph just made may still be filled in: flush what came before it.
            self.flush(keep_last=True)
        return p

    def flush(self, keep_last: bool = False) -> None:
        last = self.body[-1] if keep_last and len(self.body) else None
        if last is not None:
            self.body.remove(last)
        if len(self.body):
            data = etree.tostring(self.body, encoding="UTF-8")
            # Drop the <w:body …> and </w:body> wrapper; what is left is the paragraphs.
            self.stream.write(memoryview(data)[data.index(b">") + 1 : -len(b"</w:body>")])
        self.body = etree.Element(w("body"), nsmap=NSMAP)
        if last is not None:
            self.body.append(last)


# Templates live under a namespaced holder so that their copies serialise with the plain ``w:``
# prefix. Each writer has its own holder: nothing is shared between concurrent exports, and
# nothing accumulates in a long-running server.
def _holder() -> etree._Element:
    return etree.Element(w("body"), nsmap=NSMAP)


def _template_paragraph(holder: etree._Element, style: str | None) -> etree._Element:
    p = etree.SubElement(holder, _P)
    if style is not None:
        etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE, {VAL: style})
    return p


def _template_run(
    holder: etree._Element, style: str | None, highlight: str | None, size: str | None, direct: tuple[str, ...] = ()
) -> etree._Element:
    """A run with its properties and an empty ``w:t``, to be copied and filled."""
    p = etree.SubElement(holder, _P)
    r = etree.SubElement(p, _R)
    if style or highlight or size or direct:
        _fill_rpr(etree.SubElement(r, _RPR), style, highlight, size, direct)
    etree.SubElement(r, _T, _PRESERVE)
    return r


def _fill_rpr(
    rpr: etree._Element, style: str | None, highlight: str | None, size: str | None, direct: tuple[str, ...]
) -> None:
    if style:
        etree.SubElement(rpr, _RSTYLE, {VAL: style})
    if _BOLD in direct:
        etree.SubElement(rpr, _B)
    elif _NOT_BOLD in direct:
        etree.SubElement(rpr, _B, {VAL: "0"})
    if _ITALIC in direct:
        etree.SubElement(rpr, _I)
    if size:
        etree.SubElement(rpr, _SZ, {VAL: size})
        etree.SubElement(rpr, _SZCS, {VAL: size})
    if highlight:
        etree.SubElement(rpr, _HL, {VAL: highlight})
    if _UNDERLINED in direct:
        etree.SubElement(rpr, _U, {VAL: "single"})


def _look(seg: Segment, underline_direct: tuple[str, ...] = ()) -> tuple[str | None, tuple[str, ...]]:
    """A segment's run style and direct properties, chosen so the reader gets the same marks back.

    The reader takes underlined bold words for emphasis, so an underlined cite word is Cite plus
    a direct underline and bold (emphasis) or "not bold" (plain underline); ``underline_direct``
    is "not bold" when the brief's own Underline style is bold. Bold outside Emphasis and Cite is
    direct bold.
    """
    if seg.cite:
        style: str | None = st.CITE
        direct: tuple[str, ...] = ()
        if seg.underlined:
            direct = (_UNDERLINED, _BOLD) if seg.emphasis else (_UNDERLINED, _NOT_BOLD)
    else:
        style = st.EMPHASIS if seg.emphasis else st.UNDERLINE if seg.underline else None
        direct = (_BOLD,) if seg.bold else underline_direct if style == st.UNDERLINE else ()
    if seg.italic:
        direct += (_ITALIC,)
    return style, direct


class DocumentWriter:
    """Writes ``word/document.xml`` for one brief with one set of options."""

    def __init__(self, options: DocxOptions, stats: DocxStats) -> None:
        self.options = options
        self.stats = stats
        self.shrink_size = str(round(options.shrink_pt * 2)) if options.shrink else None
        self.override = options.highlight_color
        self.holder = _holder()
        self.run_templates: dict[tuple[str | None, str | None, str | None, tuple[str, ...]], etree._Element] = {}
        #: Direct properties every plain underline run needs (set per brief, from its own styles).
        self.underline_direct: tuple[str, ...] = ()

    # Public ---------------------------------------------------------------------------------
    def write(self, brief: Brief, stream: IO[bytes]) -> None:
        # A team whose Underline style is bold: plain underline says "not bold" on each run, or
        # it would read back as emphasis (underlined and bold).
        self.underline_direct = (_NOT_BOLD,) if (brief.styles or {}).get("underline", {}).get("bold") else ()
        stream.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
        stream.write(f'<w:document xmlns:w="{NSMAP["w"]}" xmlns:r="{NSMAP["r"]}"><w:body>'.encode())
        out = _Out(stream, self.holder)
        self._nodes(brief.children, out)
        if out.count == 0:
            out.paragraph()  # an empty brief still gets the one paragraph Word expects
        out.flush()
        stream.write(SECTION)
        stream.write(b"</w:body></w:document>")

    # Outline --------------------------------------------------------------------------------
    def _nodes(self, nodes: Iterable[Node], out: _Out) -> None:
        for node in nodes:
            if isinstance(node, Card):
                self._card(node, out)
            elif isinstance(node, Analytic):
                self._analytic(node, out)
            elif isinstance(node, Heading):
                self._heading(node, out)
                self._nodes(node.children, out)

    def _heading(self, heading: Heading, out: _Out) -> None:
        style = st.HEADING_FOR_DEPTH[heading.level.depth]
        if heading.level is Level.POCKET:
            self.stats.pockets += 1
        elif heading.level is Level.HAT:
            self.stats.hats += 1
        else:
            self.stats.blocks += 1
        self._run(out.paragraph(style), self._safe(heading_title(heading)))

    def _analytic(self, analytic: Analytic, out: _Out) -> None:
        if not self.options.include_analytics:
            self.stats.analytics_dropped += 1
            return
        self.stats.analytics += 1
        # An analytic of several lines is one Analytic paragraph and the rest as card text under
        # it, which is how files hold one (and how they read back as one analytic).
        first, *rest = analytic.text.split("\n")
        self._run(out.paragraph(st.ANALYTIC), self._safe(first))
        for line in rest:
            self._run(out.paragraph(), self._safe(line))

    def _card(self, card: Card, out: _Out) -> None:
        self.stats.cards += 1
        tag = card.tag
        if card.label:
            tag = f"{display_label(card.label)}: {tag}"
        p = out.paragraph(st.TAG)
        if card.tag_marks:
            if tag != card.tag:
                self._run(p, self._safe(tag[: len(tag) - len(card.tag)]))
            self._inline(p, mk.segments(card.tag, card.tag_marks))
        else:
            self._run(p, self._safe(tag))

        if card.notes:
            self._body(mk.segments(card.notes, card.notes_marks), out, FORBIDDEN.search(card.notes) is not None)

        cite = card.cite
        short = full = ""
        if not cite.text:
            short, full = self._safe(cite.short), self._safe(cite.full)
        if cite.text:
            self._inline(out.paragraph(), mk.segments(cite.text, cite.marks))
        elif short or full:
            # A cite known only by its fields: its text generated, as Cite.with_generated_text
            # makes it (the short cite in the Cite style, then the full cite), written directly.
            p = out.paragraph()
            if short:
                self._run(p, short, st.CITE)
            if full:
                self._run(p, f" {full}" if short else full)
        else:
            self.stats.cards_without_cite += 1

        if not card.text:
            return
        dirty = FORBIDDEN.search(card.text) is not None
        if self.options.highlighted_only:
            self._read_along(card, out, dirty)
        else:
            self._body(card.segments(), out, dirty)

    # Card body ------------------------------------------------------------------------------
    def _inline(self, p: etree._Element, segs: list[Segment]) -> None:
        """One paragraph (a tag, a cite) run for run; a line break inside it is a ``w:br``."""
        for seg in segs:
            text = self._safe(seg.text)
            if not text:
                continue
            style, direct = _look(seg, self.underline_direct)
            for i, line in enumerate(text.split("\n")):
                if i:
                    r = self._run(p, "", style, seg.highlight, None, direct)
                    r.remove(r[-1])
                    etree.SubElement(r, _BR)
                if line:
                    self._run(p, line, style, seg.highlight, None, direct)

    def _body(self, segs: list[Segment], out: _Out, dirty: bool) -> None:
        condense = self.options.condense
        p = out.paragraph()
        for seg in segs:
            text = seg.text
            if dirty:
                text = self._clean(text)
            if "\n" not in text:
                if text:
                    self._segment(p, seg, text)
                continue
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if line:
                    self._segment(p, seg, line)
                if i == len(lines) - 1:
                    break
                if condense:
                    self._separator(p)
                else:
                    self._mark_paragraph_end(p, seg)
                    p = out.paragraph()

    def _read_along(self, card: Card, out: _Out, dirty: bool) -> None:
        paragraphs = highlighted_stretches(card.text, card.marks)
        if not any(paragraphs):
            self.stats.cards_without_highlight += 1
            return
        p: etree._Element | None = None
        for stretches in paragraphs:
            if not stretches:
                continue
            if p is None or not self.options.condense:
                p = out.paragraph()
            elif len(p):
                self._separator(p)
            for i, stretch in enumerate(stretches):
                if i:
                    self._run(p, _ELLIPSIS)
                for seg in stretch:
                    text = self._clean(seg.text) if dirty else seg.text
                    if text:
                        self._segment(p, seg, text)

    def _segment(self, p: etree._Element, seg: Segment, text: str) -> None:
        style = st.EMPHASIS if seg.emphasis else st.UNDERLINE if seg.underline else None
        highlight = (self.override or seg.highlight) if seg.highlight else None
        size = self.shrink_size if style is None and highlight is None else None
        if seg.bold or seg.italic or seg.cite or (self.underline_direct and style == st.UNDERLINE):
            style, direct = _look(seg, self.underline_direct)
            self._run(p, text, style, highlight, size, direct)
        else:
            self._run(p, text, style, highlight, size)

    def _separator(self, p: etree._Element) -> None:
        if self.options.pilcrows:
            self._run(p, _PILCROW, size=_PILCROW_SIZE)
        else:
            self._run(p, " ")

    def _mark_paragraph_end(self, p: etree._Element, seg: Segment) -> None:
        """Give the paragraph mark the formatting of the mark that runs across it."""
        style, direct = _look(seg, self.underline_direct)
        highlight = (self.override or seg.highlight) if seg.highlight else None
        if style is None and highlight is None and not direct:
            return
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
        _fill_rpr(etree.SubElement(ppr, _RPR), style, highlight, None, direct)

    # Runs -----------------------------------------------------------------------------------
    def _safe(self, text: str) -> str:
        """Text from outside the card body (titles, tags, cites), cleaned only when it needs it."""
        return self._clean(text) if FORBIDDEN.search(text) is not None else text

    def _clean(self, text: str) -> str:
        cleaned, removed = FORBIDDEN.subn("", text)
        self.stats.control_chars_removed += removed
        return cleaned

    def _run(
        self,
        p: etree._Element,
        text: str,
        style: str | None = None,
        highlight: str | None = None,
        size: str | None = None,
        direct: tuple[str, ...] = (),
    ) -> etree._Element:
        key = (style, highlight, size, direct)
        template = self.run_templates.get(key)
        if template is None:
            template = self.run_templates[key] = _template_run(self.holder, style, highlight, size, direct)
        r = template.__copy__()  # type: ignore[attr-defined]  # see paragraph()
        if "\t" in text:
            # A tab is its own element in a run: w:t, w:tab, w:t, … (still one run).
            r.remove(r[-1])
            for i, piece in enumerate(text.split("\t")):
                if i:
                    etree.SubElement(r, _TAB)
                if piece:
                    etree.SubElement(r, _T, _PRESERVE).text = piece
        else:
            r[-1].text = text
        p.append(r)
        return r


# US Letter, 1-inch margins: what Word and Verbatim start from.
SECTION = (
    b'<w:sectPr><w:pgSz w:w="12240" w:h="15840"/>'
    b'<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
    b'<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
)
