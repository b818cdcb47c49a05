"""``/docs`` is served by the app from its own files: every script, style and the schema it needs
come from this server, none of it is inline, and the vendored Swagger UI is the release the
README names. (That it renders and works in a browser under the policy: tests/browser/test_docs.py.)
"""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient

from evidence.web.security import CONTENT_SECURITY_POLICY
from evidence.web.templating import STATIC_DIR

VENDOR = STATIC_DIR / "vendor"


class _Assets(HTMLParser):
    """The URLs a page loads (scripts, stylesheets, images) and whether any script is inline."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.openapi_urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            if found.get("src"):
                self.urls.append(found["src"] or "")
            else:
                self.inline_scripts += 1
        elif tag == "link" and found.get("href"):
            self.urls.append(found["href"] or "")
        elif tag == "img" and found.get("src"):
            self.urls.append(found["src"] or "")
        if "data-openapi-url" in found:
            self.openapi_urls.append(found["data-openapi-url"] or "")


def _assets(html: str) -> _Assets:
    parser = _Assets()
    parser.feed(html)
    return parser


def test_docs_loads_only_files_this_app_serves(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    page = _assets(response.text)

    assert page.inline_scripts == 0
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.urls
    assert "/static/vendor/swagger-ui/swagger-ui.css" in page.urls
    assert "/static/js/docs.js" in page.urls
    for url in page.urls:
        if url == "data:,":
            continue  # the site's empty favicon: inline data, loads nothing
        assert url.startswith("/") and not url.startswith("//"), f"/docs loads {url} from elsewhere"
        asset = client.get(url)
        assert asset.status_code == 200, f"{url} is not served"
        assert asset.content, f"{url} is empty"

    assert page.openapi_urls == ["/openapi.json"]
    schema = client.get("/openapi.json").json()
    assert "/api/cards" in schema["paths"]
    assert "/docs" not in schema["paths"]  # the page itself is not part of the API


def test_the_cdn_pages_are_gone(client: TestClient) -> None:
    """FastAPI's own /redoc would load ReDoc from a CDN: it is switched off, not left half-working."""
    assert client.get("/redoc").status_code == 404
    assert "cdn.jsdelivr.net" not in client.get("/docs").text


def test_vendored_swagger_ui_is_the_release_the_readme_names() -> None:
    """The README's checksums are how a reviewer checks the files against the npm release."""
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"sha256 of `swagger-ui/([^`]+)`: `([0-9a-f]{64})`", readme))
    assert set(listed) == {"swagger-ui-bundle.js", "swagger-ui.css"}
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / "swagger-ui" / name).read_bytes()).hexdigest() == digest, name
    for licence in ("LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"):
        assert Path(VENDOR / "swagger-ui" / licence).is_file(), f"{licence} must ship with the bundle"
