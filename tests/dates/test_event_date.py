"""event_date: which date of the sentence an event takes."""
from __future__ import annotations

import pytest

from eventcoder.dates import DateFinder, event_date

TUE = "2025-05-13"

CASES = [
    ("Russia attacked Kyiv.", "attacked", TUE, TUE),
    ("Russia attacked Kyiv.", "attacked", None, None),
    ("Russia attacked Kyiv on Sunday.", "attacked", TUE, "2025-05-11"),
    ("On Monday, officials said Russian drones struck Kyiv.", "struck", TUE, "2025-05-12"),
    ("Zelensky said on Monday that he would travel to Istanbul on Thursday.", "travel", TUE,
     "2025-05-15"),
    ("Zelensky said on Monday that he would travel to Istanbul on Thursday.", "said", TUE,
     "2025-05-12"),
    ("Russia attacked Kyiv on Sunday, and Ukraine will respond on Friday.", "respond", TUE,
     "2025-05-16"),
    ("Russia attacked Kyiv on Sunday, and Ukraine will respond on Friday.", "attacked", TUE,
     "2025-05-11"),
    ("The talks on Thursday were cancelled.", "talks", TUE, "2025-05-08"),
    ("The two countries agreed to revive a pact that was signed in 2001.", "agreed", TUE, TUE),
    ("The two countries agreed to revive a pact that was signed in 2001.", "signed", TUE, "2001"),
    ("The two sides have fought since December 2019.", "fought", TUE, "2019-12"),
    ("The minister said the troops left three days ago.", "said", TUE, "2025-05-10"),
    ("The minister said on Monday that the troops left three days ago.", "said", TUE, "2025-05-12"),
    ("The minister said on Monday that the troops left three days ago.", "left", TUE, "2025-05-10"),
]


@pytest.mark.parametrize("text,trigger,published,expected", CASES)
def test_event_date(nlp, text, trigger, published, expected):
    doc = nlp(text)
    dates = DateFinder().find(doc, published)
    sentence = next(iter(doc.sents))
    assert event_date(dates, text.index(trigger), sentence, published) == expected


def test_no_sentence_falls_back_to_publication(nlp):
    assert event_date([], 0, None, TUE) == TUE


def test_unresolved_dates_are_skipped(nlp):
    text = "Russia attacked Kyiv on Sunday."
    doc = nlp(text)
    dates = DateFinder().find(doc, None)
    assert event_date(dates, text.index("attacked"), next(iter(doc.sents)), None) is None
