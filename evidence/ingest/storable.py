"""Make what a reader produced storable, keeping every offset on its words.

The rule (what a database cannot store, and what replaces it) lives in
:func:`evidence.domain.text.clean_storable`; this module applies it to everything a reader hands
over (brief titles, tags, cites, card text, source text) and tallies one report note per kind of
change for the whole file. Dropping a NUL shortens the text, so every offset into it (card marks,
a source's removed spans, a rich paste's marks) is moved back by the NULs before it; replacing a
lone surrogate keeps lengths and offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from evidence.domain.brief import Brief, Heading, Node
from evidence.domain.card import Analytic, Card
from evidence.domain.cite import Cite
from evidence.domain.marks import Mark
from evidence.domain.source import Removal, SourceDoc, delete_spans, original_text
from evidence.domain.text import clean_storable, storable_problem
from evidence.ingest.report import ImportReport

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_T = TypeVar("_T", bound="DataclassInstance")


class Cleaner:
    """Cleans strings one by one and counts what it changed across all of them."""

    def __init__(self) -> None:
        self.nuls = 0
        self.surrogates = 0

    def text(self, value: str) -> str:
        """``value`` made storable (the common case, nothing to do, costs one scan)."""
        if storable_problem(value) is None:
            return value
        cleaned, _ = clean_storable(value)
        self.nuls += value.count("\x00")
        self.surrogates += cleaned.count("\ufffd") - value.count("\ufffd")
        return cleaned

    def optional(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)

    def with_offsets(self, value: str) -> tuple[str, list[int]]:
        """``value`` cleaned, and the positions of the NULs dropped from it (for :func:`shift`)."""
        nuls = [i for i, char in enumerate(value) if char == "\x00"] if "\x00" in value else []
        return self.text(value), nuls

    def marked(self, value: str, marks: tuple[Mark, ...] | list[Mark]) -> tuple[str, list[Mark]]:
        """Text and its marks, cleaned together: each mark still covers the same words."""
        cleaned, nuls = self.with_offsets(value)
        if not nuls:
            return cleaned, list(marks)
        return cleaned, [m._replace(start=shift(m.start, nuls), end=shift(m.end, nuls)) for m in marks]

    def cite(self, cite: Cite) -> Cite:
        changes: dict[str, Any] = {}  # field name -> new value, of that field's own type
        for f in fields(cite):
            value = getattr(cite, f.name)
            if f.name == "text" and value is not None:  # the cite as written: its marks move with it
                cleaned, marks = self.marked(value, cite.marks)
                if cleaned != value:
                    changes["text"], changes["marks"] = cleaned, tuple(marks)
                continue
            new: str | tuple[str, ...]
            if isinstance(value, str):
                new = self.text(value)
            elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                new = tuple(self.text(v) for v in value)
            else:
                continue
            if new != value:
                changes[f.name] = new
        return replace(cite, **changes) if changes else cite

    def notes(self) -> list[str]:
        """One note per kind of change, in the domain rule's own words, with this file's counts."""
        if not (self.nuls or self.surrogates):
            return []
        # The domain's cleaner writes the notes; fed one character per change, it reports the totals.
        _, notes = clean_storable("\x00" * self.nuls + "\ud800" * self.surrogates)
        return notes

    def report_to(self, report: ImportReport) -> None:
        for note in self.notes():
            report.note(f"storable text: {note}")


def shift(offset: int, nuls: list[int]) -> int:
    """Where ``offset`` lands once the NULs at the sorted positions ``nuls`` are dropped."""
    return offset - bisect.bisect_left(nuls, offset)


def clean_brief(brief: Brief, report: ImportReport) -> Brief:
    """Clean a brief in place (headings) and by replacement (frozen cards and analytics)."""
    cleaner = Cleaner()
    brief.title = cleaner.text(brief.title)
    brief.author = cleaner.optional(brief.author)
    brief.children = _nodes(brief.children, cleaner)
    cleaner.report_to(report)
    return brief


def _nodes(nodes: list[Node], cleaner: Cleaner) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Heading):
            node.title = cleaner.text(node.title)
            node.label = cleaner.optional(node.label)
            node.speech = cleaner.optional(node.speech)
            node.children = _nodes(node.children, cleaner)
            out.append(node)
        elif isinstance(node, Card):
            text, marks = cleaner.marked(node.text, node.marks)
            tag, tag_marks = cleaner.marked(node.tag, node.tag_marks)
            notes, notes_marks = cleaner.marked(node.notes, node.notes_marks)
            out.append(
                _changed(
                    node,
                    tag=tag,
                    tag_marks=tuple(tag_marks),
                    notes=notes,
                    notes_marks=tuple(notes_marks),
                    text=text,
                    marks=tuple(marks),
                    cite=cleaner.cite(node.cite),
                    label=cleaner.optional(node.label),
                )
            )
        elif isinstance(node, Analytic):
            out.append(_changed(node, text=cleaner.text(node.text)))
        else:  # pragma: no cover - Node is exactly these three
            out.append(node)
    return out


def _changed(value: _T, **changes: object) -> _T:
    """``value`` with ``changes`` applied, or ``value`` itself when nothing changed (no rebuild
    of a card's marks for the 99.9% of cards that were already clean)."""
    if all(getattr(value, k) == v for k, v in changes.items()):
        return value
    return replace(value, **changes)


def clean_source(doc: SourceDoc, cleaner: Cleaner) -> SourceDoc:
    """A source made storable, with its removed spans moved to stay on the same words.

    Removal offsets point into the original text (the cleaned text with the removals put back);
    the original is cleaned with the same rule, so a removal's new span is its old span shifted
    by the NULs before it, and its text loses exactly the NULs inside it.
    """
    if not doc.removed:
        text = cleaner.text(doc.text)
        removed: list[Removal] = []
    else:
        original, nuls = cleaner.with_offsets(original_text(doc))
        removed = [
            Removal(
                shift(r.start, nuls), shift(r.end, nuls), original[shift(r.start, nuls) : shift(r.end, nuls)], r.why
            )
            for r in doc.removed
        ]
        text = delete_spans(original, removed)
    return _changed(
        doc,
        title=cleaner.text(doc.title),
        text=text,
        removed=removed,
        cite=cleaner.cite(doc.cite),
        url=cleaner.optional(doc.url),
    )


def clean_sources(docs: list[SourceDoc], report: ImportReport) -> list[SourceDoc]:
    """Every source of one file made storable, with one report note per kind of change."""
    cleaner = Cleaner()
    cleaned = [clean_source(doc, cleaner) for doc in docs]
    cleaner.report_to(report)
    return cleaned
