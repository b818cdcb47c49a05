"""One slow job never freezes the app: while a source is fetched from a page that will not answer,
and while a Word file is being imported, other people's requests are still served.

Nothing here is timed: the slow server holds its answer until the test has seen the app answer
someone else, so a fetch or import done on the event loop would block that answer and the test
would fail (after the short timeouts), not pass slowly.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import httpx
import pytest

from evidence.settings import Settings
from tests.fixtures.web import serve


@pytest.fixture
def held_page() -> Iterator[tuple[str, threading.Event, threading.Event]]:
    """A web page that takes the request, says it has it, and answers only when released."""
    arrived, release = threading.Event(), threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            arrived.set()
            release.wait(30)
            body = b"<html><head><title>Held</title></head><body><article><p>" + b"Words of the article. " * 40
            body += b"</p></article></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/article", arrived, release
    release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def app_url(settings: Settings) -> Iterator[str]:
    with serve(settings.model_copy(update={"fetch_allowed_hosts": ["127.0.0.1"]})) as url:
        yield url


def test_the_app_answers_others_while_a_url_is_being_fetched(
    app_url: str, held_page: tuple[str, threading.Event, threading.Event]
) -> None:
    page_url, arrived, release = held_page
    result: dict[str, httpx.Response] = {}

    def add_source() -> None:
        result["fetch"] = httpx.post(f"{app_url}/sources", data={"url": page_url}, timeout=60)

    adder = threading.Thread(target=add_source)
    adder.start()
    assert arrived.wait(20), "the app never fetched the page"
    # The fetch is now waiting on the held page. Someone else opens the app:
    other = httpx.get(f"{app_url}/", timeout=5)
    api = httpx.post(f"{app_url}/api/briefs", json={"title": "written meanwhile"}, timeout=5)
    release.set()
    adder.join(30)
    assert other.status_code == 200 and api.status_code == 201
    assert result["fetch"].status_code == 303  # and the fetch itself then finished normally
    assert httpx.get(f"{app_url}/api/sources").json()[0]["cite"]["url"] == page_url
