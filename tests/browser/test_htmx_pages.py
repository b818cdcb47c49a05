"""The brief and upload pages work through htmx fragments in real Chromium: an outline edit
updates the read time without a page load, a stale page shows the conflict box (a server
template) and its reload action, and a Word file uploaded on the page shows the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from evidence.ingest.brief_json import read_brief_json
from exports.docx import write_docx
from tests.fixtures.briefs import FIRST_TAG, seed_brief_json

pytestmark = pytest.mark.browser


def _import(base: str, title: str) -> dict[str, Any]:
    response = httpx.post(f"{base}/api/briefs/import", json=seed_brief_json(title), timeout=10)
    response.raise_for_status()
    return response.json()


def _mark_page(page: Page) -> None:
    """A flag a page load would wipe out: still there means no reload happened."""
    page.evaluate("window.__samePage = true")


def _same_page(page: Page) -> bool:
    return bool(page.evaluate("window.__samePage === true"))


def test_an_outline_edit_updates_the_read_time_without_a_reload(page: Page, live_server: str) -> None:
    brief = _import(live_server, "Read time brief")
    page.goto(f"{live_server}/briefs/{brief['id']}")
    total = page.locator("#brief-read-time")
    before = total.inner_text()
    block_time = page.locator(".item.heading.block .read-time").first
    block_before = block_time.inner_text()
    _mark_page(page)
    # 250 words at 250 wpm: a minute more, in the block and in the brief.
    page.fill("#analytic-text", " ".join(["word"] * 250))
    page.select_option(
        "#analytic-where", label="Block: AT: Russia Won’t Cooperate on Syria if the US puts pressure on Russia"
    )
    page.click("#add-analytic button[type=submit]")
    expect(page.locator("#brief-status")).to_have_text("Analytic added.")

    def plus_a_minute(clock: str) -> str:
        minutes, seconds = map(int, clock.split(":"))
        return f"{minutes + 1}:{seconds:02d}"

    expect(total).to_have_text(plus_a_minute(before))
    expect(block_time).to_have_text(plus_a_minute(block_before))
    expect(page.locator("#analytic-text")).to_have_value("")  # the form is ready for the next one
    assert _same_page(page)
    # The inline editor comes from the server; saving it swaps the outline again.
    analytic = page.locator(".item.analytic").first
    analytic.locator("[data-action=edit]").click()
    editor = analytic.locator("form.inline-edit textarea")
    expect(editor).to_be_focused()
    editor.fill("Shorter now")
    analytic.locator("form.inline-edit button[type=submit]").click()
    expect(page.locator(".item.analytic .v-analytic")).to_have_text("Shorter now")
    expect(total).not_to_have_text(plus_a_minute(before))
    assert _same_page(page)


def test_a_stale_page_shows_the_conflict_box_with_a_reload(page: Page, live_server: str) -> None:
    brief = _import(live_server, "Stale brief")
    bid = brief["id"]
    page.goto(f"{live_server}/briefs/{bid}")
    _mark_page(page)
    httpx.patch(f"{live_server}/api/briefs/{bid}", json={"version": brief["version"], "title": "Renamed elsewhere"})
    page.fill("#heading-title", "Never saved")
    page.click("#add-heading button[type=submit]")
    box = page.locator("#conflict")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Not saved: this brief was changed elsewhere.")
    expect(box).to_contain_text("latest change: renamed the brief")
    expect(page.locator("#brief-status")).to_have_text("Not saved: the brief changed elsewhere.")
    assert "Never saved" not in httpx.get(f"{live_server}/api/briefs/{bid}").text
    # Someone else adds a card meanwhile; "Reload the latest version" brings it in, in place.
    latest = httpx.get(f"{live_server}/api/briefs/{bid}").json()
    httpx.post(
        f"{live_server}/api/briefs/{bid}/nodes",
        json={"version": latest["version"], "type": "analytic", "text": "Added elsewhere"},
    )
    box.get_by_role("button", name="Reload the latest version").click()
    expect(page.locator(".item.analytic .v-analytic")).to_have_text("Added elsewhere")
    expect(box).to_be_hidden()
    assert _same_page(page)
    # The page now has the latest version, so the same edit goes through.
    page.click("#add-heading button[type=submit]")
    expect(page.locator(".v-block", has_text="AT: Never saved")).to_be_visible()
    expect(page.locator("#brief-status")).to_have_text("Heading added.")


def test_uploading_a_word_file_shows_the_report(page: Page, live_server: str, tmp_path: Path) -> None:
    word = tmp_path / "answers.docx"
    word.write_bytes(write_docx(read_brief_json(seed_brief_json("Word upload"))))
    page.goto(f"{live_server}/import")
    _mark_page(page)
    page.set_input_files("#import-files", [str(word)])
    expect(page.locator("#import-chosen li")).to_have_text([f"answers.docx ({-(-word.stat().st_size // 1000)} KB)"])
    expect(page.locator("#import-submit")).to_have_text("Import")
    page.click("#import-submit")
    report = page.locator("#import-results .result.ok")
    expect(report).to_contain_text("answers.docx")
    expect(report).to_contain_text("Word upload: a brief with 8 cards")
    expect(page.locator("#import-status")).to_have_text("1 imported, 0 not imported.")
    expect(page.locator("#import-chosen li")).to_have_count(0)
    expect(page.locator("#import-submit")).to_be_disabled()
    assert _same_page(page)
    report.locator("a").click()
    expect(page.locator(".item.card").first).to_contain_text(FIRST_TAG)
