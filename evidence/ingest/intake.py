"""Bring in a new source from whatever the user gave: a file, a URL, rich text or plain text.

The browser's cutting page and any later client share this, so a URL that is a PDF or a paste
of several posts gets the same treatment and the same message everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evidence.domain.source import SourceDoc
from evidence.ingest.article import read_article_file, read_article_html, read_article_text
from evidence.ingest.fetch import FetchPolicy
from evidence.ingest.fetch import fetch as fetch_page
from evidence.ingest.report import IngestError
from evidence.ingest.richpaste import RichText, parse_rich_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")  # fetch() accepts these and text/plain


def _clean_newlines(text: str) -> str:
    """The browser's HTML parser turns CR LF and CR into LF; do it first so offsets agree."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True, slots=True)
class Incoming:
    """What one of the four inputs held: one source per article (a paste can hold several),
    plus the marks when a rich paste carried formatting."""

    docs: list[SourceDoc]
    rich: RichText | None = None


def _ready(docs: list[SourceDoc], title: str = "", url: str | None = None) -> list[SourceDoc]:
    """Normalise line ends (the browser will, and offsets must agree); a user title wins."""
    result = []
    for doc in docs:
        text = _clean_newlines(doc.text)
        removed = doc.removed if text == doc.text else []  # offsets would no longer match
        result.append(
            SourceDoc(
                title=(title if len(docs) == 1 else "") or doc.title,
                text=text,
                cite=doc.cite,
                removed=removed,
                url=doc.url or url,
            )
        )
    return result


def fetch_url(url: str, policy: FetchPolicy | None = None) -> list[SourceDoc]:
    """Fetch a page under the policy (the safe default: public addresses only) and read its
    article; every failure becomes an IngestError the page shows."""
    page = fetch_page(url, policy or FetchPolicy())
    if page.content_type.startswith(_HTML_TYPES):
        return _ready(read_article_html(page.text, url=page.url), url=page.url)
    return _ready(read_article_text(page.text, url=page.url), url=page.url)


def read_upload(filename: str, data: bytes) -> list[SourceDoc]:
    if not filename.lower().endswith((".html", ".htm", ".txt")):
        raise IngestError(f"{filename} is not a .txt or .html file (use the import command for .docx and .pdf)")
    docs, _report = read_article_file(data, name=filename)
    return _ready(docs)


def read_new_source(
    form: dict[str, Any], upload: tuple[str, bytes] | None, fetch: FetchPolicy | None = None
) -> Incoming:
    """Pick whichever input the user filled: a file, a URL, rich HTML, then plain text.

    ``fetch`` is what a URL fetch may do; without one, only public addresses are fetched.
    Blocking (network, parsing): call it from a worker thread, never on the event loop."""
    title = str(form.get("title") or "").strip()
    if upload is not None:
        return Incoming(_ready(read_upload(*upload), title))
    url = str(form.get("url") or "").strip()
    if url:
        return Incoming(_ready(fetch_url(url, fetch), title))
    markup = str(form.get("html") or "")
    if markup.strip():
        # Formatting from Word or a page is evidence already cut: keep the text exactly as
        # pasted (no cleaning), so every mark stays on its words.
        rich = parse_rich_html(markup)
        return Incoming([SourceDoc(title=title or _first_line(rich.text), text=_clean_newlines(rich.text))], rich)
    text = str(form.get("text") or "")
    if text.strip():
        return Incoming(_ready(read_article_text(_clean_newlines(text)), title))
    raise IngestError("nothing to read: paste some text, paste rich text, choose a file or give a URL")


def _first_line(text: str, width: int = 80) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"
