"""The ``evidence`` command. Errors are one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from evidence.ingest.report import IngestError
from evidence.settings import Settings

app = typer.Typer(
    name="evidence",
    help="Cut debate evidence, build briefs, export Verbatim Word files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"evidence: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn every expected failure into one clear line; anything else is a bug and says so."""
    from pydantic import ValidationError
    from sqlalchemy.exc import SQLAlchemyError

    from evidence.store.backup import BackupError
    from evidence.store.db import DatabaseError
    from evidence.store.errors import Conflict, Invalid, NotFound

    try:
        yield
    except (IngestError, BackupError, DatabaseError, NotFound, Invalid, Conflict) as exc:
        _fail(str(exc))
    except ValidationError as exc:
        first = exc.errors()[0]
        _fail(f"bad setting {'.'.join(str(p) for p in first['loc'])}: {first['msg']}", 2)
    except OSError as exc:
        _fail(f"{exc.filename or 'file'}: {exc.strerror}")
    except SQLAlchemyError as exc:
        _fail(f"database error: {getattr(exc, 'orig', None) or exc}")
    finally:
        while _open_engines:
            _open_engines.pop().dispose()


def _engine() -> Any:
    from evidence.store.db import engine_for
    from evidence.store.migrate import upgrade

    engine = engine_for(Settings())
    _open_engines.append(engine)
    upgrade(engine)
    return engine


#: Engines a command opened; ``_errors`` closes them when the command ends, so a caller that runs
#: commands in its own process (the tests, a script) is not left holding the library's connections.
_open_engines: list[Any] = []


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the web app (creates and upgrades the database first)."""
    import uvicorn

    from evidence.web.app import create_app

    with _errors():
        settings = Settings()
        web_app = create_app(settings)
    typer.echo(f"evidence: serving {settings.sqlalchemy_url.split('://')[0]} library on http://{host}:{port}/")
    uvicorn.run(web_app, host=host, port=port, log_level="info")


@app.command("import")
def import_(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders: .json/.docx/.txt briefs, .txt/.html/.pdf articles.", exists=False),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print each created brief or source as JSON, one per line.")
    ] = False,
) -> None:
    """Import files and folders; each file becomes a brief or sources, in its own transaction.

    A file that fails is reported and skipped; the rest are still imported.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress
    from rich.table import Table
    from rich.text import Text

    from evidence.domain.text import clean_storable
    from evidence.ingest.files import files_in, read_file
    from evidence.ingest.limits import IngestLimits
    from evidence.store import imports
    from evidence.store.db import session_scope

    err = Console(stderr=True, soft_wrap=True)
    with _errors():
        settings = Settings()
        limits = IngestLimits.from_settings(settings)
        engine = _engine()
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(files_in(path))
            else:
                files.append(path)
        rows: list[tuple[str, str, str, str]] = []
        failures = 0
        folder = any(p.is_dir() for p in paths)
        with Progress(console=err, transient=True, disable=not folder) as progress:
            task = progress.add_task("importing", total=len(files))
            for path in files:
                name = clean_storable(path.name)[0]  # a name that is not UTF-8 prints as "caf�.txt"
                progress.update(task, description=escape(name))  # a name is text, never markup
                try:
                    ingested = read_file(path, limits=limits)
                    with session_scope(engine) as session:
                        saved = imports.save(session, ingested.brief, ingested.sources)
                        documents = saved.documents(session) if as_json else []
                except Exception as exc:  # one bad file never stops the rest: see _why_failed
                    failures += 1
                    reason = _why_failed(exc)
                    rows.append((name, "", "", f"skipped: {reason}"))
                    if not folder:
                        prefix = f"{name}: " if len(files) > 1 and name not in reason else ""
                        err.print(f"evidence: {prefix}{reason}", markup=False, highlight=False)
                    progress.advance(task)
                    continue
                for document in documents:
                    typer.echo(json.dumps(document, ensure_ascii=False))
                if not as_json:
                    ids = [saved.brief_id] if saved.brief_id is not None else saved.source_ids
                    for created in ids:
                        typer.echo(created)
                what = f"brief {saved.brief_id}" if saved.brief_id is not None else f"{len(saved.source_ids)} sources"
                notes = ingested.report.notes + ingested.report.skipped
                rows.append((name, str(saved.cards), str(len(saved.source_ids)), what))
                if not folder:
                    for note in notes:
                        err.print(f"{name}: {note}", markup=False, highlight=False)
                progress.advance(task)
        if folder:
            table = Table(title=f"Imported {len(files) - failures} of {len(files)} files")
            for column in ("file", "cards", "sources", "result"):
                table.add_column(column)
            for row in rows:
                table.add_row(*(Text(cell) for cell in row))
            err.print(table)
        if failures:
            raise typer.Exit(1)


