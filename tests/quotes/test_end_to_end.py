"""Quotes through the whole coder (``eventcoder.code_text``): the speaker resolved to an entity.

Short texts written for these tests, about well-known people of the real knowledge base.
"""
from __future__ import annotations

import pytest

import eventcoder

pytestmark = pytest.mark.slow

# (text, quote index, expected identifier_text, expected code)
CASES = [
    # pronoun: 'he' resolved through the actor coreference
    ("Kremlin spokesman Dmitry Peskov spoke to reporters on Monday. "
     "\u201cWe will not negotiate under pressure,\u201d he said.", 0, "Dmitry Peskov", "RUS"),
    # description: 'the Kremlin spokesman' resolved to the person named before
    ("Dmitry Peskov met reporters in Moscow on Monday. \u201cThere will be no talks,\u201d the Kremlin "
     "spokesman said.", 0, "Dmitry Peskov", "RUS"),
    # description: 'the top U.S. diplomat'
    ("Antony Blinken arrived in Kyiv on Wednesday. \u201cWe will not abandon you,\u201d the top U.S. "
     "diplomat said.", 0, "Antony Blinken", "USA"),
    # title and role before the name, cue after the quote
    ("\u201cWe stand with Ukraine,\u201d U.S. Secretary of State Antony Blinken said on Tuesday.", 0,
     "Antony Blinken", "USA"),
    # title before the name, cue before the quote, misspelt first name
    ("Foreign Minister Sergei Lavrov said on Tuesday: \u201cWe will respond to any attack.\u201d", 0,
     "Sergey Lavrov", "RUS"),
    # previous speaker: a paragraph of its own after an attributed quote
    ("\u201cWe stand with Ukraine,\u201d Blinken said on Tuesday.\n\n\u201cWe will keep helping.\u201d", 1,
     "Antony Blinken", "USA"),
    # split quote: the second half has the same speaker
    ("\u201cWe are ready,\u201d Peskov said, \u201cbut not at any price.\u201d", 1, "Dmitry Peskov", "RUS"),
    # speaker named in the next sentence
    ("\u201cWe will never surrender.\u201d That was the message from Ukrainian President Volodymyr "
     "Zelensky on Monday.", 0, "Volodymyr Zelenskyy", "UKR"),
    # a quote in a headline-like line, speaker of the next paragraph
    ("The \u201cfoolish decision\u201d\n\nHungarian Prime Minister Viktor Orban said on Friday that he "
     "would block the aid.", 0, "Viktor Orb\u00e1n", "HUN"),
    # unnamed organisation: only the code
    ("\u201cWe reject the plan,\u201d the Russian foreign ministry said on Monday.", 0, "Ministry of Foreign Affairs (Russia)", "RUS"),  # the institution phrase links to the KB
    # a plural pronoun for an unnamed group: the country of the group it refers to
    ("Thousands of protesters gathered in Tbilisi, Georgia, on Sunday. \u201cWe want Europe!\u201d "
     "they chanted.", 0, None, "GEO"),
]


@pytest.mark.parametrize("text,index,name,code", CASES)
def test_resolved_speaker(text, index, name, code):
    doc = eventcoder.code_text(text, published="2025-05-14")
    assert doc.error is None
    q = doc.quotes[index]
    assert q.speaker is not None, f"no speaker for {q.text!r}"
    assert q.speaker.identifier_text == name
    assert q.speaker.code == code
    assert 0 < q.confidence <= 1


def test_verbal_event_in_a_quote_takes_its_speaker():
    doc = eventcoder.code_text("\u201cWe condemn the attack on Kyiv,\u201d Antony Blinken said on Tuesday.",
                               published="2025-05-14")
    (q,) = doc.quotes
    assert q.cue == "said" and q.event_ids
    events = {e.id: e for e in doc.events}
    for eid in q.event_ids:
        assert [a.identifier_text for a in events[eid].actor] == ["Antony Blinken"]
