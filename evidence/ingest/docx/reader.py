"""Reading a Verbatim .docx into a Brief: pockets, hats, blocks, cards and analytics.

The document XML is walked with lxml directly. Each paragraph becomes a role (from its style and
direct outline level) and a list of runs with their resolved marks; a second pass turns that
flat list into Verbatim's outline: a tag followed by a cite paragraph is a card, a tag with no
cite after it is an analytic. Anything that fits neither is reported, never silently dropped.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from evidence.domain.brief import Brief, Heading, Level
from evidence.domain.card import Analytic, Card
from evidence.domain.cite import Cite, last_name, parse_cite_line
from evidence.domain.citeline import parse_line
from evidence.domain.dates import PartialDate, two_digit_year
from evidence.domain.headers import read_answers_to
from evidence.domain.labels import split_tag_label
from evidence.domain.marks import MARK_ORDER, Mark, MarkKind
from evidence.ingest.docx.package import DocxLimits, document_properties, open_docx
from evidence.ingest.docx.styles import (
    W_NS,
    CharRole,
    ParaRole,
    RunProps,
    StyleSheet,
    W,
    fake_tag,
    highlight_value,
    outline_role,
    shading_highlight,
    verbatim_looks,
)
from evidence.ingest.report import ImportReport, IngestError

_P, _R, _T, _TBL, _SDT, _SDT_CONTENT = f"{W}p", f"{W}r", f"{W}t", f"{W}tbl", f"{W}sdt", f"{W}sdtContent"
_PPR, _RPR, _PSTYLE, _RSTYLE, _OUTLINE = f"{W}pPr", f"{W}rPr", f"{W}pStyle", f"{W}rStyle", f"{W}outlineLvl"
_VAL = f"{W}val"
_TAB, _BR, _CR = f"{W}tab", f"{W}br", f"{W}cr"
_NB_HYPHEN = f"{W}noBreakHyphen"
_U, _B, _I, _HIGHLIGHT, _SHD = f"{W}u", f"{W}b", f"{W}i", f"{W}highlight", f"{W}shd"
#: Pictures in a run: DrawingML, VML, embedded objects. Not carried yet; each is reported.
_PICTURES = frozenset({f"{W}drawing", f"{W}pict", f"{W}object"})
_OFF = frozenset({"0", "false", "off", "none"})
#: Inline wrappers whose runs are part of the visible text: hyperlinks, smart tags, accepted
#: insertions, content controls, simple fields, moved-to text. ``w:del`` and ``w:moveFrom`` are
#: deleted text and are deliberately absent.
_INLINE = frozenset(
    f"{W}{name}" for name in ("hyperlink", "smartTag", "ins", "sdt", "sdtContent", "customXml", "fldSimple", "moveTo")
) | frozenset({f"{W}dir", f"{W}bdo"})
_BLOCK_WRAPPERS = frozenset({_SDT, _SDT_CONTENT, f"{W}customXml", f"{W}ins", f"{W}moveTo"})

_LEVELS = {ParaRole.POCKET: Level.POCKET, ParaRole.HAT: Level.HAT, ParaRole.BLOCK: Level.BLOCK}
_SPACES = re.compile(r"\s+")
_BLANK = " \t\u00a0"
_PILCROW = re.compile(r"[ \t\u00a0]*¶[ \t\u00a0]*")
_CITE_HINT = re.compile(r"https?://|www\.|['’‘]\s?\d{2}\b|\b\d{2}\b|\b(?:19|20)\d{2}\b")
_CITE_YEAR = re.compile(r"(?:['’‘]\s?|\b)(\d{4}|\d{2})\b(?!.*\d)")
_YEAR_AFTER = re.compile(r"[\s,]*(?:['’‘]\s?)?(\d{4}|\d{2})\b(?![-/.]\d)")
#: A short cite's name part: a few capitalised words, "and"/"&", "et al." (no digits or brackets).
_SHORT_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|AND|et al\.?)){0,5}")


#: A run's resolved marks: underline, emphasis, highlight colour, cite style, bold, italic.
_Look = tuple[bool, bool, "str | None", bool, bool, bool]


@dataclass(slots=True)
class _Run:
    text: str
    underline: bool
    emphasis: bool
    highlight: str | None
    cite: bool
    bold: bool
    italic: bool = False


@dataclass(slots=True)
class _Para:
    role: ParaRole
    runs: list[_Run]
    index: int
    #: The paragraph mark, with the formatting of a mark that runs on into the next paragraph.
    end: _Run | None = None
    _text: str | None = field(default=None)
    #: Pictures in the paragraph (not carried yet: named in the import report).
    pictures: int = 0

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(r.text for r in self.runs)
        return self._text

    @property
    def line(self) -> str:
        """The paragraph as one line of words (for tags, headings, cites, report notes)."""
        return _SPACES.sub(" ", self.text).strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def read_docx(
    data: bytes | Path, *, limits: DocxLimits | None = None, title: str | None = None
) -> tuple[Brief, ImportReport]:
    """Read a Verbatim .docx into a Brief and a report of what was skipped or guessed.

    Raises :class:`IngestError` with a one-line reason when the file is refused as a whole
    (not a Word file, password-protected, corrupt, too large, a zip bomb, an XML entity trick).
    """
    limits = limits or DocxLimits()
    report = ImportReport(source=data.name if isinstance(data, Path) else (title or ""))
    parts = open_docx(data, limits)
    root = parts.document
    if not isinstance(root.tag, str) or not root.tag.startswith(f"{{{W_NS}}}"):
        raise IngestError(
            "this Word file uses Strict Open XML or an unknown format: save it from Word as Word Document (.docx)"
        )
    body = root.find(f"{W}body")
    if body is None:
        raise IngestError("the Word file is corrupt: word/document.xml has no body")
    sheet = StyleSheet(parts.styles)
    if parts.styles is None:
        report.note("the file has no styles part; roles were read from style ids alone")
    # The file's own title (our exports write it) wins over the name the caller offers (the file's).
    brief_title, author = document_properties(parts.core)
    brief = Brief(title=brief_title or title or "Imported brief", author=author, styles=verbatim_looks(parts.styles))
    with _no_gc():
        looks: dict[tuple, _Look] = {}
        paras: list[_Para] = []
        runs = 0
        for i, p in enumerate(_paragraphs(body, report)):
            # A backstop to package.check_counts, which counted the raw XML before parsing.
            if i >= limits.max_paragraphs:
                raise IngestError(
                    f"this file has more than {limits.max_paragraphs:,} paragraphs of text; "
                    f"the limit is {limits.max_paragraphs:,}"
                )
            para = _read_paragraph(p, sheet, i, looks)
            runs += len(para.runs)
            if runs > limits.max_runs:
                raise IngestError(
                    f"this file has more than {limits.max_runs:,} runs of text; the limit is {limits.max_runs:,}"
                )
            paras.append(para)
        if not any(p.role is ParaRole.TAG or p.role is ParaRole.ANALYTIC for p in paras):
            _fix_fake_tags(paras, list(_paragraphs(body, ImportReport())), sheet, report)
        _Builder(brief, report).build(paras)
    # No storable-text pass here: the XML parser (recover off) refuses a NUL or a surrogate
    # anywhere in a part, so no text read from a Word file can hold one.
    if not any(isinstance(node, Card | Analytic) for _, node in brief.walk()):
        raise IngestError(
            "found no cards in this Word file: no paragraph is in Verbatim's Tag style (Heading 4), "
            "and no bold line followed by a cite reads as a tag; mark the tags (F7 in Verbatim) and import it again"
        )
    return brief, report


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building ~100,000 small acyclic objects.

    Python's collector runs on allocation counts, so a large import triggers it hundreds of
    times for nothing (nothing here forms cycles); that is ~15% of the import's time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Reading paragraphs ----------------------------------------------------------------------------
def _paragraphs(body: etree._Element, report: ImportReport) -> Iterator[etree._Element]:
    """Body paragraphs in order, looking inside content controls and tables."""
    tables = 0
    for child in body:
        tag = child.tag
        if tag == _P:
            yield child
        elif tag == _TBL:
            tables += 1
            yield from child.iter(_P)
        elif tag in _BLOCK_WRAPPERS:
            yield from _paragraphs(child, report)
    if tables:
        report.note(f"read the text of {tables} table(s) as ordinary paragraphs")


def _runs(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent:
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in _INLINE:
            yield from _runs(child)


def _read_paragraph(p: etree._Element, sheet: StyleSheet, index: int, looks: dict[tuple, _Look]) -> _Para:
    """One paragraph: its role and its runs' text and marks.

    This is the hot loop of an import (a 1,000-card brief has ~30,000 runs), so each run's
    ``w:rPr`` is read in one pass and the resolved look is cached per distinct combination of
    paragraph style, run style and direct formatting.
    """
    style_id = None
    outline = None
    mark_rpr = None
    if len(p) and p[0].tag == _PPR:
        for child in p[0]:
            tag = child.tag
            if tag == _PSTYLE:
                style_id = child.get(_VAL)
            elif tag == _OUTLINE:
                try:
                    outline = int(child.get(_VAL, "9"))
                except ValueError:
                    outline = None
            elif tag == _RPR:
                mark_rpr = child
    pstyle = sheet.para(style_id)
    role = pstyle.role
    if outline is not None and role is not ParaRole.ANALYTIC:
        role = outline_role(outline)
    elements: list[etree._Element] = []
    for child in p:  # direct runs inline; descend only into hyperlinks, insertions, …
        tag = child.tag
        if tag == _R:
            elements.append(child)
        elif tag in _INLINE:
            elements.extend(_runs(child))
    runs: list[_Run] = []
    pictures = 0
    plain: tuple = (style_id, None, None, None, None, None, None)  # a run with no w:rPr
    for r in elements:
        parts: list[str] = []
        key = plain
        for child in r:
            tag = child.tag
            if tag == _T:
                if child.text:
                    parts.append(child.text)
            elif tag == _RPR:
                key = _rpr_key(style_id, child)
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NB_HYPHEN:
                parts.append("-")
            elif tag in _PICTURES:
                pictures += 1
        if not parts:
            continue
        look = looks.get(key)
        if look is None:
            look = looks[key] = _look(sheet, *key)
        runs.append(_Run(parts[0] if len(parts) == 1 else "".join(parts), *look))
    # The paragraph mark's own formatting: a mark that ran across this line break in the card.
    end = None
    if mark_rpr is not None:
        key = _rpr_key(style_id, mark_rpr)
        look = looks.get(key)
        if look is None:
            look = looks[key] = _look(sheet, *key)
        end = _Run("\n", *look)
    return _Para(role=role, runs=runs, index=index, end=end, pictures=pictures)


def _rpr_key(style_id: str | None, rpr: etree._Element) -> tuple:
    """The parts of a ``w:rPr`` that decide marks, as a hashable key for the look cache."""
    rstyle = underline = bold = italic = highlight = shade = None
    for prop in rpr:
        ptag = prop.tag
        if ptag == _RSTYLE:
            rstyle = prop.get(_VAL)
        elif ptag == _U:
            underline = prop.get(_VAL, "single") != "none"
        elif ptag == _B:
            bold = prop.get(_VAL) not in _OFF
        elif ptag == _I:
            italic = prop.get(_VAL) not in _OFF
        elif ptag == _HIGHLIGHT:
            highlight = prop.get(_VAL, "none")
        elif ptag == _SHD:
            shade = (prop.get(_VAL), prop.get(f"{W}fill"), prop.get(f"{W}color"))
    return (style_id, rstyle, underline, bold, highlight, shade, italic)


def _look(
    sheet: StyleSheet,
    style_id: str | None,
    rstyle: str | None,
    underline: bool | None,
    bold: bool | None,
    highlight: str | None,
    shade: tuple[str | None, str | None, str | None] | None,
    italic: bool | None = None,
) -> _Look:
    """Resolve a run's marks: direct formatting over the run style chain over the paragraph style."""
    colour: str | None = None
    if highlight is not None:
        colour = highlight_value(highlight)
    elif shade is not None:
        colour = shading_highlight(*shade)
    cstyle = sheet.char(rstyle)
    props = RunProps(underline, bold, colour).over(cstyle.runs).over(sheet.para(style_id).runs)
    is_underlined = bool(props.underline)
    is_bold = bool(props.bold)
    emphasis = is_underlined and (is_bold or cstyle.role is CharRole.EMPHASIS)
    return (
        is_underlined and not emphasis,
        emphasis,
        props.highlight or None,
        cstyle.role is CharRole.CITE,
        is_bold,
        bool(italic),  # direct italic; styles.RunProps does not resolve italic through styles
    )


