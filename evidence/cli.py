"""The ``evidence`` command. Errors are one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
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


def _engine() -> Any:
    from evidence.store.db import engine_for
    from evidence.store.migrate import upgrade

    engine = engine_for(Settings())
    upgrade(engine)
    return engine


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
    files: Annotated[list[Path], typer.Argument(help="Files to import (.json briefs).", exists=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print each created brief as JSON, one per line.")] = False,
) -> None:
    """Import files; each becomes a brief (or sources), in its own transaction."""
    from evidence.ingest.files import read_file
    from evidence.store import briefs as brief_store
    from evidence.store.db import session_scope

    with _errors():
        settings = Settings()
        engine = _engine()
        failures = 0
        for path in files:
            try:
                ingested = read_file(path, max_bytes=settings.max_upload_mb * 1_000_000)
            except IngestError as exc:
                typer.echo(f"evidence: {exc}", err=True)
                failures += 1
                continue
            with session_scope(engine) as session:
                if ingested.brief is not None:
                    row = brief_store.save(session, ingested.brief)
                    assert row.id is not None
                    if as_json:
                        typer.echo(json.dumps(brief_store.to_json(session, row.id), ensure_ascii=False))
                    else:
                        typer.echo(row.id)
            for note in ingested.report.notes + ingested.report.skipped:
                typer.echo(f"{path.name}: {note}", err=True)
        if failures:
            raise typer.Exit(1)


@app.command()
def export(
    brief_id: Annotated[int, typer.Argument(help="The brief's id (see the home page or `import`).")],
    format: Annotated[str, typer.Option("--format", "-f", help="json or txt.")] = "json",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write; default stdout.")] = None,
) -> None:
    """Export a brief."""
    from evidence.store import briefs as brief_store
    from evidence.store.db import session_scope

    writers: dict[str, Callable[[Any], bytes]] = {
        "json": lambda s: (
            json.dumps(_public_json(brief_store.to_json(s, brief_id)), ensure_ascii=False, indent=2) + "\n"
        ).encode(),
    }
    with _errors():
        if format not in writers:
            _fail(f"unknown format {format!r} (choose {', '.join(writers)})", 2)
        with session_scope(_engine()) as session:
            data = writers[format](session)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            output.write_bytes(data)
            typer.echo(f"evidence: wrote {output}", err=True)


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
    query: Annotated[str, typer.Argument(help="Words in the tag or cite.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per card.")] = False,
) -> None:
    """Find cards by tag or cite."""
    from evidence.store import cards as card_store
    from evidence.store.db import session_scope
    from exports.brief_json import card_to_json

    with _errors(), session_scope(_engine()) as session:
        for row in card_store.list_cards(session, query=query, limit=200):
            card = card_store.to_domain(row)
            if as_json:
                typer.echo(json.dumps(card_to_json(card), ensure_ascii=False))
            else:
                typer.echo(f"{row.id}\t{card.cite.short}\t{card.tag}")


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
    app()


if __name__ == "__main__":
    main()
