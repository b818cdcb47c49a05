"""PDFs (law reviews, think-tank reports): text out of pypdf, put back into paragraphs.

A PDF stores lines, not paragraphs: every line ends in a break, words are hyphenated at the
margin, and each page repeats the journal's running header and a page number. A card needs the
author's sentences, so this reader rejoins lines into paragraphs, repairs end-of-line hyphenation,
and drops lines that repeat across pages, noting each kind of removal in the report.

What was dropped is listed in the report rather than as restorable ``removed`` spans: rejoining
lines changes line breaks into spaces, so the cleaned text is not a deletion-only edit of the raw
extraction (which is what ``restore`` requires).
"""

from __future__ import annotations

import re
from collections import Counter

from evidence.domain.cite import Cite
from evidence.domain.dates import PartialDate
from evidence.domain.source import SourceDoc
from evidence.ingest.pdf_extract import extract_bounded
from evidence.ingest.report import ImportReport, IngestError
from evidence.ingest.storable import Cleaner, clean_source

#: The defaults of EVIDENCE_MAX_PDF_PAGES and EVIDENCE_PDF_TIME_LIMIT_SECONDS.
DEFAULT_MAX_PAGES = 500
DEFAULT_TIME_LIMIT = 60.0

_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?[-–]?\s*(?:\d{1,4}|[ivxlcdm]{1,6})\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I
)
_EDGE_LINES = 2  # running headers and footers sit in the first or last two lines of a page
_SENTENCE_END = re.compile(r"[.!?:…][\"”’')\]]*$")
_HYPHEN_END = re.compile(r"([A-Za-zÀ-ÿ]+)-$")
_WORD_START = re.compile(r"^([a-zà-ÿ]+)")