def _fix_fake_tags(paras: list[_Para], elements: list[etree._Element], sheet: StyleSheet, report: ImportReport) -> None:
    """Classify tags in a file typed without Verbatim's styles (no Tag paragraph anywhere).

    Verbatim's "Fix Fake Tags": a body paragraph all bold and larger than 11 pt is a tag. Files
    typed by hand (a public-forum case) also bold their tags at text size; such a line is a tag
    when a cite follows it (the next non-blank paragraph opens with a bold name and a year).
    Only the role changes: the card shape is then read as in any Verbatim file.
    """
    found = 0
    for k, (para, p) in enumerate(zip(paras, elements, strict=True)):
        if para.role is not ParaRole.BODY or para.blank:
            continue
        bold, larger = fake_tag(p, sheet)
        if not bold:
            continue
        following = next((q for q in paras[k + 1 :] if not q.blank), None)
        if larger or (following is not None and following.role is ParaRole.BODY and _is_cite(following, True)):
            para.role = ParaRole.TAG
            found += 1
    if found:
        report.note(
            f"no paragraph is in Verbatim's Tag style: read {found} bold line(s) as tags,"
            " as Verbatim's Fix Fake Tags does"
        )


# Building the outline --------------------------------------------------------------------------
def _is_cite(para: _Para, first: bool) -> bool:
    """A cite paragraph: one with a Cite-styled run, or (as the first paragraph after a tag) one
    that opens with bold, unhighlighted words and carries a year or a URL, as hand-made cites do."""
    if any(r.cite and r.text.strip() for r in para.runs):
        return True
    if not first:
        return False
    seen = 0
    for run in para.runs:
        if not run.text.strip():
            continue
        if run.bold and not run.highlight:
            return bool(_CITE_HINT.search(para.text[:200]) or "http" in para.text)
        seen += len(run.text)
        if seen > 60:
            break
    return False


