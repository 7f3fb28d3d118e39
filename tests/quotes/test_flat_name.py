"""flat_name(): the speaker's name at the start of a run of words with an apposition."""
from __future__ import annotations

from eventcoder.quotes.phrases import flat_name


def _run(nlp, text, before):
    doc = nlp(text)
    end = text.index(before)
    return [t for t in doc if t.idx < end and t.idx >= text.index("\u201d") + 1]


def test_name_before_an_apposition_is_the_speaker(nlp):
    text = "\u201cWe shall see,\u201d Orla Vantree, a senior adviser to Governor Pell Dunmore, said."
    head = flat_name(_run(nlp, text, " said"))
    assert head is not None and head.text == "Vantree"


def test_a_run_without_a_name_first_gives_none(nlp):
    text = "\u201cWe shall see,\u201d a senior adviser to Governor Pell Dunmore said."
    assert flat_name(_run(nlp, text, " said")) is None
