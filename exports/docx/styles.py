"""The styles part, written from DESIGN §2's table of Verbatim's styles.

Verbatim re-applies the user's own look *by style name* when a file opens, and OpenCaselist and
the community parsers read cards *by style id*, so ids, names, aliases and outline levels here are
the contract; the fonts and sizes are only the fallback look for readers without Verbatim.
Nothing is copied from Verbatim's (GPL) template: each style is declared from the table below.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

from lxml import etree

from exports.docx.xml import NSMAP, el, to_bytes, w

# Style ids the document part refers to.
NORMAL = "Normal"
POCKET = "Heading1"
HAT = "Heading2"
BLOCK = "Heading3"
TAG = "Heading4"
CITE = "Style13ptBold"
UNDERLINE = "StyleUnderline"
EMPHASIS = "Emphasis"
ANALYTIC = "Analytic"

HEADING_FOR_DEPTH = (POCKET, HAT, BLOCK)


@dataclass(frozen=True, slots=True)
class StyleSpec:
    """One row of the table: identity (id, name, aliases, type) first, then the fallback look."""

    style_id: str
    name: str
    kind: str  # "paragraph" or "character"
    aliases: str | None = None
    based_on: str | None = None
    link: str | None = None
    next: str | None = None
    outline: int | None = None
    custom: bool = False
    ui_priority: int | None = None
    ppr: tuple[etree._Element, ...] = field(default=())
    rpr: tuple[etree._Element, ...] = field(default=())


def _box(size_eighths: int, space: int) -> etree._Element:
    return el(
        "pBdr",
        [
            el(side, val="single", sz=size_eighths, space=space, color="auto")
            for side in ("top", "left", "bottom", "right")
        ],
    )


def _heading_rpr(size_half_pt: int, underline: str | None = None) -> tuple[etree._Element, ...]:
    parts = [el("b"), el("bCs"), el("sz", val=size_half_pt), el("szCs", val=size_half_pt)]
    if underline:
        parts.append(el("u", val=underline))
    return tuple(parts)


def _heading_ppr(outline: int, *, page_break: bool, centred: bool, box: bool = False) -> tuple[etree._Element, ...]:
    parts = [el("keepNext"), el("keepLines")]
    if page_break:
        parts.append(el("pageBreakBefore"))
    if box:
        parts.append(_box(24, 4))  # 24 eighths of a point: Verbatim's 3 pt box around a pocket
    parts.append(el("spacing", before=240 if outline == 0 else 40, after=0))
    if centred:
        parts.append(el("jc", val="center"))
    parts.append(el("outlineLvl", val=outline))
    return tuple(parts)


# (level, id, name, alias, size in half-points, underline, page break, centred, box)
_HEADINGS = (
    (0, POCKET, "heading 1", "Pocket", 52, None, True, True, True),
    (1, HAT, "heading 2", "Hat", 44, "double", True, True, False),
    (2, BLOCK, "heading 3", "Block", 32, "single", True, True, False),
    (3, TAG, "heading 4", "Tag", 26, None, False, False, False),
)


#: Role names of a brief's own looks (``Brief.styles``) → the style id each redefines.
LOOK_STYLE = {
    "normal": NORMAL,
    "pocket": POCKET,
    "hat": HAT,
    "block": BLOCK,
    "tag": TAG,
    "cite": CITE,
    "underline": UNDERLINE,
    "emphasis": EMPHASIS,
}
_LOOK_TAGS = {
    "font": (w("rFonts"),),
    "size": (w("sz"), w("szCs")),
    "bold": (w("b"), w("bCs")),
    "underline": (w("u"),),
    "box": (w("bdr"),),
}


def _with_look(spec: StyleSpec, look: dict[str, object]) -> StyleSpec:
    """``spec`` with the team's own font, size, bold, underline and box laid over its defaults."""
    drop = {tag for key in look for tag in _LOOK_TAGS.get(key, ())}
    rpr = [r for r in spec.rpr if r.tag not in drop]
    if isinstance(font := look.get("font"), str):
        rpr.append(el("rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font))
    if isinstance(bold := look.get("bold"), bool):
        rpr += [el("b", val=int(bold)), el("bCs", val=int(bold))]
    if look.get("box") is True:
        rpr.append(el("bdr", val="single", sz=8, space=0, color="auto"))
    if isinstance(size := look.get("size"), int | float):
        half = str(round(float(size) * 2))
        rpr += [el("sz", val=half), el("szCs", val=half)]
    if isinstance(underline := look.get("underline"), str):
        rpr.append(el("u", val=underline))
    order = [w(n) for n in ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "sz", "szCs", "u", "bdr", "lang")]
    rpr.sort(key=lambda r: order.index(r.tag) if r.tag in order else len(order))  # CT_RPr's order
    return replace(spec, rpr=tuple(rpr))


def style_specs(*, emphasis_box: bool = False, looks: dict[str, dict[str, object]] | None = None) -> list[StyleSpec]:
    """Every style the export declares, in the order they are written.

    ``looks`` is the brief's own definition of Verbatim's styles (from the file it came from);
    what it says wins over the defaults, the Emphasis box included. ``emphasis_box`` is the box
    for a brief that does not say.
    """
    looks = looks or {}
    if "box" in looks.get("emphasis", {}):
        emphasis_box = bool(looks["emphasis"]["box"])
    specs = [
        StyleSpec(
            NORMAL,
            "Normal",
            "paragraph",
            aliases="Normal/Card",
            ui_priority=4,
            ppr=(el("spacing", after=160, line=259, lineRule="auto"),),  # after 8 pt, line 1.08
            rpr=(
                el("rFonts", ascii="Calibri", hAnsi="Calibri", cs="Calibri", eastAsia="Calibri"),
                el("sz", val=22),
                el("szCs", val=22),
            ),
        ),
        StyleSpec("DefaultParagraphFont", "Default Paragraph Font", "character", ui_priority=1),
    ]
    for level, sid, name, alias, size, underline, page_break, centred, box in _HEADINGS:
        specs.append(
            StyleSpec(
                sid,
                name,
                "paragraph",
                aliases=alias,
                based_on=NORMAL,
                next=NORMAL,
                link=f"{sid}Char",
                outline=level,
                ui_priority=level + 1,
                ppr=_heading_ppr(level, page_break=page_break, centred=centred, box=box),
                rpr=_heading_rpr(size, underline),
            )
        )
        specs.append(
            StyleSpec(
                f"{sid}Char",
                f"Heading {level + 1} Char",
                "character",
                aliases=f"{alias} Char",
                based_on="DefaultParagraphFont",
                link=sid,
                custom=True,
                ui_priority=level + 1,
                rpr=_heading_rpr(size, underline),
            )
        )
    emphasis_rpr = [el("b"), el("bCs"), el("sz", val=22), el("u", val="single")]
    if emphasis_box:
        emphasis_rpr.append(el("bdr", val="single", sz=8, space=0, color="auto"))  # 1 pt box
    specs += [
        StyleSpec(
            CITE,
            "Style 13 pt Bold",
            "character",
            aliases="Cite",
            based_on="DefaultParagraphFont",
            custom=True,
            ui_priority=5,
            rpr=(el("b"), el("bCs"), el("sz", val=26), el("u", val="none")),
        ),
        StyleSpec(
            UNDERLINE,
            "Style Underline",
            "character",
            aliases="Underline",
            based_on="DefaultParagraphFont",
            custom=True,
            ui_priority=6,
            rpr=(el("b", val=0), el("sz", val=22), el("u", val="single")),
        ),
        StyleSpec(
            EMPHASIS,
            "Emphasis",
            "character",
            based_on="DefaultParagraphFont",
            ui_priority=7,
            rpr=tuple(emphasis_rpr),
        ),
        # Not a Verbatim style (Verbatim has none for analytics): a Tag look-alike that importers
        # recognise by its ``Analytic`` prefix and that Verbatim still shows in the outline.
        StyleSpec(ANALYTIC, "Analytic", "paragraph", based_on=TAG, next=NORMAL, custom=True, ui_priority=3),
        StyleSpec(
            "TableNormal",
            "Normal Table",
            "table",
            ui_priority=99,
        ),
    ]
    by_id = {style_id: looks[role] for role, style_id in LOOK_STYLE.items() if looks.get(role)}
    return [_with_look(s, by_id[s.style_id]) if s.style_id in by_id else s for s in specs]


def _style_element(spec: StyleSpec) -> etree._Element:
    attrs = {w("type"): spec.kind, w("styleId"): spec.style_id}
    if spec.style_id in (NORMAL, "DefaultParagraphFont", "TableNormal"):
        attrs = {w("type"): spec.kind, w("default"): "1", w("styleId"): spec.style_id}
    if spec.custom:
        attrs[w("customStyle")] = "1"
    node = etree.Element(w("style"), attrs)
    # Children in the order the schema requires (CT_Style).
    node.append(el("name", val=spec.name))
    if spec.aliases:
        node.append(el("aliases", val=spec.aliases))
    if spec.based_on:
        node.append(el("basedOn", val=spec.based_on))
    if spec.next:
        node.append(el("next", val=spec.next))
    if spec.link:
        node.append(el("link", val=spec.link))
    if spec.ui_priority is not None:
        node.append(el("uiPriority", val=spec.ui_priority))
    if spec.style_id in ("DefaultParagraphFont", "TableNormal"):
        node.append(el("semiHidden"))
        node.append(el("unhideWhenUsed"))
    if spec.kind == "paragraph" or spec.style_id in (CITE, UNDERLINE, EMPHASIS):
        node.append(el("qFormat"))
    ppr = list(spec.ppr)
    if spec.outline is not None and not any(p.tag == w("outlineLvl") for p in ppr):
        ppr.append(el("outlineLvl", val=spec.outline))
    if ppr:
        node.append(el("pPr", [_copy(p) for p in ppr]))
    if spec.rpr:
        node.append(el("rPr", [_copy(r) for r in spec.rpr]))
    if spec.kind == "table":
        node.append(
            el(
                "tblPr",
                [
                    el("tblInd", w=0, type="dxa"),
                    el(
                        "tblCellMar",
                        [
                            el("top", w=0, type="dxa"),
                            el("left", w=108, type="dxa"),
                            el("bottom", w=0, type="dxa"),
                            el("right", w=108, type="dxa"),
                        ],
                    ),
                ],
            )
        )
    return node


def _copy(node: etree._Element) -> etree._Element:
    # Spec elements are shared between calls; lxml moves an element on append, so copy it.
    return copy.deepcopy(node)


def styles_xml(*, emphasis_box: bool = False, looks: dict[str, dict[str, object]] | None = None) -> bytes:
    """The ``word/styles.xml`` part (see :func:`style_specs` for ``emphasis_box`` and ``looks``)."""
    root = etree.Element(w("styles"), nsmap=NSMAP)
    root.append(
        el(
            "docDefaults",
            [
                el(
                    "rPrDefault",
                    [
                        el(
                            "rPr",
                            [
                                el("rFonts", ascii="Calibri", hAnsi="Calibri", cs="Calibri", eastAsia="Calibri"),
                                el("sz", val=22),
                                el("szCs", val=22),
                                el("lang", val="en-US", eastAsia="en-US", bidi="ar-SA"),
                            ],
                        )
                    ],
                ),
                el("pPrDefault", [el("pPr", [el("spacing", after=160, line=259, lineRule="auto")])]),
            ],
        )
    )
    for spec in style_specs(emphasis_box=emphasis_box, looks=looks):
        root.append(_style_element(spec))
    return to_bytes(root)
