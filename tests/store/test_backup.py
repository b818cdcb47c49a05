"""Backups carry everything, keep every id, move between databases and never half-restore.

Every test runs with the library on SQLite and on PostgreSQL (the ``engine`` fixture); the tests
that restore do so into a fresh library on each database too (``target``), so all four ways a
library moves (SQLite or PostgreSQL, to SQLite or PostgreSQL) are covered.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from evidence.domain import Brief, Card
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store import sources as source_store
from evidence.store.backup import BackupError, dump, read_backup, restore_backup, write_backup
from evidence.store.db import make_engine, session_scope
from tests.fixtures.library import fill


def test_backup_restores_every_table_with_the_same_ids(engine: Engine, target: Engine, tmp_path: Path) -> None:
    fill(engine)
    path = tmp_path / "backup.json"
    counts = write_backup(engine, path)
    assert counts["card_revision"] == 3 and counts["speech_item"] == 2 and counts["outline_node"] == 4
    assert all(counts[name] > 0 for name in counts), counts
    restored = restore_backup(target, path)
    assert restored == counts
    assert dump(target)["tables"] == dump(engine)["tables"]


def test_new_rows_after_a_restore_get_fresh_ids(engine: Engine, target: Engine, tmp_path: Path) -> None:
    """PostgreSQL's id sequences are moved past the restored ids, so the next card does not collide."""
    fill(engine)
    path = tmp_path / "backup.json"
    write_backup(engine, path)
    restore_backup(target, path)
    before = {row["id"] for row in dump(target)["tables"]["card"]}
    with session_scope(target) as s:
        card = card_store.create(s, Card(tag="after the move", text="new words"))
        brief = brief_store.create(s, "New brief")
        brief_store.add_node(s, brief.id, 1, type="card", card_id=card.id)
    assert card.id > max(before)


def test_a_library_that_holds_anything_is_only_overwritten_on_request(engine: Engine, tmp_path: Path) -> None:
    fill(engine)
    path = tmp_path / "backup.json"
    write_backup(engine, path)
    with session_scope(engine) as s:
        card_store.create(s, Card(tag="added after the backup", text="words"))
    with pytest.raises(BackupError, match="--replace"):
        restore_backup(engine, path)
    assert any(c["tag"] == "added after the backup" for c in dump(engine)["tables"]["card"])
    restore_backup(engine, path, replace=True)
    assert dump(engine)["tables"] == read_backup(path)["tables"]


