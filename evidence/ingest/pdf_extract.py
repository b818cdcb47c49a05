"""Text out of a PDF with pypdf, in a process of its own that cannot outlive its time limit.

Checking the clock between pages is not enough: pypdf can spend minutes inside *one*
``extract_text`` call (a 6 KB file whose single page is a few million tiny text operations does
it), and a Python thread cannot be stopped from outside. So :func:`extract_bounded` runs the
extraction in a child Python process (``python -m evidence.ingest.pdf_extract``):

- the child checks its CPU time between pages and stops with the page it reached;
- the kernel ends the child (``RLIMIT_CPU``, a second after the limit) when one page runs past it;
- the parent kills the child when wall-clock time runs far past the limit (a starved machine).

The child reports each page it starts, so every refusal says where it stopped. A subprocess, not
``multiprocessing``: that would re-import the caller's main script in the child (breaking any
script without a ``__main__`` guard), and forking the web server, which runs threads, is unsafe.
The child imports only pypdf and this module, so it starts in a fraction of a second.
"""

from __future__ import annotations

import io
import json
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from evidence.ingest.report import IngestError

if TYPE_CHECKING:  # pypdf itself is imported in the child process only
    from pypdf import DocumentInformation, PageObject


@dataclass(slots=True)
class Extracted:
    """What the extraction sends back: page texts and the metadata the cite needs."""

    pages: list[str]
    title: str | None = None
    author: str | None = None
    #: (year, month, day) of the PDF's creation date.
    created: tuple[int, int, int] | None = None


def too_slow(what: str, limit: float, page: int | None = None, count: int | None = None) -> str:
    where = f" (stopped on page {page + 1} of {count:,})" if page is not None and count else ""
    return (
        f"{what} takes more than {limit:g} s of CPU to read{where}; the limit is {limit:g} s "
        "(EVIDENCE_PDF_TIME_LIMIT_SECONDS)"
    )


def extract_bounded(data: bytes, what: str, max_pages: int, time_limit: float) -> Extracted:
    """Extract in a child process bounded by ``time_limit`` CPU seconds; refusals raise IngestError."""
    header = json.dumps({"what": what, "max_pages": max_pages, "time_limit": time_limit}).encode()
    package_root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(
        [sys.executable, "-m", "evidence.ingest.pdf_extract"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    timed_out = False
    try:
        out, err = process.communicate(header + b"\n" + data, timeout=time_limit * 3 + 10)
    except subprocess.TimeoutExpired:
        timed_out = True
        process.kill()
        out, err = process.communicate()
    page = count = None
    for line in out.splitlines():
        try:
            kind, value = json.loads(line)
        except ValueError:
            continue
        if kind == "page":
            page, count = value
        elif kind == "done" and not timed_out:
            return Extracted(
                pages=value["pages"],
                title=value["title"],
                author=value["author"],
                created=tuple(value["created"]) if value["created"] else None,
            )
        elif kind == "error":
            raise IngestError(value)
    if timed_out or process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise IngestError(too_slow(what, time_limit, page, count))
    last = (err.decode("utf-8", "replace").strip().splitlines() or [""])[-1][:200]
    raise IngestError(
        f"{what} could not be read: the PDF reader stopped (exit code {process.returncode}) {last}".strip()
    )


def extract(
    data: bytes, what: str, max_pages: int, time_limit: float, progress: Callable[[int, int], None]
) -> Extracted:
    """Open the PDF, refuse it when it has too many pages, and extract page by page, stopping
    as soon as the CPU time spent passes ``time_limit``. Runs in the child process."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    started = time.process_time()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{what} is password-protected: remove the password and import it again")
        count = len(reader.pages)
        if count > max_pages:
            raise IngestError(
                f"{what} has {count:,} pages; the limit is {max_pages:,} (EVIDENCE_MAX_PDF_PAGES): "
                "import the chapters you need as separate PDFs"
            )
        pages = []
        for k, page in enumerate(reader.pages):
            if time.process_time() - started > time_limit:
                raise IngestError(too_slow(what, time_limit, k, count))
            progress(k, count)
            pages.append(_page_text(page))
        info = reader.metadata
        return Extracted(pages=pages, title=_meta(info, "title"), author=_meta(info, "author"), created=_date(info))
    except IngestError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise IngestError(f"{what} is encrypted: remove the password or protection and import it again") from None
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(f"{what} is damaged and could not be read ({exc})") from None
    except RecursionError:
        raise IngestError(f"{what} is damaged and could not be read (its objects nest without end)") from None


def _page_text(page: PageObject) -> str:
    """A page's text in layout mode, which keeps the blank line between paragraphs.

    Plain mode runs paragraphs together; layout mode renders vertical gaps as blank lines and
    keeps first-line indents, the two signals a typesetter leaves. Pages that layout mode cannot
    render fall back to plain mode. The common left margin is removed so indents are relative.
    """
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # pypdf's layout mode is newer and stricter than plain mode
        text = page.extract_text() or ""
    lines = [line.rstrip() for line in text.split("\n")]
    margins = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    margin = min(margins, default=0)
    return "\n".join(line[margin:] for line in lines)


def _meta(info: object, field: str) -> str | None:
    value = getattr(info, field, None) if info is not None else None
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(info: DocumentInformation | None) -> tuple[int, int, int] | None:
    if info is None:
        return None
    try:
        when = info.creation_date  # a malformed date raises here
    except (ValueError, TypeError, AttributeError):
        return None
    return (when.year, when.month, when.day) if isinstance(when, datetime) else None


def _child() -> None:
    """The child's main: cap its own CPU time, read the request on stdin, answer in JSON lines."""
    stdin = sys.stdin.buffer
    request = json.loads(stdin.readline())
    data = stdin.read()
    what, max_pages, time_limit = request["what"], request["max_pages"], request["time_limit"]
    try:
        import resource

        seconds = math.ceil(time_limit) + 1  # the between-pages check gets the first chance
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    except (ImportError, ValueError, OSError):  # pragma: no cover - Windows, or a lower hard limit
        pass
    out = sys.stdout

    def send(kind: str, value: object) -> None:
        out.write(json.dumps([kind, value]) + "\n")
        out.flush()

    try:
        found = extract(data, what, max_pages, time_limit, lambda k, n: send("page", [k, n]))
    except IngestError as exc:
        send("error", str(exc))
        return
    except Exception as exc:  # pypdf on a hostile file: any failure is the file's, not ours
        send("error", f"{what} is damaged and could not be read ({type(exc).__name__}: {exc})")
        return
    send("done", {"pages": found.pages, "title": found.title, "author": found.author, "created": found.created})


if __name__ == "__main__":
    _child()