def _cite(para: _Para) -> Cite:
    """The cite paragraph as written (its text, run for run as marks: the Cite-styled short
    cite, underline, emphasis, highlight, bold, italic), with the fields parsed from it.

    The fields are read from the text and its marks only, never from how the runs happen to be
    split, so a cite written back run for run reads back with the same fields.
    """
    text, marks = _body([para], cite=True)
    return replace(_cite_fields(_SPACES.sub(" ", text).strip(), _short_of(text, marks)), text=text, marks=tuple(marks))


def _short_of(text: str, marks: list[Mark]) -> str:
    """The Cite-styled words of a cite paragraph, or, when none are styled, the bold words near
    its start (hand-made cites bold the last name and year)."""
    styled = [text[m.start : m.end] for m in sorted(marks) if m.kind is MarkKind.CITE]
    if not styled:
        lit = [(m.start, m.end) for m in marks if m.kind is MarkKind.HIGHLIGHT]
        for m in sorted(marks, key=lambda m: m.start):
            if m.kind is not MarkKind.BOLD or m.start > 120:
                continue
            if any(s < m.end and m.start < e for s, e in lit):
                continue
            styled.append(text[m.start : m.end][: max(0, 40 - len("".join(styled)))])
    return " ".join(" ".join(styled).split())


