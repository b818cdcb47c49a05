"""Verbatim style resolution: what each paragraph and run *is*, however the file spells it.

Real files reach us after years of copy-paste between teams, so a style may carry its standard id
(``Heading4``), only its name ("heading 4"), or only an alias ("Tag", "Style Style Bold"), and
formatting arrives through ``w:basedOn`` chains as well as direct run properties. The alias lists
in real files are also full of junk ("heading 2" as an alias of Heading4, "Bold" as an alias of
StyleUnderline), so the order of trust is fixed: id, then name, then an explicit outline level,
then an exact alias from a short list, then the ``basedOn`` parent.

Each style is resolved once per document and cached; per run the reader only looks at the run's
own ``w:rPr``. That is what keeps import fast (python-docx resolves ``run.style`` per run).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lxml import etree

from evidence.domain.marks import highlight_name, nearest_highlight_rgb

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
_VAL = f"{W}val"


class ParaRole(StrEnum):
    POCKET = "pocket"
    HAT = "hat"
    BLOCK = "block"
    TAG = "tag"
    ANALYTIC = "analytic"
    BODY = "body"


class CharRole(StrEnum):
    CITE = "cite"
    UNDERLINE = "underline"
    EMPHASIS = "emphasis"


_LEVEL_ROLES = (ParaRole.POCKET, ParaRole.HAT, ParaRole.BLOCK, ParaRole.TAG)

_PARA_IDS = {
    "heading1": ParaRole.POCKET,
    "heading2": ParaRole.HAT,
    "heading3": ParaRole.BLOCK,
    "heading4": ParaRole.TAG,
    "normal": ParaRole.BODY,
}
_PARA_NAMES = {
    "heading 1": ParaRole.POCKET,
    "heading 2": ParaRole.HAT,
    "heading 3": ParaRole.BLOCK,
    "heading 4": ParaRole.TAG,
    "normal": ParaRole.BODY,
    "pocket": ParaRole.POCKET,
    "hat": ParaRole.HAT,
    "block": ParaRole.BLOCK,
    "tag": ParaRole.TAG,
}
#: Aliases trusted for a style whose id and name say nothing: only Verbatim's own first aliases.
_PARA_ALIASES = {"pocket": ParaRole.POCKET, "hat": ParaRole.HAT, "block": ParaRole.BLOCK, "tag": ParaRole.TAG}

_CHAR_IDS = {"style13ptbold": CharRole.CITE, "styleunderline": CharRole.UNDERLINE, "emphasis": CharRole.EMPHASIS}
_CHAR_NAMES = {
    "style 13 pt bold": CharRole.CITE,
    "cite": CharRole.CITE,
    "style style bold": CharRole.CITE,
    "style underline": CharRole.UNDERLINE,
    "underline": CharRole.UNDERLINE,
    "emphasis": CharRole.EMPHASIS,
}
_CHAR_ALIASES = {
    "cite": CharRole.CITE,
    "style style bold": CharRole.CITE,
    "style 13 pt bold": CharRole.CITE,
    "underline": CharRole.UNDERLINE,
    "style underline": CharRole.UNDERLINE,
    "emphasis": CharRole.EMPHASIS,
}


def nearest_highlight(fill: str | None) -> str | None:
    """Map a shading fill ("FFFF00") to the nearest highlight colour; white, auto or junk → None.

    Shading is how text pasted from the web (or another program) arrives highlighted, and its
    fill is any RGB: the palette's one nearest-colour rule snaps it to a highlight. A fill whose
    nearest colour is white is the page showing through (pasted table and page backgrounds), so
    it is no highlight at all; an explicit ``w:highlight w:val="white"`` is kept as white.
    """
    if not fill or len(fill) != 6:
        return None
    try:
        rgb = (int(fill[0:2], 16), int(fill[2:4], 16), int(fill[4:6], 16))
    except ValueError:
        return None
    name = nearest_highlight_rgb(rgb)
    return None if name == "white" else name


def shading_highlight(val: str | None, fill: str | None, color: str | None) -> str | None:
    """The highlight a ``w:shd`` paints: its fill, or its pattern colour when the pattern is solid
    (a solid pattern covers the fill), snapped to the nearest highlight; "auto" is no shading."""
    if val == "solid" and color:
        fill = color
    return nearest_highlight(fill) if fill and fill.lower() != "auto" else None


def highlight_value(value: str | None) -> str:
    """A ``w:highlight`` value as a colour name: "" for ``none``; a value Word does not define
    (a typo written by some other program) is taken for yellow, Word's default highlighter."""
    if value is None or value.strip().lower() == "none":
        return ""
    return highlight_name(value) or "yellow"


