"""Benchmark: a card whose highlight marks arrive in reverse order (issue 9).

One highlight per word of a long text, colours alternating so no two merge, sent right to left
(as a client replaying its undo stack, or an importer walking a document backwards, would).
Normalising used to repaint the whole list for every such mark: quadratic, about 49 s for
20,000 marks on the development machine. Now any order costs a sort.

Measured in the same run, per mark count:
- ``normalize`` on the reversed list, against two baselines: the same marks in text order, and
  a plain ``sorted`` of the reversed list by start (the least any normaliser must do);
- building the domain ``Card`` (limits, validation, normalisation) from the reversed list;
- end to end through the store: ``evidence.store.cards.build`` from the JSON an API body holds,
  ``create`` and commit on a fresh SQLite database, reversed against in-order.

Prints medians (garbage collector paused while timing, as ``timeit`` does) and ratios, then as
the last line a JSON summary.

    uv run python bench/reversed_marks.py [--marks 2000 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence.domain import Card, Mark, MarkKind
from evidence.domain.marks import normalize
from evidence.store import cards as card_store
from evidence.store.db import make_engine, session_scope
from evidence.store.migrate import upgrade

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "article-putin-stone-interview.txt"
COLORS = ("yellow", "cyan")


def card_text(words: int) -> tuple[str, list[Mark]]:
    """A text of ``words`` words (paragraphs of 120, as a card body is stored) and one
    highlight per word, in text order."""
    source = SEED.read_text(encoding="utf-8").split() if SEED.exists() else ["evidence"] * 100
    chosen = [source[i % len(source)] for i in range(words)]
    parts: list[str] = []
    marks: list[Mark] = []
    pos = 0
    for i, word in enumerate(chosen):
        if i:
            sep = "\n" if i % 120 == 0 else " "
            parts.append(sep)
            pos += 1
        parts.append(word)
        marks.append(Mark(MarkKind.HIGHLIGHT, pos, pos + len(word), COLORS[i % 2]))
        pos += len(word)
    return "".join(parts), marks


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time; the cyclic GC is paused while timing, as ``timeit`` does, so that one
    full collection of the whole process (SQLAlchemy and all, ~55 ms here) landing inside one
    call is not read as the cost of normalising."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        finally:
            gc.enable()
    return statistics.median(times)


def store_ms(text: str, marks: list[dict[str, Any]], repeat: int) -> float:
    """build + create + commit of one card from API-shaped JSON, on a fresh SQLite database."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)

        def once() -> None:
            with session_scope(engine) as session:
                card = card_store.build({"tag": "Benchmark card", "text": text, "marks": marks})
                card_store.create(session, card)

        try:
            return median_ms(once, repeat)
        finally:
            engine.dispose()


def measure(count: int, repeat: int) -> dict[str, Any]:
    text, forward = card_text(count)
    backward = forward[::-1]
    assert normalize(backward) == normalize(forward) == forward  # same card either way
    as_json = [m.to_json() for m in backward]
    forward_json = [m.to_json() for m in forward]
    return {
        "marks": count,
        "text_chars": len(text),
        "normalize_reversed_ms": median_ms(lambda: normalize(backward), repeat),
        "normalize_forward_ms": median_ms(lambda: normalize(forward), repeat),
        "sort_reversed_ms": median_ms(lambda: sorted(backward, key=lambda m: m.start), repeat),
        "card_reversed_ms": median_ms(lambda: Card(tag="t", text=text, marks=tuple(backward)), repeat),
        "store_reversed_ms": store_ms(text, as_json, repeat),
        "store_forward_ms": store_ms(text, forward_json, repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--marks", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    results = []
    for count in args.marks:
        r = measure(count, args.repeat)
        r["ratio_reversed_to_forward"] = round(r["normalize_reversed_ms"] / r["normalize_forward_ms"], 2)
        r["ratio_reversed_to_sort"] = round(r["normalize_reversed_ms"] / r["sort_reversed_ms"], 1)
        r["ratio_store_reversed_to_forward"] = round(r["store_reversed_ms"] / r["store_forward_ms"], 2)
        results.append(r)
        print(f"{count:,} highlight marks, one per word ({r['text_chars']:,} characters), sent in reverse:")
        print(
            f"  normalize: {r['normalize_reversed_ms']:.1f} ms reversed, {r['normalize_forward_ms']:.1f} ms in order"
            f" ({r['ratio_reversed_to_forward']}x); a bare sort of the list {r['sort_reversed_ms']:.2f} ms"
            f" ({r['ratio_reversed_to_sort']}x)"
        )
        print(f"  Card(...) with limits and validation: {r['card_reversed_ms']:.1f} ms")
        print(
            f"  store build + create + commit (SQLite): {r['store_reversed_ms']:.1f} ms reversed,"
            f" {r['store_forward_ms']:.1f} ms in order ({r['ratio_store_reversed_to_forward']}x)"
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["normalize_reversed_ms"] / first["normalize_reversed_ms"]
        size = last["marks"] / first["marks"]
        print(f"{size:.0f}x the marks took {growth:.1f}x the time (quadratic would be {size * size:.0f}x)")
    summary = {
        "benchmark": "reversed_marks",
        "repeat": args.repeat,
        "results": [{k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()} for r in results],
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
