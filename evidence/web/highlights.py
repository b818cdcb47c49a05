"""The highlight colours' stylesheet, written from the domain's palette (``marks.HIGHLIGHT_RGB``).

The colour Word paints for each highlight is one table; the page shows the same colours by
generating its ``.hl-*`` rules from it rather than keeping a second copy in a CSS file.
"""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, Response

from evidence.domain.marks import HIGHLIGHT_RGB

router = APIRouter(include_in_schema=False)


def _dark(rgb: tuple[int, int, int]) -> bool:
    """White text reads better than black on this background (relative luminance, WCAG weights)."""
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128


@cache
def stylesheet() -> str:
    rules = []
    for name, rgb in HIGHLIGHT_RGB.items():
        colour = "#{:02x}{:02x}{:02x}".format(*rgb)
        extra = " color: #fff;" if _dark(rgb) else ""
        if name == "white":
            # White paints over coloured page art in Word; on a white page a hairline shows it is there.
            extra = " box-shadow: inset 0 0 0 1px #bbb;"
        rules.append(f".hl-{name} {{ background: {colour};{extra} }}")
    return "\n".join(rules) + "\n"


@router.get("/highlights.css")
def highlights_css() -> Response:
    return Response(stylesheet(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})