def _cite_fields(line: str, short: str) -> Cite:
    """Parse the whole cite line, then let the bold short cite ("Matanich 96") settle the
    year and the name when the line parser could not: that is the part debaters read aloud."""
    if short and line.startswith(short) and len(line) > len(short):
        # Our own export (and many cutters) put the short cite first: "Ace 21 Mehmet Ace, 9-16-2021, …".
        # When the rest alone yields the same short cite, it is the full cite.
        rest = parse_line(line[len(short) :].strip(" ,;:–—-"))
        if _squash(rest.short) == _squash(short):
            return rest.to_cite(with_text=False)
    cite = parse_cite_line(line)
    if not short:
        return cite
    year = None
    match = _CITE_YEAR.search(short)
    if match is None and line.startswith(short):
        # "Bazzi, 19 – Mohamad Bazzi, …": the year follows the bold name.
        match = _YEAR_AFTER.match(line, len(short))
    if match:
        year = int(match.group(1))
        if year < 100:
            year = two_digit_year(year)
    if year is not None and 1000 <= year <= 2999:
        if cite.date is None or (cite.date.year is not None and cite.date.year != year):
            cite = replace(cite, date=PartialDate(year))
        elif cite.date.year is None:
            cite = replace(cite, date=cite.date.with_year(year))
    name = _CITE_YEAR.sub("", short).strip(" ,;:–—-'’‘")
    who = cite.short[: -len(cite.date.short_year)].strip() if cite.date and cite.date.year else cite.short
    if name and name.lower() != who.lower() and _SHORT_NAME.fullmatch(name):
        cite = _named(cite, name)
    return cite


