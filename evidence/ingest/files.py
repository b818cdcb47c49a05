"""Pick the reader for a file by what it is, not only by its name.

One entry point for the CLI, the upload page and the API, so a .docx that is really a PDF gets
the same clear message everywhere. Readers return domain objects and a report; saving them is the
caller's job, in one transaction per file.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from evidence.domain import Brief, MarkError
from evidence.domain.card import CardLimitError
from evidence.domain.source import SourceDoc
from evidence.domain.text import clean_storable
from evidence.ingest.article import read_article_file
from evidence.ingest.brief_json import read_brief_json
from evidence.ingest.docx import read_docx
from evidence.ingest.encoding import decode_bytes
from evidence.ingest.limits import IngestLimits
from evidence.ingest.pdf import read_pdf
from evidence.ingest.report import ImportReport, IngestError
from evidence.ingest.textbrief import looks_like_brief, read_text_brief
from evidence.settings import MB

SUPPORTED = (".json", ".docx", ".txt", ".text", ".md", ".html", ".htm", ".pdf")


@dataclass(slots=True)
class Ingested:
    """What one file became: a brief, or sources (articles), never half of either."""

    name: str
    brief: Brief | None = None
    sources: list[SourceDoc] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)


def read_file(path: Path, *, max_bytes: int | None = None, limits: IngestLimits | None = None) -> Ingested:
    """Read one file from disk, refusing it by size before reading a byte of it.

    ``max_bytes`` (the older spelling) overrides ``limits.max_file_bytes`` when both are given.
    """
    limits = limits or IngestLimits()
    if max_bytes is not None and max_bytes != limits.max_file_bytes:
        limits = replace(limits, max_file_bytes=max_bytes)
    try:
        info = path.stat()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read it ({exc.strerror})") from None
    if path.is_dir():
        raise IngestError(f"{path} is a folder: use files_in() to walk it")
    if not stat.S_ISREG(info.st_mode):
        # A named pipe or a device would block the import forever, or never end.
        raise IngestError(f"{path}: not a regular file (a pipe, socket or device cannot be imported)")
    _check_size(path.name, info.st_size, limits)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read it ({exc.strerror})") from None
    return read_bytes(path.name, data, limits)


def _check_size(name: str, size: int, limits: IngestLimits) -> None:
    if size > limits.max_file_bytes:
        raise IngestError(
            f"{name}: this file is {size / MB:.1f} MB; the limit is {limits.max_file_bytes / MB:g} MB "
            "(EVIDENCE_MAX_UPLOAD_MB)"
        )


def files_in(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` a reader might take, in a stable order; hidden files skipped."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield path


def read_bytes(name: str, data: bytes, limits: IngestLimits | None = None) -> Ingested:
    """Read one file's bytes with the reader its name calls for, within ``limits``.

    Without ``limits`` the size of ``data`` is not checked here (the caller read it with its own
    cap) and the other limits are the settings' defaults. Every text a reader produces is made
    storable (:mod:`evidence.ingest.storable`), and the report says so when anything changed.
    """
    # A file name with bytes that are not UTF-8 reaches Python as lone surrogates; it titles the
    # brief and labels every message, so it is made storable (and printable) first.
    name, name_notes = clean_storable(name)
    try:
        ingested = _read(name, data, limits)
    except (CardLimitError, MarkError) as exc:  # a card past the domain's limits (a page styled as a tag)
        raise IngestError(f"{name}: {exc}") from None
    for note in name_notes:
        ingested.report.note(f"file name: {note}")
    return ingested


def _read(name: str, data: bytes, limits: IngestLimits | None) -> Ingested:
    suffix = Path(name).suffix.lower()
    if limits is not None:
        _check_size(name, len(data), limits)
    limits = limits or IngestLimits(max_file_bytes=max(len(data), IngestLimits().max_file_bytes))
    if not data.strip():
        raise IngestError(f"{name}: the file is empty")
    if suffix == ".json":
        report = ImportReport(source=name)
        return Ingested(name=name, brief=read_brief_json(data, report=report), report=report)
    if suffix == ".docx":
        brief, report = read_docx(data, title=Path(name).stem, limits=limits.docx())
        return Ingested(name=name, brief=brief, report=report)
    if suffix == ".pdf":
        doc, report = read_pdf(
            data, name=name, max_pages=limits.max_pdf_pages, time_limit=limits.pdf_time_limit_seconds
        )
        return Ingested(name=name, sources=[doc], report=report)
    if suffix in {".html", ".htm"}:
        docs, report = read_article_file(data, name=name)
        return Ingested(name=name, sources=docs, report=report)
    if suffix in {".txt", ".text", ".md"}:
        text, _notes = decode_bytes(data, name=name)
        if looks_like_brief(text):
            brief, report = read_text_brief(text, name=name)
            brief.title = _title(brief, name)
            for note in _notes:
                report.note(f"encoding: {note}")
            return Ingested(name=name, brief=brief, report=report)
        docs, report = read_article_file(data, name=name)
        return Ingested(name=name, sources=docs, report=report)
    supported = ", ".join(SUPPORTED)
    raise IngestError(f"{name}: cannot import {suffix or 'files without an extension'} files (supported: {supported})")


def _title(brief: Brief, name: str) -> str:
    """A brief is named for what it answers ("Russia won't cooperate…"), else for its file."""
    from evidence.domain import Heading

    first = next((n for n in brief.children if isinstance(n, Heading)), None)
    return first.title if first is not None else Path(name).stem
