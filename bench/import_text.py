"""Import 1,000 articles (built from the seed texts) into a SQLite library, against a bare INSERT.

Ours: what `evidence import` does per file: decode, repair, extract and clean, then store the
source in its own transaction. Baseline: a bare sqlite3 INSERT of the same raw texts, one
transaction each, into the same kind of database (WAL, synchronous=NORMAL). The last line is JSON.

    uv run python bench/import_text.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from evidence.ingest.files import read_bytes
from evidence.store import imports
from evidence.store.db import make_engine, session_scope
from evidence.store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")


def articles(count: int) -> list[tuple[str, bytes]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("article-*.txt"))]
    out = []
    for i in range(count):
        base = texts[i % len(texts)]
        # Vary each copy so nothing can be cached or deduplicated.
        out.append((f"article-{i:04d}.txt", f"{base}\n\nArticle number {i}.\n".encode()))
    return out


def ours(files: list[tuple[str, bytes]], folder: Path) -> float:
    engine = make_engine(f"sqlite:///{folder / 'ours.db'}")
    upgrade(engine)
    start = time.perf_counter()
    for name, data in files:
        ingested = read_bytes(name, data)
        with session_scope(engine) as session:
            imports.save(session, ingested)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


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
        ours_s = ours(files, folder)
        bare_s = bare(files, folder)
    result = {
        "benchmark": "import_text",
        "articles": args.articles,
        "ours_s": round(ours_s, 3),
        "baseline_s": round(bare_s, 3),
        "articles_per_s": round(args.articles / ours_s, 1),
        "baseline_articles_per_s": round(args.articles / bare_s, 1),
        "ratio": round(ours_s / bare_s, 1),
    }
    print(f"ours: {ours_s:.2f} s ({result['articles_per_s']} articles/s); bare INSERT: {bare_s:.3f} s", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
