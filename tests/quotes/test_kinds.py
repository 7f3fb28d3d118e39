"""span_kind(): speech, term and title, pure text."""
from __future__ import annotations

import pytest

from eventcoder.quotes import find_quote_spans
from eventcoder.quotes.kinds import SPEECH, TERM, TITLE, span_kind

# (text, quote index, cue of its attribution, kind)
CASES = [
    ("\u201cWe will win,\u201d she said.", 0, "said", SPEECH),
    ("\u201cNot me,\u201d said the mayor.", 0, "said", SPEECH),  # a whole short utterance
    ("\u201cNot me,\u201d said the mayor.", 0, None, SPEECH),
    ("He said: \u201cWe will win.\u201d", 0, "said", SPEECH),
    ("He said the talks were \u201ca waste of everyone's time\u201d in the end.", 0, None, SPEECH),
    ("The Kremlin called the plan \u201cuseless\u201d on Monday.", 0, "called", SPEECH),  # partial quote
    ("The so-called \u201creset\u201d failed.", 0, None, TERM),  # scare quote
    ("What Moscow considers the \u201croot cause\u201d remains.", 0, None, TERM),
    ("His top shows are \u201cGame of Thrones\u201d and \u201cVeep\u201d now.", 0, None, TITLE),
    ("His top shows are \u201cGame of Thrones\u201d and \u201cVeep\u201d now.", 1, None, TERM),
    ("He appeared on \u201cMeet the Press\u201d on Sunday.", 0, None, TITLE),
    ("The president called the deal \u201cThe Deal of the Century\u201d on Monday.", 0, "called", SPEECH),
]


@pytest.mark.parametrize("text,i,cue,kind", CASES)
def test_span_kind(text, i, cue, kind):
    q = find_quote_spans(text)[i]
    assert span_kind(text, q, cue) == kind


def test_unclosed_and_continued_quotes_are_speech():
    text = "\u201cWe will fight on\n\n\u201cAnd we will win,\u201d he said."
    spans = find_quote_spans(text)
    assert [span_kind(text, q) for q in spans] == [SPEECH, SPEECH]
