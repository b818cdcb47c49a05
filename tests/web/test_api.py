"""The JSON API through HTTP, as another tool or the browser's scripts use it."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.briefs import BRIEF


def test_home_page_and_openapi_answer(client: TestClient) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/cards/{card_id}/marks" in paths and "/api/briefs/{brief_id}" in paths


def test_card_lifecycle_with_marks_and_conflict(client: TestClient) -> None:
    created = client.post("/api/cards", json={"tag": "Tag", "text": "Russia opposes the US in Syria now"}).json()
    card_id = created["id"]
    marked = client.post(
        f"/api/cards/{card_id}/marks",
        json={"version": 1, "action": "toggle", "kind": "highlight", "start": 0, "end": 6, "color": "yellow"},
    )
    assert marked.status_code == 200
    assert marked.json()["marks"] == [{"kind": "highlight", "start": 0, "end": 6, "color": "yellow"}]
    assert marked.json()["words_highlighted"] == 1
    stale = client.patch(f"/api/cards/{card_id}", json={"version": 1, "tag": "Overwrite?"})
    assert stale.status_code == 409
    assert "the marks changed" in stale.json()["detail"] and stale.json()["current_version"] == 2
    assert client.get(f"/api/cards/{card_id}").json()["tag"] == "Tag"
    ok = client.patch(f"/api/cards/{card_id}", json={"version": 2, "tag": "Russia opposes the US"})
    assert ok.json()["version"] == 3


def test_bad_card_input_gets_a_clear_422(client: TestClient) -> None:
    r = client.post(
        "/api/cards", json={"tag": "t", "text": "short", "marks": [{"kind": "underline", "start": 0, "end": 50}]}
    )
    assert r.status_code == 422 and "outside the text" in r.json()["detail"]
    r = client.post(
        "/api/cards", json={"text": "x", "marks": [{"kind": "highlight", "start": 0, "end": 1, "color": "plaid"}]}
    )
    assert r.status_code == 422 and "unknown highlight colour" in r.json()["detail"]
    assert client.get("/api/cards").json() == []
    assert client.get("/api/cards/999").status_code == 404


def test_delete_and_undo(client: TestClient) -> None:
    card_id = client.post("/api/cards", json={"tag": "t", "text": "words"}).json()["id"]
    client.delete(f"/api/cards/{card_id}")
    assert client.get("/api/cards").json() == []
    client.post(f"/api/cards/{card_id}/restore")
    assert [c["id"] for c in client.get("/api/cards").json()] == [card_id]


def test_brief_import_roundtrips_through_the_api(client: TestClient) -> None:
    created = client.post("/api/briefs/import", content=json.dumps(BRIEF))
    assert created.status_code == 201
    brief_id = created.json()["id"]
    got = client.get(f"/api/briefs/{brief_id}").json()
    block = got["children"][0]
    card = block["children"][0]
    assert (block["label"], card["label"], card["cite"]["short"]) == ("answers-to", "non-unique", "Ace 21")
    assert card["marks"] == BRIEF["children"][0]["children"][0]["marks"]
    assert got["format"] == "evidence-brief/1" and "version" in got


def test_malformed_brief_changes_nothing(client: TestClient) -> None:
    bad = json.loads(json.dumps(BRIEF))
    bad["children"][0]["children"][0]["marks"][1]["end"] = 10_000
    r = client.post("/api/briefs/import", content=json.dumps(bad))
    assert r.status_code == 422
    assert r.json()["detail"].startswith("children[0].children[0].marks[1]: highlight 4–10000 is outside")
    bad = json.loads(json.dumps(BRIEF))
    bad["children"][0]["children"].append({"type": "footnote"})
    assert "unknown node type 'footnote'" in client.post("/api/briefs/import", content=json.dumps(bad)).json()["detail"]
    assert client.post("/api/briefs/import", content=b"{nope").status_code == 422
    assert client.get("/api/briefs").json() == [] and client.get("/api/cards").json() == []


def test_outline_nodes_through_the_api(client: TestClient) -> None:
    brief = client.post("/api/briefs", json={"title": "Kritik answers"}).json()
    card_id = client.post("/api/cards", json={"tag": "Perm solves", "text": "Both together work."}).json()["id"]
    block = client.post(f"/api/briefs/{brief['id']}/nodes", json={"version": 1, "type": "block", "title": "AT: Cap K"})
    assert block.status_code == 201
    block_id, version = block.json()["id"], block.json()["brief_version"]
    node = client.post(
        f"/api/briefs/{brief['id']}/nodes",
        json={"version": version, "type": "card", "card_id": card_id, "parent_id": block_id},
    ).json()
    bad_move = client.post(
        f"/api/briefs/{brief['id']}/nodes/{block_id}/move",
        json={"version": node["brief_version"], "parent_id": block_id},
    )
    assert bad_move.status_code == 422
    stale = client.delete(f"/api/briefs/{brief['id']}/nodes/{node['id']}", params={"version": 1})
    assert stale.status_code == 409
    gone = client.delete(f"/api/briefs/{brief['id']}/nodes/{node['id']}", params={"version": node["brief_version"]})
    assert gone.status_code == 200
    assert client.get(f"/api/briefs/{brief['id']}").json()["children"][0]["children"] == []


def test_sources_api_and_paste_limit(client: TestClient) -> None:
    r = client.post(
        "/api/sources",
        json={"text": "Article words.", "title": "Press TV", "cite": {"publication": "Press TV", "date": "2021-09-15"}},
    )
    assert r.status_code == 201
    body = r.json()
    assert body["format"] == "evidence-source/1" and body["cite"]["short"] == "Press TV 21" and body["removed"] == []
    r = client.post("/api/sources", json={"text": "x" * 5_000_001})
    assert r.status_code == 422 and "limit" in r.json()["detail"]


def _untyped_objects(schema: object, components: dict[str, Any], seen: set[str]) -> list[str]:
    """Places in a response schema that say only "an object" without naming its keys."""
    found: list[str] = []
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                found += _untyped_objects(components[name], components, seen)
            return found
        if schema.get("type") == "object" and "properties" not in schema:
            found.append(json.dumps(schema)[:80])
        if schema == {}:
            found.append("{} (anything)")
        for key, value in schema.items():
            if key != "additionalProperties":  # open formats: known keys typed, unknown ones kept
                found += _untyped_objects(value, components, seen)
    elif isinstance(schema, list):
        for item in schema:
            found += _untyped_objects(item, components, seen)
    return found


def test_openapi_documents_every_api_response(client: TestClient) -> None:
    """Another tool can rely on the OpenAPI page: every operation names its success model (or a
    file's media types, or no content), and the error shapes (404, 409 with current_version, 422)."""
    spec = client.get("/openapi.json").json()
    components = spec["components"]["schemas"]
    assert components["ConflictOut"]["required"] == ["detail", "current_version"]
    problems = []
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            responses = operation["responses"]
            assert {"404", "409", "422"} <= set(responses), where
            assert "ValidationOut" in json.dumps(responses["422"]) and "ErrorOut" in json.dumps(responses["422"])
            success = [code for code in responses if code.startswith("2")]
            assert len(success) == 1, where
            content = responses[success[0]].get("content", {})
            if success[0] == "204":
                assert not content, where
                continue
            assert content, where
            for media, body in content.items():
                if media == "application/json":
                    problems += [f"{where}: {p}" for p in _untyped_objects(body["schema"], components, set())]
                    assert body["schema"], where
    assert problems == []
    export = spec["paths"]["/api/briefs/{brief_id}/export"]["get"]["responses"]["200"]["content"]
    assert set(export) == {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/json",
        "text/plain",
    }
    brief_id = spec["paths"]["/api/briefs/{brief_id}"]["get"]["parameters"][0]["schema"]
    assert (brief_id["minimum"], brief_id["maximum"]) == (1, 2**31 - 1)


ITALIC_TITLE = {"kind": "italic", "start": 50, "end": 68}
WHITE = {"kind": "highlight", "start": 0, "end": 9, "color": "white"}


def test_a_cite_as_written_and_a_cards_own_formatting_go_in_and_come_out_unchanged(client: TestClient) -> None:
    line = "Sabrosky ’88 [Alan Ned; retired Marine officer, “Hollow victories”, 1988]"
    body = {
        "tag": "Deterrence fails",
        "tag_marks": [{"kind": "underline", "start": 0, "end": 10}],
        "notes": {"text": "<<FOR REFERENCE>>", "marks": []},
        "cite": {
            "text": line,
            "marks": [{"kind": "cite", "start": 0, "end": 12}, {"kind": "italic", "start": 50, "end": 68}],
        },
        "text": "Victories are hollow.",
        "marks": [
            {"kind": "bold", "start": 0, "end": 9},
            {"kind": "highlight", "start": 0, "end": 9, "color": "white"},
        ],
    }
    created = client.post("/api/cards", json=body)
    assert created.status_code == 201, created.text
    card = client.get(f"/api/cards/{created.json()['id']}").json()

    def given(marks: list[dict]) -> list[dict]:
        return [{k: v for k, v in m.items() if v is not None} for m in marks]

    assert card["cite"]["text"] == line and card["cite"]["short"] == "Sabrosky ’88"
    assert ITALIC_TITLE in given(card["cite"]["marks"])
    assert given(card["tag_marks"]) == [{"kind": "underline", "start": 0, "end": 10}]
    assert card["notes"]["text"] == "<<FOR REFERENCE>>"
    assert {"kind": "bold", "start": 0, "end": 9} in given(card["marks"])
    assert WHITE in given(card["marks"])
