"""Namespaces and small element helpers shared by the parts of a .docx.

Tag names are built once as Clark-notation strings: lxml then creates each element without
parsing a prefix, which is most of what keeps the writer fast.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"

NSMAP = {"w": W_NS, "r": R_NS}
XML_SPACE = f"{{{XML_NS}}}space"

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and
# U+FFFE/U+FFFF. Carriage returns are legal XML but Word shows them as stray boxes, so they go too.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def w(name: str) -> str:
    """``w("p")`` → ``{…/main}p``."""
    return f"{{{W_NS}}}{name}"


VAL = w("val")


def el(name: str, _children: list[etree._Element] | None = None, /, **attrs: Any) -> etree._Element:
    """A ``w:`` element with ``w:``-namespaced attributes, for the small, static parts."""
    node = etree.Element(w(name), {w(k): str(v) for k, v in attrs.items()})
    for child in _children or ():
        node.append(child)
    return node


def clean(text: str) -> tuple[str, int]:
    """Remove what XML cannot carry; return the text and how many characters went."""
    if FORBIDDEN.search(text) is None:
        return text, 0
    return FORBIDDEN.subn("", text)


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
