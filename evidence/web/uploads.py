"""Upload: one or many files in, one brief (or source) per file out, each in its own transaction.

The upload page and the JSON API both import through here, so a file gets the same result and
the same report whichever way it came. A bad file never stops the others and never leaves half
a brief behind: it is read completely before anything is written, and its save is one
transaction that rolls back on any error. Every file gets a result with the reader's report
(what was skipped, guessed or repaired, and why).
"""

from __future__ import annotations

from fastapi import Request, UploadFile
from starlette.concurrency import run_in_threadpool

from evidence.domain.text import clean_storable
from evidence.ingest.files import read_bytes
from evidence.ingest.limits import IngestLimits
from evidence.ingest.report import IngestError
from evidence.settings import MB
from evidence.store.db import session_scope
from evidence.store.errors import Invalid
from evidence.store.imports import save
from evidence.web.api.schemas import FileResult, ImportReport, ImportResults

_CHUNK = 1 << 20


async def read_limited(upload: UploadFile, max_bytes: int) -> bytes:
    """The upload's bytes, refusing it as soon as it passes the limit (never all 200 MB in memory)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(
                f"{upload.filename}: the file is over the {max_bytes / MB:.0f} MB limit (EVIDENCE_MAX_UPLOAD_MB)"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def import_one(request: Request, name: str, data: bytes) -> FileResult:
    """Read then save one file; any failure becomes this file's error, with nothing written.

    Blocking (parsing a Word file or a PDF takes seconds): call it in a worker thread."""
    try:
        ingested = read_bytes(name, data, limits=IngestLimits.from_settings(request.app.state.settings))
    except IngestError as exc:
        return FileResult(name=name, ok=False, error=str(exc))
    report = ImportReport.model_validate(ingested.report.to_json())
    try:
        with session_scope(request.app.state.engine) as session:
            saved = save(session, ingested.brief, ingested.sources)
            title = ingested.brief.title if ingested.brief is not None else None
    except (Invalid, ValueError) as exc:
        return FileResult(name=name, ok=False, error=str(exc), report=report)
    if saved.brief_id is not None:
        return FileResult(
            name=name,
            ok=True,
            kind="brief",
            brief_id=saved.brief_id,
            title=title,
            url=f"/briefs/{saved.brief_id}",
            cards=saved.cards,
            report=report,
        )
    first = saved.source_ids[0] if saved.source_ids else None
    return FileResult(
        name=name,
        ok=True,
        kind="sources",
        source_ids=saved.source_ids,
        title=f"{len(saved.source_ids)} source(s)",
        url=f"/sources/{first}" if first is not None else None,
        report=report,
    )


async def import_uploads(request: Request, files: list[UploadFile]) -> ImportResults:
    """Import every file, each its own transaction; the results say what each became."""
    max_bytes = request.app.state.settings.max_upload_bytes
    results: list[FileResult] = []
    for upload in files:
        # A file name is the client's text too: one a database cannot store is cleaned, not echoed.
        name = clean_storable(upload.filename or "upload")[0] or "upload"
        try:
            data = await read_limited(upload, max_bytes)
        except IngestError as exc:
            results.append(FileResult(name=name, ok=False, error=str(exc)))
            continue
        # Reading, parsing and saving run in a worker thread: the server keeps answering meanwhile.
        results.append(await run_in_threadpool(import_one, request, name, data))
    ok = sum(1 for r in results if r.ok)
    return ImportResults(imported=ok, failed=len(results) - ok, files=results)
