"""Import 1,000 articles (built from the seed texts) into a SQLite library, against a bare INSERT.

Ours: what ``evidence import`` does per file: decode, repair, extract and clean
(``evidence.ingest.files.read_bytes``), then store the source in its own transaction through the
ORM (``evidence.store.imports.save``). Baseline: a bare ``sqlite3`` INSERT of the same raw texts,
one transaction each, into the same kind of database (WAL, synchronous=NORMAL), no ORM, no
cleaning, a three-column table.

Plainly: ours is much slower than the bare INSERT: 27-40x over three runs on the shared 2-core
development machine on 2026-11-30 (median 38x), extraction a little over half of it. The
baseline is the floor for "one durable row per article", not an equal rival: ours also cleans
the text and writes a real row (cite, timestamps, the schema's indexes) through SQLAlchemy. The
run splits our time into extracting and storing so the gap can be read: ``extract_s`` is
``read_bytes`` alone, ``store_s`` the session, ORM and commit. The last line is JSON; ``ratio``
is ours ÷ bare (a slowdown, > 1 means slower).

    uv run python bench/import_text.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from evidence.ingest.files import read_bytes
from evidence.store import imports
from evidence.store.db import make_engine, session_scope
from evidence.store.migrate import upgrade

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def articles(count: int) -> list[tuple[str, bytes]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("article-*.txt"))]
    if not texts:
        raise SystemExit(f"no seed articles in {SEEDS} (the shared folder beside the repository)")
    out = []
    for i in range(count):
        base = texts[i % len(texts)]
        # Vary each copy so nothing can be cached or deduplicated.
        out.append((f"article-{i:04d}.txt", f"{base}\n\nArticle number {i}.\n".encode()))
    return out


def ours(files: list[tuple[str, bytes]], folder: Path) -> tuple[float, float]:
    """Seconds spent extracting and storing, summed over the files."""
    engine = make_engine(f"sqlite:///{folder / 'ours.db'}")
    upgrade(engine)
    extract = store = 0.0
    for name, data in files:
        t0 = time.perf_counter()
        ingested = read_bytes(name, data)
        t1 = time.perf_counter()
        with session_scope(engine) as session:
            imports.save(session, ingested)
        t2 = time.perf_counter()
        extract += t1 - t0
        store += t2 - t1
    engine.dispose()
    return extract, store


def bare(files: list[tuple[str, bytes]], folder: Path) -> float:
    conn = sqlite3.connect(folder / "bare.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE source (id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
    start = time.perf_counter()
    for name, data in files:
        with conn:
            conn.execute("INSERT INTO source (title, text) VALUES (?, ?)", (name, data.decode()))
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    files = articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        extract_s, store_s = ours(files, folder)
        bare_s = bare(files, folder)
    ours_s = extract_s + store_s
    ratio = ours_s / bare_s
    result = {
        "benchmark": "import_text",
        "articles": args.articles,
        "ours_s": round(ours_s, 3),
        "extract_s": round(extract_s, 3),
        "store_s": round(store_s, 3),
        "baseline_s": round(bare_s, 3),
        "articles_per_s": round(args.articles / ours_s, 1),
        "baseline_articles_per_s": round(args.articles / bare_s, 1),
        "ratio": round(ratio, 1),
    }
    print(
        f"ours: {ours_s:.2f} s for {args.articles} articles ({result['articles_per_s']} articles/s): "
        f"extract {extract_s:.2f} s, store {store_s:.2f} s"
    )
    print(f"bare INSERT of the same texts: {bare_s:.3f} s ({result['baseline_articles_per_s']} articles/s)")
    print(f"ours is {ratio:.1f}x SLOWER than a bare INSERT (store alone: {store_s / bare_s:.1f}x)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
