"""Benchmark: search latency in a season-sized library, against a LIKE scan in the same run.

Builds a library of 100,000 cards (by default) with bulk inserts, through the real schema (so the
database's own triggers or generated column index every card as it is written): each card is a
window of 300–450 words (~2.3 KB) of the shared seed texts and Verbatim fixtures, with a tag from
another passage, a cite (one of 600 authors, a year 1990–2025, one of 30 publications) and one to
four highlighted stretches inside an underlined one.

Then 200 mixed queries, fixed by a seed: 80 single words (half drawn by how often words occur,
half uniformly from the vocabulary, so both common and rare), 40 quoted two-word phrases from the
texts, 40 pairs of words, 40 ``author:name word``. Each is timed two ways, interleaved:

- ``ours``: ``evidence.store.search.search(session, q, limit=20)``, everything a results page
  needs: the total, the ranked page, snippets and the briefs of each hit;
- ``baseline``: what the card list did before: ``LIKE '%word%'`` over the tag, the cite JSON and
  (added here, so it looks where ours looks) the text, every word required, newest first,
  ``LIMIT 20``. It stops as soon as it has 20 cards, so common words are cheap for it too.

Prints a table, then as the last line a JSON summary:
``{"benchmark": "search", "cards": …, "p50_ms": …, "p95_ms": …, "baseline_p50_ms": …, "speedup_p50": …}``.

    uv run python bench/search.py [--cards 100000] [--library PATH] [--database-url URL]

``--library PATH`` keeps the SQLite file and reuses it when it already holds the cards.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, text

from evidence.store.db import make_engine, session_scope
from evidence.store.migrate import upgrade
from evidence.store.search import search

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIRST = [
    "John",
    "Mina",
    "Anna",
    "Omar",
    "Li",
    "Sara",
    "David",
    "Priya",
    "Kofi",
    "Elena",
    "Mateo",
    "Yuki",
    "Noor",
    "Ivan",
    "Grace",
    "Tomas",
    "Aisha",
    "Ben",
    "Chloe",
    "Raj",
]
LAST = [
    "Ace",
    "Choi",
    "Petrova",
    "Haddad",
    "Chen",
    "Okafor",
    "Silva",
    "Novak",
    "Kim",
    "Rossi",
    "Cohen",
    "Tanaka",
    "Mensah",
    "Ivanova",
    "Garcia",
    "Dubois",
    "Kaur",
    "Walsh",
    "Lindqvist",
    "Moreau",
    "Abara",
    "Brennan",
    "Castillo",
    "Demir",
    "Eriksen",
    "Fischer",
    "Gupta",
    "Horvat",
    "Ibrahim",
    "Jensen",
]
PUBLICATIONS = [
    "Moscow Times", "Foreign Affairs", "Foreign Policy", "War on the Rocks", "The Atlantic", "Brookings",
    "RAND", "Council on Foreign Relations", "The Diplomat", "Lawfare", "Politico", "Reuters", "Al Jazeera",
    "Washington Post", "New York Times", "The Guardian", "Financial Times", "The Economist", "Axios", "Vox",
    "Press TV", "RT", "TASS", "Daily Sabah", "Middle East Eye", "Carnegie", "CSIS", "Atlantic Council",
    "Journal of Strategic Studies", "International Security",
]  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


def corpus() -> list[str]:
    """The words of the seed texts and the Verbatim fixtures, in order."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    try:
        import docx

        for path in sorted((SHARED / "fixtures" / "verbatim").glob("*.docx")):
            texts.append("\n".join(p.text for p in docx.Document(str(path)).paragraphs))
    except Exception as exc:  # the seeds alone still make a library
        print(f"(Verbatim fixtures not read: {exc})", file=sys.stderr)
    words = " ".join(texts).split()
    if len(words) < 1000:
        raise SystemExit(f"shared texts not found under {SHARED} (need seeds/ and fixtures/verbatim/)")
    return words


