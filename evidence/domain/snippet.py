"""A few words of a card around what a search matched, with the matching words marked.

Kept as plain text plus the marked spans, never as HTML from the database: a card's words are
whatever a web page or a Word file said (``<script>`` included), so the only HTML ever made from
a snippet is :meth:`Snippet.html`, which escapes every character of the text and adds nothing
but its own ``<mark>`` tags.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

#: The delimiters the engines are asked to put around matches: private-use characters, which no
#: text a debater reads contains (and which are dropped from the snippet if one ever did).
START = "\ue000"
STOP = "\ue001"

#: How much of a card's opening a snippet shows when no word of it matched.
OPENING_CHARS = 240


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    #: (start, end) code-point offsets into ``text`` of each matched word, in order, not overlapping.
    spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def from_marked(cls, marked: str) -> Snippet:
        """Read an engine's snippet whose matches sit between :data:`START` and :data:`STOP`."""
        out: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        opened: int | None = None
        for char in marked:
            if char == START:
                opened = length if opened is None else opened
            elif char == STOP:
                if opened is not None and length > opened:
                    spans.append((opened, length))
                opened = None
            else:
                out.append(char)
                length += 1
        return cls("".join(out), tuple(_merged(spans)))

    @classmethod
    def opening(cls, text: str, chars: int = OPENING_CHARS) -> Snippet:
        """The first words of ``text``, cut at a word boundary, with an ellipsis when cut."""
        text = " ".join(text.replace(START, "").replace(STOP, "").split()[: chars // 2])
        if len(text) <= chars:
            return cls(text)
        cut = text.rfind(" ", 0, chars)
        return cls(text[: cut if cut > chars // 2 else chars] + " …")

    def html(self) -> str:
        """The snippet as HTML: the text escaped, each match in ``<mark>``."""
        parts: list[str] = []
        at = 0
        for start, end in self.spans:
            parts.append(html.escape(self.text[at:start]))
            parts.append(f"<mark>{html.escape(self.text[start:end])}</mark>")
            at = end
        parts.append(html.escape(self.text[at:]))
        return "".join(parts)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