def _named(cite: Cite, name: str) -> Cite:
    """Make the cite's short form say ``name`` (the words the debater styled as the cite)."""
    if re.search(r"\bet al\b", name, re.IGNORECASE):
        first = name.split()[0]
        if cite.authors and last_name(cite.authors[0]).lower() == first.lower() and len(cite.authors) > 2:
            return cite
        return replace(cite, authors=(), publication=name)
    names = tuple(n.strip() for n in re.split(r"\s+(?:and|&|AND)\s+", name) if n.strip())
    if len(names) <= 2 and all(len(n.split()) <= 2 for n in names):
        keep = [a for a in cite.authors if last_name(a).lower() in {n.lower() for n in names}]
        return replace(cite, authors=tuple(keep) if len(keep) == len(names) else names)
    return replace(cite, authors=(), publication=name)


_NON_WORD = re.compile(r"\W+")


def _squash(text: str) -> str:
    return _NON_WORD.sub("", text).lower()


def _body(paras: list[_Para], *, cite: bool = False, bold: bool = True) -> tuple[str, list[Mark]]:
    """Card text and marks from body paragraphs joined by "\\n".

    Same result as ``marks.from_segments`` over one segment per run, built in one pass that
    merges touching runs as it goes: per-run Segment objects and a second normalisation cost a
    third of a large import. The Card normalises the marks once more on construction.

    ``bold`` marks direct bold that no style explains (Emphasis and Cite are bold already);
    ``cite`` also records Cite-styled runs (a cite paragraph's short cite).
    """
    parts: list[str] = []
    under: list[list[int]] = []
    emph: list[list[int]] = []
    high: list[list] = []
    rare: dict[MarkKind, list[list[int]]] = {MarkKind.BOLD: [], MarkKind.ITALIC: [], MarkKind.CITE: []}
    bolds, italics, cites = rare[MarkKind.BOLD], rare[MarkKind.ITALIC], rare[MarkKind.CITE]
    pos = 0
    previous: _Para | None = None
    for para in paras:
        runs = _unpilcrow(para.runs) if "¶" in para.text and not cite else para.runs
        if previous is not None:
            runs = [previous.end or _Run("\n", False, False, None, False, False), *runs]
        previous = para
        for run in runs:
            text = run.text
            end = pos + len(text)
            if run.underline or run.emphasis:  # emphasis is underlined too (marks.normalize)
                if under and under[-1][1] == pos:
                    under[-1][1] = end
                else:
                    under.append([pos, end])
            if run.emphasis:
                if emph and emph[-1][1] == pos:
                    emph[-1][1] = end
                else:
                    emph.append([pos, end])
            if run.highlight:
                if high and high[-1][1] == pos and high[-1][2] == run.highlight:
                    high[-1][1] = end
                else:
                    high.append([pos, end, run.highlight])
            if run.italic:
                _extend(italics, pos, end)
            if bold and run.bold and not run.emphasis and not run.cite:
                _extend(bolds, pos, end)
            if cite and run.cite:
                _extend(cites, pos, end)
            parts.append(text)
            pos = end
    marks = [Mark(MarkKind.UNDERLINE, s, e) for s, e in under]
    marks += [Mark(MarkKind.EMPHASIS, s, e) for s, e in emph]
    marks += [Mark(MarkKind.HIGHLIGHT, s, e, c) for s, e, c in high]
    for kind, ranges in rare.items():
        marks += [Mark(kind, s, e) for s, e in ranges]
    # In the order normalize() gives (start, end, kind): built left to right and merged as they
    # go, the marks are then already normal and the Card keeps them without normalising again.
    marks.sort(key=MARK_ORDER)
    return "".join(parts), marks


