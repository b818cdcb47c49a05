"""Backups: every table as one JSON document, readable by any later version and by either database.

JSON rather than a copy of the SQLite file, so a library can move from SQLite to PostgreSQL and
a backup can be checked by eye. Written to a temporary file and renamed, so a crash mid-write
never leaves a half backup where a good one stood.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from evidence.store.db import DatabaseError
from evidence.store.models import metadata

FORMAT = "evidence-backup/1"


class BackupError(ValueError):
    """The backup file cannot be restored; the message says why. Nothing was changed."""


def _tables() -> list[Any]:
    return list(metadata.sorted_tables)


def dump(engine: Engine) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT, "created_at": datetime.now().astimezone().isoformat(), "tables": {}}
    with engine.connect() as conn:
        for table in _tables():
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            data["tables"][table.name] = [
                {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()} for row in rows
            ]
    return data


def write_backup(engine: Engine, path: Path) -> dict[str, int]:
    data = dump(engine)
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".evidence-backup-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {name: len(rows) for name, rows in data["tables"].items()}


def read_backup(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BackupError(f"{path} is not an evidence backup (not JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("tables"), dict):
        raise BackupError(f'{path} is not an evidence backup (expected "format": "{FORMAT}")')
    known = {t.name for t in _tables()}
    if unknown := set(data["tables"]) - known:
        raise BackupError(f"{path} has tables this version does not know: {', '.join(sorted(unknown))}")
    return data


def restore_backup(engine: Engine, path: Path, *, replace: bool = False) -> dict[str, int]:
    """Load a backup into the library, keeping every id, in one transaction.

    Refuses a library that already holds anything unless ``replace`` is set, so a restore can
    never mix two libraries by accident.
    """
    data = read_backup(path)
    counts: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            existing = sum(conn.execute(select(func.count()).select_from(t)).scalar_one() for t in _tables())
            if existing and not replace:
                raise BackupError(
                    f"the library already holds {existing} rows; restore into an empty library, "
                    "or pass --replace to wipe it first"
                )
            for table in reversed(_tables()):
                conn.execute(table.delete())
            for table in _tables():
                rows = [_decode(table, row) for row in data["tables"].get(table.name, [])]
                if table.name == "outline_node":
                    rows = _parents_first(rows)
                if rows:
                    conn.execute(insert(table), rows)
                counts[table.name] = len(rows)
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
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError(f"{path} has a malformed row ({exc}); nothing was restored") from None
    return counts


def _decode(table: Any, row: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise ValueError(f"a {table.name} row is not an object")
    columns = table.columns
    if unknown := set(row) - set(columns.keys()):
        raise ValueError(f"{table.name} has unknown columns {sorted(unknown)}")
    out = dict(row)
    for name, value in row.items():
        if isinstance(value, str) and _is_datetime(columns[name].type):
            out[name] = datetime.fromisoformat(value)
    return out


def _is_datetime(column_type: Any) -> bool:
    return isinstance(column_type, DateTime) or isinstance(getattr(column_type, "impl", None), DateTime)


def _parents_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {r["id"]: r for r in rows}
    ordered: list[dict[str, Any]] = []
    seen: set[int] = set()

    def visit(row: dict[str, Any], depth: int = 0) -> None:
        if row["id"] in seen:
            return
        if depth > len(rows):
            raise ValueError("outline nodes form a cycle")
        parent = row.get("parent_id")
        if parent is not None and parent in by_id:
            visit(by_id[parent], depth + 1)
        seen.add(row["id"])
        ordered.append(row)

    for row in rows:
        visit(row)
    return ordered


__all__ = ["BackupError", "DatabaseError", "read_backup", "restore_backup", "write_backup"]
