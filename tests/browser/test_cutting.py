"""The whole cutting flow in real Chromium: paste, cut, tag, cite, F9/F11, reload, and the
bad inputs (emoji and right-to-left text, a 2 MB paste, scripts in pasted HTML, two tabs)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.fixtures.browser import (
    CARD_URL,
    LAVROV,
    PASSAGE_END,
    PASSAGE_START,
    api_card,
    cut,
    marked,
    new_source,
    select,
    span_texts,
    version,
    wait_saved,
)

pytestmark = pytest.mark.browser


def test_paste_cut_tag_cite_mark_and_reload(page: Page, live_server: str, shots: Path) -> None:
    source_id = new_source(page, live_server, LAVROV, title="Lavrov: US backs terror groups")
    expect(page.locator("#source-text")).to_contain_text("Sergei Lavrov accused")
    card_id = cut(page, PASSAGE_START, PASSAGE_END)

    body = page.locator("#card-body")
    expect(body).to_have_text(LAVROV[LAVROV.index(PASSAGE_START) : LAVROV.index(PASSAGE_END) + len(PASSAGE_END)])

    v = version(page)
    page.fill("#tag", "Russia blames regional actors for Syria’s stalemate")
    wait_saved(page, v)

    v = version(page)
    page.fill("#cite-line", "Mehmet Ace, 9 -16 September 2021, Is Putin prepping the ground, Ahval News")
    page.press("#cite-line", "Enter")
    wait_saved(page, v)
    expect(page.locator("#cite-short")).to_have_text("Ace 21")
    expect(page.locator("#cite-authors")).to_have_value("Mehmet Ace")
    expect(page.locator("#cite-date")).to_have_value("2021-09-16")

    select(page, "#card-body", "Syrian army of President Bashar Assad")
    v = version(page)
    page.keyboard.press("F9")
    wait_saved(page, v)
    select(page, "#card-body", "most significant force")
    v = version(page)
    page.keyboard.press("F9")
    wait_saved(page, v)
    select(page, "#card-body", "most significant force")
    v = version(page)
    page.keyboard.press("F11")
    wait_saved(page, v)
    expect(page.locator("#count-highlighted")).to_have_text("3")
    page.evaluate("() => getSelection().removeAllRanges()")  # show the marks, not the selection
    page.screenshot(path=str(shots / "editor-marked.png"), full_page=True)

    page.reload()
    assert span_texts(page, "u") == ["Syrian army of President Bashar Assad", "most significant force"]
    assert span_texts(page, "hl-cyan") == ["most significant force"]
    expect(page.locator("#tag")).to_have_value("Russia blames regional actors for Syria’s stalemate")
    expect(page.locator("#cite-short")).to_have_text("Ace 21")

    card = api_card(live_server, card_id)
    assert marked(card, "underline") == ["Syrian army of President Bashar Assad", "most significant force"]
    assert marked(card, "highlight") == ["most significant force"]
    assert card["source_id"] == source_id
    assert card["cite"]["short"] == "Ace 21"

    # F9 again over underlined words takes the underline off (a toggle, as in Verbatim).
    select(page, "#card-body", "Bashar Assad")
    v = version(page)
    page.keyboard.press("F9")
    wait_saved(page, v)
    assert marked(api_card(live_server, card_id), "underline") == [
        "Syrian army of President ",
        "most significant force",
    ]


def test_toolbar_buttons_emphasis_colour_and_shrink(page: Page, live_server: str, shots: Path) -> None:
    new_source(page, live_server, LAVROV)
    card_id = cut(page, PASSAGE_START, PASSAGE_END)
    page.select_option("#hl-color", "yellow")
    select(page, "#card-body", "Sergei Lavrov")
    v = version(page)
    page.click("button[data-action=emphasis]")
    wait_saved(page, v)
    select(page, "#card-body", "regional actors")
    v = version(page)
    page.click("button[data-action=highlight]")
    wait_saved(page, v)
    assert span_texts(page, "em") == ["Sergei Lavrov"]
    assert span_texts(page, "hl-yellow") == ["regional actors"]
    page.evaluate("() => getSelection().removeAllRanges()")
    page.check("#shrink")
    expect(page.locator("#card-body")).to_have_class("card-body shrink")
    small = page.eval_on_selector("#card-body span:not(.u):not(.em)", "el => getComputedStyle(el).fontSize")
    big = page.eval_on_selector("#card-body span.em", "el => getComputedStyle(el).fontSize")
    assert float(small.rstrip("px")) < float(big.rstrip("px"))
    page.screenshot(path=str(shots / "editor-shrink.png"), full_page=True)
    card = api_card(live_server, card_id)
    assert marked(card, "emphasis") == ["Sergei Lavrov"]
    assert [m["color"] for m in card["marks"] if m["kind"] == "highlight"] == ["yellow"]


def test_undo_and_redo_of_marks(page: Page, live_server: str) -> None:
    new_source(page, live_server, LAVROV)
    card_id = cut(page, PASSAGE_START, PASSAGE_END)
    select(page, "#card-body", "regional actors")
    v = version(page)
    page.keyboard.press("Control+Alt+9")
    wait_saved(page, v)
    assert marked(api_card(live_server, card_id), "underline") == ["regional actors"]
    page.locator("#card-body").focus()
    v = version(page)
    page.keyboard.press("Control+z")
    wait_saved(page, v)
    assert api_card(live_server, card_id)["marks"] == []
    assert span_texts(page, "u") == []
    v = version(page)
    page.keyboard.press("Control+Shift+Z")
    wait_saved(page, v)
    assert marked(api_card(live_server, card_id), "underline") == ["regional actors"]
    assert span_texts(page, "u") == ["regional actors"]


def test_emoji_and_right_to_left_text_keep_marks_on_their_words(page: Page, live_server: str) -> None:
    text = (
        "Leaders 😀😀 met. قال الرئيس إن السلام ممكن today 👍🏽 and שלום עכשיו was said. "
        "Then the target words stood after 🇺🇳 flags."
    )
    new_source(page, live_server, text)
    card_id = cut(page, "Leaders", "flags.")
    select(page, "#card-body", "target words")
    v = version(page)
    page.keyboard.press("Control+Alt+9")  # the alternative to F9
    wait_saved(page, v)
    select(page, "#card-body", "السلام ممكن")
    v = version(page)
    page.keyboard.press("Control+Alt+Minus")  # the alternative to F11
    wait_saved(page, v)
    select(page, "#card-body", "שלום")
    v = version(page)
    page.keyboard.press("Control+Alt+0")  # the alternative to F10
    wait_saved(page, v)
    card = api_card(live_server, card_id)
    assert marked(card, "underline") == ["שלום", "target words"]  # emphasis is underlined too
    assert marked(card, "highlight") == ["السلام ممكن"]
    assert marked(card, "emphasis") == ["שלום"]
    page.reload()
    assert span_texts(page, "u") == ["target words"]
    assert span_texts(page, "hl-cyan") == ["السلام ممكن"]
    assert span_texts(page, "em") == ["שלום"]


def test_rich_paste_keeps_underline_emphasis_highlight_and_never_runs_scripts(
    page: Page, live_server: str, shots: Path
) -> None:
    html = (
        "<html><head><style>body{display:none}</style><script>window.pwned = 1</script></head><body>"
        "<p class=MsoNormal>The <u>crisis in</u> <b><u>Idlib</u></b> "
        "<span style='background:yellow;mso-highlight:yellow'>is worsening</span> fast."
        "<img src=x onerror='window.pwned = 2'><script>window.pwned = 3</script></p>"
        "<p><span class=StyleUnderline>Word underline</span> and "
        "<span class=Emphasis style='background:aqua'>boxed emphasis</span>.</p></body></html>"
    )
    page.goto(f"{live_server}/sources/new")
    page.evaluate(
        """(html) => {
          const dt = new DataTransfer();
          dt.setData('text/html', html);
          dt.setData('text/plain', 'The crisis in Idlib is worsening fast.');
          document.querySelector('#rich-paste').dispatchEvent(
            new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
        }""",
        html,
    )
    expect(page.locator("#rich-paste-status")).to_contain_text("Rich text received")
    page.click("#source-submit")
    page.wait_for_url(CARD_URL)
    card_id = int(page.url.split("?")[0].rsplit("/", 1)[1])
    assert page.evaluate("window.pwned") is None
    assert span_texts(page, "u") == ["crisis in", "Word underline"]
    assert span_texts(page, "em") == ["Idlib", "boxed emphasis"]
    assert span_texts(page, "hl-yellow") == ["is worsening"]
    assert span_texts(page, "hl-cyan") == ["boxed emphasis"]
    page.screenshot(path=str(shots / "editor-rich-paste.png"), full_page=True)

    card = api_card(live_server, card_id)
    assert card["text"] == "The crisis in Idlib is worsening fast.\nWord underline and boxed emphasis."
    assert marked(card, "emphasis") == ["Idlib", "boxed emphasis"]
    assert marked(card, "highlight") == ["is worsening", "boxed emphasis"]
    source = httpx.get(f"{live_server}/api/sources/{card['source_id']}").json()
    assert "<" not in source["text"] and "pwned" not in source["text"]


def test_two_tabs_editing_one_card_get_a_conflict_not_an_overwrite(
    browser: Browser, page: Page, live_server: str, shots: Path
) -> None:
    new_source(page, live_server, LAVROV)
    card_id = cut(page, PASSAGE_START, PASSAGE_END)
    other = page.context.new_page()
    other.goto(f"{live_server}/cards/{card_id}")

    select(page, "#card-body", "regional actors")
    v = version(page)
    page.keyboard.press("F9")
    wait_saved(page, v)

    select(other, "#card-body", "Islamic State")
    other.keyboard.press("F11")
    expect(other.locator("#conflict")).to_be_visible()
    expect(other.locator("#conflict-message")).to_contain_text("changed elsewhere")
    expect(other.locator("#save-status")).to_contain_text("Not saved")
    other.screenshot(path=str(shots / "editor-conflict.png"), full_page=True)

    card = api_card(live_server, card_id)
    assert marked(card, "underline") == ["regional actors"]
    assert marked(card, "highlight") == []
    other.click("#conflict-reload")
    expect(other.locator("#conflict")).to_be_hidden()
    assert span_texts(other, "u") == ["regional actors"]


def test_a_two_megabyte_paste_is_taken_and_can_be_cut(page: Page, live_server: str) -> None:
    paragraph = LAVROV.replace("\r\n", "\n")
    big = (paragraph + "\n") * (2_000_000 // len(paragraph) + 1)
    big = big[:2_000_000] + "\nTHE VERY LAST SENTENCE of the paste."
    source_id = new_source(page, live_server, big, title="Huge paste")
    stored = httpx.get(f"{live_server}/api/sources/{source_id}").json()["text"]
    assert len(stored) > 1_900_000  # cleaning drops clutter lines, never the article
    assert int(page.eval_on_selector("#source-text", "el => el.dataset.len")) == len(stored)
    page.eval_on_selector("#source-text", "el => { el.scrollTop = el.scrollHeight; }")
    card_id = cut(page, "THE VERY LAST SENTENCE", "of the paste.")
    card = api_card(live_server, card_id)
    assert card["text"] == "THE VERY LAST SENTENCE of the paste."
    assert card["source_id"] == source_id
    assert card["source_start"] == stored.index("THE VERY LAST")


def test_cutting_nothing_says_so_and_cutting_twice_offers_the_card(page: Page, live_server: str) -> None:
    new_source(page, live_server, LAVROV)
    page.click("#cut-button")
    expect(page.locator("#cut-status")).to_contain_text("Select the passage to cut first")
    assert "/sources/" in page.url
    source_url = page.url
    card_id = cut(page, PASSAGE_START, PASSAGE_END)
    page.goto(source_url)
    assert cut(page, "Turkey, Israel", "Middle East") != card_id  # another passage: another card
    page.goto(source_url)
    page.evaluate(
        """([a, b]) => {
          const root = document.querySelector('#source-text');
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          const nodes = []; let full = '';
          while (walker.nextNode()) { nodes.push([walker.currentNode, full.length]); full += walker.currentNode.data; }
          let i = full.indexOf(a); let j = full.indexOf(b, i) + b.length;
          if (i > 0 && /\\s/.test(full[i - 1])) i -= 1;  // take the spaces around it too
          if (/\\s/.test(full[j])) j += 1;
          const at = (p) => { for (const [n, s] of nodes) if (p <= s + n.data.length) return [n, p - s]; };
          const r = document.createRange(); const [sn, so] = at(i); const [en, eo] = at(j);
          r.setStart(sn, so); r.setEnd(en, eo);
          const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
        }""",
        [PASSAGE_START, PASSAGE_END],
    )
    page.click("#cut-button")  # the same passage, give or take the spaces around it
    expect(page.locator("h1")).to_have_text("You already cut this passage")
    expect(page.locator("#existing-card")).to_have_attribute("href", f"/cards/{card_id}")


def test_my_evidence_lists_newest_first_and_deletes_with_undo(page: Page, live_server: str) -> None:
    source_id = new_source(page, live_server, LAVROV)
    first = cut(page, PASSAGE_START, PASSAGE_END)
    v = version(page)
    page.fill("#tag", "Older card")
    wait_saved(page, v)
    page.goto(f"{live_server}/sources/{source_id}")
    second = cut(page, "With regard to", "the Russian top diplomat said")
    v = version(page)
    page.fill("#tag", "Newer card")
    wait_saved(page, v)

    page.goto(f"{live_server}/cards")
    rows = page.locator("tr.card-row")
    ids = rows.evaluate_all("rows => rows.map(r => r.id)")
    assert ids.index(f"card-{second}") < ids.index(f"card-{first}")

    page.click(f"#card-{second} button:has-text('Delete')")
    expect(page.locator(f"#card-{second}")).to_contain_text("Deleted")
    assert httpx.get(f"{live_server}/api/cards/{second}").status_code == 404
    page.locator(f"#card-{second} button.undo").focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#card-{second}")).to_contain_text("Newer card")
    assert httpx.get(f"{live_server}/api/cards/{second}").status_code == 200

    page.click(f"#card-{first} button:has-text('Duplicate')")
    page.wait_for_url(CARD_URL)
    copy_id = int(page.url.rsplit("/", 1)[1])
    assert copy_id not in (first, second)
    expect(page.locator("#tag")).to_have_value("Older card")
