"""find_quote_spans: pure text, no model."""
from __future__ import annotations

import random

import pytest

from eventcoder.quotes import QuoteSpan, find_quote_spans

# (text, expected quote texts in order)
CASES = [
    ('He said: "We will go."', ["We will go."]),
    ("He said: \u201cWe will go.\u201d", ["We will go."]),
    ("\u201cWe will go,\u201d he said.", ["We will go"]),  # the attribution's comma is not quoted
    ("\u201cWe will go,\u201d he said, \u201cwhatever happens.\u201d", ["We will go", "whatever happens."]),
    ('"We will go," he said, "whatever happens."', ["We will go", "whatever happens."]),
    ("\u201cOne. Two. Three.\u201d", ["One. Two. Three."]),
    ("\u201cHe told us \u201cno\u201d twice,\u201d she said.", ["He told us \u201cno\u201d twice"]),
    ('"He told us "no" twice," she said.', ['He told us "no" twice']),
    ("\u201cThey called it \u2018a farce\u2019,\u201d she said.", ["They called it \u2018a farce\u2019"]),
    ("Russia called the plan \u201cuseless\u201d on Monday.", ["useless"]),
    ("Russia\u2019s plan and the leaders\u2019 summit.", []),
    ("It was \u201cfine\u201d and \u201cgood\u201d.", ["fine", "good"]),
    ("A stray \u201d mark here.", []),
    ("Garbled \u201dopen with the wrong glyph,\u201d he said.", ["open with the wrong glyph"]),
    ("\u201c\u201d empty and \u201c  \u201d blank.", []),
    ("She called it \u2018useless\u2019.", ["useless"]),  # no double marks: British single quotes
    ("\u00abNous partons\u00bb, a-t-il dit.", ["Nous partons"]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_quote_texts(text, expected):
    spans = find_quote_spans(text)
    assert [q.text for q in spans] == expected
    for q in spans:
        assert text[q.start:q.end] == q.text


def test_offsets_point_inside_the_marks():
    text = "Peskov said: \u201cWe are ready.\u201d Then he left."
    (q,) = find_quote_spans(text)
    assert text[q.outer_start] == "\u201c" and text[q.outer_end - 1] == "\u201d"
    assert q.start == q.outer_start + 1 and q.closed


def test_multi_paragraph_quote_continues():
    text = "\u201cFirst paragraph of the speech.\n\n\u201cSecond paragraph,\u201d the minister said."
    first, second = find_quote_spans(text)
    assert first.text == "First paragraph of the speech." and not first.closed and not first.continues
    assert second.text == "Second paragraph" and second.closed and second.continues


def test_unclosed_quote_stops_at_paragraph_end():
    text = "He said \u201cthis never closes\nA new paragraph with \"nothing quoted.\n\nMore text here."
    spans = find_quote_spans(text)
    assert spans[0].text == "this never closes" and not spans[0].closed
    assert all("\n" not in q.text for q in spans)


def test_straight_quotes_never_pair_across_paragraphs():
    text = 'He called it "useless\n\nand then" something else.'
    for q in find_quote_spans(text):
        assert "\n" not in q.text


def test_reopened_quote_closes_the_unbalanced_one():
    spans = find_quote_spans("\u201cfirst part \u201csecond part\u201d")
    assert [q.text for q in spans] == ["first part", "second part"]
    assert not spans[0].closed and spans[1].closed


def test_empty_and_markless():
    assert find_quote_spans("") == []
    assert find_quote_spans("No quotes at all.") == []
    assert find_quote_spans('"') == []


_NOISE = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", "\u201e"]
_WORDS = ["Putin", "said", "the", "talks", "were", "useless", ",", ".", " ", " ", "\n", "\n\n", "we", "go"]


@pytest.mark.parametrize("seed", range(40))
def test_random_stray_marks_never_crash_nor_exceed_a_paragraph(seed):
    rng = random.Random(seed)
    parts = []
    for _ in range(rng.randint(0, 300)):
        parts.append(rng.choice(_NOISE) if rng.random() < 0.2 else rng.choice(_WORDS))
        if rng.random() < 0.7:
            parts.append(" ")
    text = "".join(parts)
    spans = find_quote_spans(text)
    paragraphs = [len(p) for p in text.splitlines()] or [0]
    last_end = -1
    for q in spans:
        assert isinstance(q, QuoteSpan)
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert "\n" not in q.text and len(q.text) <= max(paragraphs)
        assert q.start >= last_end  # no overlaps, reading order
        last_end = q.end
