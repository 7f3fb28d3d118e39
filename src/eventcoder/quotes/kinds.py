"""What a quoted span is: speech, a term (scare quote, label) or a title. Pure text, no model.

Only speech becomes a quote of the output (CODEBOOK 5). The rules, on the span and the
characters around its marks:

* ``speech``: a span that opens its clause (at a paragraph's start, after a sentence end or
  a colon: '"We will win," she said', 'He said: "We will win."'), or of three words or more
  anywhere (a partial quote in reported speech, 'X said the talks were "a waste of time"',
  is the reporter's words).
* ``title``: two to six words inside a sentence, each content word capitalised and no final
  punctuation, that no speech or label verb governs: the name of a show, a book, a film, a
  law ('his top shows, "Game of Thrones" and "Veep"'). Governed by one, it is the words of
  that verb's subject ('X called the deal "The Deal of the Century"', 'they repeat "Peace
  Through Strength"').
* ``term``: one or two words inside a sentence that no speech or label verb governs: a scare
  quote, or a word the text holds at a distance ('the so-called "reset"', 'what Moscow
  considers the "root cause"'). Governed by one, the fragment is a partial quote, the words
  of that verb's subject ('X called the plan "useless"', 'X warned it would be "a final
  signal"'): speech.
"""
from __future__ import annotations

import re

from .spans import QuoteSpan

__all__ = ["span_kind", "SPEECH", "TERM", "TITLE"]

SPEECH, TERM, TITLE = "speech", "term", "title"
_SMALL = {"of", "the", "and", "a", "an", "in", "on", "to", "for", "at", "with", "by", "from", "or", "vs", "vs."}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w'’.-]*")


def _clause_initial(text: str, q: QuoteSpan) -> bool:
    k = (q.outer_start if q.outer_start is not None else q.start) - 1
    while k >= 0 and text[k] in " \t\u00a0([":
        k -= 1
    return k < 0 or text[k] in "\n\r.!?:;\u2014\u2013-\u2026" or text[k] in "\"\u201c\u201d"


def _ends_utterance(text: str, q: QuoteSpan) -> bool:
    """'"Not me," said X': closing punctuation inside or right after the marks."""
    end = q.outer_end if q.outer_end is not None else q.end
    tail = text[q.end:end + 1]
    return q.text[-1:] in ".!?," or any(c in ",!?" for c in tail)


def span_kind(text: str, q: QuoteSpan, cue: str | None = None) -> str:
    """The kind of ``q``; ``cue`` is the speech or label verb its attribution went through."""
    words = _WORD.findall(q.text)
    if _clause_initial(text, q) and (_ends_utterance(text, q) or len(words) > 2):
        return SPEECH
    if q.continues or not q.closed:
        return SPEECH
    if 2 <= len(words) <= 6 and not cue and q.text[-1:] not in ".!?,;:" and words[0][:1].isupper() and all(
            w[:1].isupper() or w.lower() in _SMALL or w[:1].isdigit() for w in words) \
            and not _clause_initial(text, q):
        return TITLE
    if len(words) <= 2:
        if _clause_initial(text, q) and _ends_utterance(text, q):
            return SPEECH
        return SPEECH if cue else TERM
    return SPEECH
