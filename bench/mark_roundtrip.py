"""Benchmark: the card editor's mark round trip, against opening the same card's editor page.

Both go through the whole stack, in one process, on one app and one SQLite library, as the
browser does them: a FastAPI ``TestClient`` (no network, everything else real: host and CSRF
checks, routing, validation, a session per request, the store, templates, commit), sending the
page's CSRF token as the page's scripts do.

- action: what F9/F10/F11 does, ``POST /api/cards/{id}/marks`` with a toggle over a random phrase
  (load, domain toggle, version-checked write, a revision row, the card as JSON) and then
  ``GET /cards/{id}/state``, the re-rendered body with its counts, which the page swaps in;
- baseline: ``GET /cards/{id}``, the editor page of the same card, rendered with every mark it
  has at that moment. It reads the card and renders it; it writes nothing.

The two alternate, one of each per step, so both see the same card (2,000 words, gathering marks
as the run goes on, as a real card does) and the same load on the shared machine. Prints median
and p95 of each and the ratio action ÷ page, then as the last line a JSON summary. Target: a
mark action under 20 ms at p95.

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

from fastapi.testclient import TestClient

from evidence.settings import Settings
from evidence.web.app import create_app
from evidence.web.security import CSRF_COOKIE, CSRF_HEADER

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "article-putin-stone-interview.txt"
TARGET_MS = 20.0


def card_text(words: int) -> str:
    source = SEED.read_text(encoding="utf-8").split() if SEED.exists() else ["evidence"] * 100
    out = [source[i % len(source)] for i in range(words)]
    # Paragraphs of ~120 words joined by "\n", as a card's body is stored.
    return "\n".join(" ".join(out[i : i + 120]) for i in range(0, len(out), 120))


def summary(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in ms."""
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--words", type=int, default=2000)
    args = parser.parse_args()

    text = card_text(args.words)
    rng = random.Random(7)
    page_ms: list[float] = []
    action_ms: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), secret_key="bench")
        # The address ``evidence serve`` listens on, so the Host check passes as it does for a user.
        with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as client:
            created = client.post("/api/cards", json={"tag": "Benchmark card", "text": text})
            created.raise_for_status()
            card_id, version = created.json()["id"], created.json()["version"]
            client.get(f"/cards/{card_id}").raise_for_status()  # the page sets the CSRF cookie
            client.headers[CSRF_HEADER] = client.cookies[CSRF_COOKIE]

            for i in range(args.actions):
                t0 = time.perf_counter()
                page = client.get(f"/cards/{card_id}")
                page_ms.append((time.perf_counter() - t0) * 1000)
                page.raise_for_status()

                start = rng.randrange(0, len(text) - 200)
                kind, color = (("underline", None), ("highlight", "cyan"), ("emphasis", None))[i % 3]
                body = {
                    "version": version,
                    "action": "toggle",
                    "kind": kind,
                    "start": start,
                    "end": start + rng.randrange(5, 120),
                    "color": color,
                }
                t0 = time.perf_counter()
                answer = client.post(f"/api/cards/{card_id}/marks", json=body)
                answer.raise_for_status()
                client.get(f"/cards/{card_id}/state").raise_for_status()
                action_ms.append((time.perf_counter() - t0) * 1000)
                version = answer.json()["version"]
            marks = len(client.get(f"/api/cards/{card_id}").json()["marks"])

    page_med, page_p95 = summary(page_ms)
    med, p95 = summary(action_ms)
    print(f"card: {args.words} words, {len(text):,} characters, {marks} marks at the end; {args.actions} steps")
    print(f"GET the editor page (baseline): median {page_med:.2f} ms, p95 {page_p95:.2f} ms")
    print(f"a mark and its fragment (the editor's F9/F10/F11): median {med:.2f} ms, p95 {p95:.2f} ms")
    print(f"mark ÷ page: {med / page_med:.2f}x at the median, {p95 / page_p95:.2f}x at p95")
    print(f"target p95 < {TARGET_MS} ms per mark: {'met' if p95 < TARGET_MS else 'NOT met'}")
    print(
        json.dumps(
            {
                "benchmark": "mark_roundtrip",
                "words": args.words,
                "actions": args.actions,
                "final_marks": marks,
                "page_median_ms": round(page_med, 3),
                "page_p95_ms": round(page_p95, 3),
                "action_median_ms": round(med, 3),
                "action_p95_ms": round(p95, 3),
                "ratio_action_to_page": round(med / page_med, 2),
                "ratio_action_to_page_p95": round(p95 / page_p95, 2),
                "target_ms": TARGET_MS,
                "met": p95 < TARGET_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
