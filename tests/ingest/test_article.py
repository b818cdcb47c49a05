"""Article cleaning: the seed articles, a pasted page of several posts, and a saved web page."""

from __future__ import annotations

import pytest

from evidence.domain.dates import PartialDate
from evidence.domain.source import Removal, original_text, restore
from evidence.ingest.article import read_article_file, read_article_html, read_article_text, split_posts
from evidence.ingest.report import IngestError
from tests.fixtures.shared import seed_text

LAVROV = seed_text("article-lavrov-us-terror-groups.txt")
PUTIN = seed_text("article-putin-stone-interview.txt")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if len(p.split()) > 20]


def _whys(doc) -> dict[str, str]:
    return {r.text.strip(): r.why for r in doc.removed if r.why != "blank line"}


def test_lavrov_seed_keeps_the_article_and_moves_the_title_to_the_cite():
    (doc,) = read_article_text(LAVROV, url="https://example.org/lavrov")
    assert doc.title == "Russia accuses the US of supporting terror groups in Syria"
    assert doc.cite.title == doc.title
    assert doc.url == doc.cite.url == "https://example.org/lavrov"
    assert _whys(doc) == {"image": "photo caption", doc.title: "title (in the cite)"}
    # The five paragraphs, word for word, one blank line apart; the non-breaking-space lines are gone.
    assert doc.text == "\n\n".join(_paragraphs(LAVROV))
    assert "\xa0\n" not in doc.text


def test_putin_seed_reads_the_date_line_and_drops_page_furniture():
    (doc,) = read_article_text(PUTIN)
    assert doc.title == "International Cooperation Needed in Syria"
    assert doc.cite.date == PartialDate(2017, 6, 17)
    assert _whys(doc) == {
        "0": "page furniture",
        "Saturday 17 June 2017 - 04:18": "date (in the cite)",
        "International Cooperation Needed in Syria": "repeated title",
        "Story Code : 646570": "page furniture",
        "Comment": "comments link",
    }
    assert [r.why for r in doc.removed].count("title (in the cite)") == 1
    assert doc.text.startswith("In an interview with the US filmmaker Oliver Stone")
    assert doc.text.endswith("which wasn’t approved by the Syrian government.")
    assert doc.text.split("\n") == PUTIN.split("\n")[7:-1]


@pytest.mark.parametrize("seed", [LAVROV, PUTIN])
def test_every_removal_is_restorable(seed):
    (doc,) = read_article_text(seed)
    assert original_text(doc) == seed
    assert restore(doc).text == seed
    assert restore(doc).removed == []
    for removal in doc.removed:
        one = restore(doc, removal)
        assert removal.text in one.text
        assert len(one.text) == len(doc.text) + len(removal.text)
        assert original_text(one) == seed


# A blog's front page pasted whole: each post ends with its source link and a share row.
PAGE = (
    "Russia accuses the US of supporting terror groups in Syria\n\n"
    + _paragraphs(LAVROV)[0]
    + "\n\nRelated: Putin says Russia could use US support in Syria\n\n"
    + _paragraphs(LAVROV)[1]
    + "\n\nSource: https://example.org/lavrov-terror-groups\nShare:\n\n"
    "International Cooperation Needed in Syria\n"
    "Saturday 17 June 2017 - 04:18\n\n"
    + _paragraphs(PUTIN)[0]
    + "\nREAD MORE: Lavrov blames the US-led coalition for the failed ceasefire\n"
    "Advertisement\n"
    "Soldiers at the base in At Tanf, Syria. (Photo by AFP)\n"
    + _paragraphs(PUTIN)[1]
    + "\n\nSource: https://example.org/putin-stone\nShare:\n"
)


