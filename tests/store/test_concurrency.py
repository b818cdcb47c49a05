"""Twenty writers at once, on SQLite and PostgreSQL: exactly one wins, the rest are told why.

Every writer bases its change on the same version, as twenty browser tabs (or a coach and a
team) would. Each runs in its own thread and transaction and starts at the same barrier, so the
writes really overlap. The atomic version bump must let exactly one through, answer every other
one with a Conflict (a 409), and leave the row with the winner's change and the version moved on
by exactly one: no lost write, no "database is locked", no half-applied outline edit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from evidence.domain import Card
from evidence.store import briefs as brief_store
from evidence.store import cards as card_store
from evidence.store import sources as source_store
from evidence.store import speech as speech_store
from evidence.store.db import session_scope
from evidence.store.errors import Conflict

WRITERS = 20


def _race(engine: Engine, write: Callable[[Any, int], Any]) -> tuple[list[int], list[Conflict], list[BaseException]]:
    """Run ``write(session, i)`` in WRITERS threads at once; return winners, conflicts, other errors."""
    barrier = threading.Barrier(WRITERS)
    winners: list[int] = []
    conflicts: list[Conflict] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        barrier.wait()
        try:
            with session_scope(engine) as session:
                write(session, i)
        except Conflict as exc:
            with lock:
                conflicts.append(exc)
        except BaseException as exc:  # anything else is the bug this test exists to catch
            with lock:
                errors.append(exc)
        else:
            with lock:
                winners.append(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return winners, conflicts, errors


def _check(winners: list[int], conflicts: list[Conflict], errors: list[BaseException]) -> int:
    assert errors == [], f"writers failed with something other than a conflict: {errors!r}"
    assert len(winners) == 1, f"{len(winners)} writers won; exactly one may"
    assert len(conflicts) == WRITERS - 1
    assert all("changed elsewhere" in str(c) and "nothing was overwritten" in str(c) for c in conflicts)
    return winners[0]


def test_card_edits_race_one_wins(engine: Engine) -> None:
    with session_scope(engine) as s:
        card_id = card_store.create(s, Card(tag="original", text="The crisis in Idlib.")).id
    winners, conflicts, errors = _race(
        engine, lambda s, i: card_store.update_fields(s, card_id, 1, {"tag": f"tag from writer {i}"})
    )
    winner = _check(winners, conflicts, errors)
    with session_scope(engine) as s:
        row = card_store.get(s, card_id)
        assert row.version == 2
        assert row.tag == f"tag from writer {winner}"
        assert [r.version for r in card_store.revisions(s, card_id)] == [1, 2]
    assert all(c.current_version == 2 for c in conflicts)


def test_card_mark_actions_race_one_wins(engine: Engine) -> None:
    with session_scope(engine) as s:
        card_id = card_store.create(s, Card(tag="t", text="one two three four five six seven")).id
    winners, conflicts, errors = _race(
        engine,
        lambda s, i: card_store.mark(s, card_id, 1, action="toggle", kind="highlight", start=i, end=i + 3),
    )
    winner = _check(winners, conflicts, errors)
    with session_scope(engine) as s:
        row = card_store.get(s, card_id)
        assert row.version == 2
        assert [(m["start"], m["end"]) for m in row.marks] == [(winner, winner + 3)]


def test_outline_edits_race_one_wins(engine: Engine) -> None:
    with session_scope(engine) as s:
        brief_id = brief_store.create(s, "AT: Sanctions").id
    winners, conflicts, errors = _race(
        engine, lambda s, i: brief_store.add_node(s, brief_id, 1, type="block", title=f"block {i}")
    )
    winner = _check(winners, conflicts, errors)
    with session_scope(engine) as s:
        assert brief_store.get(s, brief_id).version == 2
        brief, _ = brief_store.load(s, brief_id)
        assert [h.title for h in brief.children] == [f"block {winner}"]
    assert all("latest change: added a block" in str(c) for c in conflicts)


def test_brief_renames_race_one_wins(engine: Engine) -> None:
    with session_scope(engine) as s:
        brief_id = brief_store.create(s, "Untitled").id
    winners, conflicts, errors = _race(engine, lambda s, i: brief_store.rename(s, brief_id, 1, {"title": f"T{i}"}))
    winner = _check(winners, conflicts, errors)
    with session_scope(engine) as s:
        row = brief_store.get(s, brief_id)
        assert (row.title, row.version) == (f"T{winner}", 2)


def test_source_edits_race_one_wins(engine: Engine) -> None:
    with session_scope(engine) as s:
        source_id = source_store.create(s, text="An article about Syria.", title="Syria").id
    winners, conflicts, errors = _race(
        engine, lambda s, i: source_store.update(s, source_id, 1, {"title": f"title {i}"})
    )
    winner = _check(winners, conflicts, errors)
    with session_scope(engine) as s:
        row = source_store.get(s, source_id)
        assert (row.title, row.version) == (f"title {winner}", 2)


def test_speech_doc_moves_race_one_wins(engine: Engine) -> None:
    with session_scope(engine) as s:
        doc_id = speech_store.create(s, "1AC").id
        for n in range(3):
            speech_store.send_analytic(s, doc_id, f"analytic {n}")
        version = speech_store.get(s, doc_id).version
        first = speech_store.items(s, doc_id)[0].id
    winners, conflicts, errors = _race(
        engine, lambda s, i: speech_store.move_item(s, doc_id, version, first, 1 + i % 2)
    )
    winner = _check(winners, conflicts, errors)
    with session_scope(engine) as s:
        texts = [item.text for item in speech_store.items(s, doc_id)]
        assert texts.index("analytic 0") == 1 + winner % 2
        assert sorted(texts) == ["analytic 0", "analytic 1", "analytic 2"]
        assert speech_store.get(s, doc_id).version == version + 1


def test_concurrent_sends_to_speech_all_land_in_distinct_places(engine: Engine) -> None:
    """Appends never overwrite anything, so all twenty land, each in its own position."""
    with session_scope(engine) as s:
        doc_id = speech_store.create(s, "2NC").id
    winners, conflicts, errors = _race(engine, lambda s, i: speech_store.send_analytic(s, doc_id, f"point {i}"))
    assert errors == [] and conflicts == [] and len(winners) == WRITERS
    with session_scope(engine) as s:
        rows = speech_store.items(s, doc_id)
        assert sorted(r.position for r in rows) == list(range(WRITERS))
        assert speech_store.get(s, doc_id).version == 1 + WRITERS
