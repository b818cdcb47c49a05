"""Every highlight colour shows on the page as the colour Word paints (the domain's palette)."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page

from evidence.domain.marks import HIGHLIGHT_RGB


def test_each_highlight_colour_paints_the_words_in_words_own_colour(page: Page, live_server: str) -> None:
    names = list(HIGHLIGHT_RGB)
    words = [f"word{i}" for i in range(len(names))]
    text = " ".join(words)
    marks, at = [], 0
    for name, word in zip(names, words, strict=True):
        marks.append({"kind": "highlight", "start": at, "end": at + len(word), "color": name})
        at += len(word) + 1
    response = httpx.post(f"{live_server}/api/cards", json={"tag": "Colours", "text": text, "marks": marks}, timeout=10)
    response.raise_for_status()
    page.goto(f"{live_server}/cards/{response.json()['id']}")
    for name, word in zip(names, words, strict=True):
        span = page.locator(f"#card-body span.hl-{name}")
        assert span.inner_text() == word
        background = span.evaluate("el => getComputedStyle(el).backgroundColor")
        assert background == "rgb({}, {}, {})".format(*HIGHLIGHT_RGB[name]), name
    # Dark highlights carry white text so the words stay readable.
    assert (
        page.locator("#card-body span.hl-darkBlue").evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"
    )
    assert (
        page.locator("#card-body span.hl-yellow").evaluate("el => getComputedStyle(el).color") != "rgb(255, 255, 255)"
    )