def _on(el: etree._Element) -> bool:
    """An OOXML on/off property: present means on unless its value says otherwise."""
    return el.get(_VAL) not in {"0", "false", "off", "none"}


@dataclass(frozen=True, slots=True)
class RunProps:
    """Formatting that decides marks, as far as one ``w:rPr`` (or a style) sets it; None = unset."""

    underline: bool | None = None
    bold: bool | None = None
    #: A highlight colour name, "" for explicitly none, None for unset.
    highlight: str | None = None
    #: Font size in half-points (``w:sz``), for telling hand-made tags from text.
    size: int | None = None

    def over(self, base: RunProps) -> RunProps:
        """These properties laid over ``base`` (nearer wins)."""
        return RunProps(
            self.underline if self.underline is not None else base.underline,
            self.bold if self.bold is not None else base.bold,
            self.highlight if self.highlight is not None else base.highlight,
            self.size if self.size is not None else base.size,
        )


EMPTY = RunProps()


def read_rpr(rpr: etree._Element | None) -> RunProps:
    """The mark-relevant properties of one ``w:rPr``."""
    if rpr is None:
        return EMPTY
    underline = bold = highlight = size = None
    shade: str | None = None
    for child in rpr:
        tag = child.tag
        if tag == f"{W}u":
            underline = child.get(_VAL, "single") != "none"
        elif tag == f"{W}b":
            bold = _on(child)
        elif tag == f"{W}highlight":
            highlight = highlight_value(child.get(_VAL))
        elif tag == f"{W}sz":
            size = _half_points(child.get(_VAL))
        elif tag == f"{W}shd":
            shade = shading_highlight(child.get(_VAL), child.get(f"{W}fill"), child.get(f"{W}color"))
    if highlight is None and shade is not None:
        highlight = shade
    return RunProps(underline, bold, highlight, size)