def _why_failed(exc: Exception) -> str:
    """One line saying why a file was not imported: the message of an expected refusal (the file,
    the store), or the exception's type and message for anything else, which is a bug in a
    reader and is reported as such instead of stopping the rest of the folder."""
    from sqlalchemy.exc import SQLAlchemyError

    from evidence.store.db import DatabaseError
    from evidence.store.errors import Conflict, Invalid, NotFound

    if isinstance(exc, IngestError | DatabaseError | Invalid | Conflict | NotFound):
        return str(exc).replace("\n", " ")
    if isinstance(exc, SQLAlchemyError):
        return f"database error: {getattr(exc, 'orig', None) or exc}".splitlines()[0]
    message = " ".join(str(exc).split())
    return (
        f"unexpected error: {type(exc).__name__}: {message}" if message else f"unexpected error: {type(exc).__name__}"
    )


@app.command()
def export(
    brief_id: Annotated[int, typer.Argument(help="The brief's id (see the home page or `import`).")],
    format: Annotated[str, typer.Option("--format", "-f", help="docx, json or txt.")] = "docx",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write ('-' for stdout). Default: <brief-slug>.docx here."),
    ] = None,
) -> None:
    """Export a brief as a Verbatim Word file, brief JSON or plain text.

    Word files go to <brief-slug>.docx in the current folder unless -o says otherwise; JSON and
    text go to stdout unless -o names a file.
    """
    from evidence.store import briefs as brief_store
    from evidence.store.db import session_scope
    from exports.docx import DocxOptions, export_docx
    from exports.naming import slugify
    from exports.text import write_text

    if format not in {"docx", "json", "txt"}:
        _fail(f"unknown format {format!r} (choose docx, json or txt)", 2)
    with _errors():
        with session_scope(_engine()) as session:
            brief, _ = brief_store.load(session, brief_id)
            public = _public_json(brief_store.to_json(session, brief_id)) if format == "json" else None
        if format == "docx":
            result = export_docx(brief, DocxOptions(emphasis_box=Settings().emphasis_box))
            data = result.data
            for message in result.stats.messages():
                typer.echo(f"evidence: {message}", err=True)
        elif format == "json":
            data = (json.dumps(public, ensure_ascii=False, indent=2) + "\n").encode()
        else:
            data = write_text(brief).encode()
        target = output or (Path(f"{slugify(brief.title)}.docx") if format == "docx" else Path("-"))
        if str(target) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        _atomic_write(target, data)
        typer.echo(f"evidence: wrote {target}", err=True)


def _atomic_write(target: Path, data: bytes) -> None:
    """Write beside the target and rename, so an interrupted export never leaves a broken file."""
    import os
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _public_json(data: dict[str, Any]) -> dict[str, Any]:
    """The exported file is the portable format: drop the editor's version and node ids."""
    data.pop("version", None)

    def strip(items: list[dict[str, Any]]) -> None:
        for item in items:
            item.pop("node_id", None)
            strip(item.get("children", []))

    strip(data.get("children", []))
    return data


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words in the tag, cite or text; "a phrase", -exclude, a OR b, word*, author:ace, '
            'year:2019..2022, label:link-turn, brief:"AT: Sanctions", source:12.'
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per card.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="Most cards to show.")] = 20,
) -> None:
    """Find cards, best matches first."""
    from evidence.domain.brief_json import card_to_json
    from evidence.store import cards as card_store
    from evidence.store import search as search_store
    from evidence.store.db import session_scope

    with _errors(), session_scope(_engine(), write=False) as session:
        page = search_store.search(session, query, limit=limit)
        for part in page.query.ignored:
            typer.echo(f"evidence: ignored {part!r} (nothing to filter by)", err=True)
        rows = card_store.live_by_id(session, [hit.card_id for hit in page.results])
        for hit in page.results:
            if as_json:
                card = card_store.to_domain(rows[hit.card_id])
                data = {**card_to_json(card), "rank": round(hit.rank, 6), "snippet": hit.snippet.text}
                typer.echo(json.dumps({**data, "brief_ids": list(hit.brief_ids)}, ensure_ascii=False))
            else:
                typer.echo(f"{hit.card_id}\t{hit.cite_short}\t{hit.tag}")
        if not page.total:
            typer.echo("evidence: nothing found", err=True)
        elif page.total > len(page.results):
            typer.echo(f"evidence: showing {len(page.results)} of {page.total} (--limit for more)", err=True)


@app.command()
def backup(path: Annotated[Path, typer.Argument(help="File to write (JSON).")]) -> None:
    """Write everything in the library to one file."""
    from evidence.store.backup import write_backup

    with _errors():
        counts = write_backup(_engine(), path)
    typer.echo(f"evidence: backed up {_summary(counts)} to {path}", err=True)


@app.command()
def restore(
    path: Annotated[Path, typer.Argument(help="A file written by `evidence backup`.")],
    replace: Annotated[bool, typer.Option("--replace", help="Wipe the current library first.")] = False,
) -> None:
    """Load a backup into an empty library (or replace the library with --replace)."""
    from evidence.store.backup import restore_backup

    with _errors():
        counts = restore_backup(_engine(), path, replace=replace)
    typer.echo(f"evidence: restored {_summary(counts)} from {path}", err=True)


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name.replace('_', ' ')}s" for name, n in counts.items())


def main() -> None:
    """The console entry point: whatever goes wrong ends as one line on stderr, never a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("evidence: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say what it was in one line (the commands handle expected errors)
        message = " ".join(str(exc).split())
        typer.echo(f"evidence: unexpected error: {type(exc).__name__}{': ' + message if message else ''}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
