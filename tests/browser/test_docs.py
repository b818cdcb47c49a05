"""``/docs`` in real Chromium, served by the app alone: Swagger UI renders the API, "Try it out"
really creates a card, and the page needs nothing from the network and nothing the
Content-Security-Policy forbids.

The machine running these tests has no internet, so a page that still loaded Swagger UI from a
CDN would stay blank here, as it would on a debater's laptop at a tournament.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, expect

from evidence.web.security import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.browser


@dataclass
class Traffic:
    """Everything the page asked for, and everything that went wrong while it did."""

    urls: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def traffic(page: Page) -> Iterator[Traffic]:
    seen = Traffic()

    def on_console(message: ConsoleMessage) -> None:
        # Chromium asks every site for /favicon.ico on its own; the app has none (on any page).
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            seen.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def on_failed(request: Request) -> None:
        seen.failed.append(f"{request.url}: {request.failure}")

    page.on("console", on_console)
    page.on("request", lambda request: seen.urls.append(request.url))
    page.on("requestfailed", on_failed)
    yield seen


def test_docs_lists_the_api_offline_under_the_strict_policy(page: Page, live_server: str, traffic: Traffic) -> None:
    response = page.goto(f"{live_server}/docs")
    assert response is not None and response.status == 200
    # The policy that ships on every page, unrelaxed (no 'unsafe-inline', no 'unsafe-eval').
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY

    cards = page.locator("#operations-cards-list_cards_api_cards_get")
    expect(cards).to_be_visible()
    expect(cards).to_contain_text("/api/cards")
    expect(page.locator("#operations-briefs-import_brief_api_briefs_import_post")).to_contain_text("/api/briefs/import")
    expect(page.locator(".docs-loading")).to_have_count(0)  # Swagger UI replaced the fallback text

    assert traffic.console_errors == []
    assert traffic.failed == []
    assert traffic.urls, "the page made no requests at all"
    offsite = [url for url in traffic.urls if not url.startswith(f"{live_server}/")]
    assert offsite == [], f"/docs reached outside the app: {offsite}"
    assert f"{live_server}/openapi.json" in traffic.urls
    assert f"{live_server}/static/vendor/swagger-ui/swagger-ui-bundle.js" in traffic.urls


def test_try_it_out_creates_a_card(page: Page, live_server: str, traffic: Traffic) -> None:
    """A write from the docs page passes the CSRF check: the page's token rides along (csrf.js)."""
    tag = "Made in the API docs"
    page.goto(f"{live_server}/docs")
    operation = page.locator("#operations-cards-create_card_api_cards_post")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.locator("textarea.body-param__text").fill(json.dumps({"tag": tag, "text": "Typed into Swagger UI."}))
    operation.get_by_role("button", name="Execute").click()

    status = operation.locator(".live-responses-table .response .response-col_status")
    expect(status).to_have_text("201")
    expect(operation.locator(".live-responses-table .response .response-col_description")).to_contain_text(tag)
    stored = httpx.get(f"{live_server}/api/cards", params={"q": tag}, timeout=10).json()
    assert [card["tag"] for card in stored] == [tag]

    assert traffic.console_errors == []
    assert traffic.failed == []
    assert [url for url in traffic.urls if not url.startswith(f"{live_server}/")] == []
