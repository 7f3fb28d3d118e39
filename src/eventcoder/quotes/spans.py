"""Find direct quotes (text in double quotation marks) in plain text.

Pure text, no NLP model. The rules:

* Quotation marks are straight ``"``, curly ``“ ”``, low ``„`` and guillemets
  ``« »``. Whether a mark opens or closes is read from its context (a space
  before and a letter after opens; a letter or punctuation before and a space
  or punctuation after closes); the glyph only breaks ties, so garbled text
  that uses ``”`` for both marks still pairs.
* Marks pair inside one paragraph (a line of the text) only. A quote left
  open at the end of its paragraph ends there (``closed=False``); when the
  next paragraph opens with a quotation mark, its quote is marked
  ``continues=True`` (the convention for a quote running over paragraphs).
  So no quote is ever longer than a paragraph.
* A quote inside a quote (double or single marks) belongs to the outer one.
  Single marks (``‘ ’ '``) never make a quote of their own, except ``‘...’``
  in a text that has no double quotation marks at all (the British style),
  and only where both marks clearly are quotation marks, not apostrophes.
* The span is the text between the marks minus surrounding whitespace and a
  trailing comma (the comma of "...," he said belongs to the attribution).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quote_spans"]

_DOUBLE = {'"': "", "\u201c": "open", "\u201e": "open", "\u00ab": "open",
           "\u201d": "close", "\u00bb": "close", "\u201f": "open"}
_SINGLE_OPEN, _SINGLE_CLOSE = "\u2018", "\u2019"
# What may stand before an opening mark / after a closing mark.
_BEFORE_OPEN = set("([{\u2014\u2013-/:\u2018'\u00a0") | set(_DOUBLE)
_AFTER_CLOSE = set(".,;:!?)]}\u2014\u2013-\u2026\u2019'\u00a0") | set(_DOUBLE)
_PARAGRAPH = re.compile(r"[^\n\r\u2028\u2029]+")


@dataclass(frozen=True)
class QuoteSpan:
    """A quote: ``text`` is ``input[start:end]``, the words inside the marks."""

    text: str
    start: int
    end: int
    closed: bool = True  # False: no closing mark, the quote ends with its paragraph
    continues: bool = False  # the quote opens a paragraph while the one before was left open
    outer_start: int | None = None  # offset of the opening mark
    outer_end: int | None = None  # offset just past the closing mark (== end when unclosed)


@dataclass(frozen=True)
class _Mark:
    pos: int
    can_open: bool
    can_close: bool
    glyph: str  # "open", "close" or "" (straight)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every top-level quote of ``text``, in reading order."""
    if not text:
        return []
    has_double = any(c in text for c in _DOUBLE)
    marks_of = _double_marks if has_double else _single_marks
    out: list[QuoteSpan] = []
    prev_open_left = False
    for m in _PARAGRAPH.finditer(text):
        p0, p1 = m.start(), m.end()
        spans = _pair_paragraph(text, p0, p1, marks_of(text, p0, p1))
        if spans and prev_open_left and spans[0].outer_start == p0 + _lead_ws(text, p0, p1):
            spans[0] = _replace_continues(spans[0])
        if spans:
            out.extend(spans)
            prev_open_left = not spans[-1].closed
        elif text[p0:p1].strip():
            prev_open_left = False
    return out


def _lead_ws(text: str, p0: int, p1: int) -> int:
    k = p0
    while k < p1 and text[k].isspace():
        k += 1
    return k - p0


def _replace_continues(q: QuoteSpan) -> QuoteSpan:
    return QuoteSpan(q.text, q.start, q.end, q.closed, True, q.outer_start, q.outer_end)


def _ctx(text: str, i: int, p0: int, p1: int) -> tuple[bool, bool]:
    """(looks like an opening mark, looks like a closing mark) from the neighbours."""
    before = text[i - 1] if i > p0 else " "
    after = text[i + 1] if i + 1 < p1 else " "
    space_before = before.isspace() or before in _BEFORE_OPEN
    space_after = after.isspace() or after in _AFTER_CLOSE
    return (space_before and not after.isspace()), (not before.isspace() and space_after)


def _double_marks(text: str, p0: int, p1: int) -> list[_Mark]:
    marks = []
    for i in range(p0, p1):
        g = _DOUBLE.get(text[i])
        if g is None:
            continue
        can_open, can_close = _ctx(text, i, p0, p1)
        marks.append(_Mark(i, can_open, can_close, g))
    return marks


def _single_marks(text: str, p0: int, p1: int) -> list[_Mark]:
    """Curly single marks as quotation marks, for texts without double marks."""
    marks = []
    for i in range(p0, p1):
        c = text[i]
        if c not in (_SINGLE_OPEN, _SINGLE_CLOSE):
            continue
        can_open, can_close = _ctx(text, i, p0, p1)
        before = text[i - 1] if i > p0 else " "
        after = text[i + 1] if i + 1 < p1 else " "
        if c == _SINGLE_CLOSE and before.isalnum() and after.isalnum():
            continue  # an apostrophe: don't, Russia’s
        if c == _SINGLE_CLOSE and before in "sS" and not can_close:
            continue
        if c == _SINGLE_OPEN and can_open:
            marks.append(_Mark(i, True, False, "open"))
        elif c == _SINGLE_CLOSE and can_close:
            marks.append(_Mark(i, False, True, "close"))
    return marks


def _direction(mark: _Mark, inside: bool) -> str:
    """'open' or 'close' for a mark, given whether a quote is open."""
    if mark.can_open and not mark.can_close:
        return "open"
    if mark.can_close and not mark.can_open:
        return "close"
    if mark.glyph:
        return mark.glyph
    return "close" if inside else "open"


def _pair_paragraph(text: str, p0: int, p1: int, marks: list[_Mark]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    depth = 0
    for k, mark in enumerate(marks):
        d = _direction(mark, open_at is not None)
        if open_at is None:
            if d == "open":
                open_at, depth = mark.pos, 1
            # a closing mark with nothing open is stray: ignore it
            continue
        if d == "close":
            depth -= 1
            if depth == 0:
                _emit(spans, text, open_at, mark.pos, mark.pos + 1, closed=True)
                open_at = None
            continue
        # an opening mark inside an open quote: nested if enough closing marks
        # follow in the paragraph, else the open quote was never closed
        closers = sum(1 for m in marks[k + 1:] if m.can_close or m.glyph == "close")
        if closers >= depth + 1:
            depth += 1
        else:
            _emit(spans, text, open_at, mark.pos, mark.pos, closed=False)
            open_at, depth = mark.pos, 1
    if open_at is not None:
        _emit(spans, text, open_at, p1, p1, closed=False)
    return spans


def _emit(spans: list[QuoteSpan], text: str, open_pos: int, inner_end: int, outer_end: int,
          *, closed: bool) -> None:
    s, e = open_pos + 1, inner_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    if e <= s or not any(c.isalnum() for c in text[s:e]):
        return
    spans.append(QuoteSpan(text[s:e], s, e, closed, False, open_pos,
                           outer_end if closed else e))