def _extend(ranges: list[list[int]], start: int, end: int) -> None:
    if ranges and ranges[-1][1] == start:
        ranges[-1][1] = end
    else:
        ranges.append([start, end])


def _tag_marks(para: _Para, offset: int, length: int) -> tuple[Mark, ...]:
    """Marks inside a tag (underline, highlight, italic), moved onto the tag as one line of words
    (``para.line`` from ``offset`` on, past a label lifted off the front, ``length`` long).

    A tag is bold by its style, so underlined words in it read as underline (not emphasis, which
    is underline plus bold in a card body), and bold is no mark here.
    """
    if not any(r.underline or r.emphasis or r.highlight or r.italic for r in para.runs):
        return ()
    runs = [_Run(r.text, r.underline or r.emphasis, False, r.highlight, False, False, r.italic) for r in para.runs]
    raw, marks = _body([_Para(para.role, runs, para.index)], bold=False)
    # The line is the paragraph with whitespace collapsed and trimmed: map each raw offset onto it.
    where: list[int] = []
    pos, pending = 0, False
    for char in raw:
        if char.isspace():
            pending = pos > 0
        elif pending:
            pos += 1
            pending = False
        where.append(pos)
        if not char.isspace():
            pos += 1
    where.append(pos)
    moved = []
    for m in marks:
        start = min(max(where[m.start] - offset, 0), length)
        end = min(max(where[m.end] - offset, 0), length)
        if end > start:
            moved.append(Mark(m.kind, start, end, m.color))
    return tuple(moved)


_EDGE_LINES = re.compile(r"^\s*\n|\n\s*$")


def _marked_text(paras: list[_Para]) -> tuple[str, list[Mark]]:
    """Card text (or notes) from its paragraphs, without blank lines at either end.

    A line break at the very start or end of the text (a ``w:br`` in the first or last
    paragraph) would be a blank paragraph once written back, and those are not part of a card:
    dropping it here is what makes a card read the same after export.
    """
    text, marks = _body(paras)
    if not (text[:1].isspace() or text[-1:].isspace()) or not _EDGE_LINES.search(text):
        return text, marks
    head = _EDGE_LINES.match(text)
    start = head.end() if head else 0
    tail = re.search(r"\n\s*$", text[start:])
    end = start + tail.start() if tail else len(text)
    kept = [
        Mark(m.kind, max(m.start, start) - start, min(m.end, end) - start, m.color)
        for m in marks
        if min(m.end, end) > max(m.start, start)
    ]
    return text[start:end], kept


def _trimmed(paras: list[_Para]) -> list[_Para]:
    """Paragraphs without the blank ones at either end (blank lines inside are part of the text)."""
    start, end = 0, len(paras)
    while start < end and paras[start].blank:
        start += 1
    while end > start and paras[end - 1].blank:
        end -= 1
    return paras[start:end]


def _unpilcrow(runs: list[_Run]) -> list[_Run]:
    """Undo Verbatim's Condense: a "¶" (and the spaces around it) becomes the paragraph break."""
    out: list[_Run] = []
    strip_next = False  # the previous run ended in a pilcrow: drop this run's leading spaces
    for run in runs:
        text = run.text.lstrip(_BLANK) if strip_next else run.text
        if "¶" in text:
            if text.lstrip(_BLANK).startswith("¶") and out:
                out[-1].text = out[-1].text.rstrip(_BLANK)
            strip_next = text.rstrip(_BLANK).endswith("¶")
            text = _PILCROW.sub("\n", text)
        elif text:
            strip_next = False
        if text:
            out.append(_Run(text, run.underline, run.emphasis, run.highlight, run.cite, run.bold))
    return [r for r in out if r.text]


