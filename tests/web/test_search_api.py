"""``GET /api/search`` as a client uses it: the box's syntax in ``q``, filters as parameters,
pages, escaped snippets, and no input that makes it fail."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

CHEMICALS = "Officials said the attack was staged, calling the <b>reports</b> fake news about chemicals."


def _card(client: TestClient, tag: str, text: str, **cite: Any) -> int:
    body: dict[str, Any] = {"tag": tag, "text": text}
    if cite:
        body["cite"] = cite
    response = client.post("/api/cards", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_search_finds_card_text_with_a_marked_escaped_snippet(client: TestClient) -> None:
    card_id = _card(client, "Assad denies the attack", CHEMICALS, authors=["John Ace"], date="2021")
    _card(client, "Other", "Nothing to see.")
    body = client.get("/api/search", params={"q": "fake chemical"}).json()
    assert body["total"] == 1 and body["sort"] == "relevance"
    (hit,) = body["results"]
    assert hit["id"] == card_id and hit["cite_short"] == "Ace 21" and hit["brief_ids"] == []
    assert "<mark>fake</mark>" in hit["snippet"]["html"] and "<mark>chemicals</mark>" in hit["snippet"]["html"]
    assert "<b>" not in hit["snippet"]["html"]
    text, spans = hit["snippet"]["text"], hit["snippet"]["spans"]
    assert [text[a:b] for a, b in spans] == ["fake", "chemicals"]


def test_filters_as_parameters_and_in_the_query(client: TestClient) -> None:
    ace = _card(client, "Sanctions work", "They do.", authors=["John Ace"], date="2019", publication="Moscow Times")
    choi = _card(client, "Sanctions fail", "They do not.", authors=["Mina Choi"], date="2022")
    brief = client.post("/api/briefs", json={"title": "AT: Sanctions"}).json()
    added = client.post(f"/api/briefs/{brief['id']}/nodes", json={"version": 1, "type": "card", "card_id": choi})
    assert added.status_code == 201, added.text

    def ids(**params: Any) -> list[int]:
        response = client.get("/api/search", params=params)
        assert response.status_code == 200, response.text
        return [hit["id"] for hit in response.json()["results"]]

    assert ids(q="sanctions", author="ace") == ids(q="sanctions author:ace") == [ace]
    assert ids(q="", year_from=2020) == ids(q="year:2020..") == [choi]
    assert ids(q="", year_to=2020, year_from=2010) == [ace]
    assert ids(q="", publication="moscow") == [ace]
    assert ids(q="", brief="sanctions") == ids(q='brief:"AT: Sanctions"') == [choi]
    assert ids(q="", brief=str(brief["id"])) == [choi]
    assert ids(q="", sort="tag") == [choi, ace]
    assert ids(q="", sort="recent", limit=1, offset=1) == [ace]


def test_empty_author_is_reported_and_nothing_found_is_a_200(client: TestClient) -> None:
    _card(client, "Assad denies the attack", CHEMICALS)
    body = client.get("/api/search", params={"q": "author:"}).json()
    assert body["ignored"] == ["author:"] and body["total"] == 0 and body["results"] == []


@pytest.mark.parametrize(
    "q",
    [
        "x" * 10_000,
        "!!!",
        '"unbalanced',
        "NEAR(a b) * ^",
        "'; DROP TABLE card; --",
        "1' OR '1'='1",
        "😀🔥",
        "author:",
        "year:2019..2022..2024",
        "%_%",
        "-",
        "card_fts MATCH x",
    ],
)
def test_bad_queries_answer_200(client: TestClient, q: str) -> None:
    card_id = _card(client, "Assad denies the attack", CHEMICALS)
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert [hit["id"] for hit in response.json()["results"]] in ([], [card_id])


def test_bad_parameters_are_422_not_500(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "a\x00b"}).status_code == 422
    assert client.get("/api/search", params={"limit": 0}).status_code == 422
    assert client.get("/api/search", params={"year_from": 100000}).status_code == 422
    assert client.get("/api/search", params={"source": 2**40}).status_code == 422
    assert client.get("/api/search", params={"sort": "random"}).status_code == 422
