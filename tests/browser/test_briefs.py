"""The brief editor in real Chromium: reorder with Ctrl+Alt+Down and by drag, add a block and an
analytic, send a card to speech with `, download the .docx from the page and open it, see a
conflict explained, reorder the speech doc, and upload files."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import docx
import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.fixtures.briefs import FIRST_TAG, seed_brief_json

pytestmark = pytest.mark.browser


def _import(base: str, title: str) -> dict[str, Any]:
    response = httpx.post(f"{base}/api/briefs/import", json=seed_brief_json(title), timeout=10)
    response.raise_for_status()
    return response.json()


def _tags(base: str, brief_id: int) -> list[str]:
    brief = httpx.get(f"{base}/api/briefs/{brief_id}").json()
    out: list[str] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item["type"] == "card":
                out.append(item["tag"])
            elif item["type"] == "analytic":
                out.append("analytic: " + item["text"])
            else:
                out.append(f"{item['type']}: {item['title']}")
                walk(item["children"])

    walk(brief["children"])
    return out


def _card(page: Page, tag: str) -> Any:
    return page.locator(".item.card", has=page.locator(".v-tag", has_text=tag)).first


def test_edit_a_brief_and_download_it(page: Page, live_server: str, shots: Path, tmp_path: Path) -> None:
    base = live_server
    brief = _import(base, "Browser brief")
    bid = brief["id"]
    httpx.post(f"{base}/api/speech", json={"title": "1NC", "minutes": 8}).raise_for_status()  # a fresh current doc
    second_tag = brief["children"][0]["children"][1]["tag"]

    page.goto(f"{base}/briefs/{bid}")
    expect(page.locator(".v-block").first).to_contain_text("AT: Russia Won’t Cooperate")
    page.screenshot(path=str(shots / "brief-page.png"), full_page=False)

    # Ctrl+Alt+Down on the first card moves it below the second, and keeps focus on it.
    first = _card(page, FIRST_TAG)
    first.focus()
    page.keyboard.press("Control+Alt+ArrowDown")
    expect(page.locator("#brief-status")).to_have_text("Moved.")
    assert _tags(base, bid)[1:3] == [second_tag, FIRST_TAG]
    expect(page.locator(".item.card").nth(1)).to_contain_text(FIRST_TAG)
    expect(_card(page, FIRST_TAG)).to_be_focused()

    # Add an "AT:" block at the top level, then an analytic inside it.
    page.select_option("#heading-kind", "block-at")
    page.fill("#heading-title", "Russia says no")
    page.click("#add-heading button[type=submit]")
    new_block = page.locator(".item.heading.block", has=page.locator(".v-block", has_text="AT: Russia says no"))
    expect(new_block).to_be_visible()
    page.fill("#analytic-text", "Their evidence predates the ceasefire")
    page.select_option("#analytic-where", label="Block: AT: Russia says no")
    page.click("#add-analytic button[type=submit]")
    expect(new_block.locator(".v-analytic")).to_have_text("Their evidence predates the ceasefire")
    assert _tags(base, bid)[-2:] == ["block: Russia says no", "analytic: Their evidence predates the ceasefire"]

    # Add a card from my evidence into the new block through the picker.
    page.select_option("#card-where", label="Block: AT: Russia says no")
    page.fill("#picker-q", "mehmet")
    expect(page.locator(".picker-card")).to_have_count(1)
    page.locator(".picker-card button[data-pick]").click()
    expect(new_block.locator(".item.card")).to_have_count(1)

    # Drag the analytic above the card in the new block.
    analytic = new_block.locator(".item.analytic")
    analytic.drag_to(new_block.locator(".item.card"), target_position={"x": 40, "y": 4})
    expect(new_block.locator(".item").first).to_have_class("item analytic")
    assert _tags(base, bid)[-2:] == [
        "analytic: Their evidence predates the ceasefire",
        "Russian aggression in Syria now",
    ]

    # ` sends the focused card to the current speech doc (once the drag's outline swap has
    # landed: focus on an item the swap then replaces would be lost, as it would for a user).
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
    _card(page, second_tag).focus()
    page.keyboard.press("`")
    expect(page.locator("#toast")).to_contain_text("Sent to")
    speech = httpx.get(f"{base}/api/speech/current").json()
    assert [i["tag"] for i in speech["items"]] == [second_tag]
    page.screenshot(path=str(shots / "brief-edited.png"), full_page=True)

    # Download the Word file from the page and open it.
    page.select_option("#dl-format", "docx")
    page.check("input[name=shrink]")
    with page.expect_download() as info:
        page.click("#download-button")
    download = info.value
    assert download.suggested_filename == "browser-brief.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = docx.Document(io.BytesIO(saved.read_bytes()))
    tags = [p.text for p in document.paragraphs if p.style.style_id == "Heading4"]
    assert tags[:2] == ["Non-unique: " + second_tag, FIRST_TAG]  # the moved order, label before the tag
    analytics = [p for p in document.paragraphs if p.text == "Their evidence predates the ceasefire"]
    assert [p.style.style_id for p in analytics] == ["Analytic"]  # DESIGN §2: a style based on Heading4
    blocks = [p.text for p in document.paragraphs if p.style.style_id == "Heading3"]
    assert blocks[-1] == "AT: Russia says no"
    assert any(r.font.size is not None and r.font.size.pt == 8 for p in document.paragraphs for r in p.runs)


def test_a_stale_page_shows_a_conflict_and_reloads(page: Page, live_server: str, shots: Path) -> None:
    base = live_server
    brief = _import(base, "Conflict brief")
    bid = brief["id"]
    page.goto(f"{base}/briefs/{bid}")
    # Someone else renames the brief behind this page's back.
    httpx.patch(f"{base}/api/briefs/{bid}", json={"version": brief["version"], "title": "Renamed elsewhere"})
    before = _tags(base, bid)
    _card(page, FIRST_TAG).focus()
    page.keyboard.press("Control+Alt+ArrowDown")
    expect(page.locator("#conflict")).to_be_visible()
    expect(page.locator("#conflict")).to_contain_text("changed elsewhere")
    assert _tags(base, bid) == before  # nothing was overwritten
    page.screenshot(path=str(shots / "brief-conflict.png"))
    # After the reload the page has the new version, so the same move now works.
    _card(page, FIRST_TAG).focus()
    page.keyboard.press("Control+Alt+ArrowDown")
    expect(page.locator("#brief-status")).to_have_text("Moved.")
    assert _tags(base, bid)[2] == FIRST_TAG


def test_speech_doc_reorder_and_clock(page: Page, live_server: str, shots: Path) -> None:
    base = live_server
    brief = _import(base, "Speech brief")
    doc = httpx.post(f"{base}/api/speech", json={"title": "2NR", "minutes": 5}).json()
    cards = brief["children"][0]["children"]
    for card in cards[:3]:
        httpx.post(f"{base}/api/speech/current/items", json={"brief_id": brief["id"], "node_id": card["node_id"]})
    page.goto(f"{base}/speech/{doc['id']}")
    expect(page.locator(".speech-item")).to_have_count(3)
    expect(page.locator("#speech-limit")).to_have_text("5:00")
    third = page.locator(".speech-item").nth(2)
    third.focus()
    page.keyboard.press("Control+Alt+ArrowUp")
    expect(page.locator("#speech-status")).to_have_text("Moved.")
    expect(page.locator(".speech-item").nth(1)).to_contain_text(cards[2]["tag"])
    expect(page.locator(".speech-item").nth(1)).to_be_focused()
    order = [i["tag"] for i in httpx.get(f"{base}/api/speech/{doc['id']}").json()["items"]]
    assert order == [cards[0]["tag"], cards[2]["tag"], cards[1]["tag"]]
    # Switching to an 8-minute constructive updates the clock.
    page.select_option("#speech-length", "8")
    expect(page.locator("#speech-limit")).to_have_text("8:00")
    page.screenshot(path=str(shots / "brief-speech.png"), full_page=True)


def test_upload_several_files(page: Page, live_server: str, shots: Path, tmp_path: Path) -> None:
    good = tmp_path / "uploaded-brief.json"
    good.write_text(json.dumps(seed_brief_json("Uploaded brief")), encoding="utf-8")
    bad = tmp_path / "not-word.docx"
    bad.write_bytes(b"%PDF-1.4 this is a PDF renamed .docx")
    page.goto(f"{live_server}/import")
    page.set_input_files("#import-files", [str(good), str(bad)])
    expect(page.locator("#import-chosen li")).to_have_count(2)
    page.click("#import-submit")
    expect(page.locator(".result")).to_have_count(2)
    expect(page.locator(".result.ok")).to_contain_text("a brief with 8 cards")
    expect(page.locator(".result.failed")).to_contain_text("not-word.docx: not imported")
    page.screenshot(path=str(shots / "brief-import.png"), full_page=True)
    page.locator(".result.ok a").click()
    expect(page.locator("#brief-title")).to_have_value("Uploaded brief")
