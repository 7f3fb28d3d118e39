"""The grammar and the calendar without spaCy."""
from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.dates.calendar import resolve
from eventcoder.dates.grammar import scan

SAT, SUN, MON = dt.date(2025, 5, 10), dt.date(2025, 5, 11), dt.date(2025, 5, 12)


def _one(text):
    found = scan(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("pub,direction,expected", [
    (SAT, "past", "2025-05-10"),
    (SUN, "past", "2025-05-10"),
    (MON, "past", "2025-05-10"),
    (MON, "future", "2025-05-17"),
    (SAT, "future", "2025-05-10"),
])
def test_weekend_is_its_saturday(pub, direction, expected):
    assert resolve(_one("over the weekend"), pub, direction) == (expected, "day")


def test_last_weekend_on_a_sunday_is_the_previous_one():
    assert resolve(_one("last weekend"), SUN, "past") == ("2025-05-03", "day")


@pytest.mark.parametrize("text,kind", [
    ("13 May 2025", "ymd"), ("May 13", "md"), ("March 2022", "ym"), ("mid-March", "m"),
    ("Sunday night", "weekday"), ("earlier this month", "rel_period"),
    ("three weeks ago", "ago"), ("in two weeks", "ahead"), ("the day before yesterday", "rel_day"),
])
def test_scan_kinds(text, kind):
    assert _one(text).kind == kind


def test_month_year_does_not_borrow_the_day():
    assert resolve(_one("March 2022"), MON, None) == ("2022-03", "month")


def test_leap_day_without_year_takes_a_leap_year():
    assert resolve(_one("February 29"), dt.date(2025, 3, 10), "past") == ("2024-02-29", "day")


def test_invalid_full_date_is_unresolved():
    assert resolve(_one("31 February 2025"), MON, None) == (None, None)
