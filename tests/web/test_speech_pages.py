"""The speech doc page's and the upload page's htmx routes: send to speech answers with the
notice and the clock, reorder and remove answer with the list and the clock out of band, a stale
version answers 409 with the conflict box, and an upload answers with the report. Every test
runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from evidence.ingest.brief_json import read_brief_json
from exports.docx import write_docx
from tests.fixtures.briefs import FIRST_TAG, seed_brief_json

HX = {"HX-Request": "true"}


def _brief(client: Any) -> dict[str, Any]:
    response = client.post("/api/briefs/import", json=seed_brief_json("Speech brief"))
    assert response.status_code == 201, response.text
    return response.json()


def _doc(client: Any, minutes: int = 5) -> dict[str, Any]:
    return client.post("/api/speech", json={"title": "2NR", "minutes": minutes}).json()


def test_send_to_speech_answers_with_the_notice_and_the_clock(client: Any) -> None:
    brief = _brief(client)
    doc = _doc(client)
    block = brief["children"][0]["node_id"]
    sent = client.post("/speech/current/items", data={"brief_id": brief["id"], "node_id": block}, headers=HX)
    assert sent.status_code == 200
    now = client.get(f"/api/speech/{doc['id']}").json()
    seconds = round(now["read_seconds"])
    assert f'<a href="/speech/{doc["id"]}">2NR</a>: {seconds // 60}:{seconds % 60:02d} of 5:00' in sent.text
    assert 'id="brief-status"' in sent.text and "Sent to the speech doc" in sent.text
    assert len(now["items"]) == 9  # the block and its eight cards
    card = brief["children"][0]["children"][0]["id"]
    from_picker = client.post("/speech/current/items", data={"card_id": card}, headers=HX)
    assert from_picker.status_code == 200
    assert client.get(f"/api/speech/{doc['id']}").json()["items"][-1]["tag"] == FIRST_TAG
    missing = client.post("/speech/current/items", data={"card_id": 4242}, headers=HX)
    assert missing.status_code == 404 and missing.headers["HX-Retarget"] == "#brief-status"


def test_reorder_and_remove_answer_with_the_list_and_the_clock(client: Any) -> None:
    brief = _brief(client)
    doc = _doc(client)
    cards = brief["children"][0]["children"]
    for card in cards[:3]:
        client.post("/api/speech/current/items", json={"card_id": card["id"]})
    doc = client.get(f"/api/speech/{doc['id']}").json()
    third = doc["items"][2]["item_id"]
    moved = client.post(
        f"/speech/{doc['id']}/items/{third}/step", data={"version": doc["version"], "direction": "up"}, headers=HX
    )
    assert moved.status_code == 200
    html = moved.text
    assert re.match(rf'\s*<div id="speech-state" data-focus="speech-item-{third}">', html)
    assert f'name="version" value="{doc["version"] + 1}"' in html
    assert '<div class="clock" id="speech-clock" hx-swap-oob="true">' in html and "Moved." in html
    order = [i["tag"] for i in client.get(f"/api/speech/{doc['id']}").json()["items"]]
    assert order == [cards[0]["tag"], cards[2]["tag"], cards[1]["tag"]]
    # The same (now stale) version: 409, the conflict box, and the latest list out of band.
    stale = client.post(
        f"/speech/{doc['id']}/items/{third}/step", data={"version": doc["version"], "direction": "up"}, headers=HX
    )
    assert stale.status_code == 409 and stale.headers["HX-Retarget"] == "#conflict"
    assert "changed elsewhere" in stale.text and f'hx-get="/speech/{doc["id"]}/items"' in stale.text
    assert '<div id="speech-state" hx-swap-oob="true">' in stale.text
    first = doc["items"][0]["item_id"]
    edge = client.post(
        f"/speech/{doc['id']}/items/{first}/step", data={"version": doc["version"] + 1, "direction": "up"}, headers=HX
    )
    assert edge.status_code == 200 and "Already at the edge." in edge.text
    removed = client.delete(f"/speech/{doc['id']}/items/{first}", params={"version": doc["version"] + 1}, headers=HX)
    assert removed.status_code == 200 and "Removed from the speech doc." in removed.text
    assert [i["tag"] for i in client.get(f"/api/speech/{doc['id']}").json()["items"]] == order[1:]


def test_speech_length_and_new_doc(client: Any) -> None:
    doc = _doc(client, minutes=5)
    client.post("/api/speech/current/items", json={"text": " ".join(["word"] * 1300)})
    doc = client.get(f"/api/speech/{doc['id']}").json()
    page = client.get(f"/speech/{doc['id']}").text
    assert 'id="over-warning"' in page and "(rebuttal, 250 wpm)" in page
    longer = client.patch(
        f"/speech/{doc['id']}", data={"version": doc["version"], "title": "2NR", "minutes": 9}, headers=HX
    )
    assert longer.status_code == 200
    clock = longer.text.split('<div class="clock" id="speech-clock" hx-swap-oob="true">')[1]
    assert '<span id="speech-limit">9:00</span>' in clock and "(constructive, 250 wpm)" in clock
    assert "Over time" not in clock
    wrong = client.patch(
        f"/speech/{doc['id']}", data={"version": doc["version"] + 1, "title": "2NR", "minutes": 7}, headers=HX
    )
    assert wrong.status_code == 422 and "8 or 9 minutes" in wrong.text
    new = client.post("/speech", data={"minutes": 6}, headers=HX)
    assert new.status_code == 204
    current = client.get("/api/speech/current").json()
    assert new.headers["HX-Redirect"] == f"/speech/{current['id']}" and current["minutes"] == 6


def test_upload_page_answers_with_the_report(client: Any) -> None:
    word = write_docx(read_brief_json(seed_brief_json("Uploaded in Word")))
    brief_json = json.dumps(seed_brief_json("Uploaded as JSON")).encode()
    files = [
        ("files", ("brief.docx", io.BytesIO(word), "application/octet-stream")),
        ("files", ("brief.json", io.BytesIO(brief_json), "application/json")),
        ("files", ("not-word.docx", io.BytesIO(b"%PDF-1.4 renamed"), "application/octet-stream")),
    ]
    response = client.post("/import", files=files, headers=HX)
    assert response.status_code == 200
    html = response.text
    assert html.count('class="result ok"') == 2 and html.count('class="result failed"') == 1
    assert re.search(r'<a href="/briefs/\d+">Uploaded in Word</a>: a brief with 8 cards', html)
    assert "not-word.docx: not imported" in html
    assert (
        '<p id="import-status" class="status" data-kind="warn" hx-swap-oob="true">2 imported, 1 not imported.</p>'
        in html
    )
    # Without htmx (a plain form post) the whole page comes back, the report in it.
    plain = client.post("/import", files=files[1:2])
    assert "<h1>Import files</h1>" in plain.text and "Uploaded as JSON" in plain.text


def test_upload_page_form_posts_to_the_page_route(client: Any) -> None:
    html = client.get("/import").text
    assert 'hx-post="/import"' in html and 'action="/import"' in html