class _Builder:
    def __init__(self, brief: Brief, report: ImportReport) -> None:
        self.brief = brief
        self.report = report
        self.stack: list[Heading] = []
        self.cards = 0
        self.analytics = 0

    @property
    def container(self) -> list:
        return self.stack[-1].children if self.stack else self.brief.children

    def build(self, paras: list[_Para]) -> None:
        i = 0
        while i < len(paras):
            para = paras[i]
            role = para.role
            if role in _LEVELS:
                self._heading(para)
                i += 1
            elif role is ParaRole.TAG or role is ParaRole.ANALYTIC:
                j = i + 1
                while j < len(paras) and paras[j].role is ParaRole.BODY:
                    j += 1
                if role is ParaRole.TAG:
                    self._tag(para, paras[i + 1 : j])
                else:
                    self._analytic(para, paras[i + 1 : j])
                i = j
            else:
                if not para.blank:
                    where = f"under “{self.stack[-1].title}”" if self.stack else "before the first heading"
                    self.report.skip(f"paragraph {para.index + 1} {where} has no tag: “{_clip(para.line)}”")
                i += 1
        self.report.note(f"imported {self.cards} card(s) and {self.analytics} analytic(s)")

    def _heading(self, para: _Para) -> None:
        title = para.line
        if not title:
            return
        level = _LEVELS[para.role]
        while self.stack and self.stack[-1].level.depth >= level.depth:
            self.stack.pop()
        label = speech = None
        if level is Level.BLOCK and (header := read_answers_to(title)):
            label, title, speech = "answers-to", header.title, header.speech
        else:
            label, title = split_tag_label(title)  # "Uniqueness: Russia cooperates now"
        heading = Heading(level=level, title=title, label=label, speech=speech)
        self.container.append(heading)
        self.stack.append(heading)

    def _analytic(self, para: _Para, tail: list[_Para]) -> None:
        lines = [para.line, *(p.line for p in tail if not p.blank)]
        text = "\n".join(line for line in lines if line)
        if not text:
            return
        if len(lines) > 1:
            self.report.note(f"kept {len(lines) - 1} untagged paragraph(s) as part of analytic “{_clip(para.line)}”")
        self.container.append(Analytic(text))
        self.analytics += 1

    def _tag(self, para: _Para, tail: list[_Para]) -> None:
        tag_line = para.line
        filled = [p for p in tail if not p.blank]
        cite_at = next((k for k, p in enumerate(filled) if _is_cite(p, _may_be_hand_cite(filled, k))), None)
        label, tag = split_tag_label(tag_line)
        tag_marks = _tag_marks(para, len(tag_line) - len(tag), len(tag))
        if cite_at is None:
            if any(r.underline or r.emphasis for p in filled for r in p.runs):
                # Underlined text under a tag is cut evidence, cite or not: a card missing its cite.
                # (Highlight alone is how plan texts are marked: those stay analytics.)
                body = _trimmed(tail)
                self._pictures(body, tag)
                text, marks = _marked_text(body)
                self.container.append(Card(tag=tag, text=text, marks=tuple(marks), label=label, tag_marks=tag_marks))
                self.cards += 1
                self.report.note(f"card “{_clip(tag)}” has no cite: add one before reading it")
            elif tag_line or filled:
                self._analytic(para, tail)
            return
        if not tag_line:
            self.report.note(f"card at paragraph {para.index + 1} has an empty tag")
        cite_para = filled[cite_at]
        at = tail.index(cite_para)
        before, body = _trimmed(tail[:at]), _trimmed(tail[at + 1 :])
        self._pictures([*before, cite_para, *body], tag)
        notes, notes_marks = _marked_text(before) if before else ("", [])
        cite = _cite(cite_para)
        text, marks = _marked_text(body)
        if not text:
            self.report.note(f"card “{_clip(tag)}” has a cite but no text")
        self.container.append(
            Card(
                tag=tag,
                text=text,
                cite=cite,
                marks=tuple(marks),
                label=label,
                tag_marks=tag_marks,
                notes=notes,
                notes_marks=tuple(notes_marks),
            )
        )
        self.cards += 1

    def _pictures(self, paras: list[_Para], tag: str) -> None:
        """Pictures are not carried yet: name each one, never lose it silently."""
        for p in paras:
            if p.pictures:
                self.report.skip(
                    f"paragraph {p.index + 1} in card “{_clip(tag)}” has {p.pictures} picture(s), not kept"
                    " (copy them from the original file)"
                )


def _may_be_hand_cite(filled: list[_Para], k: int) -> bool:
    """A hand-typed cite (bold name and year, no Cite style) is the first paragraph after the tag,
    or follows a note or two between tag and cite: short unmarked lines ("<<FOR REFERENCE>>",
    a tag's continuation), never cut text."""
    if k == 0:
        return True
    if k > 2:
        return False
    return all(not any(r.underline or r.emphasis or r.highlight for r in p.runs) for p in filled[:k])


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
