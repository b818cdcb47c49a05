"""The brief, speech doc and upload pages through the TestClient: what a user sees, the card
picker, the copy action, conflicts, and the speech doc's order and clock."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.fixtures.briefs import FIRST_TAG, HIGHLIGHTED, seed_brief_json


def _import(client: Any, title: str = "AT: Russia won't cooperate") -> dict[str, Any]:
    response = client.post("/api/briefs/import", json=seed_brief_json(title))
    assert response.status_code == 201, response.text
    return response.json()


def test_brief_page_shows_the_outline_in_verbatims_look(client: Any) -> None:
    brief = _import(client)
    page = client.get(f"/briefs/{brief['id']}")
    assert page.status_code == 200
    html = page.text
    assert 'class="v-block" role="heading"' in html
    assert "AT: Russia Won’t Cooperate on Syria" in html  # an answers-to block reads "AT: …"
    assert f'<div class="v-tag" role="heading" aria-level="3">{FIRST_TAG}</div>' in html
    assert '<strong class="v-cite-short">Thai News Service 21</strong>' in html
    # The highlighted words render with their colour, escaped, at their offset.
    assert re.search(r'<span data-s="\d+" class="[^"]*hl-cyan">Syrian</span>', html)
    assert "Non-unique:</span> Russian aggression in Syria now" in html
    assert html.count('data-type="card"') == 8
    assert 'href="/static/css/brief.css"' in html


def test_read_time_follows_the_speaking_rate(client: Any) -> None:
    brief = _import(client)
    # 8 tags plus the three highlighted words of card 1.
    words = sum(len(re.findall(r"[\w’'-]+", c["tag"])) for c in brief["children"][0]["children"])
    words += len(HIGHLIGHTED.split())
    fast = client.get(f"/briefs/{brief['id']}/outline?wpm=600").text
    slow = client.get(f"/briefs/{brief['id']}/outline?wpm=100").text

    def total(html: str) -> str:
        match = re.search(r'id="brief-read-time" class="read-total">([\d:]+)<', html)
        assert match
        return match.group(1)

    def clock(seconds: float) -> str:
        return f"{round(seconds) // 60}:{round(seconds) % 60:02d}"

    assert total(fast) == clock(words * 60 / 600)
    assert total(slow) == clock(words * 60 / 100)


def test_new_brief_form(client: Any) -> None:
    response = client.post("/briefs", data={"title": "  AT: Politics DA ", "author": "Coach"}, follow_redirects=False)
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert 'value="AT: Politics DA"' in page.text
    assert "This brief is empty" in page.text
    blank = client.post("/briefs", data={"title": "   "})
    assert blank.status_code == 422
    assert "a brief needs a title" in blank.text


def test_picker_searches_tags_and_cites(client: Any) -> None:
    brief = _import(client)
    other = client.post("/api/briefs", json={"title": "Empty"}).json()
    by_cite = client.get(f"/briefs/{other['id']}/picker?q=mehmet").text
    assert "Russian aggression in Syria now" in by_cite and by_cite.count('class="picker-card"') == 1
    by_tag = client.get(f"/briefs/{other['id']}/picker?q=MEDIATION in").text
    assert FIRST_TAG in by_tag and by_tag.count('class="picker-card"') == 1
    assert "No card" in client.get(f"/briefs/{other['id']}/picker?q=zzzz").text
    assert "in this brief" in client.get(f"/briefs/{brief['id']}/picker?q=thai").text


def test_shared_card_is_edited_once_until_copied(client: Any) -> None:
    brief = _import(client)
    first = brief["children"][0]["children"][0]
    other = client.post("/api/briefs", json={"title": "1NC Russia"}).json()
    added = client.post(
        f"/api/briefs/{other['id']}/nodes", json={"version": other["version"], "type": "card", "card_id": first["id"]}
    ).json()
    page = client.get(f"/briefs/{other['id']}").text
    assert "Also in" in page and "Make separate copy" in page
    # Editing the card shows in both briefs.
    card = client.get(f"/api/cards/{first['id']}").json()
    client.patch(f"/api/cards/{first['id']}", json={"version": card["version"], "tag": "Mediation fails"})
    assert "Mediation fails" in client.get(f"/briefs/{brief['id']}").text
    # Copy: this brief's item now points at a new card; the original brief is untouched by edits.
    copied = client.post(
        f"/api/briefs/{other['id']}/nodes/{added['id']}/copy", json={"version": added["brief_version"]}
    )
    assert copied.status_code == 201
    new_card = client.get(f"/api/briefs/{other['id']}").json()["children"][0]
    assert new_card["id"] != first["id"]
    version = client.get(f"/api/cards/{new_card['id']}").json()["version"]
    client.patch(f"/api/cards/{new_card['id']}", json={"version": version, "tag": "Only in the 1NC"})
    # (The outline only: the page's card picker lists every card, the copy included.)
    assert "Only in the 1NC" not in client.get(f"/briefs/{brief['id']}/outline").text
    assert "Mediation fails" in client.get(f"/briefs/{brief['id']}/outline").text
    assert "Make separate copy" not in client.get(f"/briefs/{other['id']}").text


def test_copy_with_a_stale_version_is_a_conflict(client: Any) -> None:
    brief = _import(client)
    node = brief["children"][0]["children"][0]["node_id"]
    # Another tab renames the brief first: this page's version is now one behind.
    renamed = client.patch(f"/api/briefs/{brief['id']}", json={"version": brief["version"], "title": "AT: Russia"})
    assert renamed.status_code == 200 and renamed.json()["version"] == brief["version"] + 1
    stale = client.post(f"/api/briefs/{brief['id']}/nodes/{node}/copy", json={"version": brief["version"]})
    assert stale.status_code == 409
    assert "changed elsewhere" in stale.json()["detail"]
    after = client.get(f"/api/briefs/{brief['id']}").json()
    assert after["version"] == brief["version"] + 1 and after["children"] == brief["children"]  # nothing copied


def test_print_view_has_no_controls(client: Any) -> None:
    brief = _import(client)
    html = client.get(f"/briefs/{brief['id']}/print").text
    assert FIRST_TAG in html
    assert 'data-action="remove"' not in html and 'draggable="true"' not in html
    assert 'class="print-view shrink"' in client.get(f"/briefs/{brief['id']}/print?shrink=true").text


def test_missing_brief_page_is_404(client: Any) -> None:
    response = client.get("/briefs/4242")
    assert response.status_code == 404
    assert "brief 4242 does not exist" in response.text


# Speech doc ----------------------------------------------------------------------------------
def test_speech_doc_order_and_read_time(client: Any) -> None:
    brief = _import(client)
    cards = brief["children"][0]["children"]
    for card in (cards[2], cards[0]):
        client.post("/api/speech/current/items", json={"brief_id": brief["id"], "node_id": card["node_id"]})
    doc = client.post("/api/speech/current/items", json={"text": "Their evidence is old"}).json()
    names = [i.get("tag") or i.get("text") for i in doc["items"]]
    assert names == [cards[2]["tag"], FIRST_TAG, "Their evidence is old"]
    wpm = doc["words_per_minute"]
    expected = sum(i["read_seconds"] for i in doc["items"])
    assert doc["read_seconds"] == pytest.approx(expected, abs=0.2)
    # Tag words of both cards, the three highlighted words of the first, and the analytic's four.
    words = len(cards[2]["tag"].split()) + len(FIRST_TAG.split()) + len(HIGHLIGHTED.split()) + 4
    assert doc["read_seconds"] == pytest.approx(words * 60 / wpm, abs=0.1)
    # Move the analytic to the top, then remove the first card.
    analytic = doc["items"][2]["item_id"]
    move = {"version": doc["version"], "position": 0}
    doc = client.post(f"/api/speech/{doc['id']}/items/{analytic}/move", json=move).json()
    assert [i["type"] for i in doc["items"]] == ["analytic", "card", "card"]
    doc = client.delete(f"/api/speech/{doc['id']}/items/{doc['items'][1]['item_id']}?version={doc['version']}").json()
    assert [i.get("tag") or i.get("text") for i in doc["items"]] == ["Their evidence is old", FIRST_TAG]
    stale = client.delete(f"/api/speech/{doc['id']}/items/{doc['items'][0]['item_id']}?version=1")
    assert stale.status_code == 409
    page = client.get(f"/speech/{doc['id']}").text
    assert page.index("Their evidence is old") < page.index(FIRST_TAG)


def test_sending_a_block_brings_its_cards_and_the_clock_warns_when_over(client: Any) -> None:
    brief = _import(client)
    block = brief["children"][0]
    doc = client.post("/api/speech/current/items", json={"brief_id": brief["id"], "node_id": block["node_id"]}).json()
    assert [i["type"] for i in doc["items"]] == ["block"] + ["card"] * 8
    assert doc["minutes"] == 8 and doc["limit_seconds"] == 480
    page = client.get("/speech").text
    assert "Constructive, 8 minutes" in page and "Rebuttal, 5 minutes" in page
    assert "Over time" not in page
    # A speech doc of long analytics runs over a 5-minute rebuttal.
    client.post("/api/speech/current/items", json={"text": " ".join(["word"] * 1300)})
    doc = client.get("/api/speech/current").json()
    doc = client.patch(f"/api/speech/{doc['id']}", json={"version": doc["version"], "minutes": 5}).json()
    assert doc["over_seconds"] > 0
    page = client.get(f"/speech/{doc['id']}").text
    assert 'id="over-warning"' in page and "Over time by" in page
    assert client.patch(f"/api/speech/{doc['id']}", json={"version": doc["version"], "minutes": 7}).status_code == 422


def test_new_speech_doc_becomes_current(client: Any) -> None:
    first = client.get("/api/speech/current").json()
    second = client.post("/api/speech", json={"title": "2AC", "minutes": 9}).json()
    assert client.get("/api/speech/current").json()["id"] == second["id"] != first["id"]


def test_import_page_lists_supported_files(client: Any) -> None:
    html = client.get("/import").text
    assert 'type="file" multiple' in html and ".docx" in html
