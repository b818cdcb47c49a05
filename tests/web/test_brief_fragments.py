"""The brief page's htmx routes: each write answers with the outline and, out of band, the
counters, the "Put it in" choices and the status line; a stale version answers 409 with the
conflict box and the latest outline; a refused write answers with the status line only.
Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

from tests.fixtures.briefs import FIRST_TAG, seed_brief_json

HX = {"HX-Request": "true"}


def _import(client: Any) -> dict[str, Any]:
    response = client.post("/api/briefs/import", json=seed_brief_json("Fragment brief"))
    assert response.status_code == 201, response.text
    return response.json()


def _order(client: Any, brief_id: int) -> list[str]:
    out: list[str] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            out.append(item.get("tag") or item.get("text") or f"{item['type']}: {item['title']}")
            walk(item.get("children", []))

    walk(client.get(f"/api/briefs/{brief_id}").json()["children"])
    return out


def _version(client: Any, brief_id: int) -> int:
    return client.get(f"/api/briefs/{brief_id}").json()["version"]


def _oob(html: str, element_id: str) -> str:
    """The out-of-band element with this id, up to the first closing tag of its kind."""
    match = re.search(rf'<([a-z]+) [^>]*id="{element_id}"[^>]*hx-swap-oob="true"[^>]*>.*?</\1>', html, re.S)
    assert match, f"no out-of-band #{element_id} in the answer"
    return match.group(0)


def _main(html: str) -> str:
    """The answer's main part: its first element's opening tag (the rest is out of band)."""
    match = re.search(r"<[a-z]+[^>]*>", html)
    assert match
    return match.group(0)


def test_adding_an_analytic_answers_with_the_outline_and_the_new_read_time(client: Any) -> None:
    brief = _import(client)
    bid = brief["id"]
    before = client.get(f"/briefs/{bid}").text
    old_time = re.search(r'id="brief-read-time" class="read-total">([\d:]+)<', before).group(1)  # type: ignore[union-attr]
    words = " ".join(["word"] * 250)  # a minute at 250 wpm
    response = client.post(
        f"/briefs/{bid}/analytics", data={"version": brief["version"], "text": words, "wpm": 250}, headers=HX
    )
    assert response.status_code == 200
    html = response.text
    assert _main(html).startswith('<div id="outline-state"') and "hx-swap-oob" not in _main(html)
    assert f'name="version" value="{brief["version"] + 1}"' in html  # the fragment carries the new version
    summary = _oob(html, "brief-summary")
    minutes, seconds = map(int, old_time.split(":"))
    assert f">{minutes + 1}:{seconds:02d}<" in summary  # one more minute of reading, out of band
    assert "Analytic added." in _oob(html, "brief-status")
    assert re.search(r'data-focus="node-\d+"', html)
    assert _order(client, bid)[-1] == words


def test_a_heading_goes_where_chosen_and_every_choice_is_kept(client: Any) -> None:
    brief = _import(client)
    bid, block = brief["id"], brief["children"][0]["node_id"]
    data = {"version": brief["version"], "kind": "hat", "title": "Syria", "where_analytic": block, "where_card": block}
    html = client.post(f"/briefs/{bid}/headings", data=data, headers=HX).text
    assert 'class="v-hat" role="heading"' in html and ">Syria<" in html
    # The "Put it in" choices come back with the new heading, each keeping what the user chose.
    for select_id, kept in (("heading-where", None), ("analytic-where", block), ("card-where", block)):
        select = re.search(rf'<select id="{select_id}".*?</select>', html, re.S).group(0)  # type: ignore[union-attr]
        assert "Hat: Syria" in select
        chosen = re.search(r'<option value="(\d*)" selected>', select)
        assert (chosen and int(chosen.group(1))) == kept or (kept is None and chosen is None)
    # A hat cannot go inside a block: refused on the status line, nothing else changes.
    data = {"version": brief["version"] + 1, "kind": "hat", "title": "Nested", "where_heading": block}
    refused = client.post(f"/briefs/{bid}/headings", data=data, headers=HX)
    assert refused.status_code == 422
    assert refused.headers["HX-Retarget"] == "#brief-status"
    assert 'id="brief-status"' in refused.text and "cannot go inside a block" in refused.text
    assert _version(client, bid) == brief["version"] + 1


def test_a_stale_page_gets_the_conflict_box_and_the_latest_outline(client: Any) -> None:
    brief = _import(client)
    bid = brief["id"]
    client.patch(f"/api/briefs/{bid}", json={"version": brief["version"], "title": "Renamed elsewhere"})
    before = _order(client, bid)
    node = brief["children"][0]["children"][0]["node_id"]
    stale = client.post(
        f"/briefs/{bid}/nodes/{node}/step", data={"version": brief["version"], "direction": "down"}, headers=HX
    )
    assert stale.status_code == 409
    assert stale.headers["HX-Retarget"] == "#conflict"
    html = stale.text
    assert _main(html).startswith('<div id="conflict"') and "hidden" not in _main(html)
    assert "changed elsewhere" in html and "Reload the latest version" in html
    assert f'hx-get="/briefs/{bid}/outline"' in html
    outline = _oob(html, "outline-state")
    assert f'name="version" value="{brief["version"] + 1}"' in html and outline
    assert _order(client, bid) == before  # nothing was overwritten


def test_moves_follow_verbatims_rules(client: Any) -> None:
    brief = _import(client)
    bid = brief["id"]
    block = brief["children"][0]
    first, second = block["children"][0], block["children"][1]
    version = brief["version"]
    # Down swaps with the next card.
    moved = client.post(
        f"/briefs/{bid}/nodes/{first['node_id']}/step", data={"version": version, "direction": "down"}, headers=HX
    )
    assert moved.status_code == 200 and "Moved." in moved.text
    assert f'data-focus="node-{first["node_id"]}"' in moved.text
    assert _order(client, bid)[1:3] == [second["tag"], FIRST_TAG]
    # Up from the top of the block leaves it: the card now sits before the block.
    up = {"version": version + 1, "direction": "up"}
    client.post(f"/briefs/{bid}/nodes/{second['node_id']}/step", data=up, headers=HX)
    assert _order(client, bid)[0] == second["tag"]
    # Up again: it is the brief's first item, so there is nowhere to go and nothing is written.
    edge = client.post(
        f"/briefs/{bid}/nodes/{second['node_id']}/step", data={"version": version + 2, "direction": "up"}, headers=HX
    )
    assert edge.status_code == 200 and "Already the first item here." in edge.text
    assert _version(client, bid) == version + 2
    # Down into the block (a card meeting a heading goes inside it, at its top).
    client.post(
        f"/briefs/{bid}/nodes/{second['node_id']}/step", data={"version": version + 2, "direction": "down"}, headers=HX
    )
    assert _order(client, bid)[:2] == [f"block: {block['title']}", second["tag"]]


def test_a_drop_goes_into_a_heading_or_before_the_target(client: Any) -> None:
    brief = _import(client)
    bid = brief["id"]
    cards = brief["children"][0]["children"]
    added = client.post(
        f"/briefs/{bid}/headings", data={"version": brief["version"], "kind": "block", "title": "Second"}, headers=HX
    )
    new_block = int(re.search(r'data-focus="node-(\d+)"', added.text).group(1))  # type: ignore[union-attr]
    version = brief["version"] + 1
    # Onto a block: inside it, at its top.
    client.post(
        f"/briefs/{bid}/drop", data={"version": version, "node": cards[3]["node_id"], "target": new_block}, headers=HX
    )
    assert _order(client, bid)[-2:] == ["block: Second", cards[3]["tag"]]
    # Onto a card: just before it (a card from above lands where the target was).
    client.post(
        f"/briefs/{bid}/drop",
        data={"version": version + 1, "node": cards[0]["node_id"], "target": cards[2]["node_id"]},
        headers=HX,
    )
    assert _order(client, bid)[1:4] == [cards[1]["tag"], FIRST_TAG, cards[2]["tag"]]
    # On the end zone: the brief's last item.
    client.post(
        f"/briefs/{bid}/drop", data={"version": version + 2, "node": cards[1]["node_id"], "target": "end"}, headers=HX
    )
    assert _order(client, bid)[-1] == cards[1]["tag"]


def test_inline_edit_form_and_save(client: Any) -> None:
    brief = _import(client)
    bid, block = brief["id"], brief["children"][0]["node_id"]
    form = client.get(f"/briefs/{bid}/nodes/{block}/edit", headers=HX)
    assert form.status_code == 200
    assert f'hx-patch="/briefs/{bid}/nodes/{block}"' in form.text
    assert 'name="title"' in form.text and 'value="answers-to"' in form.text
    data = {"version": brief["version"], "title": "Russia says yes", "label": "uniqueness", "speech": "2AC"}
    saved = client.patch(f"/briefs/{bid}/nodes/{block}", data=data, headers=HX)
    assert saved.status_code == 200
    assert "2AC---Uniqueness: Russia says yes" in saved.text
    stale = client.patch(f"/briefs/{bid}/nodes/{block}", data=data, headers=HX)
    assert stale.status_code == 409 and "changed elsewhere" in stale.text
    card = brief["children"][0]["children"][0]["node_id"]
    assert client.get(f"/briefs/{bid}/nodes/{card}/edit", headers=HX).status_code == 422  # a card has its own editor


def test_remove_copy_rename_and_delete(client: Any) -> None:
    brief = _import(client)
    bid = brief["id"]
    cards = brief["children"][0]["children"]
    removed = client.delete(
        f"/briefs/{bid}/nodes/{cards[0]['node_id']}", params={"version": brief["version"]}, headers=HX
    )
    assert removed.status_code == 200 and "Removed." in removed.text
    assert f'data-focus="node-{cards[1]["node_id"]}"' in removed.text  # focus moves to the next card
    assert "7 cards" in _oob(removed.text, "brief-summary")
    stale = client.delete(
        f"/briefs/{bid}/nodes/{cards[1]['node_id']}", params={"version": brief["version"]}, headers=HX
    )
    assert stale.status_code == 409
    # A card shared with another brief can be copied for this one.
    other = client.post("/api/briefs", json={"title": "Other"}).json()
    client.post(
        f"/api/briefs/{other['id']}/nodes",
        json={"version": other["version"], "type": "card", "card_id": cards[1]["id"]},
    )
    copied = client.post(
        f"/briefs/{bid}/nodes/{cards[1]['node_id']}/copy", data={"version": brief["version"] + 1}, headers=HX
    )
    assert copied.status_code == 200 and "its own copy" in copied.text
    assert client.get(f"/api/briefs/{bid}").json()["children"][0]["children"][0]["id"] != cards[1]["id"]
    renamed = client.patch(
        f"/briefs/{bid}", data={"version": brief["version"] + 2, "title": "New name", "author": ""}, headers=HX
    )
    assert "<title>New name · evidence</title>" in renamed.text
    assert client.get(f"/api/briefs/{bid}").json()["title"] == "New name"
    gone = client.delete(f"/briefs/{bid}", headers=HX)
    assert gone.headers["HX-Redirect"] == "/"
    assert client.get(f"/api/briefs/{bid}").status_code == 404


def test_adding_a_card_refreshes_the_picker(client: Any) -> None:
    brief = _import(client)
    other = client.post("/api/briefs", json={"title": "Empty"}).json()
    card = brief["children"][0]["children"][0]["id"]
    html = client.post(
        f"/briefs/{other['id']}/cards",
        data={"version": other["version"], "card_id": card, "q": "mediation"},
        headers=HX,
    ).text
    assert _main(html).startswith('<div id="outline-state"')
    outline, picker = html.split('<div id="picker-results" aria-live="polite" hx-swap-oob="true">')
    assert FIRST_TAG in outline
    assert FIRST_TAG in picker and "in this brief" in picker  # the picker says so, out of band
