"""Read ``evidence-brief/1`` JSON back into a domain brief, refusing anything malformed with a
message that says where ("children[0].children[3].marks[1]: …")."""

from __future__ import annotations

import json
from typing import Any

from evidence.domain import Analytic, Brief, Card, Cite, Heading, Level, Mark, MarkError, OutlineError
from evidence.domain.brief import check_styles
from evidence.domain.brief_json import FORMAT
from evidence.domain.labels import normalize_label
from evidence.ingest.report import ImportReport, IngestError
from evidence.ingest.storable import clean_brief

_HEADINGS = {level.value: level for level in Level}
#: pocket > hat > block > card: no valid brief nests its ``children`` lists deeper than this.
MAX_DEPTH = len(Level) + 1


def read_brief_json(data: str | bytes | dict[str, Any], *, report: ImportReport | None = None) -> Brief:
    """Read a brief JSON document; with ``report`` (a file being imported), text no database
    can store (``\\u0000``, a lone ``\\ud83d``) is cleaned and noted there, marks kept on their
    words. Without it (a client of the API), such text reaches the store, which refuses it."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise IngestError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        except UnicodeDecodeError:
            raise IngestError("not valid JSON: the file is not UTF-8 text") from None
        except RecursionError:
            raise IngestError("not a brief: the JSON is nested too deeply to read") from None
    if not isinstance(data, dict):
        raise IngestError("a brief must be a JSON object")
    if data.get("format") != FORMAT:
        raise IngestError(f'unknown format {data.get("format")!r}: expected "{FORMAT}"')
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise IngestError("the brief needs a title")
    author = data.get("author")
    try:
        styles = check_styles(data.get("styles"))
    except OutlineError as exc:
        raise IngestError(str(exc)) from None
    brief = Brief(
        title=title,
        author=author if isinstance(author, str) else None,
        children=_children(data.get("children", []), "children", 1),
        styles=styles,
    )
    try:
        brief.validate()
    except OutlineError as exc:
        raise IngestError(str(exc)) from None
    return clean_brief(brief, report) if report is not None else brief


def _children(items: object, path: str, depth: int) -> list[Any]:
    if not isinstance(items, list):
        raise IngestError(f"{path}: must be a list")
    if items and depth > MAX_DEPTH:
        raise IngestError(f"{path}: nested {depth} levels deep; a brief has at most pocket > hat > block > card")
    return [_node(item, f"{path}[{i}]", depth) for i, item in enumerate(items)]


def _node(item: object, path: str, depth: int) -> Heading | Card | Analytic:
    if not isinstance(item, dict):
        raise IngestError(f"{path}: must be an object")
    kind = item.get("type")
    if kind in _HEADINGS:
        title = item.get("title")
        if not isinstance(title, str):
            raise IngestError(f"{path}: a {kind} needs a title")
        speech = item.get("speech")
        return Heading(
            level=_HEADINGS[kind],
            title=title,
            label=normalize_label(_opt_str(item, "label", path)),
            speech=speech if isinstance(speech, str) else None,
            children=_children(item.get("children", []), f"{path}.children", depth + 1),
        )
    if kind == "analytic":
        text = item.get("text")
        if not isinstance(text, str):
            raise IngestError(f"{path}: an analytic needs text")
        return Analytic(text=text)
    if kind == "card":
        return _card(item, path)
    raise IngestError(f"{path}: unknown node type {kind!r} (pocket, hat, block, card or analytic)")


def _card(item: dict[str, Any], path: str) -> Card:
    text = item.get("text")
    if not isinstance(text, str):
        raise IngestError(f"{path}: a card needs text")
    tag = item.get("tag", "")
    if not isinstance(tag, str):
        raise IngestError(f"{path}.tag: must be text")
    try:
        cite = Cite.from_json(item.get("cite"))
    except ValueError as exc:
        raise IngestError(f"{path}.cite: {exc}") from None
    marks = _marks(item.get("marks", []), text, f"{path}.marks", "card text")
    tag_marks = _marks(item.get("tag_marks", []), tag, f"{path}.tag_marks", "tag")
    notes, notes_marks = "", []
    raw_notes = item.get("notes")
    if raw_notes is not None:
        if not isinstance(raw_notes, dict) or not isinstance(raw_notes.get("text", ""), str):
            raise IngestError(f"{path}.notes: must be an object with text and marks")
        notes = raw_notes.get("text", "")
        notes_marks = _marks(raw_notes.get("marks", []), notes, f"{path}.notes.marks", "notes")
    try:
        return Card(
            tag=tag,
            text=text,
            cite=cite,
            marks=tuple(marks),
            label=normalize_label(_opt_str(item, "label", path)),
            tag_marks=tuple(tag_marks),
            notes=notes,
            notes_marks=tuple(notes_marks),
        )
    except MarkError as exc:
        raise IngestError(f"{path}: {exc}") from None


def _marks(raw_marks: object, text: str, path: str, what: str) -> list[Mark]:
    if not isinstance(raw_marks, list):
        raise IngestError(f"{path}: must be a list")
    marks = []
    for i, raw in enumerate(raw_marks):
        try:
            mark = Mark.from_json(raw)
        except MarkError as exc:
            raise IngestError(f"{path}[{i}]: {exc}") from None
        if not 0 <= mark.start <= mark.end <= len(text):
            raise IngestError(
                f"{path}[{i}]: {mark.kind.value} {mark.start}–{mark.end} is outside the {what} (0–{len(text)})"
            )
        marks.append(mark)
    return marks


def _opt_str(item: dict[str, Any], key: str, path: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise IngestError(f"{path}.{key}: must be text or null")
    return value
