"""Every real Verbatim file comes back as it went in: import, export, import again.

For each file in ``fixtures/verbatim``: the brief JSON of the re-imported export equals the
original import's; in the exported .docx, the first paragraph after each card's tag (the cite,
or a note the file had before it) and the card's body text equal the original file's for at least
99% of cards; per-colour highlighted characters in card bodies are the same; and the short cite is
the Cite-styled words of the cite paragraph for at least 99% of the cards that have them.

The .docx side is read here with lxml, independently of the importer: paragraphs in body order
(tables and content controls included), each with its style's name (through ``styles.xml``) and
its text; the importer's cards only say which tag to look for.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import pytest
from lxml import etree

from evidence.domain import Card, Heading
from evidence.domain.brief_json import brief_to_json
from evidence.domain.marks import nearest_highlight_rgb
from evidence.ingest.docx import read_docx
from exports.docx import write_docx
from tests.fixtures.shared import verbatim

VERBATIM = verbatim()
FILES = sorted(p.name for p in VERBATIM.glob("*.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACES = re.compile(r"\s+")
#: Verbatim's Condense joins a card's paragraphs with "¶ "; the importer reads that back as the
#: paragraph break it stands for, and export writes the paragraphs out again.
_PILCROW = re.compile(r"[ \t\u00a0]*¶[ \t\u00a0]*")
#: Paragraph styles that end a card: Verbatim's headings (pocket, hat, block, tag) and analytics.
_HEADING_NAMES = re.compile(r"^(heading [1-4]|pocket|hat|block|tag|analytic.*)$", re.IGNORECASE)


@dataclass
class _Para:
    text: str
    heading: bool
    #: Characters per highlight colour (direct ``w:highlight``) and Cite-styled stretches.
    highlights: dict[str, int] = field(default_factory=dict)
    cited: str = ""


def _style_names(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, bool]]:
    """Style id → name, and id → whether its names or outline level make it a heading."""
    try:
        root = etree.fromstring(zf.read("word/styles.xml"))
    except KeyError:
        return {}, {}
    names: dict[str, str] = {}
    based: dict[str, str] = {}
    outline: dict[str, bool] = {}
    for style in root.iter(f"{W}style"):
        sid = style.get(f"{W}styleId") or ""
        name = style.find(f"{W}name")
        aliases = style.find(f"{W}aliases")
        names[sid] = ",".join(x.get(f"{W}val") or "" for x in (name, aliases) if x is not None).lower()
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[sid] = parent.get(f"{W}val") or ""
        level = style.find(f"{W}pPr/{W}outlineLvl")
        if level is not None and (level.get(f"{W}val") or "9") in "0123":
            outline[sid] = True

    def heading(sid: str, depth: int = 0) -> bool:
        if depth > 20 or sid not in names:
            return False
        if outline.get(sid) or any(_HEADING_NAMES.match(n.strip()) for n in names[sid].split(",")):
            return True
        return heading(based.get(sid, ""), depth + 1)

    return names, {sid: heading(sid) for sid in names}


def _paragraphs(data: bytes) -> list[_Para]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names, heading = _style_names(zf)
        body = etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    cite_ids = {
        sid
        for sid, n in names.items()
        if any(a.strip() in {"cite", "style 13 pt bold", "style style bold"} for a in n.split(","))
    }
    out: list[_Para] = []
    for p in body.iter(f"{W}p"):
        if any(a.tag == f"{W}del" or a.tag == f"{W}moveFrom" for a in p.iterancestors()):
            continue
        ppr = p.find(f"{W}pPr")
        sid = ppr.find(f"{W}pStyle") if ppr is not None else None
        level = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        is_heading = heading.get(sid.get(f"{W}val"), False) if sid is not None else False
        if level is not None:
            is_heading = (level.get(f"{W}val") or "9") in "0123"
        parts: list[str] = []
        highlights: dict[str, int] = {}
        cited: list[str] = []
        last_cited = False
        for r in p.iter(f"{W}r"):
            if any(a.tag in (f"{W}del", f"{W}moveFrom") for a in r.iterancestors()) or r.getparent().tag == f"{W}rPr":
                continue
            text = "".join(
                c.text or ""
                if c.tag == f"{W}t"
                else "\t"
                if c.tag == f"{W}tab"
                else "\n"
                if c.tag in (f"{W}br", f"{W}cr")
                else "-"
                if c.tag == f"{W}noBreakHyphen"
                else ""
                for c in r
            )
            if not text:
                continue
            parts.append(text)
            rpr = r.find(f"{W}rPr")
            hl = rpr.find(f"{W}highlight") if rpr is not None else None
            colour = hl.get(f"{W}val") if hl is not None else None
            shd = rpr.find(f"{W}shd") if rpr is not None else None
            fill = shd.get(f"{W}fill") if shd is not None else None
            if colour is None and fill and re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
                # Shading is a highlight to a reader's eye: the nearest highlight colour (DESIGN §2).
                colour = nearest_highlight_rgb(tuple(int(fill[i : i + 2], 16) for i in (0, 2, 4)))
            if colour and colour != "none":
                # Visible characters: the spaces around a Condense "¶" are not kept (see _PILCROW).
                seen = len(_SPACES.sub("", text.replace("¶", "")))
                highlights[colour] = highlights.get(colour, 0) + seen
            rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
            is_cited = rstyle is not None and rstyle.get(f"{W}val") in cite_ids
            if is_cited:
                if last_cited:
                    cited[-1] += text
                else:
                    cited.append(text)
            last_cited = is_cited
        # A line break (w:br) and a paragraph break read the same in a card's text ("\n"): count
        # lines, so a note written as one paragraph of broken lines matches one line per paragraph.
        first, *more = ["".join(parts)] if is_heading else "".join(parts).split("\n")
        out.append(_Para(first, is_heading, highlights, " ".join(" ".join(cited).split())))
        out.extend(_Para(line, is_heading) for line in more)
    return out


def _line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _cards(brief) -> list[Card]:  # type: ignore[no-untyped-def]
    def walk(nodes):  # type: ignore[no-untyped-def]
        for node in nodes:
            if isinstance(node, Heading):
                yield from walk(node.children)
            elif isinstance(node, Card):
                yield node

    return list(walk(brief.children))


@dataclass
class _Found:
    first_after: str
    body: str
    highlights: dict[str, int]
    cited: str


def _locate(paras: list[_Para], cards: list[Card]) -> list[_Found | None]:
    """Each card's tag paragraph, in order, then what follows it up to the next heading or tag.

    A tag is a heading paragraph (by style or outline level) ending with the card's tag. A file
    with no tag styles at all has none: its cards are checked through the brief JSON only.
    """
    starts: list[int | None] = []
    at = 0
    for card in cards:
        want = _line(card.tag)
        k = next((i for i in range(at, len(paras)) if paras[i].heading and _line(paras[i].text).endswith(want)), None)
        starts.append(k)
        if k is not None:  # on past this card's paragraphs, to the next heading
            at = k + 1
            while at < len(paras) and not paras[at].heading:
                at += 1
    found: list[_Found | None] = []
    for n, (card, k) in enumerate(zip(cards, starts, strict=True)):
        if k is None:
            found.append(None)
            continue
        later = [s for s in starts[n + 1 :] if s is not None]
        end = k + 1
        while end < len(paras) and not paras[end].heading and (not later or end < later[0]):
            end += 1
        after = paras[k + 1 : end]
        filled = [i for i, p in enumerate(after) if p.text.strip()]
        first = after[filled[0]].text if filled else ""
        cite_line = _line(card.cite.text.split("\n")[0]) if card.cite.text else None
        cite_at = next((i for i in filled if _line(after[i].text) == cite_line), None)
        rest = after[cite_at + 1 :] if cite_at is not None else []
        highlights: dict[str, int] = {}
        for p in rest:
            for colour, count in p.highlights.items():
                highlights[colour] = highlights.get(colour, 0) + count
        cited = after[cite_at].cited if cite_at is not None else ""
        # A line break at the very start or end of a card's text is a blank line, not text.
        body = _PILCROW.sub("\n", "\n".join(p.text for p in rest)).strip("\n")
        found.append(_Found(first, body, highlights, cited))
    return found


def _comparable(brief) -> dict:  # type: ignore[no-untyped-def]
    # The file's own styles are compared by _styles_kept: the export also writes Verbatim's
    # defaults for the looks the file left undefined, so the re-import knows more, never less.
    data = {k: v for k, v in brief_to_json(brief).items() if k != "styles"}

    def strip(node: dict) -> dict:
        node = {k: v for k, v in node.items() if k != "id"}
        if "children" in node:
            node["children"] = [strip(c) for c in node["children"]]
        return node

    return strip(data)


def _styles_kept(before: dict, after: dict) -> bool:  # type: ignore[type-arg]
    """Every look the original file defines comes back exactly."""
    return all(after.get(role, {}).get(key) == value for role, look in before.items() for key, value in look.items())


def measure(name: str) -> dict[str, object]:
    original = (VERBATIM / name).read_bytes()
    first, _ = read_docx(original, title=name)
    exported = write_docx(first)
    second, _ = read_docx(exported, title=name)
    cards = _cards(first)
    before, after = _locate(_paragraphs(original), cards), _locate(_paragraphs(exported), cards)
    located = [(b, a) for b, a in zip(before, after, strict=True) if b is not None and a is not None]
    styled = [(c, b) for c, b in zip(cards, before, strict=True) if b is not None and b.cited]
    total = {"before": {}, "after": {}}
    for b, a in located:
        for side, f in (("before", b), ("after", a)):
            for colour, n in f.highlights.items():
                total[side][colour] = total[side].get(colour, 0) + n
    return {
        "file": name,
        "json_equal": _comparable(first) == _comparable(second),
        "styles_kept": _styles_kept(first.styles, second.styles),
        "cards": len(cards),
        "located": len(located),
        "cite_same": sum(b.first_after == a.first_after for b, a in located),
        "body_same": sum(b.body == a.body for b, a in located),
        "highlights": total,
        "styled": len(styled),
        "short_is_styled": sum(c.cite.short == b.cited for c, b in styled),
    }


def _share(n: int, of: int) -> float:
    return 1.0 if of == 0 else n / of


@pytest.mark.parametrize("name", FILES)
def test_a_real_file_comes_back_as_it_went_in(name: str) -> None:
    figures = measure(name)
    print(figures)
    assert figures["json_equal"], "the re-imported export differs from the original import"
    assert figures["styles_kept"], "the file's own style definitions did not come back"
    if figures["located"] == 0 and name == "pf-no-tag-styles.docx":
        return  # no heading paragraphs in the original to find tags by (see _locate)
    assert figures["located"] == figures["cards"], "a card's tag is missing from one of the files"
    assert _share(figures["cite_same"], figures["cards"]) >= 0.99, figures
    assert _share(figures["body_same"], figures["cards"]) >= 0.99, figures
    assert figures["highlights"]["before"] == figures["highlights"]["after"], figures["highlights"]
    assert _share(figures["short_is_styled"], figures["styled"]) >= 0.99, figures


if __name__ == "__main__":  # uv run python -m tests.ingest.test_docx_fixtures_roundtrip: the figures per file
    for file in FILES:
        print(measure(file))
