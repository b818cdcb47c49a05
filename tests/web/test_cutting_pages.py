"""The cutting pages over HTTP (no browser): bring in sources four ways, cut, edit, list.

URL fetching is tested against a local HTTP server serving a saved page, never the internet.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from evidence.settings import Settings
from evidence.web.app import create_app
from tests.fixtures.shared import seed_text
from tests.fixtures.web import with_csrf_token

LAVROV = seed_text("article-lavrov-us-terror-groups.txt")
PASSAGE = "Russian Foreign Minister Sergei Lavrov accused"


def saved_page() -> str:
    paragraphs = [p.strip() for p in LAVROV.split("\n") if len(p.strip()) > 80]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><title>Russia accuses the US of supporting terror groups in Syria</title>"
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2016-09-26T10:00:00Z">'
        '<meta property="og:site_name" content="Example News"><script>document.title="pwned"</script></head>'
        "<body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>Russia accuses the US of supporting terror groups in Syria</h1>{body}</article></body></html>"
    )


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A local web server with a saved article page and a PDF-typed file."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "article.html").write_text(saved_page(), encoding="utf-8")
    (root / "paper.pdf").write_bytes(b"%PDF-1.4 not really")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def fetching_client(settings: Settings) -> Iterator[Any]:
    """The app with the local test server allow-listed, as EVIDENCE_FETCH_ALLOWED_HOSTS=127.0.0.1
    would: by default a URL on 127.0.0.1 is refused (see the test below)."""
    allowed = settings.model_copy(update={"fetch_allowed_hosts": ["127.0.0.1"]})
    with TestClient(create_app(allowed)) as test_client:
        yield with_csrf_token(test_client)


def new_source(client: Any, **form: str) -> int:
    response = client.post("/sources", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/sources/(\d+)", response.headers["location"])
    assert match, response.headers["location"]
    return int(match.group(1))


def cut(client: Any, source_id: int, start: int, end: int) -> int:
    response = client.post(f"/sources/{source_id}/cut", data={"start": start, "end": end}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_plain_paste_is_cleaned_shown_and_cut_with_its_cite(client: Any) -> None:
    source_id = new_source(client, text=LAVROV)
    page = client.get(f"/sources/{source_id}")
    assert page.status_code == 200
    assert "Sergei Lavrov accused" in page.text
    source = client.get(f"/api/sources/{source_id}").json()
    start = source["text"].index(PASSAGE)
    # Whitespace at the edges of a selection is not evidence: it is trimmed away.
    card_id = cut(client, source_id, start - 1, start + len(PASSAGE) + 1)
    card = client.get(f"/api/cards/{card_id}").json()
    assert card["text"] == PASSAGE
    assert (card["source_start"], card["source_end"]) == (start, start + len(PASSAGE))
    assert card["cite"]["title"] == source["cite"]["title"]
    # The cite is written once from the source's metadata, short cite first (in the Cite style).
    cite_text, short = card["cite"]["text"], card["cite"]["short"]
    assert short and cite_text.startswith(short)
    assert [(m["kind"], m["start"], m["end"]) for m in card["cite"]["marks"]] == [("cite", 0, len(short))]
    editor = client.get(f"/cards/{card_id}")
    assert editor.status_code == 200
    assert f'data-version="{card["version"]}"' in editor.text


def test_cutting_the_same_passage_twice_offers_the_existing_card(client: Any) -> None:
    source_id = new_source(client, text=LAVROV)
    text = client.get(f"/api/sources/{source_id}").json()["text"]
    start = text.index(PASSAGE)
    card_id = cut(client, source_id, start, start + len(PASSAGE))
    again = client.post(f"/sources/{source_id}/cut", data={"start": start, "end": start + len(PASSAGE)})
    assert "You already cut this passage" in again.text
    assert f'href="/cards/{card_id}"' in again.text
    forced = cut_again = client.post(
        f"/sources/{source_id}/cut",
        data={"start": start, "end": start + len(PASSAGE), "again": "1"},
        follow_redirects=False,
    )
    assert cut_again.status_code == 303 and forced.headers["location"] != f"/cards/{card_id}"


@pytest.mark.parametrize(("start", "end"), [("", ""), ("5", "5"), ("0", "0")])
def test_a_selection_that_spans_nothing_gets_a_clear_message(client: Any, start: str, end: str) -> None:
    source_id = new_source(client, text=LAVROV)
    response = client.post(f"/sources/{source_id}/cut", data={"start": start, "end": end})
    assert response.status_code == 422
    assert "select the passage" in response.text.lower()


def _version(fragment: str) -> int:
    match = re.search(r'id="card-version" data-version="(\d+)"', fragment)
    assert match, fragment[:300]
    return int(match.group(1))


def test_the_editor_state_fragment_shows_the_body_counts_and_cite_as_stored(client: Any) -> None:
    """After a mark through the API, the editor's fragment draws it and counts it (the page's
    script does neither): the body for #card-body, and the version and counts out of band."""
    source_id = new_source(client, text=LAVROV)
    text = client.get(f"/api/sources/{source_id}").json()["text"]
    start = text.index(PASSAGE)
    card_id = cut(client, source_id, start, start + len(PASSAGE))
    marked = client.post(
        f"/api/cards/{card_id}/marks",
        json={"version": 1, "action": "toggle", "kind": "highlight", "start": 25, "end": 38, "color": "yellow"},
    ).json()
    state = client.get(f"/cards/{card_id}/state")
    assert state.status_code == 200
    body, _, rest = state.text.partition('<span id="card-version"')
    assert '<span data-s="25" class="hl-yellow">Sergei Lavrov</span>' in body
    assert "hx-swap-oob" not in body  # everything before the out-of-band pieces is card text
    assert _version(state.text) == marked["version"]
    assert re.search(r'id="count-highlighted">2<', rest) and 'id="read-time">0:00<' in rest
    assert 'id="cite-grid"' not in rest  # a mark leaves the cite boxes alone


