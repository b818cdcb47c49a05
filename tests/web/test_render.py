"""The card body as HTML: escaped always, one span per formatting run, offsets in code points."""

from __future__ import annotations

import re

from markupsafe import escape

from evidence.domain.marks import Mark, MarkKind
from evidence.web.render import render_body, render_plain

SPAN = re.compile(r'<span data-s="(\d+)"(?: class="([^"]*)")?>(.*?)</span>', re.S)


def spans(html: str) -> list[tuple[int, str, str]]:
    return [(int(s), c or "", t) for s, c, t in SPAN.findall(html)]


def test_marks_become_classes_on_the_right_words() -> None:
    text = "The crisis in Idlib is worsening fast."
    marks = [
        Mark(MarkKind.UNDERLINE, 4, 19),
        Mark(MarkKind.EMPHASIS, 14, 19),
        Mark(MarkKind.HIGHLIGHT, 14, 32, "green"),
    ]
    assert spans(render_body(text, marks)) == [
        (0, "", "The "),
        (4, "u", "crisis in "),
        (14, "em hl-green", "Idlib"),
        (19, "hl-green", " is worsening"),
        (32, "", " fast."),
    ]


def test_body_text_is_always_escaped() -> None:
    text = '<script>alert("x")</script> & <b onmouseover=evil()>bold</b>'
    html = render_body(text, [Mark(MarkKind.UNDERLINE, 0, 8)])
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert "".join(t for _, _, t in spans(html)) == str(escape(text))


def test_offsets_count_code_points_not_utf16_units() -> None:
    text = "😀😀 مرحبا target"
    start = text.index("target")
    html = render_body(text, [Mark(MarkKind.UNDERLINE, start, start + 6)])
    assert spans(html)[-1] == (start, "u", "target")
    assert start == 9  # the two emoji count once each; the browser would say 11


def test_plain_source_keeps_every_character_and_offset() -> None:
    text = "first line\nsecond 😀 line\n" + "x" * 5000
    parts = spans(render_plain(text))
    assert "".join(t for _, _, t in parts) == text
    for start, _, piece in parts:
        assert text[start : start + len(piece)] == piece
    assert max(len(p) for _, _, p in parts) <= 2000


def test_the_sources_own_bold_and_italic_render() -> None:
    html = str(render_body("bold italic plain", [Mark(MarkKind.BOLD, 0, 4), Mark(MarkKind.ITALIC, 5, 11)]))
    assert '<span data-s="0" class="b">bold</span>' in html
    assert '<span data-s="5" class="i">italic</span>' in html