def test_a_cut_short_or_damaged_file_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    fill(engine)
    good = tmp_path / "good.json"
    write_backup(engine, good)
    with session_scope(engine) as s:
        card_store.create(s, Card(tag="kept", text="kept words"))
    before = dump(engine)["tables"]
    data = good.read_bytes()
    broken = tmp_path / "broken.json"
    # A crash mid-copy at many points, including inside rows and between tables.
    for cut in sorted({len(data) - 3, len(data) - 20, *range(200, len(data), max(1, len(data) // 12))}):
        broken.write_bytes(data[:cut])
        with pytest.raises(BackupError, match=r"cut short|not an evidence backup"):
            restore_backup(engine, broken, replace=True)
        assert dump(engine)["tables"] == before
    # A damaged byte inside the last table: found only after earlier tables were inserted.
    broken.write_bytes(data.replace(b'"Extend the link.', b'"Extend\x00"the link.'))
    with pytest.raises(BackupError, match="damaged"):
        restore_backup(engine, broken, replace=True)
    assert dump(engine)["tables"] == before


def test_a_row_the_database_refuses_rolls_everything_back(engine: Engine, target: Engine, tmp_path: Path) -> None:
    fill(engine)
    path = tmp_path / "backup.json"
    write_backup(engine, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["tables"]["speech_item"][0]["card_id"] = 999_999  # points at a card that is not there
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BackupError, match="inconsistent and was not restored"):
        restore_backup(target, bad)
    assert all(rows == [] for rows in dump(target)["tables"].values())


def test_files_from_earlier_versions_and_in_any_table_order_restore(
    engine: Engine, target: Engine, tmp_path: Path
) -> None:
    """Earlier versions wrote the same document on one line; a hand-edited or foreign tool's file
    may list children before parents. Both restore to the same library."""
    fill(engine)
    document = dump(engine)
    one_line = tmp_path / "old.json"
    one_line.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert len(one_line.read_text(encoding="utf-8").splitlines()) == 1
    restore_backup(target, one_line)
    assert dump(target)["tables"] == document["tables"]

    shuffled = {"format": document["format"], "tables": {}}
    for name in reversed(list(document["tables"])):
        shuffled["tables"][name] = list(reversed(document["tables"][name]))
    backwards = tmp_path / "backwards.json"
    backwards.write_text(json.dumps(shuffled, indent=1), encoding="utf-8")
    restore_backup(target, backwards, replace=True)
    assert dump(target)["tables"] == document["tables"]


def test_foreign_files_are_named_and_refused(engine: Engine, tmp_path: Path) -> None:
    cases = {
        "empty.json": b"",
        "text.json": b"hello, this is not JSON",
        "list.json": b"[1, 2, 3]",
        "other.json": b'{"hello": 1}',
        "latin1.json": '{"format": "evidence-backup/1", "tables": {"brief": [{"id": 1, "title": "Caf\xe9"}]}}'.encode(
            "latin-1"
        ),
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(BackupError, match="is not an evidence backup") as info:
            restore_backup(engine, path)
        assert str(path) in str(info.value)
    future = tmp_path / "future.json"
    future.write_text('{"format": "evidence-backup/1", "tables": {"flashcards": []}}')
    with pytest.raises(BackupError, match="tables this version does not know: flashcards"):
        restore_backup(engine, future)
    with pytest.raises(BackupError, match="cannot read"):
        restore_backup(engine, tmp_path / "missing.json")


def test_a_failed_backup_leaves_the_previous_one_untouched(tmp_path: Path) -> None:
    """A library whose tables are gone fails mid-backup: the old file stays, no temp file is left."""
    path = tmp_path / "backups" / "library.json"
    path.parent.mkdir()
    path.write_text("the previous good backup")
    broken = make_engine(f"sqlite:///{tmp_path / 'no-tables.db'}")
    with pytest.raises(Exception, match="no such table"):
        write_backup(broken, path)
    broken.dispose()
    assert path.read_text() == "the previous good backup"
    assert [p.name for p in path.parent.iterdir()] == ["library.json"]


def test_a_row_longer_than_the_read_buffer_restores_intact(engine: Engine, target: Engine, tmp_path: Path) -> None:
    """A whole book pasted as one source (3 million characters, accents and all) comes back exact."""
    book = "".join(f"Paragraph {i}: l’économie “russe” — {i * 7}.\n" for i in range(75_000))
    assert len(book) > 3_000_000
    with session_scope(engine) as s:
        source_id = source_store.create(s, text=book, title="A book").id
        card_store.create(s, Card(tag="from the book", text=book[:200]), source_id=source_id)
    path = tmp_path / "book.json"
    write_backup(engine, path)
    restore_backup(target, path)
    with session_scope(target) as s:
        assert source_store.get(s, source_id).text == book


def test_a_briefs_own_styles_and_a_cards_cite_as_written_survive_a_backup(
    engine: Engine, target: Engine, tmp_path: Path
) -> None:
    look = {"emphasis": {"box": False, "size": 11.0}, "tag": {"font": "Cambria", "size": 12.0}}
    cite = {
        "text": "Sabrosky ’88 [Alan Ned; retired Marine officer]",
        "marks": [{"kind": "cite", "start": 0, "end": 12}],
    }
    card = card_store.build({"tag": "Deterrence fails", "text": "Victories are hollow.", "cite": cite})
    with session_scope(engine) as s:
        brief_id = brief_store.save(s, Brief(title="Wake R4", children=[card], styles=look)).id
    path = tmp_path / "backup.json"
    write_backup(engine, path)
    restore_backup(target, path)
    with session_scope(target) as s:
        brief, _ = brief_store.load(s, brief_id)
    assert brief.styles == look
    assert brief.cards()[0].cite.text == cite["text"] and brief.cards()[0].cite.short == "Sabrosky ’88"
