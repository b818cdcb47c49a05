"""Pick the reader for a file by what it is, not only by its name.

One entry point for the CLI, the upload page and the API, so a .docx that is really a PDF gets
the same clear message everywhere. Readers return domain objects and a report; saving them is the
caller's job, in one transaction per file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from evidence.domain import Brief
from evidence.ingest.article import read_article_file
from evidence.ingest.brief_json import read_brief_json
from evidence.ingest.docx import read_docx
from evidence.ingest.encoding import decode_bytes
from evidence.ingest.pdf import read_pdf
from evidence.ingest.report import ImportReport, IngestError
from evidence.ingest.source import SourceDoc
from evidence.ingest.textbrief import looks_like_brief, read_text_brief

SUPPORTED = (".json", ".docx", ".txt", ".text", ".md", ".html", ".htm", ".pdf")


@dataclass(slots=True)
class Ingested:
    """What one file became: a brief, or sources (articles), never half of either."""

    name: str
    brief: Brief | None = None
    sources: list[SourceDoc] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)


def read_file(path: Path, *, max_bytes: int) -> Ingested:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"{path}: cannot read it ({exc.strerror})") from None
    if path.is_dir():
        raise IngestError(f"{path} is a folder: use files_in() to walk it")
    if size > max_bytes:
        raise IngestError(
            f"{path.name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (EVIDENCE_MAX_UPLOAD_MB)"
        )
    return read_bytes(path.name, path.read_bytes())


def files_in(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` a reader might take, in a stable order; hidden files skipped."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield path


def read_bytes(name: str, data: bytes) -> Ingested:
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise IngestError(f"{name}: the file is empty")
    if suffix == ".json":
        return Ingested(name=name, brief=read_brief_json(data), report=ImportReport(source=name))
    if suffix == ".docx":
        brief, report = read_docx(data, title=Path(name).stem)
        return Ingested(name=name, brief=brief, report=report)
    if suffix == ".pdf":
        doc, report = read_pdf(data, name=name)
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
