"""Backups carry everything: briefs, cards with their history, sources and speech docs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from evidence.domain import Card
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store import speech as speech_store
from evidence.store.backup import BackupError, dump, restore_backup, write_backup
from evidence.store.db import make_engine, session_scope
from evidence.store.migrate import upgrade


def _fresh(tmp_path: Path, name: str) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / name}")
    upgrade(engine)
    return engine


def test_backup_restores_every_table_with_the_same_ids(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        card = card_store.create(s, Card(tag="Russia opposes the US", text="Ryabkov said so."))
        card_store.update_fields(s, card.id, 1, {"tag": "Russia opposes the US in Syria"})
        brief_id = brief_store.create(s, "Syria").id
        block = brief_store.add_node(s, brief_id, 1, type="block", title="AT: Russia")
        brief_store.add_node(s, brief_id, 2, type="card", card_id=card.id, parent_id=block.id)
        doc = speech_store.create(s, "1NC", minutes=8)
        speech_store.send_card(s, doc.id, card.id)
    path = tmp_path / "backup.json"
    counts = write_backup(engine, path)
    assert counts["card_revision"] == 2 and counts["speech_item"] == 1
    target = _fresh(tmp_path, "restored.db")
    restore_backup(target, path)
    assert dump(target)["tables"] == dump(engine)["tables"]
    target.dispose()


def test_a_half_written_or_foreign_file_is_refused_and_nothing_changes(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        card_store.create(s, Card(tag="kept", text="kept words"))
    broken = tmp_path / "broken.json"
    write_backup(engine, broken)
    broken.write_bytes(broken.read_bytes()[:-20])  # a crash mid-copy
    with pytest.raises(BackupError, match="not an evidence backup"):
        restore_backup(engine, broken, replace=True)
    with session_scope(engine) as s:
        assert [c.tag for c in card_store.list_cards(s)] == ["kept"]
