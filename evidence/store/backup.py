"""Backups: every table as one JSON document, readable by any later version and by either database.

JSON rather than a copy of the SQLite file, so a library can move from SQLite to PostgreSQL and
a backup can be checked by eye. Three rules make a backup trustworthy on a library in use:

- **One snapshot.** Every table is read inside one read transaction (``REPEATABLE READ, READ
  ONLY`` on PostgreSQL; one ``BEGIN`` held across all the reads on SQLite, whose WAL mode then
  shows every read the same committed state). A brief imported while the backup runs is either
  wholly in it or wholly absent, so a backup never holds an outline node whose card it lacks.
- **Streamed both ways.** Rows come from server-side cursors a batch at a time and are written as
  they arrive; a restore parses the file one row at a time and inserts in batches. Memory stays
  the size of a batch (or of the largest single row), not of the library.
- **All or nothing.** The file is written to a temporary file and renamed, so a crash never leaves
  half a backup where a good one stood; a restore runs in one transaction, so a damaged or cut-short
  file changes nothing.

The file is one JSON object, ``{"format": "evidence-backup/1", "created_at": …, "tables": {name:
[row, …]}}``, with one row per line so it streams and diffs well. Files written by earlier
versions (the same document on one line) read the same way.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, DateTime, Engine, Table, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from evidence.store.db import WRITE, DatabaseError
from evidence.store.errors import Invalid
from evidence.store.models import metadata

FORMAT = "evidence-backup/1"
#: Rows inserted by one statement at most, and the text they may carry between them: a batch of
#: a thousand small rows, or a few of a library's 500 KB sources, never a thousand of those.
BATCH = 1000
BATCH_CHARS = 2_000_000
#: Rows fetched from a cursor at a time; a source holds a whole article, so far fewer of those.
FETCH = 100
FETCH_BY_TABLE = {"source": 5}
#: Characters read from a backup file at a time.
CHUNK = 1 << 20


class BackupError(ValueError):
    """The backup file cannot be restored; the message says why. Nothing was changed."""


def _tables() -> list[Table]:
    """Parents before children, so a file written in this order restores in one pass."""
    return list(metadata.sorted_tables)


# ---------------------------------------------------------------------------------------------
# Writing


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction that every table is read in, so all reads see the same commit."""
    with engine.connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            # Must be the transaction's first statement; READ COMMITTED (the default) would give
            # every SELECT its own snapshot, and a brief committed between two of them would leave
            # outline nodes pointing at cards the backup does not hold.
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        else:
            # SQLite's BEGIN is deferred: the snapshot is taken by the first read, so take it now.
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
        yield conn


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} to a backup")


def _row_json(row: Any) -> str:
    # One line per row: json.dumps escapes every newline inside a string.
    return json.dumps(dict(row), ensure_ascii=False, default=_encode)


def backup_chunks(engine: Engine, counts: dict[str, int] | None = None) -> Iterator[str]:
    """The backup document as a stream of text pieces, read from one snapshot.

    Lazy: the snapshot is taken when the first piece is asked for and held until the last one.
    ``counts``, if given, is filled with the rows written per table as they go by.
    """
    counts = {} if counts is None else counts
    with _snapshot(engine) as conn:
        created = datetime.now().astimezone().isoformat()
        yield f'{{"format": "{FORMAT}", "created_at": {json.dumps(created)}, "tables": {{'
        for index, table in enumerate(_tables()):
            streaming = conn.execution_options(stream_results=True, yield_per=FETCH_BY_TABLE.get(table.name, FETCH))
            yield ("\n" if index == 0 else ",\n") + json.dumps(table.name) + ": ["
            counts[table.name] = 0
            result = streaming.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            for row in result:
                yield ("\n" if counts[table.name] == 0 else ",\n") + _row_json(row)
                counts[table.name] += 1
            yield "\n]" if counts[table.name] else "]"
        yield "\n}}\n"


def write_backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write the whole library to ``path`` (atomically) and return the rows written per table."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    fd, tmp = tempfile.mkstemp(prefix=".evidence-backup-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=CHUNK) as fh:
            for piece in backup_chunks(engine, counts):
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_dir(path.parent)
    return counts


