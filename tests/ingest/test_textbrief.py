"""The plain-text brief reader, checked field by field against the seed brief."""

from __future__ import annotations

import pytest

from evidence.domain.brief import Heading, Level
from evidence.domain.card import Analytic, Card
from evidence.ingest.report import IngestError
from evidence.ingest.textbrief import read_text_brief
from tests.fixtures.shared import seed_brief_file

SEED_TEXT = seed_brief_file().read_text(encoding="utf-8")
SEED_LINES = [line for line in SEED_TEXT.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def seed():
    return read_text_brief(SEED_TEXT, name="answers-to-russia-syria.txt")


def _block(brief) -> Heading:
    assert len(brief.children) == 1
    block = brief.children[0]
    assert isinstance(block, Heading)
    return block


def test_seed_is_one_answers_to_block_with_eight_cards(seed):
    brief, _ = seed
    block = _block(brief)
    assert block.level is Level.BLOCK
    assert block.title == "Russia Won’t Cooperate on Syria if the US puts pressure on Russia"
    assert block.label == "answers-to"
    assert block.speech is None
    assert len(block.children) == 8
    assert all(isinstance(c, Card) for c in block.children)


def test_seed_short_cites_tags_and_labels(seed):
    cards = _block(seed[0]).children
    assert [c.cite.short for c in cards] == [
        "Thai News Service 21",
        "Ace 21",
        "Press TV 21",
        "Telegraph Media 21",
        "TASS 21",
        "Thai News Service 21",
        "Istomin 21",
        "Choi 21",
    ]
    assert [c.label for c in cards] == [None, "non-unique", None, None, None, None, None, "non-unique"]
    assert [c.tag for c in cards] == [
        "Russian mediation in Syria fails",
        "Russian aggression in Syria now",
        "Russia. Fighting the US in Syria now",
        "Russia opposed to US troops in Syria",
        "Russia opposes current US efforts to divide Syria",
        "Russia opposes the US in Syria now",
        "Multiple blows to US-Russian relations",
        "US pressure on the Ukraine encircles Russia and triggers reaction",
    ]
    assert all(c.marks == () for c in cards)


def test_seed_cite_fields(seed):
    cards = _block(seed[0]).children
    got = [(c.cite.authors, c.cite.publication, c.cite.date.iso if c.cite.date else None, c.cite.title) for c in cards]
    assert got == [
        (
            (),
            "Thai News Service",
            "2021-09-07",
            # the headline line under the cite (its non-breaking spaces made plain)
            "Syria/Russia: Syria Resumes Pounding Militants’ Positions in Dara’a After Russia-Mediated Deal Fails",
        ),
        (
            ("Mehmet Ace",),
            None,
            "2021-09-16",
            "Is Putin prepping the ground for another attack on Idlib after Assad’s visit?",
        ),
        ((), "Press TV", "2021-09-15", "Russia: US seeking ‘de facto partition’ of Syria through occupation"),
        ((), "Telegraph Media", "2021-09-15", None),
        ((), "TASS", "2021-09-15", None),
        (
            (),
            "Thai News Service",
            "2021-09-16",
            "United States/Syria/Russia: Presence of US Troops in Eastern Syria Is ‘De Facto Partition’",
        ),
        (
            ("Igor Istomin",),
            None,
            "2021-09-01",
            "With Russian-American entente moving forward, is there a place in Europe?",
        ),
        (
            ("Joseph Choi",),
            "The Hill",
            "2021-09-02",
            "Kremlin: US military assistance could ’cause unpredictable actions’ by Ukraine",
        ),
    ]
    assert (
        cards[6].cite.qualifications
        == "Associate Professor at the Department of Applied International Political Analysis"
    )


def test_seed_bodies_are_the_source_words_without_database_artefacts(seed):
    cards = _block(seed[0]).children
    first = SEED_LINES[4].replace("\\xA1", "¡")  # the body line of card 1
    assert first.startswith("Body The Syrian military")
    assert cards[0].text == first.removeprefix("Body ").removesuffix(" -FNA")
    assert cards[0].text.endswith("wreaking havoc in the Arab country.")
    assert "adding¡ “We reached a dead-end." in cards[0].text
    # Cards without artefacts keep their body line exactly.
    for k, line_no in [(1, 7), (5, 19), (6, 22), (7, 25)]:
        assert cards[k].text == SEED_LINES[line_no]
    assert cards[4].text == SEED_LINES[16].removeprefix("Highlight: ")
    # Press TV: the photo caption before and the site notice + related headline after are gone.
    assert cards[2].text.startswith("Russian Deputy Foreign Minister Sergei Ryabkov has denounced")
    assert cards[2].text.endswith("if the legitimate government controlled the entire country,” he added.")
    assert cards[2].text in SEED_LINES[10]
    # Telegraph: the ITAR-TASS headline pasted after the last sentence is gone.
    assert cards[3].text.endswith("the Russian leader went into self-isolation.")
    assert SEED_LINES[13].startswith(cards[3].text)


def test_seed_report_names_every_repair_and_guess(seed):
    notes = seed[1].notes
    assert seed[1].source == "answers-to-russia-syria.txt"
    assert "encoding: replaced literal \\xA1 with ¡ (1×)" in notes
    assert any("card 7" in n and "took 2021 from the previous card" in n for n in notes)
    assert any("card 1" in n and "“Body”" in n for n in notes)
    assert any("card 1" in n and "“-FNA”" in n for n in notes)
    assert any("card 5" in n and "“Highlight:”" in n for n in notes)
    assert any("card 3" in n and "(Photo by AFP)" in n for n in notes)
    assert any("card 4" in n and "Option of dividing Syria still on table in Washington" in n for n in notes)
    assert len(notes) == 8  # nothing else was guessed


def test_seed_brief_title_is_the_block_when_no_name_given():
    brief, _ = read_text_brief(SEED_TEXT)
    assert brief.title == "Russia Won’t Cooperate on Syria if the US puts pressure on Russia"


CARD = (
    "Russia will not help\n\nMehmet Ace, 9-16-21, Some title\n\n"
    "The body of the card goes on for a while, as bodies do.\n"
)


@pytest.mark.parametrize(
    ("header", "title", "speech"),
    [
        ("AT: Russia cooperates", "Russia cooperates", None),
        ("A2: Russia cooperates", "Russia cooperates", None),
        ("A/2 Russia cooperates", "Russia cooperates", None),
        ("Answers to: Russia cooperates", "Russia cooperates", None),
        ("answers to Russia cooperates", "Russia cooperates", None),
        ("2AC---AT: Russia cooperates", "Russia cooperates", "2AC"),
        ("2NC - A2: Russia cooperates", "Russia cooperates", "2NC"),
        ("1AR AT Russia cooperates", "Russia cooperates", "1AR"),
    ],
)
def test_block_header_spellings(header, title, speech):
    brief, _ = read_text_brief(f"{header}\n\n{CARD}")
    block = _block(brief)
    assert (block.title, block.label, block.speech) == (title, "answers-to", speech)
    assert [c.cite.short for c in block.children] == ["Ace 21"]


def test_capitals_line_is_a_plain_block_and_blocks_split_cards():
    brief, _ = read_text_brief(f"RUSSIA DISAD\n\n{CARD}\nAT: Turkey\n\n{CARD}\n{CARD}")
    assert [(h.title, h.label, len(h.children)) for h in brief.children] == [
        ("RUSSIA DISAD", None, 1),
        ("Turkey", "answers-to", 2),
    ]


def test_a_sentence_starting_with_at_is_not_a_header():
    brief, _ = read_text_brief(f"At the same time nothing changed\n\n{CARD}")
    assert not any(isinstance(n, Heading) for n in brief.children)
    assert isinstance(brief.children[0], Analytic)
    assert brief.children[0].text == "At the same time nothing changed"


def test_cards_without_cites_are_kept_with_empty_cites_and_noted():
    text = (
        "AT: Sanctions work\n\n"
        "Sanctions fail\n\nSanctions have failed to change Russian behaviour for a decade, as every study finds.\n\n"
        "Russia adapts\n\nThe Russian economy has adapted to sanctions by trading with China and India instead.\n"
    )
    brief, report = read_text_brief(text)
    cards = _block(brief).children
    assert [c.tag for c in cards] == ["Sanctions fail", "Russia adapts"]
    assert all(c.cite.short == "" and c.cite.date is None for c in cards)
    assert cards[1].text.startswith("The Russian economy")
    assert sum("has no cite" in n for n in report.notes) == 2


def test_yearless_first_card_takes_the_next_cards_year():
    text = (
        "Tag one\n\nIgor Istomin, 9-1, , Title one\n\nBody one is a full sentence of evidence.\n\n"
        "Tag two\n\nJoseph Choi, 9-2-2019, Title two\n\nBody two is a full sentence of evidence.\n"
    )
    brief, report = read_text_brief(text)
    assert [c.cite.short for c in brief.cards()] == ["Istomin 19", "Choi 19"]
    assert any("took 2019 from the next card" in n for n in report.notes)


def test_body_of_several_paragraphs_and_a_url_cite_line():
    text = (
        "Tag\n\nMehmet Ace, 9-16-2021, Title\nhttps://example.com/a\n\n"
        "First paragraph of the body, which is long enough to be a paragraph.\n\n"
        "Second paragraph of the same body, ending with a full stop.\n"
    )
    brief, _ = read_text_brief(text)
    (card,) = brief.cards()
    assert card.cite.url == "https://example.com/a"
    assert card.text == (
        "First paragraph of the body, which is long enough to be a paragraph.\n"
        "Second paragraph of the same body, ending with a full stop."
    )


def test_a_card_cut_mid_sentence_keeps_its_last_words():
    text = "Tag\n\nMehmet Ace, 9-16-2021, Title\n\nRussia attacked. The result is that the ceasefire will\n"
    brief, _ = read_text_brief(text)
    assert brief.cards()[0].text == "Russia attacked. The result is that the ceasefire will"


@pytest.mark.parametrize("text", ["", "   \n\n \t\n"])
def test_empty_brief_is_refused(text):
    with pytest.raises(IngestError, match=r"brief.txt is empty"):
        read_text_brief(text, name="brief.txt")


def test_a_long_brief_reads_every_card():
    """A few MB of cards: the reader is one pass over the lines (bench/ measures the speed)."""
    body = SEED_TEXT.split("\n", 2)[2]  # the cards without the header
    copies = 150
    brief, _ = read_text_brief(SEED_LINES[0] + "\n\n" + "\n\n".join([body] * copies))
    assert len(SEED_TEXT) * copies > 2_000_000
    assert len(brief.cards()) == 8 * copies
    assert [c.cite.short for c in brief.cards()[-8:]] == [c.cite.short for c in brief.cards()[:8]]
