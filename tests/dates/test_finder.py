"""DateFinder on short hand-written sentences with fixed publication dates."""
from __future__ import annotations

import pytest

from eventcoder.dates import DateFinder
from eventcoder.records import DateExpr

TUE = "2025-05-13"  # a Tuesday
SUN = "2024-12-08"  # a Sunday
JAN = "2025-01-15"  # a Wednesday in January


@pytest.fixture(scope="module")
def finder():
    return DateFinder()


def _find(nlp, finder, text, published):
    return finder.find(nlp(text), published)


# (sentence, published, expression text, value, precision, direction)
CASES = [
    # weekdays, past and future
    ("Zelensky met Erdogan on Thursday.", TUE, "Thursday", "2025-05-08", "day", "past"),
    ("Zelensky will travel to Turkey on Thursday.", TUE, "Thursday", "2025-05-15", "day", "future"),
    ("Talks are scheduled for Thursday in Istanbul.", TUE, "Thursday", "2025-05-15", "day", "future"),
    ("Negotiations scheduled for Thursday will take place in Istanbul.", TUE, "Thursday",
     "2025-05-15", "day", "future"),
    ("Putin proposed to hold direct talks in Istanbul on Thursday.", TUE, "Thursday",
     "2025-05-15", "day", "future"),
    ("He is expected to arrive on Friday.", TUE, "Friday", "2025-05-16", "day", "future"),
    ("The minister plans to visit Kyiv on Monday.", TUE, "Monday", "2025-05-19", "day", "future"),
    ("He said he would meet the envoy on Friday.", TUE, "Friday", "2025-05-16", "day", "future"),
    ("The president spoke to reporters on Tuesday.", TUE, "Tuesday", "2025-05-13", "day", "past"),
    ("The talks on Tuesday ended without a deal.", TUE, "Tuesday", "2025-05-13", "day", "past"),
    ("He travelled to Ankara to meet the president on Monday.", TUE, "Monday",
     "2025-05-12", "day", "past"),
    ("The ceasefire began on Sunday night.", TUE, "Sunday night", "2025-05-11", "day", "past"),
    ("He arrived last Friday.", TUE, "last Friday", "2025-05-09", "day", "past"),
    ("They leave next Monday.", TUE, "next Monday", "2025-05-19", "day", "future"),
    ("Troops entered the town on Sunday.", SUN, "Sunday", "2024-12-08", "day", "past"),
    # weekend
    ("Russia launched drones over the weekend.", TUE, "the weekend", "2025-05-10", "day", "past"),
    ("Russia launched drones at the weekend.", SUN, "the weekend", "2024-12-07", "day", "past"),
    ("Leaders will gather this weekend in Rome.", TUE, "this weekend", "2025-05-17", "day", "future"),
    # relative days, months, years
    ("Officials confirmed the attack yesterday.", TUE, "yesterday", "2025-05-12", "day", "past"),
    ("The vote takes place today.", TUE, "today", "2025-05-13", "day", None),
    ("The envoy arrives tomorrow.", TUE, "tomorrow", "2025-05-14", "day", "future"),
    ("Two explosions were heard last night.", TUE, "last night", "2025-05-12", "day", "past"),
    ("Prices rose sharply last month.", TUE, "last month", "2025-04", "month", "past"),
    ("Prices rose sharply last month.", JAN, "last month", "2024-12", "month", "past"),
    ("The agency reported the outbreak earlier this month.", TUE, "earlier this month",
     "2025-05", "month", None),
    ("The summit opens next month.", TUE, "next month", "2025-06", "month", "future"),
    ("The treaty was signed last year.", TUE, "last year", "2024", "year", "past"),
    ("Elections are due next year.", TUE, "next year", "2026", "year", "future"),
    ("Troops arrived two days ago.", TUE, "two days ago", "2025-05-11", "day", "past"),
    ("The deal collapsed three weeks ago.", TUE, "three weeks ago", "2025-04", "month", "past"),
    ("The talks resume in two weeks.", TUE, "in two weeks", "2025-05", "month", "future"),
    ("The ministers met earlier this week.", TUE, "earlier this week", "2025-05", "month", None),
    ("The ministers met last week.", "2025-05-05", "last week", "2025-04", "month", "past"),
    ("In just this past month, he imposed tariffs.", TUE, "this past month", "2025-04", "month", "past"),
    ("They meet again this coming year.", TUE, "this coming year", "2026", "year", "future"),
    # an infinitive under a past-perfect verb of asking is past too
    ("The group had asked Algeria to release him in August.", TUE, "August", "2024-08", "month", "past"),
    ("The group asked Algeria to release him in August.", TUE, "August", "2025-08", "month", "future"),
    # months and years
    ("The talks in March 2022 failed.", TUE, "March 2022", "2022-03", "month", None),
    ("The war has raged since December 2019.", TUE, "December 2019", "2019-12", "month", None),
    ("In 2019, the deal collapsed.", TUE, "2019", "2019", "year", None),
    ("The negotiations took place in March.", TUE, "March", "2025-03", "month", "past"),
    ("The negotiations took place in March.", JAN, "March", "2024-03", "month", "past"),
    ("The summit is expected in March.", TUE, "March", "2026-03", "month", "future"),
    ("The offensive stalled in mid-March.", TUE, "mid-March", "2025-03", "month", "past"),
    ("Fighting has continued since March.", JAN, "March", "2024-03", "month", "past"),
    # absolute and day-month dates
    ("The treaty was signed on 10 April 1998.", TUE, "10 April 1998", "1998-04-10", "day", None),
    ("The war began on Feb. 24, 2022.", TUE, "Feb. 24, 2022", "2022-02-24", "day", None),
    ("The report is dated 2025-05-13.", TUE, "2025-05-13", "2025-05-13", "day", None),
    ("The ministers met on May 13, 2025.", TUE, "May 13, 2025", "2025-05-13", "day", None),
    ("The ministers met on May 2.", TUE, "May 2", "2025-05-02", "day", "past"),
    ("The ministers will meet on May 20.", TUE, "May 20", "2025-05-20", "day", "future"),
    ("The talks were held on December 20.", JAN, "December 20", "2024-12-20", "day", "past"),
    ("The talks will be held on January 3.", "2024-12-20", "January 3", "2025-01-03", "day", "future"),
    ("Ceremonies were held on the 5th of June.", TUE, "the 5th of June", "2024-06-05", "day", "past"),
]


