"""The styles part: Verbatim's ids, names, aliases and outline levels (DESIGN §2), read back both
through python-docx and from the raw XML, since Verbatim and the community parsers rely on both."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt
from lxml import etree

from evidence.domain.brief import Brief
from exports.docx import DocxOptions, write_docx
from tests.fixtures.briefs import seed_brief

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# styleId, w:name, w:aliases, type, outline level
TABLE = [
    ("Normal", "Normal", "Normal/Card", "paragraph", None),
    ("Heading1", "heading 1", "Pocket", "paragraph", "0"),
    ("Heading2", "heading 2", "Hat", "paragraph", "1"),
    ("Heading3", "heading 3", "Block", "paragraph", "2"),
    ("Heading4", "heading 4", "Tag", "paragraph", "3"),
    ("Style13ptBold", "Style 13 pt Bold", "Cite", "character", None),
    ("StyleUnderline", "Style Underline", "Underline", "character", None),
    ("Emphasis", "Emphasis", None, "character", None),
    ("Heading1Char", "Heading 1 Char", "Pocket Char", "character", None),
    ("Heading2Char", "Heading 2 Char", "Hat Char", "character", None),
    ("Heading3Char", "Heading 3 Char", "Block Char", "character", None),
    ("Heading4Char", "Heading 4 Char", "Tag Char", "character", None),
]


@pytest.fixture(scope="module")
def data() -> bytes:
    return write_docx(seed_brief())


@pytest.fixture(scope="module")
def styles(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/styles.xml"))
    return {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}


def _val(style: etree._Element, path: str) -> str | None:
    node = style.find(path)
    return None if node is None else node.get(f"{W}val")


@pytest.mark.parametrize(("style_id", "name", "aliases", "kind", "outline"), TABLE)
def test_style_identity_matches_verbatim(styles, style_id, name, aliases, kind, outline):
    style = styles[style_id]
    assert style.get(f"{W}type") == kind
    assert _val(style, f"{W}name") == name
    assert _val(style, f"{W}aliases") == aliases
    assert _val(style, f"{W}pPr/{W}outlineLvl") == outline


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_headings_are_linked_to_their_char_styles(styles, level):
    assert _val(styles[f"Heading{level}"], f"{W}link") == f"Heading{level}Char"
    assert _val(styles[f"Heading{level}Char"], f"{W}link") == f"Heading{level}"


def test_python_docx_finds_every_style_by_its_word_name(data):
    document = docx.Document(io.BytesIO(data))
    for style_id, name, _aliases, kind, _outline in TABLE:
        style = document.styles[name.replace("heading", "Heading") if name.startswith("heading") else name]
        assert style.style_id == style_id
        expected = WD_STYLE_TYPE.PARAGRAPH if kind == "paragraph" else WD_STYLE_TYPE.CHARACTER
        assert style.type == expected


def test_normal_is_calibri_11_after_8pt_line_108(data):
    normal = docx.Document(io.BytesIO(data)).styles["Normal"]
    assert normal.font.name == "Calibri"
    assert normal.font.size == Pt(11)
    assert normal.paragraph_format.space_after == Pt(8)
    assert normal.paragraph_format.line_spacing == pytest.approx(1.08, abs=0.01)


def test_looks_follow_the_table(data):
    st = docx.Document(io.BytesIO(data)).styles
    assert st["Heading 1"].font.size == Pt(26) and st["Heading 1"].font.bold
    assert st["Heading 1"].paragraph_format.page_break_before
    assert st["Heading 2"].font.size == Pt(22)
    assert st["Heading 3"].font.size == Pt(16) and st["Heading 3"].font.underline
    assert st["Heading 4"].font.size == Pt(13) and st["Heading 4"].paragraph_format.keep_with_next
    cite = st["Style 13 pt Bold"].font
    assert cite.size == Pt(13) and cite.bold and cite.underline is False
    underline = st["Style Underline"].font
    assert underline.underline and underline.bold is False and underline.size == Pt(11)
    emphasis = st["Emphasis"].font
    assert emphasis.bold and emphasis.underline


def test_emphasis_box_is_off_unless_asked(styles):
    # Verbatim ships Emphasis without the box; EVIDENCE_EMPHASIS_BOX / the option turns it on.
    assert styles["Emphasis"].find(f"{W}rPr/{W}bdr") is None
    with zipfile.ZipFile(io.BytesIO(write_docx(Brief("x"), DocxOptions(emphasis_box=True)))) as zf:
        root = etree.fromstring(zf.read("word/styles.xml"))
    emphasis = next(s for s in root.iter(f"{W}style") if s.get(f"{W}styleId") == "Emphasis")
    assert emphasis.find(f"{W}rPr/{W}bdr") is not None


def test_analytic_is_a_custom_style_based_on_tag(styles):
    analytic = styles["Analytic"]
    assert analytic.get(f"{W}type") == "paragraph"
    assert analytic.get(f"{W}customStyle") == "1"
    assert _val(analytic, f"{W}basedOn") == "Heading4"


def test_every_style_the_document_uses_is_declared(data, styles):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    used = {n.get(f"{W}val") for n in body.iter(f"{W}pStyle", f"{W}rStyle")}
    assert used >= {"Heading1", "Heading2", "Heading3", "Heading4", "Analytic", "Style13ptBold"}
    assert used <= set(styles)
    for style in styles.values():
        for ref in ("basedOn", "link", "next"):
            target = _val(style, f"{W}{ref}")
            assert target is None or target in styles, (style.get(f"{W}styleId"), ref, target)
