"""Plain-text export: what a debater pastes into a chat: outline, tags, cites, read words."""

from __future__ import annotations

from evidence.domain.brief import Brief, Heading, Level
from evidence.domain.card import Card
from evidence.domain.cite import Cite
from evidence.domain.dates import PartialDate
from evidence.domain.marks import Mark, MarkKind
from exports.text import highlighted_stretches, read_aloud, write_text
from tests.fixtures.briefs import ace_card, seed_brief


def test_whole_cards_by_default_tag_cite_and_full_text():
    text = write_text(seed_brief())
    card = ace_card()
    assert f"Non-unique: Russian aggression in Syria now\nAce 21 {card.cite.full}\n{card.text}\n" in text
    assert "The crisis in Idlib" in text  # unhighlighted words are part of the card
    assert "Analytic: Their cooperation evidence predates the Dara’a collapse." in text


def test_paragraphs_of_a_card_stay_apart_in_the_whole_card():
    card = Card("Tag", "first paragraph\nsecond paragraph", Cite(date=PartialDate(2021)))
    assert write_text(Brief("b", [card])) == "b\n\nTag\n21 2021\nfirst paragraph\nsecond paragraph\n"


def test_outline_tags_cites_and_highlighted_words_when_asked():
    text = write_text(seed_brief(), highlighted_only=True)
    assert text.startswith("AT: Russia Won’t Cooperate\n\n# Negative vs Syria Aff\n\n## Russia Cooperation\n\n")
    assert "### AT: Russia Won’t Cooperate on Syria if the US puts pressure on Russia" in text
    card = ace_card()
    assert (
        "Non-unique: Russian aggression in Syria now\n"
        f"Ace 21 {card.cite.full}\n"
        "harbingers have begun to emerge … calm may be about to end … Russian airstrikes … intensified\n"
    ) in text
    assert "Analytic: Their cooperation evidence predates the Dara’a collapse." in text
    assert "TASS 21 TASS, 9-15-2021\nde-facto dividing Syria … Russia is opposing" in text
    # Unhighlighted words are not in the read-along text.
    assert "The crisis in Idlib" not in text


def test_full_text_when_not_highlighted_only():
    text = write_text(seed_brief(), highlighted_only=False)
    assert ace_card().text in text


def test_word_by_word_highlights_read_as_one_stretch():
    body = "Russia will veto every resolution on Syria."
    marks = [Mark(MarkKind.HIGHLIGHT, 0, 6), Mark(MarkKind.HIGHLIGHT, 7, 11), Mark(MarkKind.HIGHLIGHT, 12, 16)]
    marks.append(Mark(MarkKind.HIGHLIGHT, body.index("Syria"), body.index(".")))
    card = Card("t", body, marks=tuple(marks))
    assert read_aloud(card) == "Russia will veto … Syria"


def test_stretches_never_cross_paragraphs():
    body = "alpha beta\ngamma"
    card = Card("t", body, marks=(Mark(MarkKind.HIGHLIGHT, 6, 16),))
    paragraphs = highlighted_stretches(card.text, card.marks)
    assert [["".join(s.text for s in st) for st in p] for p in paragraphs] == [["beta"], ["gamma"]]
    assert read_aloud(card) == "beta … gamma"


def test_card_without_cite_or_highlight_keeps_its_tag():
    brief = Brief("b", [Heading(Level.BLOCK, "X", [Card("Bare tag", "words", Cite())])])
    assert write_text(brief) == "b\n\n### X\n\nBare tag\nwords\n"
    assert write_text(brief, highlighted_only=True) == "b\n\n### X\n\nBare tag\n"
    dated = Card("Tag", "w", Cite(date=PartialDate(2021)))
    assert write_text(Brief("b", [dated]), highlighted_only=True) == "b\n\nTag\n21 2021\n"
