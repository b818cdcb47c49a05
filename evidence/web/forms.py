"""What the card editor's form sends, read into the store's changes.

A form is typed by a person, not a program: the tag box may hold doubled spaces, the date box
"9-16-2021" or "September 16, 2020", the authors box names separated by ";". The JSON API takes
none of that (ISO dates, a list of authors); this is the one place that reads the typed forms,
and dates are read by the domain's ``parse_date`` like everywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evidence.domain import parse_date
from evidence.domain.citeline import ParsedCite, parse_line
from evidence.store.errors import Invalid
from evidence.web.presenters import CITE_FIELDS

_DATES = ("date", "accessed")


def _text(form: Mapping[str, Any], key: str) -> str | None:
    value = form.get(key)
    return value if isinstance(value, str) else None


def cite_from_form(form: Mapping[str, Any]) -> dict[str, Any]:
    """The cite form's boxes as the store's cite fields; an empty box is no value."""
    result: dict[str, Any] = {}
    authors = _text(form, "authors") or ""
    result["authors"] = [a.strip() for a in authors.split(";") if a.strip()]
    for key in CITE_FIELDS:
        if key == "authors":
            continue
        value = (_text(form, key) or "").strip()
        if not value or key not in _DATES:
            result[key] = value or None
            continue
        parsed = parse_date(value)
        if parsed is None:
            raise Invalid(f"cannot read {value!r} as a date (try 9-16-2021 or 2021-09-16)")
        result[key] = parsed.iso
    return result


def cite_line(form: Mapping[str, Any]) -> ParsedCite | None:
    """The typed or pasted cite line, read; None when the box is empty."""
    line = _text(form, "cite_line")
    return parse_line(line) if line is not None and line.strip() else None


def card_changes(form: Mapping[str, Any]) -> dict[str, Any]:
    """The editor's tag, label and cite edits as ``cards.update_fields`` takes them.

    An accepted cite line is the cite's text (it *is* the cite, as written), with the fields as
    the user left them in the form, or as the line was read when the form sent none.
    """
    changes: dict[str, Any] = {}
    tag = _text(form, "tag")
    if tag is not None:
        changes["tag"] = " ".join(tag.split())
    label = _text(form, "label")
    if label is not None:
        changes["label"] = label.strip() or None
    if any(key in form for key in CITE_FIELDS):
        changes["cite"] = cite_from_form(form)
    parsed = cite_line(form)
    if parsed is not None:
        read = parsed.to_json()
        fields = changes.get("cite") or {k: v for k, v in read.items() if k not in {"text", "marks", "short"}}
        changes["cite"] = {**fields, "text": read["text"], "marks": read["marks"]}
    return changes
