"""Word files both ways: what we export, we import back unchanged.

The seed brief, given marks of every kind and colour and a full outline, is written as a Verbatim
.docx and read back; tags, labels, cites, text, marks and the outline must survive.
"""

from __future__ import annotations

import random
from dataclasses import replace

from evidence.domain import Analytic, Brief, Card, Cite, Heading, Level, Mark, MarkKind
from evidence.domain.brief_json import brief_to_json
from evidence.ingest.docx import read_docx
from evidence.ingest.textbrief import read_text_brief
from exports.docx import write_docx

COLORS = ["yellow", "green", "cyan", "magenta"]


def _marked(card: Card, rng: random.Random) -> Card:
    """Underline sentences, emphasise a word or two, highlight inside the underlines."""
    text = card.text
    marks: list[Mark] = []
    pos = 0
    while pos < len(text) - 40:
        start = text.find(" ", pos + rng.randint(5, 60))
        end = text.find(" ", start + rng.randint(20, 120))
        if start < 0 or end < 0:
            break
        marks.append(Mark(MarkKind.UNDERLINE, start + 1, end))
        hl_start = text.find(" ", start + 1 + rng.randint(0, 10))
        if 0 <= hl_start < end - 5:
            marks.append(Mark(MarkKind.HIGHLIGHT, hl_start + 1, end, rng.choice(COLORS)))
        word_end = text.find(" ", start + 2)
        if 0 <= word_end < end:
            marks.append(Mark(MarkKind.EMPHASIS, start + 1, word_end))
        pos = end + 1
    return replace(card, marks=tuple(marks))


def _seed_brief(seed_brief_text: str) -> Brief:
    parsed, _ = read_text_brief(seed_brief_text)
    rng = random.Random(4)
    (block,) = parsed.children
    assert isinstance(block, Heading)
    block.children = [_marked(c, rng) if isinstance(c, Card) else c for c in block.children]
    block.children.insert(3, Analytic("Their cards predate the ceasefire; no new aggression since."))
    second = Heading(Level.BLOCK, "Russia cooperates now", label="uniqueness", children=[block.children[0]])
    hat = Heading(Level.HAT, "Russia", children=[block, second])
    return Brief(title="Syria", children=[Heading(Level.POCKET, "Negative", children=[hat])])


def _with_cite_text(nodes: list) -> list:
    """What export does to a cite known only by its fields: its text is generated, once."""
    out = []
    for node in nodes:
        if isinstance(node, Card):
            node = replace(node, cite=node.cite.with_generated_text())
        elif isinstance(node, Heading):
            node = replace(node, children=_with_cite_text(node.children))
        out.append(node)
    return out


def _comparable(brief: Brief) -> dict:
    data = brief_to_json(replace(brief, children=_with_cite_text(brief.children)))

    def strip(node: dict) -> dict:
        node = {k: v for k, v in node.items() if k not in {"id"}}
        if "cite" in node:
            # The cite as written comes back exactly; the other fields are parsed from it again,
            # which is the cite-line parser's accuracy (measured by bench/cite_lines.py), not export's.
            node["cite"] = {k: node["cite"].get(k) for k in ("short", "text", "marks", "date")}
        if "children" in node:
            node["children"] = [strip(c) for c in node["children"]]
        return node

    return strip({"title": data["title"], "children": data["children"]})


def test_export_then_import_gives_back_the_brief(seed_brief_text: str) -> None:
    brief = _seed_brief(seed_brief_text)
    back, report = read_docx(write_docx(brief), title="Syria")
    assert _comparable(back) == _comparable(brief), report.notes + report.skipped


def test_every_highlight_colour_survives_and_a_card_without_cite_stays_a_card() -> None:
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    text = " ".join(words)
    colours = ["yellow", "green", "cyan", "magenta", "blue", "red", "darkCyan", "darkGreen"]
    marks = []
    for word, colour in zip(words, colours, strict=False):
        start = text.index(word)
        marks += [
            Mark(MarkKind.UNDERLINE, start, start + len(word)),
            Mark(MarkKind.HIGHLIGHT, start, start + 3, colour),
        ]
    card = Card(tag="Colours", text=text, marks=tuple(marks))
    brief = Brief(title="Colours", children=[Heading(Level.BLOCK, "Block", children=[card])])
    back, report = read_docx(write_docx(brief))
    (got,) = back.cards()
    assert got.marks == card.marks
    assert any("has no cite" in note for note in report.notes)


def test_a_mark_across_a_paragraph_break_stays_one_mark() -> None:
    text = "first paragraph ends here\nsecond paragraph starts here"
    across = Mark(MarkKind.HIGHLIGHT, text.index("ends"), text.index(" starts"), "yellow")
    card = Card(tag="Across", text=text, marks=(Mark(MarkKind.UNDERLINE, across.start, across.end), across))
    brief = Brief(title="Across", children=[card])
    back, _ = read_docx(write_docx(brief))
    assert back.cards()[0].marks == card.marks


def test_a_card_comes_back_with_its_cite_as_written_notes_tag_marks_bold_italic_and_blank_lines() -> None:
    """DESIGN §2/§4: the cite paragraph run for run, notes between tag and cite in place, the
    tag's own marks, bold and italic in the body, a blank line inside the text."""
    cite_text = "Sabrosky ’88 [Alan Ned; retired Marine officer, “Why Vietnam?”, 1988]"
    short_end = len("Sabrosky ’88")
    cite = Cite(
        text=cite_text,
        marks=(
            Mark(MarkKind.CITE, 0, short_end),
            Mark(MarkKind.UNDERLINE, 14, 22),
            Mark(MarkKind.HIGHLIGHT, 14, 17, "yellow"),
            Mark(MarkKind.ITALIC, 48, 62),
        ),
    )
    text = "First paragraph, bold here.\n\nAfter a blank line, italic there."
    card = Card(
        tag="Vietnam was a war of choice",
        text=text,
        cite=cite,
        marks=(
            Mark(MarkKind.BOLD, 17, 26),
            Mark(MarkKind.ITALIC, 49, 61),
            Mark(MarkKind.UNDERLINE, 29, 40),
            Mark(MarkKind.HIGHLIGHT, 29, 34, "cyan"),
        ),
        tag_marks=(
            Mark(MarkKind.UNDERLINE, 0, 7),
            Mark(MarkKind.HIGHLIGHT, 8, 11, "green"),
            Mark(MarkKind.ITALIC, 14, 17),
        ),
        notes="<<FOR REFERENCE>>\nSMI = Severe Mental Illness",
        notes_marks=(Mark(MarkKind.BOLD, 0, 17),),
    )
    brief = Brief(title="Vietnam", children=[Heading(Level.BLOCK, "Choice", children=[card])])
    back, report = read_docx(write_docx(brief), title="Vietnam")
    (block,) = back.children
    (again,) = block.children
    assert isinstance(again, Card), report.notes + report.skipped
    assert again.cite.text == cite_text and again.cite.marks == cite.marks
    assert again.cite.short == "Sabrosky ’88"
    assert (again.tag, again.tag_marks) == (card.tag, card.tag_marks)
    assert (again.notes, again.notes_marks) == (card.notes, card.notes_marks)
    assert (again.text, again.marks) == (card.text, card.marks)


def test_a_multi_line_analytic_stays_one_analytic() -> None:
    brief = Brief(title="A", children=[Heading(Level.BLOCK, "B", children=[Analytic("One line.\nAnd another.")])])
    back, _ = read_docx(write_docx(brief), title="A")
    assert [n.text for n in back.children[0].children] == ["One line.\nAnd another."]