def _sync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless to skip where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dump(engine: Engine) -> dict[str, Any]:
    """The whole backup document in memory: for tests and small libraries only."""
    return json.loads("".join(backup_chunks(engine)))


# ---------------------------------------------------------------------------------------------
# Reading


class _Damaged(ValueError):
    """The file stops being a well-formed backup somewhere; the message says what was expected."""


class _NotABackup(ValueError):
    pass


_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _JsonStream:
    """Reads one JSON document from a text file a value at a time, holding one value in memory.

    The structure around the rows (the top object, the ``tables`` object, each table's array) is
    walked by hand; each row is decoded whole with :meth:`json.JSONDecoder.raw_decode` over a
    buffer that grows only while a row is longer than the buffer.
    """

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.offset = 0  # characters dropped from the front of buf
        self.last_size = 0  # characters the last value took in the file

    def _more(self, size: int = CHUNK) -> bool:
        if self.eof:
            return False
        try:
            data = self.fh.read(size)
        except UnicodeDecodeError:
            if self.offset + len(self.buf) == 0:
                raise  # the very start: not a backup at all
            raise _Damaged(f"it is not UTF-8 text after {self.where()}") from None
        if not data:
            self.eof = True
            return False
        self.offset += self.pos
        self.buf = self.buf[self.pos :] + data
        self.pos = 0
        return True

    def where(self) -> str:
        return f"character {self.offset + self.pos:,}"

    def peek(self) -> str:
        """The next character that is not whitespace ('' at the end of the file)."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]  # [ \t\n\r]* always matches
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            raise _Damaged(f"expected {char!r} at {self.where()}, found {found!r}" if found else "it ends early")
        self.pos += 1

    def value(self) -> Any:
        if not self.peek():
            raise _Damaged("it ends early")
        size = CHUNK
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Ran out of buffer (more to read) or a real error (say where)?
                short = exc.pos >= len(self.buf) - 8 or exc.msg.startswith("Unterminated string")
                if short and self._more(size):
                    size *= 2  # a long row: grow geometrically so it is read in linear time
                    continue
                raise _Damaged("it ends early" if short else f"{exc.msg} at {self.where()}") from None
            if end >= len(self.buf) and self._more():
                continue  # a number at the end of the buffer may go on in the next chunk
            self.last_size = end - self.pos
            self.pos = end
            return value

    def finished(self) -> bool:
        return self.peek() == ""


#: ``(table, None, 0)`` at the start of a table's rows, then ``(table, row, characters in the file)``.
_Event = tuple[str, dict[str, Any] | None, int]


def _header_then_rows(stream: _JsonStream, path: Path) -> Iterator[_Event]:
    """Validate the header, then yield the rows table by table (see ``_Event``).

    The first item is produced only after the format has been checked, so a caller can take it
    before touching the database.
    """
    if stream.peek() != "{":
        raise _NotABackup("not JSON")
    stream.expect("{")
    header: dict[str, Any] = {}
    known = {t.name for t in _tables()}
    seen: set[str] = set()
    while stream.peek() != "}":
        key = stream.value()
        if not isinstance(key, str):
            raise _NotABackup("not JSON")
        stream.expect(":")
        if key != "tables":
            header[key] = stream.value()
        else:
            if header.get("format") != FORMAT:
                raise _NotABackup(f'expected "format": "{FORMAT}" first')
            stream.expect("{")
            while stream.peek() != "}":
                name = stream.value()
                if not isinstance(name, str):
                    raise _Damaged(f"a table name is not a string at {stream.where()}")
                if name not in known:
                    raise BackupError(f"{path} has tables this version does not know: {name}")
                if name in seen:
                    raise _Damaged(f"table {name} appears twice")
                seen.add(name)
                stream.expect(":")
                stream.expect("[")
                yield name, None, 0
                while stream.peek() != "]":
                    row = stream.value()
                    if not isinstance(row, dict):
                        raise _Damaged(f"a {name} row is not an object")
                    yield name, row, stream.last_size
                    if stream.peek() == ",":
                        stream.pos += 1
                    elif stream.peek() != "]":
                        stream.expect("]")
                stream.expect("]")
                if stream.peek() == ",":
                    stream.pos += 1
                elif stream.peek() != "}":
                    stream.expect("}")
            stream.expect("}")
            header["tables"] = True
        if stream.peek() == ",":
            stream.pos += 1
        elif stream.peek() != "}":
            stream.expect("}")
    stream.expect("}")
    if "tables" not in header:
        raise _NotABackup(f'expected "format": "{FORMAT}"' if header.get("format") != FORMAT else "no tables")
    if not stream.finished():
        raise _Damaged(f"unexpected data after the backup at {stream.where()}")


def read_backup(path: Path) -> dict[str, Any]:
    """The whole backup in memory, checked: for tests and for looking inside a small backup."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with _open(path) as events:
        for name, row, _ in events:
            if row is None:
                tables[name] = []
            else:
                tables[name].append(row)
    return {"format": FORMAT, "tables": tables}


