"""Resolution rules, language apart: readings against publication dates of each precision."""

from __future__ import annotations

from datetime import date

import pytest

from communique.records import DateValue
from communique.when import find_dates
from communique.when.iso import parse_iso
from communique.when.resolve import Reading, reference, resolve, resolve_range

FRIDAY = reference(parse_iso("2023-09-15"))
SEPTEMBER = reference(parse_iso("2023-09"))
YEAR = reference(parse_iso("2023"))


def _iso(r: Reading, ref: object = FRIDAY, future: bool = False) -> tuple[str | None, str]:
    v = resolve(r, ref, future, "x")  # type: ignore[arg-type]
    assert v is not None
    return v.iso(), v.precision


def test_weekday_of_publication_is_that_day() -> None:
    assert _iso({"weekday": 5}) == ("2023-09-15", "day")
    assert _iso({"weekday": 5}, future=True) == ("2023-09-15", "day")
    assert _iso({"weekday": 5, "dir": "last"}) == ("2023-09-08", "day")
    assert _iso({"weekday": 5, "dir": "next"}) == ("2023-09-22", "day")
    assert _iso({"weekday": 6}) == ("2023-09-09", "day")
    assert _iso({"weekday": 6}, future=True) == ("2023-09-16", "day")


def test_month_of_publication_is_current_either_way() -> None:
    assert _iso({"month": 9}) == ("2023-09", "month")
    assert _iso({"month": 9}, future=True) == ("2023-09", "month")
    assert _iso({"month": 9, "dir": "last"}) == ("2022-09", "month")
    assert _iso({"month": 9, "dir": "next"}) == ("2024-09", "month")
    assert _iso({"month": 10}) == ("2022-10", "month")
    assert _iso({"month": 8}, future=True) == ("2024-08", "month")


def test_day_and_month_a_few_days_after_publication_stay_in_the_year() -> None:
    assert _iso({"month": 9, "day": 20}) == ("2023-09-20", "day")  # within a week: an announced date
    assert _iso({"month": 9, "day": 25}) == ("2022-09-25", "day")
    assert _iso({"month": 9, "day": 10}, future=True) == ("2023-09-10", "day")
    assert _iso({"month": 9, "day": 1}, future=True) == ("2024-09-01", "day")
    assert _iso({"month": 2, "day": 29}) == ("2020-02-29", "day")


def test_never_finer_than_the_publication_date() -> None:
    relative: list[Reading] = [{"day_rel": -1}, {"weekday": 2}, {"week_rel": -1}, {"day_rel": 0}]
    for r in relative:
        assert _iso(r, SEPTEMBER) == ("2023-09", "month")
        assert _iso(r, YEAR) == ("2023", "year")
    assert _iso({"month_rel": -1}, SEPTEMBER) == ("2023-08", "month")
    assert _iso({"month_rel": -1}, YEAR) == ("2023", "year")
    assert _iso({"year_rel": -1}, YEAR) == ("2022", "year")
    # what the text fixes itself is kept: the year comes from the publication date
    assert _iso({"month": 6}, YEAR) == ("2023-06", "month")
    assert _iso({"month": 4, "day": 16}, SEPTEMBER) == ("2023-04-16", "day")
    assert _iso({"day": 24, "day_rel": -1}, SEPTEMBER) == ("2023-09-24", "day")


def test_without_publication_only_what_the_text_fixes() -> None:
    assert _iso({"year": 2022, "month": 2}, None) == ("2022-02", "month")
    partial: list[Reading] = [{"day_rel": -1}, {"month": 6}, {"month": 6, "day": 1}, {"year_rel": -1}]
    for r in partial:
        v = resolve(r, None, False, "x")
        assert v == DateValue(None, None, "unknown", "x")


def test_no_such_day() -> None:
    assert resolve({"year": 2023, "month": 2, "day": 30}, FRIDAY, False, "x") is None
    assert resolve({"day": 31, "month_rel": -1, "dir": "past"}, reference(parse_iso("2023-10-03")),
                   False, "x") is None  # September has no 31st


def test_ranges() -> None:
    v = resolve_range({"day": 16}, {"day": 18, "month": 4}, FRIDAY, False, "x")
    assert v == DateValue(date(2023, 4, 16), date(2023, 4, 18), "day", "x")
    # Tuesday to Sunday in the past: the last Sunday and the Tuesday before it
    v = resolve_range({"weekday": 2}, {"weekday": 7}, FRIDAY, False, "x")
    assert v == DateValue(date(2023, 9, 5), date(2023, 9, 10), "day", "x")
    v = resolve_range({"weekday": 2}, {"weekday": 7}, FRIDAY, True, "x")
    assert v == DateValue(date(2023, 9, 19), date(2023, 9, 24), "day", "x")
    v = resolve_range({"weekday": 2, "week_rel": -1}, {"weekday": 7}, FRIDAY, False, "x")
    assert v == DateValue(date(2023, 9, 5), date(2023, 9, 10), "day", "x")
    v = resolve_range({"month": 12, "day": 28}, {"month": 1, "day": 3}, reference(parse_iso("2024-01-10")),
                      False, "x")
    assert v == DateValue(date(2023, 12, 28), date(2024, 1, 3), "day", "x")
    assert resolve_range({"day": 16}, {"day": 18, "month": 4}, None, False, "x") == DateValue(
        None, None, "unknown", "x"
    )


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("31 September 2023", "2023-09"),  # no such day: the month and year remain
        ("on 2023-02-30", None),
    ],
)
def test_impossible_days_are_not_dates(text: str, iso: str | None) -> None:
    found = find_dates(text, 0, len(text), "en", parse_iso("2023-09-15"))
    assert [m.value.iso() for m in found if isinstance(m.value, DateValue)] == ([iso] if iso else [])
