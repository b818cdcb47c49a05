"""Rich paste: clipboard HTML from Word or a web page → text and marks on the right words."""

from __future__ import annotations

import pytest

from evidence.ingest.report import IngestError
from evidence.ingest.richpaste import nearest_highlight, parse_rich_html


def marked(html: str) -> dict[str, list[str]]:
    rich = parse_rich_html(html)
    found: dict[str, list[str]] = {}
    for m in rich.marks:
        label = m.kind.value + (f":{m.color}" if m.color else "")
        found.setdefault(label, []).append(rich.text[m.start : m.end])
    return found


# What Word puts on the clipboard for a Verbatim card (trimmed): classes, mso-highlight,
# conditional comments, <o:p>, line breaks inside paragraphs.
WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style><!-- span.StyleUnderline {text-decoration:underline} --></style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->
</head><body lang=EN-US>
<p class=MsoNormal><span style='font-size:8.0pt'>The Syrian military </span><span
class=StyleUnderline>renewed its attacks</span><span style='font-size:8.0pt'> against the
</span><span class=Emphasis><span style='background:lime;mso-highlight:lime'>last militant
enclave</span></span><span style='font-size:8.0pt'> in </span><u><span style='background:aqua;
mso-highlight:aqua'>Dara’a</span></u><o:p></o:p></p>
<p class=MsoNormal>Second&nbsp;paragraph.</p></body></html>"""


def test_word_clipboard_gives_underline_emphasis_and_highlight_colours() -> None:
    rich = parse_rich_html(WORD)
    assert rich.text == (
        "The Syrian military renewed its attacks against the last militant enclave in Dara’a\nSecond paragraph."
    )
    found = marked(WORD)
    # Emphasis is underlined too (Verbatim's Emphasis style).
    assert found["underline"] == ["renewed its attacks", "last militant enclave", "Dara’a"]
    assert found["emphasis"] == ["last militant enclave"]
    assert found["highlight:green"] == ["last militant enclave"]  # lime = Verbatim's Bright Green
    assert found["highlight:cyan"] == ["Dara’a"]  # aqua = Turquoise


def test_web_page_tags_and_inline_styles() -> None:
    html = (
        "<div><p>The <u>crisis in</u> <b><u>Idlib</u></b> <strong style='text-decoration: underline'>now</strong> "
        "<span style='background-color: rgb(255, 255, 0)'>worsens</span> "
        "<span style='font-weight:700;text-decoration-line:underline'>fast</span> "
        "<b>bold only</b> <mark>marked</mark></p></div>"
    )
    found = marked(html)
    assert found["emphasis"] == ["Idlib", "now", "fast"]  # the plain space between stays plain
    assert found["highlight:yellow"] == ["worsens", "marked"]
    assert all("bold only" not in words for texts in found.values() for words in texts)


def test_scripts_styles_and_handlers_leave_no_trace() -> None:
    html = (
        "<style>p{color:red}</style><p>Safe <script>alert('x')</script>text"
        "<img src=x onerror=alert(1)><iframe src=javascript:alert(2)>inner</iframe>"
        "<noscript>ns</noscript><template>tpl</template></p>"
    )
    rich = parse_rich_html(html)
    assert rich.text == "Safe text"
    assert rich.marks == []


def test_white_and_transparent_backgrounds_are_not_highlights() -> None:
    html = (
        "<p style='background-color:#ffffff'>page <span style='background:transparent'>plain</span> "
        "<span style='background: rgba(255, 255, 0, 0)'>invisible</span> "
        "<span style='background:#f8f8f8'>grey box</span></p>"
    )
    assert parse_rich_html(html).marks == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yellow", "yellow"),
        ("lime", "green"),
        ("green", "darkGreen"),
        ("teal", "darkCyan"),
        ("#00FFFF", "cyan"),
        ("rgb(250, 240, 10)", "yellow"),
        ("fuchsia", "magenta"),
        ("darkYellow", "darkYellow"),
        ("white", None),
        ("nonsense", None),
    ],
)
def test_nearest_highlight(value: str, expected: str | None) -> None:
    assert nearest_highlight(value) == expected


def test_offsets_are_code_points_with_emoji_and_rtl() -> None:
    html = "<p>😀😀 قال الرئيس <u>السلام ممكن</u> 👍🏽 and <b><u>שלום</u></b></p>"
    rich = parse_rich_html(html)
    found = marked(html)
    assert found["underline"] == ["السلام ممكن", "שלום"]
    assert found["emphasis"] == ["שלום"]
    assert rich.text.index("السلام") == 14  # code points; UTF-16 would say 16


def test_whitespace_collapses_like_a_browser_lays_it_out() -> None:
    html = "<p>  one\n   <u>two</u>\t three </p>\n\n<p></p><div>four<br>five</div>"
    assert parse_rich_html(html).text == "one two three\nfour\nfive"


def test_empty_or_textless_html_is_a_clear_error() -> None:
    with pytest.raises(IngestError, match="empty"):
        parse_rich_html("   ")
    with pytest.raises(IngestError, match="no text"):
        parse_rich_html("<script>alert(1)</script><style>x</style>")


def test_a_white_highlight_from_word_stays_white_but_a_white_page_background_is_not_a_highlight() -> None:
    word = '<p><span style="mso-highlight:white">kept white</span> and <span style="background:#fff">page</span></p>'
    rich = parse_rich_html(word)
    colours = {(rich.text[m.start : m.end], m.color) for m in rich.marks if m.kind.value == "highlight"}
    assert colours == {("kept white", "white")}
