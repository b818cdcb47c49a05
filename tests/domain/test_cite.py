"""Cites: the short form a judge hears, the full cite on the card, the JSON shape, and reading the
cite lines debaters paste (every one in the seed brief)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from evidence.domain.cite import Cite, last_name, looks_like_organisation, parse_cite_line
from evidence.domain.dates import PartialDate

SEPT_16 = PartialDate(2021, 9, 16)


# --- short form ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authors", "short"),
    [
        (("Mehmet Ace",), "Ace 21"),
        (("Mehmet Ace", "Joseph Choi"), "Ace and Choi 21"),
        (("Mehmet Ace", "Joseph Choi", "Igor Istomin"), "Ace et al. 21"),
        (("Mehmet Ace", "Joseph Choi", "Igor Istomin", "Ann Lee"), "Ace et al. 21"),
        (("Ace, Mehmet",), "Ace 21"),
        (("Martin Luther King Jr.",), "King 21"),
        (("Cher",), "Cher 21"),
        (("Mehmet Ace", "  "), "Ace 21"),  # a blank author row in the form is not an author
    ],
)
def test_short_cite_from_authors(authors: tuple[str, ...], short: str) -> None:
    assert Cite(authors=authors, date=SEPT_16).short == short


def test_short_cite_falls_back_to_publication_without_author() -> None:
    assert Cite(publication="Thai News Service", date=PartialDate(2021, 9, 7)).short == "Thai News Service 21"


def test_short_cite_prefers_author_over_publication() -> None:
    assert Cite(authors=("Joseph Choi",), publication="The Hill", date=SEPT_16).short == "Choi 21"


def test_short_cite_without_date_says_nd() -> None:
    assert Cite(authors=("Mehmet Ace",)).short == "Ace ND"
    assert Cite(publication="Press TV").short == "Press TV ND"


def test_short_cite_uses_two_digit_year_at_any_precision() -> None:
    assert Cite(authors=("Ann Lee",), date=PartialDate(2009)).short == "Lee 09"
    assert Cite(authors=("Ann Lee",), date=PartialDate(1998, 3)).short == "Lee 98"


def test_empty_cite_has_empty_short_form() -> None:
    assert Cite().short == ""


def test_last_name_and_organisation_detection() -> None:
    assert last_name("Mehmet Ace") == "Ace"
    assert last_name("Thai News Service") == "Thai News Service"
    assert looks_like_organisation("TASS")
    assert looks_like_organisation("Press TV")
    assert not looks_like_organisation("Joseph Choi")
    assert not looks_like_organisation("")


# --- full cite ----------------------------------------------------------------------------------


def test_full_cite_with_every_field() -> None:
    cite = Cite(
        authors=("Mehmet Ace",),
        qualifications="columnist",
        date=SEPT_16,
        title="Is Putin prepping the ground for another attack on Idlib?",
        publication="Daily Sabah",
        url="https://www.dailysabah.com/opinion/columns/idlib",
        accessed=PartialDate(2021, 10, 1),
        cutter="JD",
    )
    assert cite.full == (
        "Mehmet Ace, columnist, 9-16-2021, “Is Putin prepping the ground for another attack on Idlib?”, "
        "Daily Sabah, https://www.dailysabah.com/opinion/columns/idlib, accessed 10-1-2021 //JD"
    )


def test_full_cite_names_publication_first_when_no_author() -> None:
    cite = Cite(publication="Thai News Service", date=PartialDate(2021, 9, 7), title="Syria/Russia: deal fails")
    assert cite.full == "Thai News Service, 9-7-2021, “Syria/Russia: deal fails”"


def test_full_cite_joins_several_authors() -> None:
    assert Cite(authors=("Mehmet Ace", "Joseph Choi")).full == "Mehmet Ace and Joseph Choi"
    assert Cite(authors=("A Ace", "B Bee", "C Cee")).full == "A Ace, B Bee, and C Cee"


def test_full_cite_keeps_partial_dates_partial() -> None:
    assert Cite(authors=("Igor Istomin",), date=PartialDate(None, 9, 1)).full == "Igor Istomin, 9-1"
    assert Cite(authors=("Ann Lee",), date=PartialDate(2021, 9)).full == "Ann Lee, September 2021"
    assert Cite(authors=("Ann Lee",), date=PartialDate(2021)).full == "Ann Lee, 2021"


def test_with_year_fills_only_a_missing_year() -> None:
    no_year = Cite(authors=("Igor Istomin",), date=PartialDate(None, 9, 1))
    assert no_year.with_year(2021).date == PartialDate(2021, 9, 1)
    assert no_year.with_year(2021).short == "Istomin 21"
    dated = Cite(authors=("Ann Lee",), date=SEPT_16)
    assert dated.with_year(1999) == dated
    assert Cite(authors=("Ann Lee",)).with_year(2021).short == "Lee ND"


# --- JSON ---------------------------------------------------------------------------------------


def test_json_round_trip_with_every_field() -> None:
    cite = Cite(
        authors=("Mehmet Ace", "Joseph Choi"),
        qualifications="columnists",
        date=SEPT_16,
        title="A title",
        publication="Daily Sabah",
        url="https://example.org/a",
        accessed=PartialDate(None, 10, 1),
        cutter="JD",
    )
    data = cite.to_json()
    assert data == {
        "short": "Ace and Choi 21",
        "authors": ["Mehmet Ace", "Joseph Choi"],
        "qualifications": "columnists",
        "date": "2021-09-16",
        "title": "A title",
        "publication": "Daily Sabah",
        "url": "https://example.org/a",
        "accessed": "--10-01",
        "cutter": "JD",
    }
    assert Cite.from_json(data) == cite


def test_json_round_trip_of_an_empty_cite() -> None:
    assert Cite.from_json(Cite().to_json()) == Cite()
    assert Cite.from_json(None) == Cite()


def test_from_json_keeps_a_given_short_form_and_does_not_pin_a_derived_one() -> None:
    # DESIGN §4: a short given in JSON is kept as given ("Tuck and Yang 12", not "Tuck and Tuck 12").
    given = Cite.from_json({"short": "Tuck and Yang 12", "authors": ["Eve Tuck"], "date": "2012"})
    assert given.short == "Tuck and Yang 12"
    assert Cite.from_json(given.to_json()) == given
    # One that says what the fields say anyway is not pinned: editing the fields still updates it.
    derived = Cite.from_json({"short": "Ace 21", "authors": ["Mehmet Ace"], "date": "2021-09-16"})
    assert derived.given_short is None
    assert replace(derived, authors=("Joseph Choi",)).short == "Choi 21"


def test_from_json_accepts_one_author_as_text_and_blank_fields_as_none() -> None:
    cite = Cite.from_json({"authors": "Mehmet Ace", "title": "", "date": "2021"})
    assert cite == Cite(authors=("Mehmet Ace",), date=PartialDate(2021))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "cite must be an object, got list"),
        ("Ace 21", "cite must be an object, got str"),
        ({"authors": 3}, "cite.authors must be a list of names"),
        ({"authors": ["Ace", 4]}, "cite.authors must be a list of names"),
        ({"title": 5}, "cite.title must be text, got int"),
        ({"url": ["https://x"]}, "cite.url must be text, got list"),
        ({"date": "Sept 2021"}, r"cite.date: not an ISO date: 'Sept 2021'"),
        ({"date": "2021-13-01"}, "cite.date: month 13 is not 1–12"),
        ({"accessed": "2021-02-30"}, "cite.accessed"),
    ],
)
def test_from_json_errors_name_the_field(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Cite.from_json(data)


# --- parsing the seed brief's cite lines --------------------------------------------------------

SEED_CITES = [
    (5, "Thai News Service 21"),
    (13, "Ace 21"),
    (19, "Press TV 21"),
    (25, "Telegraph Media 21"),
    (31, "TASS 21"),
    (37, "Thai News Service 21"),
    (43, "Istomin 21"),
    (49, "Choi 21"),
]


@pytest.mark.parametrize(("line_number", "short"), SEED_CITES)
def test_every_seed_cite_line_gives_its_short_cite(seed_brief_text: str, line_number: int, short: str) -> None:
    line = seed_brief_text.splitlines()[line_number - 1]
    assert parse_cite_line(line, year_hint=2021).short == short


def seed_cite(text: str, line_number: int, year_hint: int | None = None) -> Cite:
    return parse_cite_line(text.splitlines()[line_number - 1], year_hint=year_hint)


def test_seed_publication_only_cites(seed_brief_text: str) -> None:
    thai = seed_cite(seed_brief_text, 5)
    assert thai == Cite(publication="Thai News Service", date=PartialDate(2021, 9, 7))
    assert seed_cite(seed_brief_text, 25) == Cite(publication="Telegraph Media", date=PartialDate(2021, 9, 15))
    assert seed_cite(seed_brief_text, 31) == Cite(publication="TASS", date=PartialDate(2021, 9, 15))


def test_seed_author_with_restated_date_and_title(seed_brief_text: str) -> None:
    ace = seed_cite(seed_brief_text, 13)
    assert ace.authors == ("Mehmet Ace",)
    assert ace.date == SEPT_16
    assert ace.title == "Is Putin prepping the ground for another attack on Idlib after Assad’s visit?"
    assert ace.publication is None
    assert ace.qualifications is None


def test_seed_publication_with_title(seed_brief_text: str) -> None:
    press = seed_cite(seed_brief_text, 19)
    assert press.authors == ()
    assert press.publication == "Press TV"
    assert press.date == PartialDate(2021, 9, 15)
    assert press.title == "Russia: US seeking ‘de facto partition’ of Syria through occupation"

    thai = seed_cite(seed_brief_text, 37)
    assert thai.publication == "Thai News Service"
    assert thai.date == SEPT_16  # "9-16, 21": the year stands in the next comma piece
    assert thai.title == "United States/Syria/Russia: Presence of US Troops in Eastern Syria Is ‘De Facto Partition’"


def test_seed_author_with_qualifications_after_bar_and_no_year(seed_brief_text: str) -> None:
    istomin = seed_cite(seed_brief_text, 43)
    assert istomin.authors == ("Igor Istomin",)
    assert istomin.qualifications == "Associate Professor at the Department of Applied International Political Analysis"
    assert istomin.title == "With Russian-American entente moving forward, is there a place in Europe?"
    assert istomin.date is not None
    assert (istomin.date.month, istomin.date.day, istomin.date.year) == (9, 1, None)

    hinted = seed_cite(seed_brief_text, 43, year_hint=2021)
    assert hinted.date == PartialDate(2021, 9, 1)
    assert hinted.short == "Istomin 21"


def test_seed_author_with_publication_then_title(seed_brief_text: str) -> None:
    choi = seed_cite(seed_brief_text, 49)
    assert choi.authors == ("Joseph Choi",)
    assert choi.date == PartialDate(2021, 9, 2)
    assert choi.publication == "The Hill"
    assert choi.title == "Kremlin: US military assistance could ’cause unpredictable actions’ by Ukraine"


def test_year_hint_never_overrides_a_written_year(seed_brief_text: str) -> None:
    assert seed_cite(seed_brief_text, 49, year_hint=1999).date == PartialDate(2021, 9, 2)


def test_verbatim_style_cite_line_with_url_accessed_and_cutter() -> None:
    cite = parse_cite_line(
        "Mehmet Ace 21, columnist, 9-16-2021, “Is Putin prepping the ground?”, Daily Sabah, "
        "https://www.dailysabah.com/opinion/columns/idlib, accessed 10-1-2021 //JD"
    )
    assert cite == Cite(
        authors=("Mehmet Ace",),
        qualifications="columnist",
        date=SEPT_16,
        title="Is Putin prepping the ground?",
        publication="Daily Sabah",
        url="https://www.dailysabah.com/opinion/columns/idlib",
        accessed=PartialDate(2021, 10, 1),
        cutter="JD",
    )
    assert cite.short == "Ace 21"


def test_two_authors_joined_by_and() -> None:
    cite = parse_cite_line("Joseph Choi and Mehmet Ace, 9-2, 21, The Hill, Kremlin warns Ukraine")
    assert cite.authors == ("Joseph Choi", "Mehmet Ace")
    assert cite.short == "Choi and Ace 21"


def test_line_without_date_keeps_its_words_and_says_nd() -> None:
    cite = parse_cite_line("Joseph Choi, The Hill")
    assert cite.date is None
    assert cite.authors == ("Joseph Choi",)
    assert cite.qualifications == "The Hill"
    assert cite.short == "Choi ND"


def test_inline_short_cite_year_is_kept_when_no_other_date() -> None:
    # "Ace 21" typed alone must not come back as "Ace ND": the year was written.
    assert parse_cite_line("Ace 21").short == "Ace 21"
    cite = parse_cite_line("Mehmet Ace 98, columnist")
    assert (cite.authors, cite.date, cite.qualifications) == (("Mehmet Ace",), PartialDate(1998), "columnist")


def test_blank_line_gives_an_empty_cite() -> None:
    assert parse_cite_line("   ") == Cite()


def test_a_title_standing_in_for_the_author_is_cut_short() -> None:
    cite = Cite(title="Russia accuses the US of supporting terror groups in Syria")
    assert cite.short == "Russia accuses the US… ND"
    assert Cite(title="Short title").short == "Short title ND"