@pytest.mark.parametrize("text,published,expr,value,precision,direction", CASES)
def test_resolution(nlp, finder, text, published, expr, value, precision, direction):
    found = _find(nlp, finder, text, published)
    assert [d.text for d in found] == [expr]
    d = found[0]
    assert (d.value, d.precision, d.direction) == (value, precision, direction)
    assert text[d.start:d.end] == d.text


NOT_DATES = [
    "We spent the day discussing the plan.",
    "The long-term goal is a 30-day ceasefire.",
    "The sanctions will last for three years.",
    "The conflict has lasted for decades.",
    "May I ask whether the march went well?",
    "Theresa May said the Good Friday Agreement still holds.",
    "They may march on the capital.",
    "He fired 2000 rounds.",
    "Over the past week, prices rose in recent days.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_false_dates_are_not_found(nlp, finder, text):
    assert _find(nlp, finder, text, TUE) == []


def test_without_publication_date_relative_dates_stay_unresolved(nlp, finder):
    found = _find(nlp, finder, "On Thursday, the talks of 10 April 1998 and of May 2 were recalled "
                               "yesterday, as in March 2022.", None)
    got = {d.text: (d.value, d.relative) for d in found}
    assert got == {
        "Thursday": (None, True),
        "10 April 1998": ("1998-04-10", False),
        "May 2": (None, True),
        "yesterday": (None, True),
        "March 2022": ("2022-03", False),
    }


def test_several_expressions_in_text_order(nlp, finder):
    text = "Officials said yesterday that the envoys will meet tomorrow, not on Friday."
    found = _find(nlp, finder, text, TUE)
    assert [(d.text, d.value) for d in found] == [
        ("yesterday", "2025-05-12"), ("tomorrow", "2025-05-14"), ("Friday", "2025-05-16")]
    assert all(isinstance(d, DateExpr) for d in found)


def test_unreadable_published_is_treated_as_missing(nlp, finder):
    found = _find(nlp, finder, "The talks ended on Thursday.", "sometime")
    assert [d.value for d in found] == [None]


def test_published_in_another_format_is_normalised(nlp, finder):
    found = _find(nlp, finder, "The talks ended on Thursday.", "May 13, 2025")
    assert [d.value for d in found] == ["2025-05-08"]
