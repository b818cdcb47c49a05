"""A backup taken while imports run is one consistent snapshot and always restores.

Before, each table was read in its own snapshot on PostgreSQL: a brief imported between the read
of ``card`` and the read of ``outline_node`` left outline nodes pointing at cards the backup did
not hold, and the restore failed on a FOREIGN KEY. Imports here are the real thing (the store's
whole-brief save, the one ``evidence import`` uses), on the same database, from other threads.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from sqlalchemy import Engine, func, select

from evidence.domain import Analytic, Brief, Card, Heading, Level
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store.backup import backup_chunks, dump, restore_backup, write_backup
from evidence.store.db import session_scope
from evidence.store.models import metadata
from tests.fixtures.library import fill


def imported_brief(n: int) -> Brief:
    cards = [Card(tag=f"Import {n} card {i}", text=f"Words of card {i} in brief {n}. " * 20) for i in range(3)]
    block = Heading(Level.BLOCK, f"Block {n}", children=[*cards, Analytic("Analysis.")])
    return Brief(title=f"Imported {n}", children=[Heading(Level.HAT, f"Hat {n}", children=[block])])


def import_one(engine: Engine, n: int) -> int:
    with session_scope(engine) as s:
        brief_id = brief_store.save(s, imported_brief(n)).id
    assert brief_id is not None
    return brief_id


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in metadata.sorted_tables}


def test_a_brief_imported_mid_backup_is_wholly_absent_and_the_backup_restores(
    engine: Engine, target: Engine, tmp_path: Path
) -> None:
    """Deterministic: the backup is paused after it has read its first card, a whole brief is
    imported and committed (the backup does not block it), then the backup goes on."""
    fill(engine)
    for n in range(3):
        import_one(engine, n)
    before = row_counts(engine)
    counts: dict[str, int] = {}
    pieces = backup_chunks(engine, counts)
    head: list[str] = []
    for piece in pieces:
        head.append(piece)
        if counts.get("card") == 1:
            break
    new_brief = import_one(engine, 99)  # commits while the backup holds its snapshot
    with session_scope(engine) as s:
        card = card_store.create(s, Card(tag="a loose card", text="words"))
        brief_store.add_node(s, new_brief, 1, type="card", card_id=card.id)
    document = json.loads("".join(head) + "".join(pieces))

    assert counts == before, "the backup holds exactly what was committed when it started"
    assert new_brief not in {b["id"] for b in document["tables"]["brief"]}
    assert not [n for n in document["tables"]["outline_node"] if n["brief_id"] == new_brief]
    path = tmp_path / "mid-import.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert restore_backup(target, path) == before
    assert row_counts(target) == before


def test_backups_taken_while_imports_run_always_restore(engine: Engine, target: Engine, tmp_path: Path) -> None:
    """Two importers add briefs (cards, outline nodes, revisions) without pause while backups
    are taken one after another; every backup restores into a fresh library, row for row."""
    for n in range(20):  # enough rows that a backup takes a while and imports land inside it
        import_one(engine, 1000 + n)
    stop = threading.Event()
    imported = [0, 0]
    errors: list[BaseException] = []
    progress = threading.Condition()

    def importer(k: int) -> None:
        n = 0
        try:
            while not stop.is_set():
                import_one(engine, k * 100_000 + n)
                n += 1
                with progress:
                    imported[k] += 1
                    progress.notify_all()
        except BaseException as exc:  # reported below: an import must never fail because of a backup
            errors.append(exc)
            with progress:
                progress.notify_all()

    threads = [threading.Thread(target=importer, args=(k,), daemon=True) for k in range(2)]
    for t in threads:
        t.start()
    try:
        for round_ in range(4):
            with progress:  # imports really went on between (and so during) backups
                seen = sum(imported)
                progress.wait_for(lambda s=seen: sum(imported) >= s + 2 or bool(errors), timeout=120)
            assert not errors, errors
            path = tmp_path / f"backup-{round_}.json"
            counts = write_backup(engine, path)
            restored = restore_backup(target, path, replace=True)
            assert restored == counts
            assert row_counts(target) == counts
            # Each brief came through whole: all its nodes, and the cards they point at.
            tables = dump(target)["tables"]
            nodes_per_brief = {b["id"]: 0 for b in tables["brief"]}
            for node in tables["outline_node"]:
                nodes_per_brief[node["brief_id"]] += 1
            assert set(nodes_per_brief.values()) == {6}  # hat, block, three cards, an analytic
            assert len(tables["card"]) == 3 * len(tables["brief"])
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert not errors, errors
    assert sum(imported) >= 8
