"""Benchmark: backup and restore time and peak memory as the library grows (SQLite).

Builds libraries of 2,000 and 20,000 cards (by default) with bulk inserts: cards of ~1,500
characters with marks, one revision each, a source per ten cards, a brief per twenty cards with a
block and a card node for each card, and a speech doc. Then, each in a fresh subprocess (so
``ru_maxrss`` is that job's own peak):

- ``backup``: ``evidence.store.backup.write_backup`` (one snapshot, rows streamed to the file);
- ``restore``: ``restore_backup`` into a new, empty library;
- ``in-memory``: the baseline, measured in the same run on the same library and file: what the
  previous code did. Backup: every row read into lists, then one ``json.dump`` of the whole
  document; like ours, it reads every table and writes the whole file. Restore: one ``json.load``
  of the whole file and nothing more; the old code then inserted the rows, so this is a floor of
  what the in-memory way needed, not the same work. Its peak memory is compared (the load alone
  already grows with the library); its time is not, and the JSON reports only ours.

What is compared is peak memory as the library grows: flat means the 20k/2k peak ratio stays near
1x while the in-memory baseline grows with the library. Memory is in MiB (2^20 bytes, from the
kernel's ``VmHWM``), the backup file's size in MB (10^6 bytes). Prints a table, then as the last
line a JSON summary.

    uv run python bench/backup.py [--sizes 2000 20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence.store.db import make_engine
from evidence.store.migrate import upgrade

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "article-putin-stone-interview.txt"


def words(n: int, start: int) -> str:
    source = SEED.read_text(encoding="utf-8").split() if SEED.exists() else ["evidence"] * 500
    return " ".join(source[(start + i) % len(source)] for i in range(n))


def build(path: Path, cards: int) -> None:
    """A library of ``cards`` cards, built with bulk inserts in one transaction."""
    from sqlalchemy import insert

    from evidence.store.models import Brief, Card, CardRevision, OutlineNode, Source
    from evidence.store.speech_models import SpeechDoc, SpeechItem

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    now = datetime.now(UTC)
    batch = 2000
    with engine.begin() as conn:
        sources = [
            {"id": i + 1, "title": f"Source {i}", "text": words(1500, i * 7), "cite": {"author": "Ace"}, "removed": []}
            for i in range(max(1, cards // 10))
        ]
        conn.execute(insert(Source.__table__), [{**s, "created_at": now, "updated_at": now} for s in sources])
        n_briefs = max(1, cards // 20)
        conn.execute(
            insert(Brief.__table__),
            [{"id": b + 1, "title": f"Brief {b}", "created_at": now, "updated_at": now} for b in range(n_briefs)],
        )
        conn.execute(
            insert(OutlineNode.__table__),
            [{"id": b + 1, "brief_id": b + 1, "type": "block", "title": f"Block {b}"} for b in range(n_briefs)],
        )
        for lo in range(0, cards, batch):
            ids = range(lo + 1, min(cards, lo + batch) + 1)
            rows: list[dict[str, Any]] = []
            for i in ids:
                text = words(250, i * 13)
                rows.append(
                    {
                        "id": i,
                        "tag": f"Card {i} says something",
                        "cite": {"author": "Mehmet Ace", "date": "2021"},
                        "text": text,
                        "marks": [
                            {"kind": "underline", "start": 0, "end": 200},
                            {"kind": "highlight", "start": 10, "end": 60},
                        ],
                        "source_id": (i - 1) // 10 + 1 if (i - 1) // 10 < len(sources) else None,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            conn.execute(insert(Card.__table__), rows)
            conn.execute(
                insert(CardRevision.__table__),
                [{"card_id": r["id"], "version": 1, "snapshot": {"tag": r["tag"], "text": r["text"]}} for r in rows],
            )
            conn.execute(
                insert(OutlineNode.__table__),
                [
                    {
                        "brief_id": (i - 1) % n_briefs + 1,
                        "parent_id": (i - 1) % n_briefs + 1,
                        "position": i,
                        "type": "card",
                        "card_id": i,
                    }
                    for i in ids
                ],
            )
        conn.execute(insert(SpeechDoc.__table__), [{"id": 1, "title": "1NC", "created_at": now, "updated_at": now}])
        conn.execute(
            insert(SpeechItem.__table__),
            [{"doc_id": 1, "position": i, "type": "card", "card_id": i + 1} for i in range(min(cards, 50))],
        )
    engine.dispose()


def worker(job: str, db: Path, file: Path) -> None:
    """One measured job; prints its seconds and peak RSS (MiB) as JSON."""
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)  # imports alembic and the models, as the CLI does: part of the fixed cost
    t0 = time.perf_counter()
    if job == "backup":
        from evidence.store.backup import write_backup

        write_backup(engine, file)
    elif job == "restore":
        from evidence.store.backup import restore_backup

        restore_backup(engine, file)
    elif job == "memory-backup":
        from sqlalchemy import select

        from evidence.store.models import metadata

        with engine.connect() as conn:
            tables = {t.name: [dict(r) for r in conn.execute(select(t)).mappings()] for t in metadata.sorted_tables}
        with file.open("w", encoding="utf-8") as fh:
            json.dump({"format": "evidence-backup/1", "tables": tables}, fh, ensure_ascii=False, default=str)
    elif job == "memory-restore":
        with file.open(encoding="utf-8") as fh:
            json.load(fh)
    elif job != "idle":
        raise SystemExit(f"unknown job {job}")
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "peak_mib": peak_rss_mib()}))


def peak_rss_mib() -> float:
    """This process's own peak resident memory, in MiB.

    ``VmHWM`` where Linux has it: ``ru_maxrss`` survives fork and exec, so a child started by a
    parent that has just built a 100 MB library would report the parent's peak as its own.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run(job: str, db: Path, file: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", job, str(db), str(file)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--worker", nargs=3, metavar=("JOB", "DB", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        job, db, file = args.worker
        worker(job, Path(db), Path(file))
        return

    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        idle_db = folder / "idle.db"
        idle = run("idle", idle_db, folder / "none")
        print(f"fixed cost (python + evidence + an empty library): {idle['peak_mib']:.0f} MiB")
        print(f"{'cards':>7} {'file MB':>8} {'job':>15} {'seconds':>8} {'ms/card':>8} {'peak MiB':>9}")
        for size in args.sizes:
            db = folder / f"lib-{size}.db"
            build(db, size)
            file = folder / f"backup-{size}.json"
            row: dict[str, Any] = {}
            row["backup"] = run("backup", db, file)
            row["file_mb"] = file.stat().st_size / 1e6
            row["restore"] = run("restore", folder / f"restored-{size}.db", file)
            row["memory-backup"] = run("memory-backup", db, folder / f"mem-{size}.json")
            row["memory-restore"] = run("memory-restore", folder / f"mem-{size}.db", file)
            for job in ("backup", "restore", "memory-backup", "memory-restore"):
                r = row[job]
                print(
                    f"{size:>7} {row['file_mb']:>8.1f} {job:>15} {r['seconds']:>8.2f} "
                    f"{r['seconds'] * 1000 / size:>8.3f} {r['peak_mib']:>9.0f}"
                )
            results[str(size)] = row
    small, large = str(min(args.sizes)), str(max(args.sizes))
    growth = {
        job: round(results[large][job]["peak_mib"] / results[small][job]["peak_mib"], 2)
        for job in ("backup", "restore", "memory-backup", "memory-restore")
    }
    above_idle = {
        job: round(
            max(results[large][job]["peak_mib"] - idle["peak_mib"], 0.1)
            / max(results[small][job]["peak_mib"] - idle["peak_mib"], 0.1),
            2,
        )
        for job in ("backup", "restore")
    }
    print(f"peak memory {large} vs {small} cards: " + ", ".join(f"{k} {v}x" for k, v in growth.items()))
    print(f"memory above the fixed cost, {large} vs {small}: " + ", ".join(f"{k} {v}x" for k, v in above_idle.items()))
    summary = {
        "benchmark": "backup",
        "sizes": args.sizes,
        "idle_mib": round(idle["peak_mib"], 1),
        "peak_mib": {
            s: {j: round(r[j]["peak_mib"], 1) for j in ("backup", "restore", "memory-backup", "memory-restore")}
            for s, r in results.items()
        },
        "seconds": {s: {j: round(r[j]["seconds"], 2) for j in ("backup", "restore")} for s, r in results.items()},
        "ms_per_card": {
            s: {j: round(r[j]["seconds"] * 1000 / int(s), 3) for j in ("backup", "restore")} for s, r in results.items()
        },
        "peak_ratio_large_vs_small": growth,
        "above_idle_ratio_large_vs_small": above_idle,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