def build(engine: Engine, cards: int, words: list[str], rng: random.Random) -> None:
    authors = [f"{f} {last}" for f in FIRST for last in LAST]
    start = datetime(2025, 8, 1, tzinfo=UTC)
    insert = text(
        "INSERT INTO card (tag, label, cite, text, marks, created_at, updated_at, version) "
        "VALUES (:tag, :label, :cite, :text, :marks, :created, :created, 1)"
    )
    labels = [None, None, None, "link", "impact", "uniqueness", "link-turn", "non-unique"]
    batch: list[dict[str, Any]] = []
    began = time.perf_counter()
    with engine.begin() as conn:
        for n in range(cards):
            at = rng.randrange(len(words) - 500)
            body = " ".join(words[at : at + rng.randint(300, 450)])
            tag_at = rng.randrange(len(words) - 20)
            author = rng.choice(authors)
            year = rng.randint(1990, 2025)
            short = f"{author.split()[-1]} {year % 100:02d}"
            cite = {
                "text": f"{short} ({author}, {rng.choice(PUBLICATIONS)}, {year})",
                "marks": [{"kind": "cite", "start": 0, "end": len(short)}],
                "authors": [author],
                "date": str(year),
                "publication": rng.choice(PUBLICATIONS),
            }
            u0 = rng.randrange(0, max(1, len(body) // 3))
            u1 = min(len(body), u0 + rng.randint(200, 900))
            marks: list[dict[str, Any]] = [{"kind": "underline", "start": u0, "end": u1}]
            cursor = u0
            for _ in range(rng.randint(1, 4)):
                h0 = min(u1, cursor + rng.randint(0, 80))
                h1 = min(u1, h0 + rng.randint(10, 120))
                if h1 > h0:
                    marks.append({"kind": "highlight", "start": h0, "end": h1, "color": "cyan"})
                cursor = h1
            batch.append(
                {
                    "tag": " ".join(words[tag_at : tag_at + rng.randint(6, 14)]),
                    "label": rng.choice(labels),
                    "cite": json.dumps(cite),
                    "text": body,
                    "marks": json.dumps(marks),
                    "created": start + timedelta(minutes=n),
                }
            )
            if len(batch) == 2000:
                conn.execute(insert, batch)
                batch = []
                print(f"\r  {n + 1:,} cards, {time.perf_counter() - began:.0f} s", end="", file=sys.stderr)
        if batch:
            conn.execute(insert, batch)
    print(f"\r  {cards:,} cards built in {time.perf_counter() - began:.0f} s", file=sys.stderr)


def queries(words: list[str], rng: random.Random) -> list[tuple[str, list[str], str | None]]:
    """(query as typed, the words the baseline requires, the author the baseline requires)."""
    usable = [w.strip("'-").lower() for w in words if _WORD.fullmatch(w)]
    counts = Counter(usable)
    vocabulary = sorted(counts)
    frequent = list(counts.elements())
    found: list[tuple[str, list[str], str | None]] = []
    for n in range(80):
        word = rng.choice(frequent) if n % 2 else rng.choice(vocabulary)
        found.append((word, [word], None))
    while len(found) < 120:
        at = rng.randrange(len(words) - 2)
        pair = [w.lower() for w in words[at : at + 2]]
        if all(_WORD.fullmatch(w) for w in pair):
            found.append((f'"{pair[0]} {pair[1]}"', [f"{pair[0]} {pair[1]}"], None))
    for _ in range(40):
        a, b = rng.choice(frequent), rng.choice(vocabulary)
        found.append((f"{a} {b}", [a, b], None))
    for _ in range(40):
        last, word = rng.choice(LAST), rng.choice(frequent)
        found.append((f"author:{last.lower()} {word}", [word], last.lower()))
    rng.shuffle(found)
    return found


def baseline(engine: Engine, required: list[str], author: str | None) -> list[int]:
    where = ["deleted_at IS NULL"]
    params: dict[str, str] = {}
    for n, word in enumerate(required):
        params[f"w{n}"] = f"%{word}%"
        where.append(f"(lower(tag) LIKE :w{n} OR lower(cite) LIKE :w{n} OR lower(text) LIKE :w{n})")
    if author:
        params["a"] = f"%{author}%"
        where.append("lower(cite) LIKE :a")
    sql = f"SELECT id FROM card WHERE {' AND '.join(where)} ORDER BY created_at DESC, id DESC LIMIT 20"
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(text(sql), params)]


def ours(engine: Engine, query: str) -> int:
    with session_scope(engine, write=False) as session:
        return search(session, query, limit=20).total


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--library", type=Path, help="SQLite file to keep (reused when it holds the cards)")
    parser.add_argument("--database-url", help="another database (e.g. PostgreSQL), emptied first")
    args = parser.parse_args()
    rng = random.Random(12)
    words = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{args.library or Path(tmp) / 'search.db'}"
        engine = make_engine(url)
        upgrade(engine)
        with engine.connect() as conn:
            have = conn.execute(text("SELECT count(*) FROM card")).scalar_one()
        if have != args.cards:
            if have:
                with engine.begin() as conn:
                    conn.execute(text("DELETE FROM card"))
            print(f"building {args.cards:,} cards ({engine.url.get_backend_name()})", file=sys.stderr)
            build(engine, args.cards, words, rng)
            if engine.url.get_backend_name() == "sqlite":
                with engine.connect() as conn:
                    conn.exec_driver_sql("INSERT INTO card_fts(card_fts) VALUES ('optimize')")
                    conn.commit()
            else:
                with engine.connect() as conn:
                    conn.execute(text("ANALYZE card"))
                    conn.commit()
        mixed = queries(words, random.Random(34))
        for query, required, author in mixed[:10]:  # warm the caches both ways
            ours(engine, query)
            baseline(engine, required, author)
        times: list[float] = []
        base_times: list[float] = []
        totals: list[int] = []
        for query, required, author in mixed:
            began = time.perf_counter()
            totals.append(ours(engine, query))
            times.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            baseline(engine, required, author)
            base_times.append((time.perf_counter() - began) * 1000)
        engine.dispose()
    p50, p95 = statistics.median(times), percentile(times, 95)
    b50, b95 = statistics.median(base_times), percentile(base_times, 95)
    print(f"{'':<10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    print(f"{'ours':<10}{p50:>10.2f}{p95:>10.2f}{max(times):>10.2f}")
    print(f"{'LIKE':<10}{b50:>10.2f}{b95:>10.2f}{max(base_times):>10.2f}")
    print(
        f"{len(mixed)} queries; cards matched per query (ours): median {statistics.median(totals):,.0f}, "
        f"max {max(totals):,}; {sum(1 for t in totals if t == 0)} found nothing"
    )
    print(
        json.dumps(
            {
                "benchmark": "search",
                "cards": args.cards,
                "p50_ms": round(p50, 2),
                "p95_ms": round(p95, 2),
                "baseline_p50_ms": round(b50, 2),
                "speedup_p50": round(b50 / p50, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
