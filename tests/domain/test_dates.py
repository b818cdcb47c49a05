"""Dates as debaters write them in cites, kept at exactly the precision given."""

from __future__ import annotations

import pytest

from evidence.domain.dates import PartialDate, parse_date

SEPT_16 = PartialDate(2021, 9, 16)


@pytest.mark.parametrize(
    "text",
    [
        "9-16-21",
        "9/16/2021",
        "September 16, 2021",
        "9 -16 September 2021",  # a month-day prefix restated in words (seed brief, Ace)
        "9-16-2021",
        "Sep. 16, 2021",
        "Sept. 16th, 2021",
        "16 September 2021",
        "2021-09-16",
        " 9-16-21, ",
    ],
)
def test_every_written_form_of_one_day(text: str) -> None:
    assert parse_date(text) == SEPT_16


def test_month_and_day_without_year() -> None:
    # "9-1, ,": the seed brief's Istomin cite leaves the year blank.
    assert parse_date("9-1, ,") == PartialDate(None, 9, 1)
    assert parse_date("Sept 16") == PartialDate(None, 9, 16)


def test_year_hint_fills_only_a_missing_year() -> None:
    assert parse_date("9-1, ,", year_hint=2021) == PartialDate(2021, 9, 1)
    assert parse_date("9-16-2019", year_hint=2021) == PartialDate(2019, 9, 16)


def test_year_only() -> None:
    assert parse_date("2021") == PartialDate(2021)
    assert parse_date("2021").iso == "2021"


@pytest.mark.parametrize("text", ["September 2021", "Sept 2021", "Sep. 2021"])
def test_month_only(text: str) -> None:
    date = parse_date(text)
    assert date == PartialDate(2021, 9)
    assert date is not None and date.iso == "2021-09"


@pytest.mark.parametrize(
    ("text", "year"),
    [("9-16-05", 2005), ("9-16-99", 1999), ("9-16-70", 1970), ("9-16-2070", 2070)],
)
def test_two_digit_years_are_never_decades_in_the_future(text: str, year: int) -> None:
    date = parse_date(text)
    assert date is not None and date.year == year


@pytest.mark.parametrize(
    "text",
    ["columnist", "Page 4", "Vol. 12", "No. 3", "", "   ", "September", "12:30", "2-30-2021", "Summer 2020", "21"],
)
def test_non_dates_return_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("iso", "date"),
    [
        ("2021", PartialDate(2021)),
        ("2021-09", PartialDate(2021, 9)),
        ("2021-09-16", SEPT_16),
        ("--09", PartialDate(None, 9)),
        ("--09-01", PartialDate(None, 9, 1)),
    ],
)
def test_iso_round_trip(iso: str, date: PartialDate) -> None:
    assert PartialDate.from_iso(iso) == date
    assert date.iso == iso


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("21", "not an ISO date: '21'"),
        ("2021/09/16", "not an ISO date"),
        ("2021-9-1", "not an ISO date"),
        ("", "not an ISO date"),
        ("-", "a date needs at least a year or a month"),
        ("--13-01", "month 13 is not 1–12"),
        ("2021-02-30", "day is out of range"),
    ],
)
def test_from_iso_refuses_bad_text(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.from_iso(text)


def test_partial_date_refuses_impossible_shapes() -> None:
    with pytest.raises(ValueError, match="a day needs a month"):
        PartialDate(2021, None, 5)
    with pytest.raises(ValueError, match="needs at least a year or a month"):
        PartialDate(None)


def test_debate_format_at_every_precision() -> None:
    assert SEPT_16.debate_format() == "9-16-2021"
    assert PartialDate(None, 9, 1).debate_format() == "9-1"
    assert PartialDate(2021, 9).debate_format() == "September 2021"
    assert PartialDate(2021).debate_format() == "2021"


def test_short_year() -> None:
    assert SEPT_16.short_year == "21"
    assert PartialDate(2009).short_year == "09"
    assert PartialDate(None, 9, 1).short_year == ""
    assert PartialDate(None, 9, 1).with_year(2021) == PartialDate(2021, 9, 1)
