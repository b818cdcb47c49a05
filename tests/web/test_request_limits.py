"""A body past every limit is refused before it is read: 413 with the limit named, nothing stored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from evidence.settings import Settings
from evidence.web.app import create_app
from tests.fixtures.web import with_csrf_token


@pytest.fixture
def small(settings: Settings) -> Iterator[TestClient]:
    tight = settings.model_copy(update={"max_upload_mb": 1, "max_paste_chars": 1000})  # ceiling: 2 MB
    with TestClient(create_app(tight)) as client:
        yield with_csrf_token(client)


def test_a_declared_huge_body_is_refused_at_the_door(small: TestClient) -> None:
    body = b'{"title": "' + b"x" * 3_000_000 + b'"}'
    response = small.post("/api/briefs", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "larger than 2 MB" in response.json()["detail"]
    assert small.get("/api/briefs").json() == []


def test_an_endless_chunked_body_is_cut_off(small: TestClient) -> None:
    def endless() -> Iterator[bytes]:  # no Content-Length: the size shows only as it streams
        yield b'{"title": "'
        for _ in range(20):
            yield b"x" * 1_000_000

    response = small.post("/api/briefs", content=endless(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert small.get("/api/briefs").json() == []


def test_a_page_form_past_the_ceiling_gets_the_error_page(small: TestClient) -> None:
    response = small.post("/briefs", data={"title": "x" * 3_000_000})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith(("text/html", "application/json"))