def test_the_editor_form_saves_tag_label_and_typed_cite_and_refuses_stale_versions(client: Any) -> None:
    source_id = new_source(client, text=LAVROV)
    card_id = cut(client, source_id, 0, 40)
    saved = client.post(
        f"/cards/{card_id}/fields",
        data={"version": "1", "tag": "  Russia   blames  others ", "cite_line": "Mehmet Ace, 9-16-21, Title"},
    )
    assert saved.status_code == 200
    assert 'id="cite-short">Ace 21<' in saved.text and 'id="cite-date" name="date" data-cite="date"' in saved.text
    assert 'value="2021-09-16"' in saved.text  # the cite boxes come back as stored, date as ISO
    version = _version(saved.text)
    # A date typed as debaters write it, authors separated by ";", an empty box: no value.
    form = {"authors": "Mehmet Ace; Jo Bo", "date": "September 16, 2020", "title": "", "label": " Link "}
    again = client.post(f"/cards/{card_id}/fields", data={"version": str(version), **form})
    assert 'id="cite-short">Ace and Bo 20<' in again.text  # the short cite follows the fields
    card = client.get(f"/api/cards/{card_id}").json()
    assert card["tag"] == "Russia blames others" and card["label"] == "link"
    assert card["cite"]["authors"] == ["Mehmet Ace", "Jo Bo"] and card["cite"]["date"] == "2020-09-16"
    assert card["cite"]["title"] is None and card["cite"]["text"] == "Mehmet Ace, 9-16-21, Title"
    bad = client.post(
        f"/cards/{card_id}/fields",
        data={"version": str(card["version"]), "date": "someday"},
        headers={"Accept": "application/json"},
    )
    assert bad.status_code == 422 and "cannot read 'someday' as a date" in bad.json()["detail"]
    stale = client.post(
        f"/cards/{card_id}/fields",
        data={"version": str(version), "tag": "lost"},
        headers={"Accept": "application/json"},
    )
    assert stale.status_code == 409 and "changed elsewhere" in stale.json()["detail"]
    assert client.get(f"/api/cards/{card_id}").json()["tag"] == "Russia blames others"


def test_a_cite_line_preview_fills_the_boxes_with_how_sure_each_is_and_saves_nothing(client: Any) -> None:
    source_id = new_source(client, text=LAVROV)
    card_id = cut(client, source_id, 0, 40)
    line = "Ace 21 (John Ace, Professor at MGIMO, 3-4-2021, 'Putin warns', The Moscow Times)"
    preview = client.get(f"/cards/{card_id}/cite-preview", params={"line": line})
    assert preview.status_code == 200
    assert preview.text.lstrip().startswith('<div class="cite-grid" id="cite-grid">')
    assert 'id="cite-title" name="title" data-cite="title" type="text" value="Putin warns"' in preview.text
    assert re.search(r'id="conf-title" data-conf="title">\(read\)<', preview.text)
    assert re.search(r'id="conf-publication" data-conf="publication">\(guess: check\)<', preview.text)
    assert 'id="cite-short">Ace 21<' in preview.text and "accept the cite" in preview.text
    assert client.get(f"/api/cards/{card_id}").json()["version"] == 1
    assert client.get(f"/cards/{card_id}/cite-preview", params={"line": "  "}).status_code == 422


def test_rich_paste_makes_a_card_with_marks_and_stores_no_markup(client: Any) -> None:
    html = (
        "<p>The <u>crisis</u> <b><u>Idlib</u></b> <span style='mso-highlight:yellow'>worsens</span>"
        "<script>alert(1)</script><img src=x onerror=alert(2)></p>"
    )
    response = client.post("/sources", data={"html": html}, follow_redirects=False)
    assert response.status_code == 303
    card_id = int(response.headers["location"].split("?")[0].rsplit("/", 1)[1])
    card = client.get(f"/api/cards/{card_id}").json()
    assert card["text"] == "The crisis Idlib worsens"
    kinds = {(m["kind"], card["text"][m["start"] : m["end"]]) for m in card["marks"]}
    assert {("underline", "crisis"), ("emphasis", "Idlib"), ("highlight", "worsens")} <= kinds
    source = client.get(f"/api/sources/{card['source_id']}").json()
    assert "<" not in source["text"] and "alert" not in source["text"]
    editor = client.get(f"/cards/{card_id}").text
    assert "alert(1)" not in editor and "onerror" not in editor