def test_a_page_of_posts_splits_into_one_source_per_post():
    docs = read_article_text(PAGE, url="https://example.org/")
    assert [d.url for d in docs] == ["https://example.org/lavrov-terror-groups", "https://example.org/putin-stone"]
    assert [d.title for d in docs] == [
        "Russia accuses the US of supporting terror groups in Syria",
        "International Cooperation Needed in Syria",
    ]
    assert docs[0].text == _paragraphs(LAVROV)[0] + "\n\n" + _paragraphs(LAVROV)[1]
    assert docs[1].text == _paragraphs(PUTIN)[0] + "\n" + _paragraphs(PUTIN)[1]
    assert docs[1].cite.date == PartialDate(2017, 6, 17)
    assert _whys(docs[0]) == {
        docs[0].title: "title (in the cite)",
        "Related: Putin says Russia could use US support in Syria": "related link",
        "Source: https://example.org/lavrov-terror-groups": "source link",
        "Share:": "share button",
    }
    assert _whys(docs[1]) == {
        docs[1].title: "title (in the cite)",
        "Saturday 17 June 2017 - 04:18": "date (in the cite)",
        "READ MORE: Lavrov blames the US-led coalition for the failed ceasefire": "related link",
        "Advertisement": "advertisement",
        "Soldiers at the base in At Tanf, Syria. (Photo by AFP)": "photo caption",
        "Source: https://example.org/putin-stone": "source link",
        "Share:": "share button",
    }
    # Nothing is lost: the posts' originals put back together are the page.
    assert "".join(original_text(d) for d in docs) == PAGE


def test_restoring_one_removal_puts_that_line_back_where_it_was():
    docs = read_article_text(PAGE)
    related = next(r for r in docs[0].removed if r.why == "related link")
    back = restore(docs[0], related)
    assert back.text == (
        _paragraphs(LAVROV)[0]
        + "\n\nRelated: Putin says Russia could use US support in Syria\n\n"
        + _paragraphs(LAVROV)[1]
    )
    assert related not in back.removed
    with pytest.raises(ValueError, match="was not removed"):
        restore(back, related)
    with pytest.raises(ValueError):
        Removal(0, 5, "abc", "oops")


def test_split_posts_is_lossless_and_leaves_single_articles_whole():
    assert "".join(split_posts(PAGE)) == PAGE
    assert len(split_posts(PAGE)) == 2
    assert split_posts(PUTIN) == [PUTIN]


def test_a_caption_opening_a_paragraph_is_removed_from_the_paragraph_only():
    text = (
        "Putin attacks US presence in Syria\n\n"
        "A US IFV convoy patrols near Tal Alo on November 18, 2020. (Photo by AFP) Russian Deputy Foreign "
        "Minister Sergei Ryabkov has denounced the illegal US military presence in Syria, warning that "
        "Washington is actually seeking to disintegrate the Arab country.\n"
    )
    (doc,) = read_article_text(text)
    assert doc.text.startswith("Russian Deputy Foreign Minister Sergei Ryabkov has denounced")
    caption = next(r for r in doc.removed if r.why == "photo caption")
    assert caption.text == "A US IFV convoy patrols near Tal Alo on November 18, 2020. (Photo by AFP) "
    assert original_text(doc) == text


def test_a_byline_becomes_the_cites_authors():
    text = "Russia and the US in Syria\nBy Mehmet Ace and Joseph Choi\nSeptember 16, 2021\n\n" + _paragraphs(PUTIN)[0]
    (doc,) = read_article_text(text)
    assert doc.cite.authors == ("Mehmet Ace", "Joseph Choi")
    assert doc.cite.short == "Ace and Choi 21"
    assert doc.text == _paragraphs(PUTIN)[0]


def _page(script: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in _paragraphs(LAVROV))
    return (
        "<!doctype html><html><head><title>Russia accuses the US of supporting terror groups in Syria</title>"
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2016-09-26T10:00:00Z">'
        f'<meta property="og:site_name" content="Example News">{script}</head>'
        '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>'
        f"<h1>Russia accuses the US of supporting terror groups in Syria</h1>{body}"
        '<div class="share">Share:</div><p>Advertisement</p></article>'
        "<footer>© 2016 Example News. All rights reserved.</footer></body></html>"
    )


