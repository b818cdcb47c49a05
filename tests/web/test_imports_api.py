"""Upload through the API: several files at once, each its own transaction with its own report;
a bad file gets a clear message and leaves nothing behind."""

from __future__ import annotations

import json
from typing import Any

from tests.fixtures.briefs import FIRST_TAG, seed_brief_json
from tests.fixtures.shared import seed_brief_file, verbatim


def _upload(client: Any, *files: tuple[str, bytes]) -> Any:
    return client.post("/api/imports", files=[("files", (name, data)) for name, data in files])


def _brief_count(client: Any) -> int:
    return len(client.get("/api/briefs").json())


def test_json_brief_and_bad_file_in_one_upload(client: Any) -> None:
    good = json.dumps(seed_brief_json("Imported seed")).encode()
    bad = b"PK\x03\x04 this is not really a zip"
    response = _upload(client, ("seed.json", good), ("broken.docx", bad))
    assert response.status_code == 200
    body = response.json()
    assert (body["imported"], body["failed"]) == (1, 1)
    ok, failed = body["files"]
    assert ok["ok"] and ok["kind"] == "brief" and ok["cards"] == 8 and ok["title"] == "Imported seed"
    assert ok["url"] == f"/briefs/{ok['brief_id']}"
    brief = client.get(ok["url"].replace("/briefs", "/api/briefs")).json()
    assert brief["children"][0]["children"][0]["tag"] == FIRST_TAG
    assert not failed["ok"]
    assert failed["name"] == "broken.docx"
    assert "corrupt" in failed["error"]
    assert _brief_count(client) == 1  # the bad file left nothing behind


def test_malformed_json_names_the_problem_and_writes_nothing(client: Any) -> None:
    data = seed_brief_json()
    data["children"][0]["children"][2]["marks"] = [{"kind": "underline", "start": 5, "end": 10**9}]
    response = _upload(client, ("bad.json", json.dumps(data).encode()))
    result = response.json()["files"][0]
    assert not result["ok"]
    assert "marks" in result["error"]
    assert _brief_count(client) == 0
    assert client.get("/api/cards").json() == []  # no card of the first two survived either


def test_plain_text_brief_comes_with_its_report(client: Any) -> None:
    response = _upload(client, ("answers-to-russia-syria.txt", seed_brief_file().read_bytes()))
    result = response.json()["files"][0]
    assert result["ok"], result
    assert result["cards"] == 8
    notes = result["report"]["notes"]
    assert any("Body" in n for n in notes)  # the news-database artefact that was removed, said out loud


def test_real_verbatim_file_imports(client: Any) -> None:
    path = sorted(verbatim().glob("*.docx"))[0]
    result = _upload(client, (path.name, path.read_bytes())).json()["files"][0]
    assert result["ok"], result
    assert result["cards"] > 0


def test_unsupported_and_empty_files(client: Any) -> None:
    response = _upload(client, ("notes.xyz", b"hello"), ("empty.json", b""))
    files = response.json()["files"]
    assert "cannot import .xyz" in files[0]["error"]
    assert "empty" in files[1]["error"]
    assert _brief_count(client) == 0


def test_upload_over_the_limit_is_refused(client: Any) -> None:
    limit = client.app.state.settings.max_upload_mb * 1_000_000
    response = _upload(client, ("huge.json", b" " * (limit + 1)))
    result = response.json()["files"][0]
    assert not result["ok"]
    assert "MB limit" in result["error"]


def test_the_word_file_limits_come_from_the_settings(settings: Any) -> None:
    """EVIDENCE_MAX_DOCX_XML_MB reaches the upload: a file that expands past it is refused by name."""
    from fastapi.testclient import TestClient

    from evidence.web.app import create_app
    from tests.fixtures.web import with_csrf_token

    real = (verbatim() / "neg.docx").read_bytes()
    tight = settings.model_copy(update={"max_docx_xml_mb": 1})
    with TestClient(create_app(tight)) as raw:
        client = with_csrf_token(raw)
        result = _upload(client, ("neg.docx", real)).json()["files"][0]
        assert not result["ok"]
        assert "MB of XML; the limit is 1 MB" in result["error"]
        assert _brief_count(client) == 0


def test_a_teams_look_is_stored_with_the_brief_and_written_back(client: Any) -> None:
    """wake-r4-aff.docx defines its own Emphasis without a box: saved to the library and
    downloaded again, the brief still has the team's styles, not ours."""
    import io

    import docx
    from docx.oxml.ns import qn

    original = (verbatim() / "wake-r4-aff.docx").read_bytes()
    result = _upload(client, ("wake-r4-aff.docx", original)).json()["files"][0]
    assert result["ok"], result
    brief = client.get(f"/api/briefs/{result['brief_id']}").json()
    assert brief["styles"]["emphasis"]["box"] is False
    exported = docx.Document(io.BytesIO(client.get(f"/api/briefs/{result['brief_id']}/export").content))
    source = docx.Document(io.BytesIO(original))
    for name in ("Emphasis", "Heading 4"):
        ours, theirs = exported.styles[name], source.styles[name]
        assert ours.font.size == theirs.font.size, name
        assert ours.font.name == theirs.font.name or theirs.font.name is None, name
    assert exported.styles["Emphasis"].element.find(f"{qn('w:rPr')}/{qn('w:bdr')}") is None