@contextmanager
def _open(path: Path) -> Iterator[Iterator[_Event]]:
    """Open a backup and check its header; every reading problem becomes one BackupError line."""
    try:
        fh = path.open("r", encoding="utf-8")
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from None
    with fh:
        try:
            events = _header_then_rows(_JsonStream(fh), path)
            first = next(events, None)
            yield _chain(first, events)
        except _NotABackup as exc:
            raise BackupError(f"{path} is not an evidence backup ({exc})") from None
        except _Damaged as exc:
            raise BackupError(f"{path} is damaged or cut short ({exc}); nothing was restored") from None
        except UnicodeDecodeError:
            raise BackupError(f"{path} is not an evidence backup (not UTF-8 text)") from None
        except RecursionError:
            raise BackupError(f"{path} is damaged (a value is nested too deeply); nothing was restored") from None


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    if first is not None:
        yield first
        yield from rest


# ---------------------------------------------------------------------------------------------
# Restoring


def restore_backup(engine: Engine, path: Path, *, replace: bool = False) -> dict[str, int]:
    """Load a backup into the library, keeping every id, in one transaction.

    Refuses a library that already holds anything unless ``replace`` is set, so a restore can
    never mix two libraries by accident. The file's header is checked before the database is
    touched; anything wrong further in rolls the whole restore back.
    """
    path = path.expanduser()
    with _open(path) as events:
        try:
            with engine.execution_options(**{WRITE: True}).begin() as conn:
                existing = sum(conn.execute(select(func.count()).select_from(t)).scalar_one() for t in _tables())
                if existing and not replace:
                    raise BackupError(
                        f"the library already holds {existing} rows; restore into an empty library, "
                        "or pass --replace to wipe it first"
                    )
                for table in reversed(_tables()):
                    conn.execute(table.delete())
                loader = _Loader(conn)
                loader.load(events)
                if conn.dialect.name == "postgresql":
                    for table in _tables():
                        conn.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                            )
                        )
        except IntegrityError as exc:
            raise BackupError(f"{path} is inconsistent and was not restored ({exc.orig})") from None
        except Invalid as exc:
            raise BackupError(f"{path} holds text the database cannot store ({exc}); nothing was restored") from None
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, BackupError | _Damaged | _NotABackup):
                raise
            raise BackupError(f"{path} has a malformed row ({exc}); nothing was restored") from None
    return loader.counts