def _half_points(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ParaStyle:
    role: ParaRole
    runs: RunProps  # formatting every run of the paragraph inherits


@dataclass(frozen=True, slots=True)
class CharStyle:
    role: CharRole | None
    runs: RunProps


@dataclass(slots=True)
class _Raw:
    style_id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    based_on: str | None
    outline: int | None
    rpr: RunProps


class StyleSheet:
    """Every style of one document, resolved to a role and inherited formatting, with caches."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._raw: dict[str, _Raw] = {}
        self._para: dict[str, ParaStyle] = {}
        self._char: dict[str, CharStyle] = {}
        self.default_para = "Normal"
        self.default_char: str | None = None
        self.doc_defaults = EMPTY
        if styles is not None:
            self._load(styles)
        self._default_para_style = self.para(None)
        #: The Underline style's size in this file (Verbatim compares hand-made tags with it).
        self.underline_size = next(
            (
                c.runs.size
                for sid, raw in self._raw.items()
                if raw.kind == "character" and (c := self.char(sid)).role is CharRole.UNDERLINE and c.runs.size
            ),
            UNDERLINE_SIZE,
        )

    def _load(self, styles: etree._Element) -> None:
        defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.doc_defaults = read_rpr(defaults)
        for el in styles.iter(f"{W}style"):
            style_id = el.get(f"{W}styleId")
            if not style_id:
                continue
            kind = el.get(f"{W}type", "paragraph")
            name_el = el.find(f"{W}name")
            alias_el = el.find(f"{W}aliases")
            based = el.find(f"{W}basedOn")
            outline = el.find(f"{W}pPr/{W}outlineLvl")
            outline_val: int | None = None
            if outline is not None:
                try:
                    outline_val = int(outline.get(_VAL, "9"))
                except ValueError:
                    outline_val = None
            aliases = tuple(
                a.strip().lower() for a in (alias_el.get(_VAL, "") if alias_el is not None else "").split(",")
            )
            self._raw[style_id] = _Raw(
                style_id=style_id,
                kind=kind,
                name=(name_el.get(_VAL, "") if name_el is not None else "").strip().lower(),
                aliases=tuple(a for a in aliases if a),
                based_on=based.get(_VAL) if based is not None else None,
                outline=outline_val,
                rpr=read_rpr(el.find(f"{W}rPr")),
            )
            if el.get(f"{W}default") in {"1", "true", "on"}:
                if kind == "paragraph":
                    self.default_para = style_id
                elif kind == "character":
                    self.default_char = style_id

    # Paragraph styles ------------------------------------------------------------------------
    def para(self, style_id: str | None) -> ParaStyle:
        key = style_id or self.default_para
        cached = self._para.get(key)
        if cached is None:
            cached = self._resolve_para(key, set())
            self._para[key] = cached
        return cached

    def _resolve_para(self, style_id: str, seen: set[str]) -> ParaStyle:
        raw = self._raw.get(style_id)
        role = _PARA_IDS.get(style_id.lower())
        if raw is None:
            return ParaStyle(role or ParaRole.BODY, self.doc_defaults)
        seen.add(style_id)
        parent = None
        if raw.based_on and raw.based_on not in seen and raw.based_on in self._raw:
            parent = self._para.get(raw.based_on) or self._resolve_para(raw.based_on, seen)
        if role is None:
            role = _role_by_words(style_id, raw)
        if role is None and parent is not None:
            role = parent.role
        runs = raw.rpr.over(parent.runs if parent else self.doc_defaults)
        return ParaStyle(role or ParaRole.BODY, runs)

    # Character styles ------------------------------------------------------------------------
    def char(self, style_id: str | None) -> CharStyle:
        key = style_id or self.default_char or ""
        cached = self._char.get(key)
        if cached is None:
            cached = self._resolve_char(key, set())
            self._char[key] = cached
        return cached

    def _resolve_char(self, style_id: str, seen: set[str]) -> CharStyle:
        raw = self._raw.get(style_id)
        role = _CHAR_IDS.get(style_id.lower())
        if raw is None:
            return CharStyle(role, EMPTY)
        seen.add(style_id)
        parent = None
        if raw.based_on and raw.based_on not in seen and raw.based_on in self._raw:
            parent = self._char.get(raw.based_on) or self._resolve_char(raw.based_on, seen)
        if role is None:
            role = _CHAR_NAMES.get(raw.name)
        if role is None:
            role = next((_CHAR_ALIASES[a] for a in raw.aliases if a in _CHAR_ALIASES), None)
        if role is None and parent is not None:
            role = parent.role
        return CharStyle(role, raw.rpr.over(parent.runs if parent else EMPTY))


def _role_by_words(style_id: str, raw: _Raw) -> ParaRole | None:
    """A paragraph style's role from its name, own outline level, or a trusted alias."""
    if style_id.lower().startswith("analytic") or raw.name.startswith("analytic"):
        return ParaRole.ANALYTIC
    if raw.name in _PARA_NAMES:
        return _PARA_NAMES[raw.name]
    if raw.outline is not None:
        return outline_role(raw.outline)
    for alias in raw.aliases:
        if alias.startswith("analytic"):
            return ParaRole.ANALYTIC
        if alias in _PARA_ALIASES:
            return _PARA_ALIASES[alias]
    return None


def outline_role(level: int) -> ParaRole:
    """Word outline level 0–3 → pocket…tag; body text (9) and deeper levels → body."""
    return _LEVEL_ROLES[level] if 0 <= level < len(_LEVEL_ROLES) else ParaRole.BODY


#: Verbatim's Underline style size (11 pt) in half-points: the size "fix fake tags" compares with.
UNDERLINE_SIZE = 22


def fake_tag(p: etree._Element, sheet: StyleSheet) -> tuple[bool, bool]:
    """Whether a body paragraph looks like a hand-made tag: ``(all bold, larger than text)``.

    This is Verbatim's own "Fix Fake Tags" rule, which teams run on files typed without its
    styles: a body-text paragraph whose every character is bold and whose font is larger than
    the Underline style (11 pt) becomes a Tag. Word reports a mixed size as "undefined", which
    Verbatim's comparison counts as larger, and so does this. Runs are resolved like the
    reader's (direct formatting over the run style over the paragraph style); a paragraph with
    no visible text is neither.
    """
    ppr = p.find(f"{W}pPr")
    pstyle = ppr.find(f"{W}pStyle") if ppr is not None else None
    para = sheet.para(pstyle.get(_VAL) if pstyle is not None else None).runs
    underline = sheet.underline_size
    sizes: set[int] = set()
    for r in p.iter(f"{W}r"):
        if not any(t.text and t.text.strip() for t in r.iter(f"{W}t")):
            continue
        rpr = r.find(f"{W}rPr")
        rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
        char = sheet.char(rstyle.get(_VAL) if rstyle is not None else None).runs
        props = read_rpr(rpr).over(char).over(para)
        if not props.bold:
            return False, False
        sizes.add(props.size or UNDERLINE_SIZE)
    if not sizes:
        return False, False
    return True, len(sizes) > 1 or max(sizes) > underline


_LOOK_ROLES: dict[tuple[str, ParaRole | CharRole | None], str] = {
    ("paragraph", ParaRole.BODY): "normal",
    ("paragraph", ParaRole.POCKET): "pocket",
    ("paragraph", ParaRole.HAT): "hat",
    ("paragraph", ParaRole.BLOCK): "block",
    ("paragraph", ParaRole.TAG): "tag",
    ("character", CharRole.CITE): "cite",
    ("character", CharRole.UNDERLINE): "underline",
    ("character", CharRole.EMPHASIS): "emphasis",
}


def verbatim_looks(styles: etree._Element | None) -> dict[str, dict[str, object]]:
    """The file's own definitions of Verbatim's styles (font, size, bold, underline, box), by role.

    A team sets these once in Verbatim (Emphasis without a box, Tag at 12 pt, Cite in Arial), and
    a brief imported from their file keeps them so its export looks like their file. Only what a
    style says itself is kept, for the style found by id first and then by name; what it does
    not say stays Verbatim's default on export.
    """
    if styles is None:
        return {}
    found: dict[str, tuple[int, dict[str, object]]] = {}
    for el in styles.iter(f"{W}style"):
        sid = el.get(f"{W}styleId") or ""
        kind = el.get(f"{W}type", "paragraph")
        name_el = el.find(f"{W}name")
        name = (name_el.get(_VAL, "") if name_el is not None else "").strip().lower()
        by_id: ParaRole | CharRole | None
        by_name: ParaRole | CharRole | None
        if kind == "paragraph":
            by_id, by_name = _PARA_IDS.get(sid.lower()), _PARA_NAMES.get(name)
        elif kind == "character":
            by_id, by_name = _CHAR_IDS.get(sid.lower()), _CHAR_NAMES.get(name)
        else:
            continue
        role = _LOOK_ROLES.get((kind, by_id or by_name))
        rank = 0 if by_id else 1
        if role is None or (role in found and found[role][0] <= rank):
            continue
        found[role] = (rank, _look_of(el, kind))
    return {role: look for role, (_, look) in found.items() if look}


def _look_of(el: etree._Element, kind: str) -> dict[str, object]:
    look: dict[str, object] = {}
    rpr = el.find(f"{W}rPr")
    if rpr is not None:
        fonts = rpr.find(f"{W}rFonts")
        if fonts is not None and (font := fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")):
            look["font"] = font[:100]
        size_el = rpr.find(f"{W}sz")
        size = _half_points(size_el.get(_VAL)) if size_el is not None else None
        if size and 2 <= size <= 800:
            look["size"] = size / 2 if size % 2 else size // 2
        bold = rpr.find(f"{W}b")
        if bold is not None:
            look["bold"] = _on(bold)
        under = rpr.find(f"{W}u")
        if under is not None:
            look["underline"] = (under.get(_VAL) or "single")[:100]
        if kind == "character":
            border = rpr.find(f"{W}bdr")
            look["box"] = border is not None and border.get(_VAL) not in {"nil", "none"}
    elif kind == "character":
        look["box"] = False
    return look
