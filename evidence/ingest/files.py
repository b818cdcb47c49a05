"""Pick the reader for a file by what it is, not only by its name.

One entry point for the CLI, the upload page and the API, so a .docx that is really a PDF gets
the same clear message everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from evidence.domain import Brief
from evidence.ingest.brief_json import read_brief_json
from evidence.ingest.report import ImportReport, IngestError

SUPPORTED = (".json",)


@dataclass(slots=True)
class Ingested:
    """What one file became: a brief, or sources (articles), never half of either."""

    name: str
    brief: Brief | None = None
    sources: list[object] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)


def read_file(path: Path, *, max_bytes: int) -> Ingested:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"{path}: cannot read it ({exc.strerror})") from None
    if size > max_bytes:
        raise IngestError(f"{path.name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit")
    return read_bytes(path.name, path.read_bytes())


def read_bytes(name: str, data: bytes) -> Ingested:
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise IngestError(f"{name}: the file is empty")
    if suffix == ".json":
        return Ingested(name=name, brief=read_brief_json(data), report=ImportReport(source=name))
    raise IngestError(f"{name}: cannot import {suffix or 'files without an extension'} files (supported: .json)")