class _Loader:
    """Inserts rows as they are read, in batches, parents before children whatever the file's order.

    A table whose parent tables have not been loaded yet (a file written in another order) is
    spooled to a temporary file on disk and loaded once its parents are in. An outline node whose
    parent node has not been inserted yet waits in memory until it is (a node moved under a later
    block has a smaller id than its parent); in a file this module wrote that is rare and small.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.tables = {t.name: t for t in _tables()}
        self.counts = dict.fromkeys(self.tables, 0)
        self.loaded: set[str] = set()
        self.spooled: dict[str, IO[str]] = {}

    def load(self, events: Iterable[_Event]) -> None:
        try:
            current: _TableWriter | IO[str] | None = None
            for name, row, size in events:
                if row is None:
                    self._close(current)
                    current = self._start(name)
                elif isinstance(current, _TableWriter):
                    current.add(row, size)
                else:
                    assert current is not None
                    current.write(json.dumps(row, ensure_ascii=False) + "\n")
            self._close(current)
            for name, table in self.tables.items():  # parents first
                if spool := self.spooled.get(name):
                    spool.seek(0)
                    writer = _TableWriter(self.conn, table)
                    for line in spool:
                        writer.add(json.loads(line), len(line))
                    self.counts[name] = writer.finish()
        finally:
            for spool in self.spooled.values():
                spool.close()

    def _start(self, name: str) -> _TableWriter | IO[str]:
        table = self.tables[name]
        parents = {fk.column.table.name for fk in table.foreign_keys} - {name}
        if parents <= self.loaded:
            return _TableWriter(self.conn, table)
        spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by load())
        self.spooled[name] = spool
        return spool

    def _close(self, current: _TableWriter | IO[str] | None) -> None:
        if isinstance(current, _TableWriter):
            self.counts[current.table.name] = current.finish()
            self.loaded.add(current.table.name)


class _TableWriter:
    """Batched inserts into one table; holds back rows whose parent row (same table) is not in yet."""

    def __init__(self, conn: Connection, table: Table) -> None:
        self.conn = conn
        self.table = table
        self.columns = set(table.columns.keys())
        self.dates = {c.name for c in table.columns if _is_datetime(c.type)}
        self.self_ref = next(
            (fk.parent.name for fk in table.foreign_keys if fk.column.table is table),
            None,
        )
        self.batch: list[dict[str, Any]] = []
        self.batch_chars = 0
        self.inserted: set[int] = set()
        self.waiting: dict[int, list[tuple[dict[str, Any], int]]] = {}
        self.count = 0

    def add(self, row: dict[str, Any], size: int) -> None:
        """Queue one row read from the file; ``size`` is its length there (what it will weigh)."""
        row = self._decode(row)
        if self.self_ref is None:
            self._queue(row, size)
            return
        parent = row.get(self.self_ref)
        if parent is not None and parent not in self.inserted:
            self.waiting.setdefault(parent, []).append((row, size))
            return
        ready = [(row, size)]
        while ready:
            item, item_size = ready.pop()
            self._queue(item, item_size)
            self.inserted.add(item["id"])
            ready.extend(self.waiting.pop(item["id"], ()))

    def _queue(self, row: dict[str, Any], size: int) -> None:
        self.batch.append(row)
        self.count += 1
        self.batch_chars += size
        if len(self.batch) >= BATCH or self.batch_chars >= BATCH_CHARS:
            self._flush()

    def _flush(self) -> None:
        if self.batch:
            self.conn.execute(insert(self.table), self.batch)
            self.batch = []
            self.batch_chars = 0

    def finish(self) -> int:
        if self.waiting:
            stuck = sorted(r["id"] for rows in self.waiting.values() for r, _ in rows)
            raise ValueError(
                f"{self.table.name} rows {', '.join(map(str, stuck[:5]))} hang under rows the backup "
                "does not hold (or that form a cycle)"
            )
        self._flush()
        return self.count

    def _decode(self, row: dict[str, Any]) -> dict[str, Any]:
        if unknown := set(row) - self.columns:
            raise ValueError(f"{self.table.name} has unknown columns {sorted(unknown)}")
        if "id" not in row or not isinstance(row["id"], int):
            raise ValueError(f"a {self.table.name} row has no id")
        for name in self.dates & set(row):
            if isinstance(row[name], str):
                row[name] = datetime.fromisoformat(row[name])
        return row


def _is_datetime(column_type: Any) -> bool:
    return isinstance(column_type, DateTime) or isinstance(getattr(column_type, "impl", None), DateTime)


__all__ = ["BackupError", "DatabaseError", "backup_chunks", "dump", "read_backup", "restore_backup", "write_backup"]
