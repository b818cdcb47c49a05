"""Accuracy of the cite-line parser (issue 10) on the labelled set in tests/data/cite_lines.json.

The set is 160 cite paragraphs from the real Verbatim files in ../shared/fixtures/verbatim/, each
labelled by hand with its short cite (the Cite-styled words), authors and year. For each field this
prints the share the parser gets exactly right, and the lines it gets wrong (with ``--misses``),
so a change to the parser shows which forms it gained or lost. The old parser (the fields-only
reading, with the short cite computed from them) runs on the same lines as the baseline.

Fields compared:
- ``short``: the short cite, whitespace normalised (a no-break space counts as a space);
- ``year``: the year the short cite stands for (null for "ND");
- ``authors``: the full list of names, exactly;
- ``author_last_names``: the family names in order (what the short cite is made of).

    uv run python bench/cite_lines.py [--misses]

The last line is a JSON summary: {"benchmark": "cite_lines", "lines": N, "short": 0.97, …,
"baseline": {…}}. Like with like: both parsers read the same lines and are scored by the same
function against the same labels.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence.domain.cite import Cite, last_name
from evidence.domain.citeline import ParsedCite, parse_line

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "cite_lines.json"
FIELDS = ("short", "year", "authors", "author_last_names")


def load() -> list[dict[str, Any]]:
    return list(json.loads(DATA.read_text(encoding="utf-8"))["lines"])


def _norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def answers(parsed: ParsedCite) -> dict[str, Any]:
    return {
        "short": _norm(parsed.short),
        "year": parsed.date.year if parsed.date else None,
        "authors": list(parsed.authors),
        "author_last_names": [last_name(a) for a in parsed.authors],
    }


def expected(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "short": _norm(row["short"]),
        "year": row["year"],
        "authors": list(row["authors"]),
        "author_last_names": [last_name(a) for a in row["authors"]],
    }


def score(rows: list[dict[str, Any]], parse: Callable[[str], dict[str, Any]]) -> tuple[dict[str, float], list[str]]:
    """Share of lines right per field, and a description of each miss."""
    right = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for row in rows:
        got, want = parse(row["line"]), expected(row)
        for key in FIELDS:
            if got[key] == want[key]:
                right[key] += 1
            else:
                misses.append(f"{key}: {got[key]!r} ≠ {want[key]!r}  ← {row['line'][:100]}")
    return {k: round(v / len(rows), 4) for k, v in right.items()}, misses


def _baseline(line: str) -> dict[str, Any]:
    """The parser before issue 10: fields by position, short cite computed from them (kept here,
    in a few lines, only to show what changed)."""
    from evidence.domain.citeline import _parse_fields

    parsed = _parse_fields(line.strip(), line.strip().replace("\xa0", " "), year_hint=None)
    cite = Cite(authors=parsed.authors, date=parsed.date, title=parsed.title, publication=parsed.publication)
    return {
        "short": _norm(cite.short),
        "year": parsed.date.year if parsed.date else None,
        "authors": list(parsed.authors),
        "author_last_names": [last_name(a) for a in parsed.authors],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every line a field got wrong")
    args = parser.parse_args()
    rows = load()
    now, misses = score(rows, lambda line: answers(parse_line(line)))
    before, _ = score(rows, _baseline)
    print(f"{len(rows)} labelled cite lines from the Verbatim fixtures")
    print(f"{'field':<20}{'parser':>8}{'fields-only baseline':>24}")
    for key in FIELDS:
        print(f"{key:<20}{now[key]:>8.1%}{before[key]:>24.1%}")
    if args.misses:
        print("\n".join(misses))
    print(json.dumps({"benchmark": "cite_lines", "lines": len(rows), **now, "baseline": before}))


if __name__ == "__main__":
    main()