def read_pdf(
    data: bytes,
    *,
    name: str = "",
    max_pages: int = DEFAULT_MAX_PAGES,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> tuple[SourceDoc, ImportReport]:
    """Extract a PDF's text as one cleaned source with a cite from its metadata.

    A PDF of more than ``max_pages`` pages is refused before any text is extracted, and the
    extraction runs in a separate process that may spend at most ``time_limit`` seconds of CPU
    (see :mod:`evidence.ingest.pdf_extract` for why a process and not a check between pages).
    """
    what = name or "the PDF"
    report = ImportReport(source=name)
    if not data.strip():
        raise IngestError(f"{what} is empty")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(f"{what} is not a PDF (it does not start with %PDF)")
    found = extract_bounded(data, what, max_pages, time_limit)
    # Fonts can map a glyph to U+0000: made storable before lines, titles and cites are derived.
    cleaner = Cleaner()
    pages = [cleaner.text(page) for page in found.pages]
    if not any(p.strip() for p in pages):
        raise IngestError(
            f"{what} has no text layer (it looks scanned); run OCR first (for example `ocrmypdf in.pdf out.pdf`) "
            "and import the result"
        )
    empty = [str(k + 1) for k, p in enumerate(pages) if not p.strip()]
    if empty:
        report.note(f"page{'s' if len(empty) > 1 else ''} {', '.join(empty)} had no text (images only?)")

    page_lines = [[line.rstrip() for line in page.split("\n")] for page in pages]
    page_lines = _drop_running_lines(page_lines, report)
    text = _join_paragraphs(page_lines, report)

    title = cleaner.optional(found.title)
    author = cleaner.optional(found.author)
    date = PartialDate(*found.created) if found.created else None
    authors = tuple(a.strip() for a in re.split(r";|\s+and\s+|,\s*(?=[A-Z][a-z]+\s)", author or "") if a.strip())
    cite = Cite(authors=authors, date=date, title=title)
    doc_title = title or _first_line(text)
    doc = clean_source(SourceDoc(title=doc_title, text=text, cite=cite, removed=[], url=None), cleaner)
    cleaner.report_to(report)
    return doc, report


def _drop_running_lines(pages: list[list[str]], report: ImportReport) -> list[list[str]]:
    """Remove page numbers and running headers/footers from the top and bottom of each page.

    Only the outermost lines are candidates, peeled one layer at a time (a header, then a second
    header line under it), and a line counts as running only if it recurs, digits aside, on at
    least half the pages: body text never repeats like that, a journal's name does.
    """
    pages = [_trim(lines) for lines in pages]
    numbers = 0
    running: Counter[str] = Counter()
    for _ in range(_EDGE_LINES):
        for lines in pages:  # page numbers first: they hide the header above or below them
            for at in (0, -1):
                if lines and _PAGE_NUMBER.match(lines[at]):
                    lines.pop(at)
                    lines[:] = _trim(lines)
                    numbers += 1
        if len(pages) < 2:
            break
        threshold = max(2, (len(pages) + 1) // 2)
        for at in (0, -1):
            counts = Counter(_shape(lines[at]) for lines in pages if lines)
            repeated = {k for k, c in counts.items() if c >= threshold}
            for lines in pages:
                if lines and _shape(lines[at]) in repeated:
                    running[" ".join(lines.pop(at).split())] += 1
                    lines[:] = _trim(lines)
    if numbers:
        report.note(f"removed {numbers} page number{'s' if numbers != 1 else ''}")
    for line, count in running.items():
        report.note(f"removed the running header/footer “{line}” ({count}×)")
    return pages


def _trim(lines: list[str]) -> list[str]:
    """The page's lines without blank lines above the first or below the last text line."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return lines[filled[0] : filled[-1] + 1] if filled else []


def _shape(line: str) -> str:
    """A line with its digits blurred, so "Page 3 of 9" on every page counts as one line."""
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _join_paragraphs(pages: list[list[str]], report: ImportReport) -> str:
    """Rejoin lines into paragraphs across pages, repairing hyphenation at line ends."""
    lines = [line for page in pages for line in page]
    words = Counter(w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*", "\n".join(lines)))
    widths = sorted(len(line) for line in lines if line.strip())
    typical = widths[int(len(widths) * 0.9)] if widths else 0

    paragraphs: list[str] = []
    current = ""
    repaired = 0
    previous = ""
    for line in lines:
        stripped = " ".join(line.split())  # layout mode pads justified lines with spaces
        if not stripped:
            if current:
                paragraphs.append(current)
                current = ""
            previous = ""
            continue
        if not current:
            current = stripped
        elif _ends_paragraph(previous, stripped, typical):
            paragraphs.append(current)
            current = stripped
        elif (m := _HYPHEN_END.search(current)) and stripped[:1].isalpha():
            # "inter-" + "national": the margin's hyphen goes; "Ukrainian-" + "American" keeps it
            n = _WORD_START.match(stripped)
            keep = n is None or _keep_hyphen(m.group(1), n.group(1), words)
            current = current[: m.start()] + m.group(1) + ("-" if keep else "") + stripped
            repaired += 0 if keep else 1
        else:
            current = f"{current} {stripped}"
        previous = line
    if current:
        paragraphs.append(current)
    if repaired:
        report.note(f"rejoined {repaired} word{'s' if repaired != 1 else ''} hyphenated at line ends")
    return "\n".join(paragraphs)


def _keep_hyphen(left: str, right: str, words: Counter[str]) -> bool:
    """Whether "inter-" + "national" is one word split by the margin or a real compound.

    The document decides: if it spells the hyphenated form elsewhere ("well-known") the hyphen is
    kept; otherwise it was the typesetter's, and the word is joined.
    """
    hyphenated = f"{left}-{right}".lower()
    return words.get(hyphenated, 0) > 0 and words.get((left + right).lower(), 0) == 0


def _ends_paragraph(previous: str, line: str, typical: int) -> bool:
    """A short line that ends a sentence closes its paragraph; so does an indented next line."""
    prev = previous.strip()
    if not prev:
        return False
    short = typical and len(previous.rstrip()) < 0.75 * typical
    if short and _SENTENCE_END.search(prev):
        return True
    return len(line) - len(line.lstrip()) >= 2 and bool(_SENTENCE_END.search(prev))


def _first_line(text: str) -> str:
    words = text.strip().split("\n", 1)[0].split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
