"""Argument labels: an open vocabulary with standard entries, stored lower-case with hyphens.

Debaters type labels many ways ("Non-unique:", "NU", "Link Turn", "answers to"); one spelling in
storage makes briefs searchable and checkable by argument.
"""

from __future__ import annotations

import re

STANDARD_LABELS: tuple[str, ...] = (
    "uniqueness",
    "non-unique",
    "link",
    "no-link",
    "link-turn",
    "internal-link",
    "impact",
    "impact-turn",
    "impact-defense",
    "alt-cause",
    "solvency",
    "solvency-deficit",
    "permutation",
    "theory",
    "framework",
    "analytic",
    "answers-to",
    "extension",
    "overview",
)

_ALIASES = {
    "nu": "non-unique",
    "nonunique": "non-unique",
    "non-uniqueness": "non-unique",
    "uq": "uniqueness",
    "unique": "uniqueness",
    "lt": "link-turn",
    "turn": "link-turn",
    "l-t": "link-turn",
    "nl": "no-link",
    "il": "internal-link",
    "it": "impact-turn",
    "impact-defence": "impact-defense",
    "defense": "impact-defense",
    "alternate-cause": "alt-cause",
    "alternative-cause": "alt-cause",
    "ac": "alt-cause",
    "perm": "permutation",
    "fw": "framework",
    "at": "answers-to",
    "a2": "answers-to",
    "a-2": "answers-to",
    "answer-to": "answers-to",
    "ext": "extension",
    "ov": "overview",
}


def normalize_label(label: str | None) -> str | None:
    """ "Non-unique:" → "non-unique", "Link Turn" → "link-turn"; None or blank → None."""
    if label is None:
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", label.strip().lower().replace("/", "")).strip("-")
    if not slug:
        return None
    return _ALIASES.get(slug, slug)


def display_label(label: str | None) -> str:
    """ "non-unique" → "Non-unique", "answers-to" → "Answers to"."""
    if not label:
        return ""
    if label == "non-unique":
        return "Non-unique"
    return label.replace("-", " ").capitalize()


# A tag that opens with a label: "Non-unique: Russian aggression now", "Non-unique – US pressure …".
_LEADING = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z/ -]{0,24}?)\s*(?::|\s[–—-]{1,3}\s|[–—]\s*)\s*(?P<rest>\S.*)$")


def split_tag_label(tag: str) -> tuple[str | None, str]:
    """Lift a leading standard label out of a tag; unknown prefixes stay part of the tag."""
    match = _LEADING.match(tag)
    if match:
        label = normalize_label(match.group("label"))
        if label in STANDARD_LABELS and label not in {"answers-to"}:
            return label, match.group("rest").strip()
    return None, tag.strip()
