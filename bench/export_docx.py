"""Benchmark: writing a 1,000-card brief as a Verbatim .docx.

Four writers of the same content, in one process:
- ours: ``exports.docx.write_docx``;
- bare: the floor, the same document.xml bytes (checked) built in one tight lxml loop and
  zipped with the same parts: no options, no checks, no chunked streaming;
- fair python-docx: add_paragraph / add_run with the style id written onto each element
  (``r._r.style = "StyleUnderline"``) and ``font.highlight_color``, starting from a file our
  writer made with no cards so that every Verbatim style exists;
- naive python-docx (``baseline``): the same writer naming styles (``run.style = "Style
  Underline"``), which python-docx answers with an XPath search of styles.xml on every run. It
  writes the same document.xml as the fair one (checked); kept, labelled, because earlier
  figures were quoted against it.

Times are CPU seconds of this process (``time.process_time``): the writers are single-threaded,
so on a quiet machine that is the wall time, and on a busy one it is not skewed by whichever
writer happened to share the CPU. ``--repeat`` rounds each run every writer once in turn; every
figure is the median of its rounds. Memory: peak Python allocations per writer (tracemalloc,
separate runs; libxml2's own buffers are invisible to it) and, for ours and bare, peak resident
memory added in a fresh process (Linux). The last line is a JSON summary: ``speedup`` = naive ÷
ours and ``vs_fair`` = fair ÷ ours are speedups, ``vs_bare`` = ours ÷ bare a slowdown.
Targets: within 2x of bare (speedup ≥ 40 over naive python-docx is the old target).

    uv run python bench/export_docx.py [--cards N] [--repeat R]
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from evidence.domain.brief import Brief, Heading, Level
from evidence.domain.card import Card
from evidence.domain.cite import Cite
from evidence.domain.dates import PartialDate
from evidence.domain.marks import Mark, MarkKind
from exports.docx import DocxOptions, package, write_docx
from exports.docx.document import SECTION
from exports.docx.styles import styles_xml
from exports.docx.xml import NSMAP, VAL, XML_SPACE, w

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "answers-to-russia-syria.txt"
CREATED = datetime(2024, 1, 1, tzinfo=UTC)
OPTIONS = DocxOptions(created=CREATED)


# The brief -----------------------------------------------------------------------------------
def make_brief(n_cards: int, seed: int = 7) -> Brief:
    """Realistic cards: ~400 words of the seed's real text in 1–3 paragraphs, ~20 runs each
    (underlined stretches, highlighted words inside them in two colours, one emphasised phrase)."""
    rng = random.Random(seed)
    words = " ".join(line for line in SEED.read_text(encoding="utf-8").split("\n") if len(line) > 400).split()
    blocks: list[Heading] = []
    for i in range(n_cards):
        start = rng.randrange(0, len(words) - 400)
        chunk = words[start : start + 400]
        cuts = sorted(rng.sample(range(50, 350), rng.randint(0, 2)))
        paras = [" ".join(chunk[a:b]) for a, b in zip([0, *cuts], [*cuts, 400], strict=True)]
        text = "\n".join(paras)
        marks: list[Mark] = []
        pos = 0
        for _ in range(3):  # three underlined stretches, each with highlights and maybe emphasis
            u_start = text.find(" ", pos + rng.randint(50, 250)) + 1
            u_end = text.find(" ", u_start + rng.randint(80, 200))
            if u_start <= 0 or u_end < 0:
                break
            marks.append(Mark(MarkKind.UNDERLINE, u_start, u_end))
            h1 = u_start + rng.randint(0, 20)
            marks.append(Mark(MarkKind.HIGHLIGHT, h1, h1 + rng.randint(10, 30), rng.choice(["cyan", "yellow"])))
            h2 = u_end - rng.randint(15, 40)
            marks.append(Mark(MarkKind.HIGHLIGHT, h2, u_end - rng.randint(0, 10), "cyan"))
            if rng.random() < 0.5:
                e = u_start + rng.randint(35, 60)
                marks.append(Mark(MarkKind.EMPHASIS, e, e + rng.randint(8, 20)))
            pos = u_end
        cite = Cite(
            authors=(rng.choice(["Mehmet Ace", "Joseph Choi", "Igor Istomin"]),),
            qualifications="columnist",
            date=PartialDate(2021, 9, rng.randint(1, 28)),
            title="Is Putin prepping the ground for another attack on Idlib after Assad’s visit?",
            publication="Daily Sabah",
            url=f"https://www.example.com/opinion/{i}",
        )
        card = Card(tag=f"Russian aggression in Syria now {i}", text=text, cite=cite, marks=tuple(marks))
        if i % 10 == 0:
            blocks.append(Heading(Level.BLOCK, f"Russia won't cooperate {i // 10}", label="answers-to"))
        blocks[-1].children.append(card)
    return Brief(title="Benchmark brief", children=list(blocks), author="Bench")


# Baseline: python-docx's API ----------------------------------------------------------------
_PYDOCX_COLOURS = {
    "yellow": WD_COLOR_INDEX.YELLOW,
    "green": WD_COLOR_INDEX.BRIGHT_GREEN,
    "cyan": WD_COLOR_INDEX.TURQUOISE,
    "magenta": WD_COLOR_INDEX.PINK,
}


#: Style names (what the naive writer passes) and the ids they stand for (what the fair one sets).
_STYLE_IDS = {
    "Heading 3": "Heading3",
    "Heading 4": "Heading4",
    "Style 13 pt Bold": "Style13ptBold",
    "Emphasis": "Emphasis",
    "Style Underline": "StyleUnderline",
}


def python_docx_writer(template: bytes, *, by_id: bool = False) -> Callable[[Brief], bytes]:
    """A python-docx writer of the brief.

    ``by_id=False`` is the naive writer: ``add_paragraph(style="Heading 4")`` and ``run.style =
    "Style Underline"``, which python-docx resolves with an XPath search of styles.xml on every
    call. ``by_id=True`` is the fair one: the same calls with the style id written straight onto
    the element (``p._p.style = "Heading4"``), as a careful engineer would once the profile shows
    the search. Everything else is the same.
    """

    def para(document: DocxDocument, style: str | None = None) -> Paragraph:
        if style is None:
            return document.add_paragraph()
        if not by_id:
            return document.add_paragraph(style=style)
        p = document.add_paragraph()
        p._p.style = _STYLE_IDS[style]
        return p

    def run(p: Paragraph, text: str, style: str | None = None) -> Run:
        r = p.add_run(text)
        if style is not None:
            if by_id:
                r._r.style = _STYLE_IDS[style]
            else:
                r.style = style
        return r

    def write(brief: Brief) -> bytes:
        document = docx.Document(io.BytesIO(template))
        body = document.element.body
        for p in list(body.iterchildren(w("p"))):
            body.remove(p)
        document.core_properties.title = brief.title
        document.core_properties.author = brief.author or ""
        for heading in brief.children:
            assert isinstance(heading, Heading)
            run(para(document, "Heading 3"), "AT: " + heading.title)
            for card in heading.children:
                assert isinstance(card, Card)
                run(para(document, "Heading 4"), card.tag)
                cite = para(document)
                run(cite, card.cite.short, "Style 13 pt Bold")
                run(cite, " " + card.cite.full)
                p = para(document)
                for seg in card.segments():
                    style = "Emphasis" if seg.emphasis else "Style Underline" if seg.underline else None
                    for i, line in enumerate(seg.text.split("\n")):
                        if i:
                            p = para(document)
                        if not line:
                            continue
                        r = run(p, line, style)
                        if seg.highlight:
                            r.font.highlight_color = _PYDOCX_COLOURS[seg.highlight]
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return write


# Lower bound: lxml + zipfile, nothing else ------------------------------------------------------
def bare_writer(brief: Brief) -> bytes:
    """The same bytes as ours, in one tight loop: no options, no checks, no chunking.

    It uses the fastest lxml idiom we know (copying a prepared run and filling its text), so it
    is a fair lower bound for any lxml-based writer rather than a straw man.
    """
    sub = etree.SubElement
    root = etree.Element(w("document"), nsmap=NSMAP)
    body = sub(root, w("body"))
    holder = etree.Element(w("body"), nsmap=NSMAP)
    run_templates: dict[tuple[str | None, str | None], etree._Element] = {}
    para_templates: dict[str | None, etree._Element] = {}
    ppr_tag, rpr_tag, rstyle_tag, hl_tag = w("pPr"), w("rPr"), w("rStyle"), w("highlight")

    def para(style: str | None = None) -> etree._Element:
        template = para_templates.get(style)
        if template is None:
            template = para_templates[style] = sub(holder, w("p"))
            if style:
                sub(sub(template, ppr_tag), w("pStyle"), {VAL: style})
        p = template.__copy__()
        body.append(p)
        return p

    def run(p: etree._Element, text: str, style: str | None = None, hl: str | None = None) -> None:
        template = run_templates.get((style, hl))
        if template is None:
            template = run_templates[style, hl] = sub(sub(holder, w("p")), w("r"))
            if style or hl:
                rpr = sub(template, rpr_tag)
                if style:
                    sub(rpr, rstyle_tag, {VAL: style})
                if hl:
                    sub(rpr, hl_tag, {VAL: hl})
            sub(template, w("t"), {XML_SPACE: "preserve"})
        r = template.__copy__()
        r[-1].text = text
        p.append(r)

    for heading in brief.children:
        assert isinstance(heading, Heading)
        run(para("Heading3"), "AT: " + heading.title)
        for card in heading.children:
            assert isinstance(card, Card)
            run(para("Heading4"), card.tag)
            p = para()
            run(p, card.cite.short, "Style13ptBold")
            run(p, " " + card.cite.full)
            p = para()
            for seg in card.segments():
                style = "Emphasis" if seg.emphasis else "StyleUnderline" if seg.underline else None
                for i, line in enumerate(seg.text.split("\n")):
                    if i:
                        if style or seg.highlight:  # the paragraph mark carries the mark across
                            ppr = etree.Element(ppr_tag)
                            p.insert(0, ppr)
                            rpr = sub(ppr, rpr_tag)
                            if style:
                                sub(rpr, rstyle_tag, {VAL: style})
                            if seg.highlight:
                                sub(rpr, hl_tag, {VAL: seg.highlight})
                        p = para()
                    if line:
                        run(p, line, style, seg.highlight)
    head, tail = etree.tostring(root, encoding="UTF-8").split(b"</w:body>")
    xml = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + head + SECTION + b"</w:body>" + tail
    out = io.BytesIO()
    stamp = CREATED.timetuple()[:6]
    core, _ = package.core_xml(brief.title, brief.author, CREATED)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (
            ("[Content_Types].xml", package.CONTENT_TYPES),
            ("_rels/.rels", package.ROOT_RELS),
            ("word/document.xml", xml),
            ("word/_rels/document.xml.rels", package.DOCUMENT_RELS),
            ("word/styles.xml", styles_xml()),
            ("word/settings.xml", package.SETTINGS),
            ("word/fontTable.xml", package.FONT_TABLE),
            ("docProps/core.xml", core),
            ("docProps/app.xml", package.APP),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


# Measuring ------------------------------------------------------------------------------------
def cpu_time(fn: Callable[[Brief], bytes], brief: Brief) -> tuple[float, bytes]:
    """CPU time of this process (``process_time``) for one run: the writers are single-threaded,
    so it equals wall time on a quiet machine and, unlike wall time, is not inflated when other
    processes compete for the CPU."""
    gc.collect()
    t0 = time.process_time()
    data = fn(brief)
    return time.process_time() - t0, data


def peak_memory(fn: Callable[[Brief], bytes], brief: Brief) -> int:
    gc.collect()
    tracemalloc.start()
    fn(brief)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def rss_growth(name: str, cards: int) -> float:
    """Peak resident memory added by one writer, in a fresh process (counts libxml2's buffers,
    which tracemalloc cannot see)."""
    out = subprocess.run(
        [sys.executable, __file__, "--cards", str(cards), "--rss-of", name], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def _rss_child(name: str, brief: Brief) -> None:
    writer = {"ours": lambda b: write_docx(b, OPTIONS), "bare": bare_writer}[name]
    gc.collect()
    # Reset the kernel's peak-RSS mark (Linux: "5" > clear_refs), then peak minus current.
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kib("VmRSS")
    writer(brief)
    print((_status_kib("VmHWM") - before) / 1024)


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; each runs every writer once; medians count")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    parser.add_argument("--rss-of", choices=["ours", "bare"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    brief = make_brief(args.cards)
    if args.rss_of:
        _rss_child(args.rss_of, brief)
        return
    cards = brief.cards()
    runs = sum(len(c.segments()) for c in cards)
    words = sum(c.words for c in cards)
    print(f"brief: {len(cards)} cards, {words / len(cards):.0f} words and {runs / len(cards):.1f} runs per card")

    def ours(b: Brief) -> bytes:
        return write_docx(b, OPTIONS)

    # Every writer runs once per round, in turn, and the median of each counts: on a shared
    # machine that keeps a burst of load from landing on one side only.
    template = write_docx(Brief("template"), OPTIONS)
    writers: dict[str, Callable[[Brief], bytes]] = {
        "ours": ours,
        "bare": bare_writer,
        "fair": python_docx_writer(template, by_id=True),
        "naive": python_docx_writer(template),
    }
    times: dict[str, list[float]] = {name: [] for name in writers}
    out: dict[str, bytes] = {}
    for _ in range(args.repeat):
        for name, fn in writers.items():
            t, out[name] = cpu_time(fn, brief)
            times[name].append(t)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    same = document_xml(out["ours"]) == document_xml(out["bare"])
    if document_xml(out["fair"]) != document_xml(out["naive"]):
        raise SystemExit("the fair and the naive python-docx writers wrote different documents")
    rounds = f"CPU, median of {args.repeat} rounds"
    print(f"ours:         {med['ours']:8.3f} s {rounds}  ({len(out['ours']) / 1e6:.1f} MB)")
    print(f"bare lxml:    {med['bare']:8.3f} s {rounds}  (document.xml identical to ours: {same})")
    print(f"fair pydocx:  {med['fair']:8.3f} s {rounds}  (style ids set on the elements)")
    print(f"naive pydocx: {med['naive']:8.3f} s {rounds}  (styles by name, {len(out['naive']) / 1e6:.1f} MB)")

    if not args.no_memory:
        for name in ("ours", "bare", "fair", "naive"):
            fn = writers[name]
            print(f"peak Python memory, {name}: {peak_memory(fn, brief) / 1e6:.1f} MB (tracemalloc)")
        for name in ("ours", "bare"):
            try:
                print(f"peak RSS growth, {name}: {rss_growth(name, args.cards):.1f} MiB (fresh process)")
            except (OSError, subprocess.CalledProcessError) as exc:  # not Linux, or no clear_refs
                print(f"peak RSS growth, {name}: not measured ({type(exc).__name__})")

    speedup, vs_fair, vs_bare = med["naive"] / med["ours"], med["fair"] / med["ours"], med["ours"] / med["bare"]
    print(f"ours is {speedup:.1f}x faster than naive python-docx (target ≥ 40), {vs_fair:.1f}x faster than fair")
    print(f"python-docx, and {vs_bare:.2f}x the bare lxml floor (target ≤ 2)")
    print(
        json.dumps(
            {
                "benchmark": "export_docx",
                "cards": len(cards),
                "rounds": args.repeat,
                "ours_s": round(med["ours"], 4),
                "baseline_s": round(med["naive"], 4),
                "speedup": round(speedup, 1),
                "fair_s": round(med["fair"], 4),
                "vs_fair": round(vs_fair, 1),
                "bare_lxml_s": round(med["bare"], 4),
                "vs_bare": round(vs_bare, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
