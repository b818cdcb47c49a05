"""Input the API must refuse with a 4xx that says why, never a 500: the cases of issue 9.

NUL characters and lone surrogates (which PostgreSQL or UTF-8 cannot store), numbers past a
database integer, negative paging, JSON nested far too deep, a card cut from a source that does
not exist. Every case runs on SQLite and on PostgreSQL; the store is checked to be unchanged.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

import evidence.web.api.briefs as briefs_api
import evidence.web.uploads as imports_api
from tests.fixtures.briefs import BRIEF

TOO_BIG = [2**31, 2**63, 2**70]


def _fields(response: Any) -> list[str]:
    """The field paths a FastAPI 422 names, as "body.cite.title" / "query.limit"."""
    assert response.status_code == 422, response.text
    return [".".join(str(p) for p in e["loc"]) for e in response.json()["detail"]]


# Text a database cannot store ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"tag": "Russia\x00 wins", "text": "words"}, "body.tag"),
        ({"tag": "t", "text": "bad\x00text"}, "body.text"),
        ({"tag": "t", "text": "words", "cite": {"title": "Ace\x00"}}, "body.cite.title"),
        ({"tag": "t", "text": "words", "cite": {"authors": ["Mehmet Ace", "X\x00"]}}, "body.cite.authors"),
    ],
)
def test_nul_in_any_card_field_is_refused_naming_it(client: TestClient, body: dict[str, Any], field: str) -> None:
    r = client.post("/api/cards", json=body)
    assert _fields(r) == [field]
    assert "NUL character" in r.json()["detail"][0]["msg"]
    assert client.get("/api/cards").json() == []


def test_lone_surrogate_is_refused_naming_the_field(client: TestClient) -> None:
    raw = b'{"tag": "t", "text": "broken \\ud83d emoji"}'  # what a JavaScript string cut in half sends
    r = client.post("/api/cards", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert [e["loc"] for e in r.json()["detail"]] == [["body", "text"]]
    source = client.post(
        "/api/sources", content=b'{"text": "fine", "title": "\\udc00"}', headers={"content-type": "application/json"}
    )
    assert _fields(source) == ["body.title"]
    assert client.get("/api/cards").json() == [] and client.get("/api/sources").json() == []


def test_unstorable_text_in_edits_queries_and_outline(client: TestClient) -> None:
    card = client.post("/api/cards", json={"tag": "t", "text": "words"}).json()
    assert _fields(client.patch(f"/api/cards/{card['id']}", json={"version": 1, "tag": "a\x00"})) == ["body.tag"]
    assert client.get(f"/api/cards/{card['id']}").json()["version"] == 1
    assert _fields(client.get("/api/cards", params={"q": "x\x00"})) == ["query.q"]
    brief = client.post("/api/briefs", json={"title": "B"}).json()
    node = {"version": brief["version"], "type": "analytic", "text": "a\x00"}
    assert _fields(client.post(f"/api/briefs/{brief['id']}/nodes", json=node)) == ["body.text"]
    assert _fields(client.post("/api/speech/current/items", json={"text": "\x00"})) == ["body.text"]
    export = client.get(f"/api/briefs/{brief['id']}/export", params={"highlight": "yellow\x00"})
    assert _fields(export) == ["query.highlight"]


def test_unstorable_text_in_an_imported_brief_is_refused(client: TestClient) -> None:
    raw = b'{"format": "evidence-brief/1", "title": "B", "children": [{"type": "analytic", "text": "\\ud800"}]}'
    r = client.post("/api/briefs/import", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422 and "surrogate" in r.json()["detail"], r.text
    assert client.get("/api/briefs").json() == []


# Numbers past a database integer ---------------------------------------------------------------
@pytest.mark.parametrize("big", TOO_BIG)
def test_ids_past_int32_in_paths_are_422_not_500(client: TestClient, big: int) -> None:
    for path in ("cards", "sources", "briefs", "speech"):
        r = client.get(f"/api/{path}/{big}")
        assert _fields(r) == [f"path.{path.rstrip('s') if path != 'speech' else 'doc'}_id"]
    assert _fields(client.get(f"/api/briefs/{big}/export")) == ["path.brief_id"]
    assert _fields(client.delete("/api/briefs/1/nodes/1", params={"version": big})) == ["query.version"]


def test_the_largest_id_is_a_plain_not_found(client: TestClient) -> None:
    r = client.get(f"/api/cards/{2**31 - 1}")
    assert r.status_code == 404 and r.json() == {"detail": f"card {2**31 - 1} does not exist"}


@pytest.mark.parametrize("big", TOO_BIG)
def test_ids_and_offsets_past_int32_in_bodies_are_422(client: TestClient, big: int) -> None:
    assert _fields(client.post("/api/cards", json={"text": "words", "source_id": big})) == ["body.source_id"]
    card = client.post("/api/cards", json={"tag": "t", "text": "words"}).json()
    mark = {"version": 1, "action": "apply", "kind": "underline", "start": 0, "end": big}
    assert _fields(client.post(f"/api/cards/{card['id']}/marks", json=mark)) == ["body.end"]
    assert _fields(client.patch(f"/api/cards/{card['id']}", json={"version": big, "tag": "x"})) == ["body.version"]
    assert _fields(client.post("/api/speech/current/items", json={"card_id": big})) == ["body.card_id"]
    brief = client.post("/api/briefs", json={"title": "B"}).json()
    node = {"version": 1, "type": "block", "title": "AT", "parent_id": big, "position": big}
    assert sorted(_fields(client.post(f"/api/briefs/{brief['id']}/nodes", json=node))) == [
        "body.parent_id",
        "body.position",
    ]
    assert _fields(client.post("/api/speech", json={"minutes": big})) == ["body.minutes"]
    assert client.get(f"/api/cards/{card['id']}").json()["version"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("offset=-1", "offset"),
        ("offset=abc", "offset"),
    ],
)
def test_paging_is_bounded(client: TestClient, query: str, field: str) -> None:
    for path in ("/api/cards", "/api/sources"):
        assert _fields(client.get(f"{path}?{query}")) == [f"query.{field}"]


def test_paging_past_the_end_is_an_empty_page(client: TestClient) -> None:
    client.post("/api/sources", json={"text": "one"})
    assert len(client.get("/api/sources?limit=500&offset=0").json()) == 1
    assert client.get(f"/api/sources?offset={2**31 - 1}").json() == []


def test_a_card_from_a_missing_source_is_refused(client: TestClient) -> None:
    r = client.post("/api/cards", json={"tag": "t", "text": "words", "source_id": 4242})
    assert r.status_code == 422 and "source 4242 does not exist" in r.json()["detail"]
    assert client.get("/api/cards").json() == []


# JSON nested too deeply ------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/briefs/import", "/api/cards", "/api/sources", "/api/speech/current/items"])
def test_deeply_nested_json_is_a_clear_4xx(client: TestClient, path: str) -> None:
    # 400 where FastAPI parses the body, 422 where the brief reader does (as for any unreadable brief)
    r = client.post(path, content=b"[" * 100_000, headers={"content-type": "application/json"})
    assert r.status_code in {400, 422}, r.text
    assert "nested too deeply" in r.json()["detail"]


def test_a_brief_nested_past_block_is_refused_before_any_recursion(client: TestClient) -> None:
    # Valid JSON for the parser (an object per level), far deeper than any brief may go.
    level = '{"type": "block", "title": "AT", "children": ['
    body = '{"format": "evidence-brief/1", "title": "Deep", "children": [' + level * 400
    body += '{"type": "analytic", "text": "bottom"}' + "]}" * 400 + "]}"
    r = client.post("/api/briefs/import", content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert "at most pocket > hat > block > card" in r.json()["detail"]
    shallow = {"type": "pocket", "title": "P", "children": [{"type": "hat", "title": "H", "children": [node_five()]}]}
    r = client.post("/api/briefs/import", json={"format": "evidence-brief/1", "title": "Five", "children": [shallow]})
    assert r.status_code == 422 and "at most pocket > hat > block > card" in r.json()["detail"]
    assert client.get("/api/briefs").json() == []


def node_five() -> dict[str, Any]:
    """A block holding a block holding a card: one level deeper than a brief may go."""
    inner = {"type": "block", "title": "B2", "children": [{"type": "analytic", "text": "x"}]}
    return {"type": "block", "title": "B1", "children": [inner]}


# Imports off the event loop --------------------------------------------------------------------
@pytest.fixture
def paused(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, threading.Event]]:
    """Make the readers wait (in whatever thread runs them) until the test lets them go, so a
    request can be sent while an import is provably still running."""
    events = {"started": threading.Event(), "release": threading.Event()}

    def pause(real: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            events["started"].set()
            events["release"].wait(timeout=30)
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(imports_api, "read_bytes", pause(imports_api.read_bytes))
    monkeypatch.setattr(briefs_api, "read_brief_json", pause(briefs_api.read_brief_json))
    yield events
    events["release"].set()


def _while_importing(client: TestClient, events: dict[str, threading.Event], send: Any) -> Any:
    """Start ``send`` in a thread, wait until its import is inside the reader, then ask for the
    card list. The GET must come back while the import is still paused: had the import held the
    event loop, the GET could only be answered after the import finished."""
    done = threading.Event()
    result: dict[str, Any] = {}

    def run() -> None:
        result["response"] = send()
        done.set()

    thread = threading.Thread(target=run)
    thread.start()
    assert events["started"].wait(timeout=30)
    answered = client.get("/api/cards")
    still_importing = not done.is_set()
    events["release"].set()
    thread.join(timeout=60)
    assert answered.status_code == 200
    assert still_importing, "the GET was answered only after the import finished"
    return result["response"]


def test_the_server_answers_while_a_file_import_runs(client: TestClient, paused: dict[str, threading.Event]) -> None:
    files = [("files", ("brief.json", json.dumps(BRIEF).encode(), "application/json"))]
    response = _while_importing(client, paused, lambda: client.post("/api/imports", files=files))
    assert response.status_code == 200 and response.json()["imported"] == 1


def test_the_server_answers_while_a_brief_import_runs(client: TestClient, paused: dict[str, threading.Event]) -> None:
    response = _while_importing(client, paused, lambda: client.post("/api/briefs/import", json=BRIEF))
    assert response.status_code == 201 and response.json()["title"] == BRIEF["title"]


# Found by the fuzz test ---------------------------------------------------------------------------
def test_deleting_a_speech_doc_with_items(client: TestClient) -> None:
    doc = client.post("/api/speech", json={"title": "1AC"}).json()
    client.post(f"/api/speech/{doc['id']}/items", json={"text": "An analytic"})
    assert client.delete(f"/api/speech/{doc['id']}").status_code == 204
    assert client.get(f"/api/speech/{doc['id']}").status_code == 404


def test_a_body_that_is_not_utf8_is_a_clear_400(client: TestClient) -> None:
    r = client.post("/api/cards", content=b'{"text": "\xff\xfe"}', headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json() == {"detail": "the body is not JSON: it is not UTF-8 text"}
