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


def _date_of(nlp, text, trigger, published, occurrence=0):
    doc = nlp(text)
    dates = DateFinder().find(doc, published)
    char = text.index(trigger)
    for _ in range(occurrence):
        char = text.index(trigger, char + 1)
    sent = next(s for s in doc.sents if s.start_char <= char < s.end_char)
    return event_date(dates, char, sent, published)


@pytest.mark.parametrize("text,trigger,expected", [
    # an undated past event inherits the previous sentence's recent day
    ("Russia attacked Kyiv on Sunday. Later, a missile hit a building in Sumy.", "hit", "2025-05-11"),
    # a present-tense event is current: the publication day
    ("Russia attacked Kyiv on Sunday. The governor says the city is calm.", "says", TUE),
    # a background date (more than a month back) is not inherited
    ("The two leaders met in March 2022. Putin rejected the offer.", "rejected", TUE),
    # an undated future event inherits the nearest future day
    ("Zelensky will meet Erdogan on Thursday. Putin is expected to send a delegation.", "send",
     "2025-05-15"),
    # a past trigger does not take the planned day of its clause
    ("Zelensky traveled to Ankara and said he could meet Putin on Thursday.", "traveled", TUE),
    # "the first visit since 2018" dates no event
    ("He concluded his trip, the first by a secretary of state since 2018.", "trip", TUE),
])
def test_context_dates(nlp, text, trigger, expected):
    assert _date_of(nlp, text, trigger, TUE) == expected


def test_a_date_inside_a_noun_phrase_does_not_carry_over_to_the_next_sentences():
    import eventcoder
    text = ("Today, the President spoke with the Prime Minister of Norway. The Prime Minister "
            "praised the talks of March 11 between the two teams in Oslo. "
            "The leaders agreed to deepen cooperation on energy security.")
    coded = eventcoder.code_text(text, published="2025-03-19")
    agree = [e for e in coded.events if e.event[0] == "AGREE"]
    assert agree and agree[0].date == "2025-03-19"
