"""Downloads through the API: a brief as a Verbatim .docx (opened with python-docx), JSON, text,
the Word options, and a speech doc exported like a brief."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from tests.fixtures.briefs import FIRST_TAG, HIGHLIGHTED, seed_brief_json

W_HIGHLIGHT = qn("w:highlight")


def _import(client: Any, title: str = "AT: Russia won't cooperate") -> dict[str, Any]:
    response = client.post("/api/briefs/import", json=seed_brief_json(title))
    assert response.status_code == 201, response.text
    return response.json()


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _highlights(document: docx.document.Document) -> list[tuple[str, str]]:
    """(colour, text) of every highlighted run, read from the XML (python-docx hides some runs)."""
    found = []
    for run in document.element.body.iter(qn("w:r")):
        mark = run.find(f"{qn('w:rPr')}/{W_HIGHLIGHT}")
        if mark is not None:
            found.append((mark.get(qn("w:val")), "".join(t.text or "" for t in run.iter(qn("w:t")))))
    return found


def test_docx_download_is_a_verbatim_file(client: Any) -> None:
    brief = _import(client)
    response = client.get(f"/api/briefs/{brief['id']}/export?format=docx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert response.headers["content-disposition"] == 'attachment; filename="at-russia-wont-cooperate.docx"'
    document = _open(response.content)
    paragraphs = document.paragraphs
    tags = [p.text for p in paragraphs if p.style.style_id == "Heading4"]
    assert FIRST_TAG in tags
    assert len(tags) == 8
    blocks = [p.text for p in paragraphs if p.style.style_id == "Heading3"]
    assert blocks and "Russia Won’t Cooperate" in blocks[0]
    # The paragraph after the first tag is its cite: Normal, with the Cite style on "Thai News Service 21".
    first = next(i for i, p in enumerate(paragraphs) if p.text == FIRST_TAG)
    cite = paragraphs[first + 1]
    cite_runs = [r.text for r in cite.runs if r.style is not None and r.style.style_id == "Style13ptBold"]
    assert cite_runs == ["Thai News Service 21"]
    highlighted = "".join(t for c, t in _highlights(document) if c == "cyan")
    assert highlighted == HIGHLIGHTED
    assert document.core_properties.title == "AT: Russia won't cooperate"


def test_docx_options_recolour_and_read_along(client: Any) -> None:
    brief = _import(client)
    recoloured = _open(client.get(f"/api/briefs/{brief['id']}/export?highlight=yellow").content)
    colours = {c for c, _ in _highlights(recoloured)}
    assert colours == {"yellow"}
    read_along = _open(client.get(f"/api/briefs/{brief['id']}/export?highlighted_only=true").content)
    text = "\n".join(p.text for p in read_along.paragraphs)
    assert HIGHLIGHTED in text
    assert "following the collapse of a Russian-mediated deal" not in text  # unhighlighted body words are gone
    response = client.get(f"/api/briefs/{brief['id']}/export?highlighted_only=true")
    notes = json.loads(response.headers["x-evidence-notes"])
    assert any("no highlighted words" in n for n in notes)


def test_analytics_can_be_dropped_and_say_so(client: Any) -> None:
    brief = _import(client)
    block = brief["children"][0]
    added = client.post(
        f"/api/briefs/{brief['id']}/nodes",
        json={"version": brief["version"], "type": "analytic", "parent_id": block["node_id"], "text": "Old ev"},
    )
    assert added.status_code == 201
    kept = _open(client.get(f"/api/briefs/{brief['id']}/export").content)
    assert "Old ev" in [p.text for p in kept.paragraphs]
    response = client.get(f"/api/briefs/{brief['id']}/export?analytics=false")
    assert "Old ev" not in [p.text for p in _open(response.content).paragraphs]
    assert json.loads(response.headers["x-evidence-notes"]) == ["1 analytic(s) left out (analytics were excluded)"]


def test_shrink_and_condense_change_the_file(client: Any) -> None:
    brief = _import(client)
    plain = _open(client.get(f"/api/briefs/{brief['id']}/export").content)
    shrunk = _open(client.get(f"/api/briefs/{brief['id']}/export?shrink=true&condense=true&pilcrows=true").content)
    sizes = {r.font.size.pt for p in shrunk.paragraphs for r in p.runs if r.font.size is not None}
    assert 8 in sizes
    assert not any(r.font.size is not None and r.font.size.pt == 8 for p in plain.paragraphs for r in p.runs)
    # Condensed: a card of several paragraphs is one paragraph, its breaks shown as pilcrows.
    card = {"type": "card", "tag": "Two paragraphs", "text": "First paragraph.\nSecond paragraph."}
    two = client.post("/api/briefs/import", json={"format": "evidence-brief/1", "title": "T", "children": [card]})
    url = f"/api/briefs/{two.json()['id']}/export"
    assert [p.text for p in _open(client.get(url).content).paragraphs][-2:] == ["First paragraph.", "Second paragraph."]
    condensed = _open(client.get(url + "?condense=true&pilcrows=true").content).paragraphs
    assert condensed[-1].text == "First paragraph.¶ Second paragraph."


def test_json_and_text_downloads(client: Any) -> None:
    brief = _import(client)
    response = client.get(f"/api/briefs/{brief['id']}/export?format=json")
    assert response.headers["content-disposition"] == 'attachment; filename="at-russia-wont-cooperate.json"'
    data = response.json()
    assert data["format"] == "evidence-brief/1"
    assert data["children"][0]["children"][0]["tag"] == FIRST_TAG
    text = client.get(f"/api/briefs/{brief['id']}/export?format=txt")
    assert text.headers["content-disposition"].endswith('.txt"')
    assert "### AT: Russia Won’t Cooperate" in text.text
    assert HIGHLIGHTED in text.text
    assert "following the collapse" in text.text  # whole cards, by default
    read = client.get(f"/api/briefs/{brief['id']}/export?format=txt&highlighted_only=true").text
    assert HIGHLIGHTED in read
    assert "following the collapse" not in read  # only what is read aloud, when asked


@pytest.mark.parametrize("query", ["format=pdf", "highlight=chartreuse"])
def test_bad_options_are_refused(client: Any, query: str) -> None:
    brief = _import(client)
    response = client.get(f"/api/briefs/{brief['id']}/export?{query}")
    assert response.status_code == 422


def test_missing_brief_is_404(client: Any) -> None:
    assert client.get("/api/briefs/999/export").status_code == 404


def test_empty_brief_still_downloads(client: Any) -> None:
    created = client.post("/api/briefs", json={"title": "Empty"}).json()
    response = client.get(f"/api/briefs/{created['id']}/export")
    assert response.status_code == 200
    assert _open(response.content).core_properties.title == "Empty"


def test_speech_doc_exports_like_a_brief(client: Any) -> None:
    brief = _import(client)
    block = brief["children"][0]
    client.post("/api/speech/current/items", json={"brief_id": brief["id"], "node_id": block["children"][1]["node_id"]})
    doc = client.post(
        "/api/speech/current/items", json={"brief_id": brief["id"], "node_id": block["children"][0]["node_id"]}
    ).json()
    client.patch(f"/api/speech/{doc['id']}", json={"version": doc["version"], "title": "1NC Russia"})
    response = client.get(f"/api/speech/{doc['id']}/export")
    assert response.headers["content-disposition"] == 'attachment; filename="1nc-russia.docx"'
    tags = [p.text for p in _open(response.content).paragraphs if p.style.style_id == "Heading4"]
    assert tags == ["Non-unique: " + block["children"][1]["tag"], FIRST_TAG]  # in the order sent


def _emphasis_boxed(data: bytes) -> bool:
    style = _open(data).styles["Emphasis"]
    return style.element.find(f"{qn('w:rPr')}/{qn('w:bdr')}") is not None


def test_the_emphasis_box_is_off_unless_asked_for_by_the_download_or_the_setting(client: Any, settings: Any) -> None:
    brief_id = _import(client)["id"]
    plain = client.get(f"/api/briefs/{brief_id}/export")
    boxed = client.get(f"/api/briefs/{brief_id}/export", params={"emphasis_box": "true"})
    assert not _emphasis_boxed(plain.content) and _emphasis_boxed(boxed.content)

    from fastapi.testclient import TestClient

    from evidence.web.app import create_app

    with TestClient(create_app(settings.model_copy(update={"emphasis_box": True}))) as boxing:
        assert _emphasis_boxed(boxing.get(f"/api/briefs/{brief_id}/export").content)