def test_url_is_fetched_and_the_article_extracted(fetching_client: Any, site: str) -> None:
    client = fetching_client
    source_id = new_source(client, url=f"{site}/article.html")
    source = client.get(f"/api/sources/{source_id}").json()
    assert PASSAGE in source["text"]
    assert "pwned" not in source["text"] and "Home" not in source["text"]
    assert source["cite"]["publication"] == "Example News"
    assert source["cite"]["url"] == f"{site}/article.html"


@pytest.mark.parametrize(
    ("path", "message"),
    [("/paper.pdf", "not a web page"), ("/missing.html", "404"), (None, "could not reach")],
)
def test_bad_urls_get_a_clear_message(fetching_client: Any, site: str, path: str | None, message: str) -> None:
    url = f"{site}{path}" if path else "http://127.0.0.1:9/nothing-listens-here"
    response = fetching_client.post("/sources", data={"url": url})
    assert response.status_code == 422
    assert message in response.text
    assert 'role="alert"' in response.text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_url_on_this_machine_is_refused_unless_allowed(client: Any, site: str, host: str) -> None:
    """A page that talks the user into pasting http://127.0.0.1:… (or a router's address) gets
    nothing: loopback and private addresses are refused unless allow-listed, and nothing is stored."""
    url = site.replace("127.0.0.1", host) + "/article.html"
    response = client.post("/sources", data={"url": url})
    assert response.status_code == 422
    assert "a loopback address; only public web addresses can be fetched" in response.text
    assert "EVIDENCE_FETCH_ALLOWED_HOSTS" in response.text
    assert client.get("/api/sources").json() == []


def test_upload_txt_and_html(client: Any) -> None:
    for name, data in [("lavrov.txt", LAVROV.encode("cp1252", "replace")), ("lavrov.html", saved_page().encode())]:
        response = client.post("/sources", files={"file": (name, data)}, follow_redirects=False)
        assert response.status_code == 303, response.text
        source_id = int(response.headers["location"].rsplit("/", 1)[1])
        assert "Lavrov accused" in client.get(f"/api/sources/{source_id}").json()["text"]
    refused = client.post("/sources", files={"file": ("brief.docx", b"PK\x03\x04")})
    assert refused.status_code == 422 and "not a .txt or .html" in refused.text


def test_empty_form_and_over_limit_paste_are_refused_clearly(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="pages-test", max_paste_chars=1000, allowed_hosts=["testserver"])
    with TestClient(create_app(settings)) as raw:
        small = with_csrf_token(raw)
        empty = small.post("/sources", data={"text": "   "})
        assert empty.status_code == 422 and "nothing to read" in empty.text
        over = "word " * 1000
        big = small.post("/sources", data={"text": over})
        assert big.status_code == 422 and "the limit is 1,000" in big.text
        assert f">{over}</textarea>" in big.text  # given back in the box, to be shortened there
        assert small.get("/api/sources").json() == []


def test_a_huge_refused_paste_is_not_echoed_back_into_the_page(tmp_path: Path) -> None:
    """Under 100,000 characters a refused paste comes back in the box; past that the page does not
    carry it (the user still has it on the clipboard), so the refusal stays a small page."""
    settings = Settings(
        data_dir=tmp_path, secret_key="pages-test", max_paste_chars=50_000, allowed_hosts=["testserver"]
    )
    with TestClient(create_app(settings)) as raw:
        huge = with_csrf_token(raw).post("/sources", data={"text": "word " * 24_000, "title": "Kept title"})
        assert huge.status_code == 422 and "the paste is 120,000 characters; the limit is 50,000" in huge.text
        assert "word word" not in huge.text and len(huge.text) < 20_000
        assert 'value="Kept title"' in huge.text


def test_my_evidence_lists_newest_first_deletes_with_undo_and_duplicates(client: Any) -> None:
    source_id = new_source(client, text=LAVROV)
    text = client.get(f"/api/sources/{source_id}").json()["text"]
    first = cut(client, source_id, 0, 40)
    second = cut(client, source_id, text.index(PASSAGE), text.index(PASSAGE) + len(PASSAGE))
    page = client.get("/cards").text
    assert page.index(f'id="card-{second}"') < page.index(f'id="card-{first}"')
    gone = client.post(f"/cards/{second}/delete", headers={"HX-Request": "true"})
    assert "Deleted" in gone.text and f"/cards/{second}/restore" in gone.text
    assert f'id="card-{second}"' not in client.get("/cards").text
    back = client.post(f"/cards/{second}/restore", headers={"HX-Request": "true"})
    assert f'href="/cards/{second}"' in back.text
    copy = client.post(f"/cards/{first}/duplicate", follow_redirects=False)
    copy_id = int(copy.headers["location"].rsplit("/", 1)[1])
    assert client.get(f"/api/cards/{copy_id}").json()["text"] == client.get(f"/api/cards/{first}").json()["text"]
