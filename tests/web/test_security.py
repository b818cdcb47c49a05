"""Requests from elsewhere change nothing; every response carries the security headers; errors fit
the caller. On SQLite and PostgreSQL, through the real app (the test client speaks ASGI to it).

The client fixture behaves like our own pages (it sends the CSRF token back); ``raw`` is a client
that does not, standing in for a browser on another site or an old form.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from evidence.settings import Settings
from evidence.web.app import create_app
from evidence.web.security import CSRF_COOKIE, CSRF_HEADER

EVIL = "http://evil.example"


@pytest.fixture
def raw(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _brief_titles(client: TestClient) -> list[str]:
    return [b["title"] for b in client.get("/api/briefs").json()]


def _card_count(client: TestClient) -> int:
    return len(client.get("/api/cards").json())


# Cross-site requests ---------------------------------------------------------------------------
def test_cross_site_form_post_creates_nothing(raw: TestClient) -> None:
    response = raw.post(
        "/briefs",
        data={"title": "pwned"},
        headers={"Origin": EVIL, "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert "another site" in response.text and response.headers["content-type"].startswith("text/html")
    assert _brief_titles(raw) == []


def test_cross_site_text_plain_post_to_the_api_creates_nothing(raw: TestClient) -> None:
    """What ``fetch(url, {method: "POST", mode: "no-cors", body: "…"})`` on another site sends."""
    body = '{"tag": "pwned", "text": "x"}'
    response = raw.post(
        "/api/cards",
        content=body,
        headers={"Content-Type": "text/plain", "Origin": EVIL, "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert "evil.example" in response.json()["detail"] or "another site" in response.json()["detail"]
    assert _card_count(raw) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},  # an older browser that sends Origin but no Sec-Fetch-Site
        {"Origin": "null"},  # a sandboxed iframe or a file:// page
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is still another application
        {"Origin": "http://127.0.0.1:9999"},  # another port on this machine is another origin
    ],
)
def test_every_kind_of_foreign_origin_is_refused_on_delete(client: TestClient, raw: TestClient, headers: dict) -> None:
    card_id = client.post("/api/cards", json={"tag": "keep me", "text": "The crisis in Idlib."}).json()["id"]
    response = raw.delete(f"/api/cards/{card_id}", headers=headers)
    assert response.status_code == 403
    assert client.get(f"/api/cards/{card_id}").status_code == 200


def test_same_origin_browser_write_needs_the_page_token(raw: TestClient) -> None:
    same = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    raw.get("/")  # the page load that issues the token cookie
    token = raw.cookies[CSRF_COOKIE]
    without = raw.post("/briefs", data={"title": "no token"}, headers=same, follow_redirects=False)
    assert without.status_code == 403 and "security token" in without.text
    wrong = raw.post(
        "/briefs", data={"title": "wrong", "csrf_token": token + "x"}, headers=same, follow_redirects=False
    )
    assert wrong.status_code == 403
    form = raw.post("/briefs", data={"title": "from the form", "csrf_token": token}, headers=same)
    assert form.status_code == 200 and form.url.path.startswith("/briefs/")
    header = raw.post("/api/briefs", json={"title": "from a script"}, headers={**same, CSRF_HEADER: token})
    assert header.status_code == 201
    assert sorted(_brief_titles(raw)) == ["from a script", "from the form"]


def test_a_token_signed_with_another_secret_is_refused(settings: Settings) -> None:
    other = settings.model_copy(update={"secret_key": "another-secret"})
    with TestClient(create_app(other)) as elsewhere:
        elsewhere.get("/")
        foreign_token = elsewhere.cookies[CSRF_COOKIE]
    with TestClient(create_app(settings)) as here:
        here.cookies.set(CSRF_COOKIE, foreign_token)
        response = here.post("/api/briefs", json={"title": "x"}, headers={CSRF_HEADER: foreign_token})
        assert response.status_code == 403
        # The app replaces the cookie it did not issue with one of its own.
        assert here.get("/").cookies.get(CSRF_COOKIE) not in (None, foreign_token)


def test_a_script_or_curl_without_browser_headers_can_use_the_api(raw: TestClient) -> None:
    assert raw.post("/api/briefs", json={"title": "from curl"}).status_code == 201


def test_the_pages_carry_the_token_for_forms_and_htmx(client: TestClient) -> None:
    token = client.cookies[CSRF_COOKIE]
    page = client.get("/briefs/new").text
    assert f'<meta name="csrf-token" content="{token}">' in page
    assert f'"X-CSRF-Token": "{token}"' in page  # htmx sends it from <body hx-headers>
    assert f'name="csrf_token" value="{token}"' in page
    cookie = client.get("/", headers={"Cookie": ""}).headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


# Host header (DNS rebinding) -------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/api/briefs", "/openapi.json", "/static/css/app.css", "/docs"])
def test_a_foreign_host_is_refused_before_anything_is_read(client: TestClient, path: str) -> None:
    client.post("/api/briefs", json={"title": "Secret strategy"})
    response = client.get(path, headers={"Host": "rebind.evil.example"})
    assert response.status_code == 400
    assert "Secret strategy" not in response.text and "EVIDENCE_ALLOWED_HOSTS" in response.text


def test_allowed_hosts_come_from_the_setting(settings: Settings) -> None:
    team = settings.model_copy(update={"allowed_hosts": ["evidence.team.example"]})
    with TestClient(create_app(team), base_url="http://evidence.team.example") as served:
        assert served.get("/").status_code == 200
        assert served.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 400


# Headers on every response ---------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/api/briefs", "/static/js/csrf.js", "/no/such/page", "/api/cards/999999"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src is not None and script_src.group(1).strip() == "'self'"
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def _pages(client: TestClient) -> list[str]:
    source = client.post("/api/sources", json={"text": "The crisis in Idlib has been at the bottom of the agenda."})
    source_id = source.json()["id"]
    card_id = client.post("/api/cards", json={"tag": "t", "text": "The crisis.", "source_id": source_id}).json()["id"]
    brief_id = client.post("/api/briefs", json={"title": "AT: Sanctions"}).json()["id"]
    return [
        "/",
        "/sources",
        "/sources/new",
        f"/sources/{source_id}",
        "/cards",
        f"/cards/{card_id}",
        "/briefs/new",
        f"/briefs/{brief_id}",
        f"/briefs/{brief_id}/print",
        "/speech",
        "/import",
        "/briefs/999999",
    ]


def test_no_page_has_inline_script_handlers_or_styles(client: TestClient) -> None:
    """The policy forbids them, so a page that had one would be broken in the browser."""
    for path in _pages(client):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline <script> on {path}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {path}"
        assert not re.search(r"\sstyle=", html), f"inline style on {path}"
        assert "<style" not in html, f"<style> element on {path}"


# Errors fit the caller ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/briefs/999999", 404, "brief 999999 does not exist"),
        ("/cards/999999", 404, "card 999999 does not exist"),
        ("/speech/999999", 404, "speech doc 999999 does not exist"),
        ("/no/such/page", 404, "no page at /no/such/page"),
        ("/cards/2147483648", 422, "less than or equal to 2147483647"),
        ("/briefs/99999999999999999999999", 422, "less than or equal to 2147483647"),
        ("/briefs/1?wpm=abc", 422, "valid integer"),
    ],
)
def test_pages_answer_errors_with_the_site_error_page(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text
    assert 'class="site-header"' in response.text and 'href="/"' in response.text  # the layout, a way back


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/briefs/999999", 404), ("/api/cards/2147483648", 422), ("/api/cards/-1", 422), ("/api/nothing", 404)],
)
def test_the_api_answers_errors_as_json_detail(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert "detail" in response.json()


def test_source_page_parameters_are_validated(client: TestClient) -> None:
    source_id = client.post("/api/sources", json={"text": "Share: this\nThe crisis in Idlib."}).json()["id"]
    assert client.get(f"/sources/{source_id}?articles=abc").status_code == 422
    assert client.get(f"/sources/{source_id}?articles=-3").status_code == 422
    bad_index = client.post(f"/sources/{source_id}/restore", data={"index": "99"})
    assert bad_index.status_code == 422 and "no number 100" in bad_index.text
    assert client.post(f"/sources/{source_id}/restore", data={"index": "x"}).status_code == 422
    huge = client.post(f"/sources/{source_id}/cut", data={"start": "0", "end": str(10**30)}, follow_redirects=False)
    assert huge.status_code == 303  # clamped to the text, as a selection past the end is


def test_a_card_cut_from_a_missing_source_is_a_422(client: TestClient) -> None:
    response = client.post("/api/cards", json={"tag": "t", "text": "x", "source_id": 424242})
    assert response.status_code == 422 and "source 424242 does not exist" in response.json()["detail"]


@pytest.mark.parametrize("bad", ["before\x00after", "broken \ud83d emoji"])
def test_text_no_database_can_store_is_refused_the_same_everywhere(client: TestClient, bad: str) -> None:
    if "\x00" in bad:  # a browser turns a lone surrogate into U+FFFD before it sends a form
        form = client.post("/briefs", data={"title": bad}, follow_redirects=False)
        assert form.status_code == 422 and "cannot be stored" in form.text
    patch_target = client.post("/api/cards", json={"tag": "ok", "text": "fine"}).json()
    if "\x00" in bad:  # the editor's form: a NUL can be typed or pasted into the tag box
        fields = client.post(
            f"/cards/{patch_target['id']}/fields",
            data={"version": str(patch_target["version"]), "tag": f"tag {bad}"},
            headers={"Accept": "application/json"},
        )
    else:  # json.dumps escapes a lone surrogate as \\ud83d, which is how a broken emoji arrives from a script.
        body = json.dumps({"version": patch_target["version"], "tag": f"tag {bad}"})
        fields = client.patch(
            f"/api/cards/{patch_target['id']}", content=body, headers={"Content-Type": "application/json"}
        )
    assert fields.status_code == 422 and "cannot be stored" in str(fields.json()["detail"])
    assert _brief_titles(client) == []
    assert client.get(f"/api/cards/{patch_target['id']}").json()["tag"] == "ok"
