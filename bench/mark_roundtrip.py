"""Benchmark: the mark round trip of the card editor, on the server, in-process.

One action is what ``POST /cards/{id}/marks`` does minus HTTP: open a session, apply the mark
through the store (``evidence.store.cards.mark``: load, domain toggle, version-checked write, a
revision row), build the editor's state (``card_state``: the body fragment rendered by
``evidence.web.render.render_body``, counts, cite preview) and commit. The card has 2,000 words and
gathers marks as the run goes on (F9 and F11 over random phrases), as a real card does.

Baseline, same process: rendering the same card's body fragment with no marks. Prints per-action
times (median, p95) and the ratio to the baseline, then as the last line a JSON summary.
Target: under 20 ms per action.

    uv run python bench/mark_roundtrip.py [--actions N] [--words W]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence.domain import Card
from evidence.store import cards as card_store
from evidence.store.db import make_engine, session_scope
from evidence.store.migrate import upgrade
from evidence.web.pages.cutting import card_state
from evidence.web.render import render_body

SEED = Path("/work/shared/seeds/article-putin-stone-interview.txt")
TARGET_MS = 20.0


def card_text(words: int) -> str:
    source = SEED.read_text(encoding="utf-8").split() if SEED.exists() else ["evidence"] * 100
    out = [source[i % len(source)] for i in range(words)]
    # Paragraphs of ~120 words joined by "\n", as a card's body is stored.
    return "\n".join(" ".join(out[i : i + 120]) for i in range(0, len(out), 120))


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--words", type=int, default=2000)
    args = parser.parse_args()

    text = card_text(args.words)
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        with session_scope(engine) as session:
            row = card_store.create(session, Card(tag="Benchmark card", text=text))
            card_id, version = row.id, row.version
        assert card_id is not None

        baseline = timed(lambda: render_body(text, ()), max(50, args.actions))

        action_ms: list[float] = []
        for i in range(args.actions):
            start = rng.randrange(0, len(text) - 200)
            end = start + rng.randrange(5, 120)
            kind, color = (("underline", None), ("highlight", "cyan"), ("emphasis", None))[i % 3]
            t0 = time.perf_counter()
            with session_scope(engine) as session:
                row = card_store.mark(
                    session, card_id, version, action="toggle", kind=kind, start=start, end=end, color=color
                )
                state = card_state(row, 250)
                session.commit()
            action_ms.append((time.perf_counter() - t0) * 1000)
            version = state["version"]
        marks = len(state["marks"])

        with session_scope(engine) as session:
            final = card_store.to_domain(card_store.get(session, card_id))
        marked_render = timed(lambda: render_body(final.text, final.marks), max(50, args.actions))
        engine.dispose()

    base = statistics.median(baseline)
    med = statistics.median(action_ms)
    p95 = statistics.quantiles(action_ms, n=20)[-1]
    render_med = statistics.median(marked_render)
    print(f"card: {args.words} words, {len(text):,} characters, {marks} marks at the end")
    print(f"render body, no marks (baseline): median {base:.3f} ms")
    print(f"render body, {marks} marks: median {render_med:.3f} ms ({render_med / base:.1f}x baseline)")
    print(f"mark action (store + render + commit): median {med:.2f} ms, p95 {p95:.2f} ms, {med / base:.1f}x baseline")
    print(f"target < {TARGET_MS} ms per action: {'met' if p95 < TARGET_MS else 'NOT met'}")
    print(
        json.dumps(
            {
                "benchmark": "mark_roundtrip",
                "words": args.words,
                "actions": args.actions,
                "final_marks": marks,
                "baseline_render_no_marks_ms": round(base, 3),
                "render_with_marks_ms": round(render_med, 3),
                "action_median_ms": round(med, 3),
                "action_p95_ms": round(p95, 3),
                "ratio_action_to_baseline": round(med / base, 1),
                "target_ms": TARGET_MS,
                "met": p95 < TARGET_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
