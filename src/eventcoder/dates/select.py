"""Choose an event's date among the date expressions of its sentence."""
from __future__ import annotations

import logging

from spacy.tokens import Span, Token

from ..records import DateExpr

log = logging.getLogger(__name__)

__all__ = ["event_date"]

# Dependencies that open a new finite clause: a date below one of them belongs
# to that clause's event, not to the trigger's ("said ... that they met on Sunday").
_CLAUSE_DEPS = {"ccomp", "advcl", "conj", "parataxis", "csubj", "relcl"}
_MAX_DEPTH = 20


def _token_at(sentence: Span, char: int) -> Token | None:
    for tok in sentence:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _path_to(tok: Token, target: Token) -> tuple[int, int] | None:
    """(finite clauses crossed, steps) from ``tok`` up to ``target``; None if not an ancestor."""
    crossed = steps = 0
    cur = tok
    while cur.i != target.i:
        if cur.head.i == cur.i or steps > _MAX_DEPTH:
            return None
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ in _CLAUSE_DEPS:
            crossed += 1
        cur = cur.head
        steps += 1
    return crossed, steps


def _rank(d: DateExpr, sentence: Span, trigger: Token | None, trigger_char: int):
    """Lower is better; None drops the date."""
    distance = min(abs(d.start - trigger_char), abs(d.end - trigger_char))
    if trigger is None:
        return (1, 0, distance)
    span = sentence.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if _in_foreign_relative(root, trigger):
        return None
    down = _path_to(root, trigger)
    if down is not None:
        crossed, steps = down
        return (0, steps, distance) if crossed == 0 else (2, crossed, distance)
    # The date hangs above the trigger: a sentence-level adverbial ("On
    # Monday, officials said ... struck") dates everything under it.
    gov = _governor(root)
    if gov is not None and _path_to(trigger, gov) is not None:
        return (1, 0, distance)
    return (3, 0, distance)  # elsewhere in the sentence


def _in_foreign_relative(tok: Token, trigger: Token) -> bool:
    """True when ``tok`` sits in a relative clause that does not hold the trigger.

    "the agreement that was signed in 2001" dates the signing, never another
    event of the sentence.
    """
    for anc in tok.ancestors:
        if anc.dep_ == "relcl" and anc.pos_ in ("VERB", "AUX"):
            if not (anc.left_edge.i <= trigger.i <= anc.right_edge.i):
                return True
    return False


def _governor(tok: Token) -> Token | None:
    """The first verb above ``tok``."""
    cur = tok
    for _ in range(_MAX_DEPTH):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def event_date(dates: list[DateExpr], trigger_char: int, sentence: Span | None,
               published: str | None) -> str | None:
    """The date of an event whose trigger starts at ``trigger_char`` in ``sentence``.

    Rule: any resolved date expression inside the sentence beats the
    publication date; among them, the closer to the trigger in the parse the
    better:

    1. one in the trigger's own clause: the date's head chain reaches the
       trigger without crossing a finite-clause boundary (ccomp, advcl, conj,
       parataxis, csubj, relcl); the fewest dependency steps wins;
    2. one attached above the trigger (the verb governing the date dominates
       the trigger), as a sentence-level "On Monday, officials said ..."
       dates everything under it;
    3. one inside a clause below the trigger ("said that the troops left on
       Sunday" for "said"), the fewest clauses crossed first;
    4. any other date of the sentence (a sibling clause).

    Ties go to the nearest in characters, then the earlier. With no date in
    the sentence, or no sentence, the event takes ``published`` (None when
    the document has none). On the dev gold set, using levels 3-4 rather
    than falling back to the publication date was measured better.

    A date whose value is unresolved (a relative date without a publication
    date) is skipped. When the trigger token cannot be found, the nearest date
    in the sentence is taken. Background events dated earlier without a date
    ("initially") are the caller's business: this function falls back to
    ``published``.
    """
    if sentence is None:
        return published
    inside = [d for d in dates if d.value is not None
              and sentence.start_char <= d.start and d.end <= sentence.end_char]
    if not inside:
        return published
    trigger = _token_at(sentence, trigger_char)
    ranked = []
    for d in inside:
        r = _rank(d, sentence, trigger, trigger_char)
        if r is not None:
            ranked.append((r, d.start, d))
    if not ranked:
        return published
    ranked.sort(key=lambda x: (x[0], x[1]))
    best = ranked[0][2]
    log.debug("event at %d dated %s by %r", trigger_char, best.value, best.text)
    return best.value