def test_html_page_gives_the_article_text_and_metadata_without_markup():
    (doc,) = read_article_html(_page("<script>document.write('INJECTED')</script>"), url="https://example.com/a")
    assert doc.title == "Russia accuses the US of supporting terror groups in Syria"
    assert doc.cite.authors == ("Jane Doe",)
    assert doc.cite.date == PartialDate(2016, 9, 26)
    assert doc.cite.publication == "Example News"
    assert doc.url == doc.cite.url == "https://example.com/a"
    assert doc.cite.short == "Doe 16"
    words = " ".join(doc.text.split())  # the page's &nbsp; arrive as spaces
    for paragraph in _paragraphs(LAVROV):
        assert " ".join(paragraph.split()) in words
    for junk in ("INJECTED", "<", "Advertisement", "Share:", "All rights reserved", "Home"):
        assert junk not in doc.text


def test_article_file_decodes_and_reports_what_was_removed():
    docs, report = read_article_file(PAGE.encode("cp1252", errors="replace"), name="page.txt")
    assert len(docs) == 2
    assert "encoding: read as cp1252 (Windows Western) (it is not UTF-8)" in report.notes
    assert "split into 2 articles (each ended with its own source link)" in report.notes
    assert any("removed advertisement “Advertisement”" in n for n in report.notes)
    html_docs, _ = read_article_file(_page().encode(), name="saved.html")
    assert html_docs[0].cite.publication == "Example News"


def test_empty_and_all_clutter_inputs_are_refused():
    with pytest.raises(IngestError, match="empty"):
        read_article_text(" \n ")
    with pytest.raises(IngestError, match="no text left"):
        read_article_text("Share:\nAdvertisement\n")
    with pytest.raises(IngestError, match="is empty"):
        read_article_file(b"", name="a.txt")
    with pytest.raises(IngestError, match="no article text"):
        read_article_html("<html><body><script>x()</script></body></html>")


# --- the automatic cite comes from the page's metadata, never the title as author (issue 10) ---

_PAGE = """<html><head><title>Putin warns the West over Ukraine | The Moscow Times</title>
<meta property="og:title" content="Putin warns the West over Ukraine">
{site}<meta name="author" content="{author}">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
</head><body><article><h1>Putin warns the West over Ukraine</h1>
<p>President Vladimir Putin warned Western countries on Thursday against crossing Russia's red lines, saying
that Moscow would respond quickly and harshly to any provocation on its borders.</p>
<p>The remarks came during his annual address, in which he also spoke about the pandemic and the economy at
length, promising new payments to families with children.</p></article></body></html>"""
_SITE = '<meta property="og:site_name" content="The Moscow Times">\n'
_URL = "https://www.themoscowtimes.com/2021/03/04/putin-warns"


def test_page_cite_has_author_date_site_and_title_from_metadata():
    (doc,) = read_article_html(_PAGE.format(site=_SITE, author="John Ace"), url=_URL)
    cite = doc.cite
    assert cite.authors == ("John Ace",)
    assert cite.date == PartialDate(2021, 3, 4)
    assert cite.publication == "The Moscow Times"
    assert cite.title == "Putin warns the West over Ukraine"
    assert cite.short == "Ace 21"


@pytest.mark.parametrize("author", ["Putin warns the West over Ukraine", "The Moscow Times", "", "https://x.org/me"])
def test_a_headline_or_site_in_the_author_field_is_not_an_author(author):
    (doc,) = read_article_html(_PAGE.format(site=_SITE, author=author), url=_URL)
    assert doc.cite.authors == ()
    assert doc.cite.short == "The Moscow Times 21"  # the site stands in, never the headline


def test_page_without_site_name_is_cited_by_its_host():
    (doc,) = read_article_html(_PAGE.format(site="", author=""), url=_URL)
    assert doc.cite.publication == "themoscowtimes.com"
    assert doc.cite.short == "themoscowtimes.com 21"
    assert "Putin warns" not in doc.cite.short


def test_several_authors_in_the_metadata():
    (doc,) = read_article_html(_PAGE.format(site=_SITE, author="By John Ace; Mary Choi"), url=_URL)
    assert doc.cite.authors == ("John Ace", "Mary Choi")
    assert doc.cite.short == "Ace and Choi 21"


def test_pasted_text_with_a_source_link_is_cited_by_its_site_not_its_title():
    (doc,) = read_article_text(LAVROV, url="https://www.rt.com/news/lavrov")
    assert doc.cite.publication == "rt.com"
    assert doc.cite.short.startswith("rt.com")
