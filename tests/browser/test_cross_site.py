"""Real Chromium on a real attacker page: nothing another site does reaches the library.

The attacker's pages are served from ``evil.test`` and the rebinding page from ``rebind.test``;
Chromium resolves both names to 127.0.0.1 (``--host-resolver-rules``), exactly what a hostile
DNS server does for a DNS-rebinding attack. So the browser treats them as other sites, sends
its real ``Origin`` / ``Sec-Fetch-Site`` headers, and its requests to the app carry a foreign
``Host``.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser

from tests.fixtures.browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

ATTACK_PAGES = {
    # A classic CSRF: a hidden form that submits itself to the app.
    "/form.html": """<!doctype html><title>Win a prize</title>
<form id="f" method="post" action="{app}/briefs"><input name="title" value="pwned by a form"></form>
<script>document.getElementById("f").submit();</script>""",
    # A "simple" cross-origin request: text/plain needs no CORS preflight, so the browser sends it.
    "/fetch.html": """<!doctype html><title>Cute cats</title>
<script>
window.done = Promise.all([
  fetch("{app}/api/cards", {{method: "POST", mode: "no-cors", headers: {{"Content-Type": "text/plain"}},
        body: JSON.stringify({{tag: "pwned by fetch", text: "x"}})}}),
  fetch("{app}/api/briefs", {{method: "POST", mode: "no-cors", headers: {{"Content-Type": "text/plain"}},
        body: JSON.stringify({{title: "pwned by fetch"}})}}),
  fetch("{app}/cards/" + location.hash.slice(1) + "/delete", {{method: "POST", mode: "no-cors",
        credentials: "include"}}),
].map(p => p.then(() => "sent", e => "blocked: " + e))).then(r => {{ document.title = "done"; return r; }});
</script>""",
}


class _AttackerHandler(http.server.BaseHTTPRequestHandler):
    app = ""

    def do_GET(self) -> None:
        page = ATTACK_PAGES.get(self.path)
        if page is None:
            self.send_error(404)
            return
        body = page.format(app=self.app).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def attacker(live_server: str) -> Iterator[str]:
    handler = type("Handler", (_AttackerHandler,), {"app": live_server})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://evil.test:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def hostile_dns_browser(browser: Browser) -> Iterator[Browser]:
    """A second Chromium from the same Playwright, with a resolver that lies like a rebinding DNS."""
    rules = "--host-resolver-rules=MAP evil.test 127.0.0.1, MAP rebind.test 127.0.0.1"
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, rules])
    yield chromium
    chromium.close()


def _library(app: str) -> tuple[list[str], list[str]]:
    briefs = [b["title"] for b in httpx.get(f"{app}/api/briefs").json()]
    cards = [c["tag"] for c in httpx.get(f"{app}/api/cards", params={"limit": 500}).json()]
    return briefs, cards


def test_a_form_on_another_site_cannot_create_a_brief(
    hostile_dns_browser: Browser, attacker: str, live_server: str
) -> None:
    # The victim has the app open (so the app's cookie exists in this browser) and then visits the attacker.
    context = hostile_dns_browser.new_context()
    page = context.new_page()
    page.goto(live_server + "/")
    with page.expect_navigation(url=f"{live_server}/briefs"):
        page.goto(attacker + "/form.html")
    assert "another site" in page.content()
    briefs, _ = _library(live_server)
    assert "pwned by a form" not in briefs
    context.close()


def test_a_text_plain_fetch_from_another_site_changes_nothing(
    hostile_dns_browser: Browser, attacker: str, live_server: str
) -> None:
    card = httpx.post(f"{live_server}/api/cards", json={"tag": "my card", "text": "The crisis in Idlib."}).json()
    context = hostile_dns_browser.new_context()
    page = context.new_page()
    page.goto(live_server + "/")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.startswith(live_server) else None)
    page.goto(f"{attacker}/fetch.html#{card['id']}")
    page.wait_for_function("document.title === 'done'")
    assert len(sent) == 3  # the browser really sent all three; the app refused them
    briefs, cards = _library(live_server)
    assert "pwned by fetch" not in briefs and "pwned by fetch" not in cards
    assert httpx.get(f"{live_server}/api/cards/{card['id']}").json()["tag"] == "my card"  # not deleted
    context.close()


def test_a_rebinding_page_cannot_read_the_library(hostile_dns_browser: Browser, live_server: str) -> None:
    httpx.post(f"{live_server}/api/briefs", json={"title": "Secret 1AC strategy"})
    port = urlsplit(live_server).port
    context = hostile_dns_browser.new_context()
    page = context.new_page()
    response = page.goto(f"http://rebind.test:{port}/")
    assert response is not None and response.status == 400
    # Same-origin from the browser's point of view, so the page may read the answer: it is refused.
    answers = page.evaluate(
        """async () => Promise.all(["/api/briefs", "/openapi.json", "/briefs/1"].map(async (u) => {
             const r = await fetch(u); return [r.status, await r.text()]; }))"""
    )
    assert [status for status, _ in answers] == [400, 400, 400]
    assert all("Secret 1AC strategy" not in text for _, text in answers)
    posted = page.evaluate(
        """async () => (await fetch("/api/briefs", {method: "POST", headers: {"Content-Type": "application/json"},
             body: JSON.stringify({title: "rebound"})})).status"""
    )
    assert posted == 400
    assert "rebound" not in _library(live_server)[0]
    context.close()
