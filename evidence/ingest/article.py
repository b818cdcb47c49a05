"""Articles: pasted or saved web text (or HTML) turned into cleaned sources with suggested cites.

A paste is often several articles at once: a blog's front page copied whole, where each post ends
with "Source: URL" and a "Share:" row. Each post becomes its own source with its own URL, because
a card must cite the article its words came from, not the page that listed it.

HTML goes through trafilatura, which finds the article in the page and reads its metadata (title,
author, date, site name). Markup is never executed and never kept: only the extracted text and
metadata reach the source.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import trafilatura

from evidence.domain.cite import Cite
from evidence.domain.dates import PartialDate
from evidence.domain.source import SourceDoc, delete_spans
from evidence.ingest.cleaning import SOURCE_LINE, clean_article, parse_dateline
from evidence.ingest.encoding import decode_bytes, repair_text
from evidence.ingest.report import ImportReport, IngestError
from evidence.ingest.storable import Cleaner, clean_source

_SHARE = re.compile(r"^\s*share(?: this)?(?: article| story| post)?\s*:?\s*$", re.IGNORECASE)
_HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)


def read_article_text(text: str, *, url: str | None = None) -> list[SourceDoc]:
    """Clean pasted article text into one source per article it contains.

    ``url`` is where the text came from; a post's own "Source: URL" line overrides it. Removal
    offsets are relative to each post's slice of ``text``.
    """
    if not text.strip():
        raise IngestError("the article text is empty")
    docs = []
    for piece in split_posts(text):
        doc = _clean(piece, url=url)
        if doc.text.strip():
            docs.append(doc)
    if not docs:
        raise IngestError("the article has no text left after removing page clutter")
    return docs


def read_article_html(html: str, *, url: str | None = None, report: ImportReport | None = None) -> list[SourceDoc]:
    """Extract the article from a web page and clean it; metadata pre-fills each cite.

    A page is a file, not what a person typed, so text no database can store (a NUL, a lone
    surrogate) is cleaned out of it before it is parsed, and noted in ``report`` when one is given.
    """
    if not html.strip():
        raise IngestError("the page is empty")
    cleaner = Cleaner()
    html = cleaner.text(html)
    docs = _read_html(html, url=url)
    docs = [clean_source(doc, cleaner) for doc in docs]  # metadata, page URL: belt and braces
    if report is not None:
        cleaner.report_to(report)
    return docs


def _read_html(html: str, *, url: str | None) -> list[SourceDoc]:
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            favor_recall=True,
        )
    except Exception as exc:  # trafilatura surfaces lxml parser errors of many kinds
        raise IngestError(f"the page could not be read as HTML ({exc})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise IngestError("no article text was found in the page")
    meta_date = _iso_date(getattr(doc, "date", None))
    page_url = url or getattr(doc, "url", None)
    docs = read_article_text(text, url=page_url)
    if len(docs) == 1:  # page metadata describes the page's one article, not each post of a list
        only = docs[0]
        cite = only.cite
        title = (getattr(doc, "title", None) or "").strip() or only.title
        site = (getattr(doc, "sitename", None) or "").strip() or None
        authors = _meta_authors(getattr(doc, "author", None), title=title, site=site)
        cite = Cite(
            authors=cite.authors or tuple(authors),
            date=cite.date or meta_date,
            title=title or cite.title,
            publication=site or cite.publication or _site_from_url(cite.url or page_url),
            url=cite.url or page_url,
        )
        docs = [SourceDoc(title=title or only.title, text=only.text, cite=cite, removed=only.removed, url=cite.url)]
    return docs


def read_article_file(data: bytes, *, name: str = "", url: str | None = None) -> tuple[list[SourceDoc], ImportReport]:
    """Read a saved .txt or .html article: decode, repair, extract, clean, and report each step."""
    report = ImportReport(source=name)
    text, notes = decode_bytes(data, name=name or "the file")
    repaired, repairs = repair_text(text)
    for note in [*notes, *repairs]:
        report.note(f"encoding: {note}")
    is_html = name.lower().endswith((".html", ".htm")) or (not name and _HTML_SNIFF.search(repaired[:2000]))
    if is_html:
        docs = read_article_html(repaired, url=url, report=report)
    else:
        # Cleaned before cleaning offsets are counted, so every removal points at the right words.
        cleaner = Cleaner()
        docs = [clean_source(doc, cleaner) for doc in read_article_text(cleaner.text(repaired), url=url)]
        cleaner.report_to(report)
    if len(docs) > 1:
        report.note(f"split into {len(docs)} articles (each ended with its own source link)")
    for doc in docs:
        for removal in doc.removed:
            if removal.why != "blank line":
                report.note(f"“{_short(doc.title)}”: removed {removal.why} “{_short(removal.text, 80)}”")
    return docs, report


def split_posts(text: str) -> list[str]:
    """Cut a paste of several posts after each post's "Source: URL" line (and its "Share:" row).

    Without source lines, a "Share:" row that is followed by more text ends a post instead. The
    pieces concatenate back to ``text`` exactly, so nothing can be lost in the split.
    """
    lines = text.split("\n")
    enders = [i for i, line in enumerate(lines) if SOURCE_LINE.match(line)]
    if not enders:
        enders = [i for i, line in enumerate(lines) if _SHARE.match(line)]
    cuts: list[int] = []  # line indexes where a new post starts
    for i in enders:
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or _SHARE.match(lines[j])):
            j += 1
        if j < len(lines) and (not cuts or cuts[-1] < j):
            cuts.append(j)
    pieces: list[str] = []
    start = 0
    for cut in [*cuts, len(lines)]:
        if cut > start:
            pieces.append("\n".join(lines[start:cut]) + ("\n" if cut < len(lines) else ""))
        start = cut
    return pieces


def _clean(text: str, *, url: str | None) -> SourceDoc:
    cleaned = clean_article(text)
    body = delete_spans(text, cleaned.removed)
    source_url = cleaned.url or url
    title = cleaned.title or _first_words(body)
    title_key = _key(cleaned.title or "")
    cite = Cite(
        # A byline that is really the headline is not an author (the short cite would read the title).
        authors=tuple(a for a in cleaned.authors if _key(a) != title_key),
        date=cleaned.date,
        title=cleaned.title,
        publication=_site_from_url(source_url),
        url=source_url,
    )
    return SourceDoc(title=title, text=body, cite=cite, removed=cleaned.removed, url=source_url)


def _meta_authors(value: object, *, title: str | None, site: str | None) -> list[str]:
    """The page's author metadata as names. Pages put odd things there: the headline, the site
    name, "By Jane Roe | Staff", a list joined by ";" or "and". Only what reads as a person's or a
    desk's name is kept, so the short cite never becomes the title."""
    if not isinstance(value, str):
        return []
    names: list[str] = []
    for part in re.split(r";|,|\s+and\s+|\s*&\s*|\|", value):
        name = re.sub(r"^\s*by\s+", "", part, flags=re.IGNORECASE).strip(" .")
        if not name or len(name.split()) > 5 or re.search(r"\d|https?:|@|www\.", name):
            continue
        key = _key(name)
        if key in {_key(title or ""), _key(site or "")} or (title and key in _key(title) and len(name.split()) > 2):
            continue
        if name not in names:
            names.append(name)
    return names


def _site_from_url(url: str | None) -> str | None:
    """ "themoscowtimes.com" for a page with no site name: a publication, never the title."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host or None


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _iso_date(value: object) -> PartialDate | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return PartialDate.from_iso(value[:10])
    except ValueError:
        return parse_dateline(value)


def _first_words(text: str, words: int = 10) -> str:
    first = text.strip().split("\n", 1)[0].split()
    return " ".join(first[:words]) + ("…" if len(first) > words else "")


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
