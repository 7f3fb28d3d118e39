"""Attribute quotes to their speaker phrase, on a parsed spaCy ``Doc``.

For each quote the methods are tried in this order; the first that finds a
speaker wins:

1. ``cue-after``, strong form: a cue right after a quote that ends its clause
   ('"...," he said', '"..." said Peskov', '"...," according to the ministry').
2. ``cue-before``: a cue earlier in the same sentence ('X said: "..."',
   'X said that "..."', 'X called the decision "useless"', 'X, who said "..."',
   the second half of a split quote '"A," he said, "B"').
2b. ``colon``: a colon introduces the quote without a speech verb ('X delivered a retort:
   "..."', 'Clinton: "..."'), or ends the paragraph before a paragraph that is the quote.
3. ``embedded``: the subject of the nearest verb governing the quote
   ('Putin wanted meetings "without prior conditions"').
4. ``cue-after``, weak form: a cue later in the sentence of a quote embedded
   mid-sentence.
5. ``previous-speaker`` for a quote continuing the previous paragraph's quote.
6. ``next-sentence``: 'That was the message from X', 'So said X'.
7. ``previous-speaker``: the speaker of the quote before, in the same
   paragraph or in the paragraph before when the quote is a paragraph of its own.
8. ``next-sentence``, headline form: a quote in a short line without closing
   punctuation ('The “foolish decision”') takes the subject of the speech verb
   of the next paragraph's first sentence.
9. ``previous-paragraph``: a paragraph that is one unattributed quote takes the name or
   he/she subject of the main clause ending the paragraph before.
10. ``salient``: else the named subject nearest before the quote (``salient.py``).

A cue verb right before the quote ('... saying: "') wins over an earlier
'according to', and a participle after the quote ('"...?" highlighting')
loses to a cue before it. A document noun as speaker ('the statement said')
borrows who issued it: an earlier 'X said in a statement' / 'a statement from
X', else the speaker of a quote shortly before. ``referents.py`` moves the head
of a plural pronoun to the noun it refers to, of a sign or hat to its holder,
and of a gathering ('the protest drew demonstrators demanding') to its
participants.

Finally, the first part of a quote running over paragraphs takes the speaker
named in its last part (method ``cue-after``). A speaker is never looked for
in another paragraph than its quote's (the parser sometimes joins a headline
to the next paragraph), except by the headline form and a document noun. ``same_speaker_as`` points to the quote that carries
the explicit attribution, not merely to the quote before.

The speaker is the raw phrase ("Kremlin spokesman Dmitry Peskov", "he",
"the ministry"); resolving it to an entity is the actor resolver's job. This
module finds the layout and the cue; the grammar from a cue to its subject and
from a head to its noun phrase is ``phrases.py``.
"""
from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass

from ..nlp import doc_text
from ..nlp.tokens import doc_tokens
from .cues import BEFORE_CUES, DOCUMENT_NOUNS, NEXT_SENTENCE_NOUNS, SPEECH_VERBS
from .phrases import (EXPLETIVES, NOMINAL, QUOTE_CHARS, STOP, SUBJ, Found, according_to, flat_name, is_break,
                      is_cue_verb, is_quote_tok, phrase, reporter, subject_of)
from .referents import is_thing
from .salient import salient_subject
from .spans import QuoteSpan

__all__ = ["Attribution", "attribute"]

log = logging.getLogger(__name__)

_MAX_AFTER = 24
_DOCUMENT_REACH = 1500  # characters back to the quote whose speaker 'the statement' borrows


@dataclass(frozen=True)
class Attribution:
    """Who said a quote: the speaker phrase as character offsets into the text."""

    quote: QuoteSpan
    speaker_start: int | None
    speaker_end: int | None
    speaker_head: int | None  # offset of the head token of the speaker phrase
    cue: str | None  # the cue word(s) as written ("said", "told", "according to")
    method: str  # cue-after, cue-before, embedded, next-sentence, previous-speaker, none
    confidence: float
    same_speaker_as: int | None = None  # index of the attributed quote this one borrows from


def attribute(doc, spans: list[QuoteSpan]) -> list[Attribution]:
    """One attribution per quote span, in the same order."""
    ctx = _Context(doc, spans)
    out: list[Attribution] = []
    for i, q in enumerate(spans):
        a = _attribute_one(ctx, i, q, out)
        if a.method == "none":  # no layout: the person the text is about just before (salient.py)
            f = salient_subject(ctx.doc, _outer(q)[0], lambda t: _is_quoted(ctx, t))
            if f is not None:
                a = Attribution(q, f.start, f.end, f.head, None, "salient", 0.3, None)
        out.append(_document_speaker(ctx, a, out))
    # a quote running over paragraphs takes the speaker named in its last part
    for i in range(len(out) - 2, -1, -1):
        a, nxt = out[i], out[i + 1]
        if a.method == "none" and not a.quote.closed and nxt.quote.continues and nxt.speaker_start is not None:
            out[i] = Attribution(a.quote, nxt.speaker_start, nxt.speaker_end, nxt.speaker_head, nxt.cue,
                                 "cue-after", round(min(0.7, nxt.confidence), 3), None)
    log.debug("attributed %d quotes, %d without a speaker", len(out),
              sum(1 for a in out if a.speaker_start is None))
    return out


class _Context:
    def __init__(self, doc, spans: list[QuoteSpan]):
        self.doc = doc
        self.text = doc_text(doc)
        self.spans = spans
        self.starts = [t.idx for t in doc_tokens(doc)]

    def tok_at_or_after(self, char: int) -> int:
        return bisect.bisect_left(self.starts, char)

    tok_before = tok_at_or_after  # one past the last token starting before ``char``

    def inside(self, tok, q: QuoteSpan) -> bool:
        return _outer(q)[0] <= tok.idx < _outer(q)[1]


def _outer(q: QuoteSpan) -> tuple[int, int]:
    return (q.outer_start if q.outer_start is not None else q.start,
            q.outer_end if q.outer_end is not None else q.end)


def _attribute_one(ctx: _Context, i: int, q: QuoteSpan, done: list[Attribution]) -> Attribution:
    before = _before_tokens(ctx, i, q)
    after = _after_tokens(ctx, i, q)
    clause_initial = not any(t.is_alpha for t in before)
    ends_clause = _ends_with_comma_or_mark(ctx.text, q)

    found_after = _same_paragraph(ctx, q, _cue_after(after, q, ctx))
    found = _same_paragraph(ctx, q, _cue_before(before, q, ctx))
    if found_after and (clause_initial or ends_clause) and not (found and _adjunct_cue(ctx, found_after)):
        return _make(q, found_after, "cue-after", 0.9)
    if found:
        return _make(q, found, "cue-before", 0.85)
    found = _colon_speaker(ctx, q, before)
    if found:
        return _make(q, found, "colon", 0.7)
    if not clause_initial:
        found = _same_paragraph(ctx, q, _embedded(ctx, q))
        if found:
            return _make(q, found, "embedded", 0.6)
    if found_after:
        return _make(q, found_after, "cue-after", 0.6)
    if q.continues and i > 0:
        prev = _previous(q, done, i - 1, 0.8)
        if prev:
            return prev
    if clause_initial:
        found = _next_sentence(ctx, q)
        if found:
            return _make(q, found, "next-sentence", 0.6)
    if i > 0 and clause_initial:
        between = ctx.text[_outer(ctx.spans[i - 1])[1]:_outer(q)[0]]
        if "\n" not in between:
            prev = _previous(q, done, i - 1, 0.7)
            if prev:
                return prev
        elif _starts_paragraph(ctx.text, q) and not any(
                part.strip() for part in between.split("\n")[1:]):
            prev = _previous(q, done, i - 1, 0.5)
            if prev:
                return prev
    found = _headline_speaker(ctx, q)
    if found:
        return _make(q, found, "next-sentence", 0.5)
    if clause_initial and _starts_paragraph(ctx.text, q):
        found = _paragraph_before_subject(ctx, q)
        if found:
            return _make(q, found, "previous-paragraph", 0.4)
    return Attribution(q, None, None, None, None, "none", 0.0, None)


def _paragraph_before_subject(ctx: _Context, q: QuoteSpan) -> Found | None:
    """A paragraph that is one unattributed quote, after a paragraph about someone ('Viguerie is
    upbeat about Cruz's chances.' / '"Not only can he win ..."'): the subject of the main clause of
    the paragraph before's last sentence, when it is a name or a person pronoun outside quotation
    marks."""
    text = ctx.text
    end = q.outer_end if q.outer_end is not None else q.end
    rest = text[end:text.find("\n", end) if text.find("\n", end) >= 0 else len(text)]
    if any(c.isalpha() for c in rest):
        return None  # more words after the quote in its paragraph: not a quote paragraph
    k = _outer(q)[0] - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] in "".join(QUOTE_CHARS):
        return None  # the paragraph before ends with a quotation: handled as previous-speaker
    j = ctx.tok_before(k + 1) - 1
    if j < 0:
        return None
    sent = ctx.doc[j].sent
    root = sent.root
    if _is_quoted(ctx, root):
        return None
    subj = next((c for c in root.children if c.dep_ in SUBJ), None)
    if subj is None or _is_quoted(ctx, subj):
        return None
    if subj.pos_ == "PROPN" or subj.lower_ in ("he", "she"):
        return phrase(subj, cue=None, anchor=root)
    return None


def _document_speaker(ctx: _Context, a: Attribution, done: list[Attribution]) -> Attribution:
    """'the statement said' is said by whoever issued the statement: the speaker of an earlier
    mention of that noun ('X said in a statement', 'a statement from X'), else the speaker of the
    quote before."""
    if a.speaker_head is None or a.method == "previous-speaker":
        return a
    k = ctx.tok_at_or_after(a.speaker_head)
    if k >= len(ctx.doc):
        return a
    head = ctx.doc[k]
    if head.lemma_.lower() not in DOCUMENT_NOUNS or head.pos_ != "NOUN" or any(
            c.dep_ in ("poss", "compound", "amod", "nmod", "prep") or
            (c.dep_ == "det" and c.lower_ not in ("the", "this", "that")) for c in head.children):
        return a
    lemma = head.lemma_.lower()
    for t in reversed(ctx.doc[:k]):
        if t.lemma_.lower() != lemma or t.pos_ != "NOUN" or _is_quoted(ctx, t):
            continue
        owner = _owner_of(t)
        if owner is not None and not is_thing(owner):
            f = phrase(owner, cue=a.cue)
            return Attribution(a.quote, f.start, f.end, f.head, a.cue, a.method,
                               round(min(a.confidence, 0.7), 3), None)
        break
    for j in range(len(done) - 1, -1, -1):
        if _outer(a.quote)[0] - _outer(done[j].quote)[1] > _DOCUMENT_REACH:
            break
        prev = _previous(a.quote, done, j, min(a.confidence, 0.6))
        if prev is not None:
            return Attribution(a.quote, prev.speaker_start, prev.speaker_end, prev.speaker_head, a.cue,
                               a.method, prev.confidence, prev.same_speaker_as)
    return a


def _is_quoted(ctx: _Context, t) -> bool:
    return any(_outer(q)[0] <= t.idx < _outer(q)[1] for q in ctx.spans)


def _owner_of(t):
    """Who issued a document noun: 'X's statement', 'a statement from/by X', 'X said in a statement',
    'X issued a statement'."""
    for c in t.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")]
            if objs:
                return objs[0]
    cur = t
    for _ in range(3):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            subj = subject_of(cur)
            if subj is None or (subj.pos_ == "PRON" and subj.lower_ not in ("he", "she")):
                return None
            return subj
    return None


def _headline_speaker(ctx: _Context, q: QuoteSpan) -> Found | None:
    """A quote in a headline-like line (short, no closing punctuation) is usually the words of
    whoever speaks in the first sentence of the next paragraph: 'The “foolish decision”' /
    'Orban announced that ...'."""
    text = ctx.text
    p0 = text.rfind("\n", 0, q.start) + 1
    p1 = text.find("\n", q.end)
    p1 = len(text) if p1 < 0 else p1
    line = text[p0:p1].strip().rstrip("".join(QUOTE_CHARS) + "\u2019' ")
    if not line or not line[-1].isalnum() or len(line.split()) > 15:
        return None
    k = ctx.tok_at_or_after(p1)
    while k < len(ctx.doc) and (ctx.doc[k].is_space or not ctx.doc[k].text.strip()):
        k += 1
    for t in ctx.doc[k:k + 30]:
        if t.text in STOP or is_break(t) or is_quote_tok(t):
            return None
        if is_cue_verb(t, SPEECH_VERBS):
            subj = subject_of(t)
            if subj is None or subj.lower_ in EXPLETIVES or subj.i < k:
                return None
            return phrase(subj, cue=t.text, anchor=t)
    return None


def _adjunct_cue(ctx: _Context, f: Found) -> bool:
    """The cue after the quote is a participle of the clause before it ('they cried out, "..."
    highlighting ...'): the cue before the quote is the better one."""
    if f.anchor is None:
        return False
    k = ctx.tok_at_or_after(f.anchor)
    if k >= len(ctx.doc):
        return False
    t = ctx.doc[k]
    return t.tag_ == "VBG" and not any(c.dep_ in SUBJ for c in t.children)


def _same_paragraph(ctx: _Context, q: QuoteSpan, f: Found | None) -> Found | None:
    """``f`` unless the parser reached into another paragraph for it."""
    if f is None:
        return None
    o0, o1 = _outer(q)
    if f.start < o1 and o0 < f.end:  # the phrase runs into the quote
        if not f.head < o0:
            return None
        end = o0
        while end > f.start and not ctx.text[end - 1].isalnum() and ctx.text[end - 1] not in ")":
            end -= 1
        f = Found(f.start, end, f.head, f.cue, f.anchor)
    points = [f.start, f.end, o0, o1] + ([f.anchor] if f.anchor is not None else [])
    lo, hi = min(points), max(points)
    return None if "\n" in ctx.text[lo:hi] and "\n" not in ctx.text[_outer(q)[0]:_outer(q)[1]] else f


def _make(q: QuoteSpan, f: Found, method: str, conf: float) -> Attribution:
    if not q.closed:
        conf *= 0.8
    return Attribution(q, f.start, f.end, f.head, f.cue, method, round(conf, 3), None)


def _previous(q: QuoteSpan, done: list[Attribution], j: int, conf: float) -> Attribution | None:
    a = done[j]
    if a.speaker_start is None:
        return None
    root = a.same_speaker_as if a.method == "previous-speaker" else j
    return Attribution(q, a.speaker_start, a.speaker_end, a.speaker_head, a.cue,
                       "previous-speaker", min(conf, a.confidence), root)


# --- the token windows around a quote ------------------------------------------------

def _before_tokens(ctx: _Context, i: int, q: QuoteSpan) -> list:
    """Tokens of the clause before the quote's opening mark (same sentence, same paragraph)."""
    limit = _outer(ctx.spans[i - 1])[1] if i > 0 else 0
    k = ctx.tok_before(_outer(q)[0]) - 1
    out = []
    while k >= 0 and len(out) < 40:
        t = ctx.doc[k]
        if t.idx < limit or t.text in STOP or is_break(t) or is_quote_tok(t):
            break
        out.append(t)
        k -= 1
    out.reverse()
    return out


def _after_tokens(ctx: _Context, i: int, q: QuoteSpan) -> list:
    """Tokens after the closing mark up to the end of the clause or the next quote."""
    if not q.closed:
        return []
    limit = _outer(ctx.spans[i + 1])[0] if i + 1 < len(ctx.spans) else len(ctx.text)
    out = []
    for k in range(ctx.tok_at_or_after(_outer(q)[1]), len(ctx.doc)):
        t = ctx.doc[k]
        if t.idx >= limit or t.text in STOP or is_break(t) or is_quote_tok(t) or len(out) >= _MAX_AFTER:
            break
        out.append(t)
    return out


def _ends_with_comma_or_mark(text: str, q: QuoteSpan) -> bool:
    tail = text[q.end:_outer(q)[1] + 2]
    return any(c in ",?!\u2014" for c in tail) or q.text[-1:] in ("?", "!")


def _starts_paragraph(text: str, q: QuoteSpan) -> bool:
    k = _outer(q)[0] - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] in "\n\r"


# --- the methods ----------------------------------------------------------------------

def _cue_after(after: list, q: QuoteSpan, ctx: _Context) -> Found | None:
    for k, t in enumerate(after):
        f = according_to(after, k)
        if f:
            return f
        if not is_cue_verb(t, SPEECH_VERBS):
            continue
        subj = subject_of(t)
        if subj is not None and not ctx.inside(subj, q):
            return phrase(subj, cue=t.text, anchor=t)
        nominal = [x for x in after[:k] if x.pos_ in NOMINAL]
        if nominal:
            return phrase(flat_name(after[:k]) or nominal[-1], cue=t.text, flat=after[:k], anchor=t)
        later = next((x for x in after[k + 1:] if x.pos_ in NOMINAL), None)
        if later is not None:
            return phrase(later, cue=t.text, anchor=t)
        return None
    return None


def _quote_top(ctx: _Context, q: QuoteSpan):
    toks = [t for t in ctx.doc[ctx.tok_at_or_after(q.start):ctx.tok_before(q.end)]]
    for t in toks:
        if not (q.start <= t.head.idx < q.end) or t.head.i == t.i:
            return t
    return None


def _cue_before(before: list, q: QuoteSpan, ctx: _Context) -> Found | None:
    candidates = [t for t in reversed(before) if is_cue_verb(t, BEFORE_CUES)]
    near_verb = candidates[0] if candidates and before[-1].i - candidates[0].i <= 2 else None
    for k in range(len(before) - 1, -1, -1):
        f = according_to(before, k)
        if f and not (near_verb is not None and near_verb.i > before[k].i and subject_of(near_verb) is not None):
            return f  # unless a cue verb right before the quote comes after it: 'according to X, ... saying: "'
        if f:
            break
    top = _quote_top(ctx, q)
    ancestors = set(top.ancestors) if top is not None else set()
    for rank, t in enumerate(candidates):
        near = before[-1].i - t.i <= 2 and rank == 0
        if t in ancestors or near:
            subj = subject_of(t)
            if subj is not None:
                return reporter(t, subj) or phrase(subj, cue=t.text, anchor=t)
    for t in candidates:
        if t.lemma_.lower() in SPEECH_VERBS:
            subj = subject_of(t)
            if subj is not None:
                return reporter(t, subj) or phrase(subj, cue=t.text, anchor=t)
    return None


def _colon_speaker(ctx: _Context, q: QuoteSpan, before: list) -> Found | None:
    """A quote introduced by a colon: 'Sanders delivered a retort: "..."', 'Clinton: "..."',
    'Continued Stone: "..."', or a paragraph ending 'X said that given the choice:' followed
    by a paragraph that is the quote. The speaker is the subject of the clause before the
    colon (through a speech verb when it has one), else its first proper name."""
    if before and before[-1].text == ":":
        toks = before[:-1]
    elif _starts_paragraph(ctx.text, q):
        k = _outer(q)[0] - 1
        while k >= 0 and ctx.text[k].isspace():
            k -= 1
        if k < 0 or ctx.text[k] != ":":
            return None
        j = ctx.tok_before(k + 1) - 1
        toks = []
        for t in reversed(ctx.doc[:j]):
            if t.text in STOP or is_break(t) or is_quote_tok(t) or len(toks) >= 40:
                break
            toks.append(t)
        toks.reverse()
    else:
        return None
    if not toks:
        return None
    for t in reversed(toks):
        if is_cue_verb(t, BEFORE_CUES):
            subj = subject_of(t)
            if subj is not None and subj.lower_ not in EXPLETIVES:
                return phrase(subj, cue=t.text, anchor=t)
    inside = {t.i for t in toks}
    tops = [t for t in toks if t.head.i not in inside or t.head.i == t.i]  # the clause's heads
    for t in tops:
        if t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in SUBJ), None)
            if subj is not None and subj.pos_ in NOMINAL and subj.lower_ not in EXPLETIVES | {"here", "i", "we", "you"}:
                return phrase(subj, cue=None, anchor=t)
            return None
    for t in tops:
        if t.pos_ == "PROPN" and len(toks) <= 6:
            return phrase(t, cue=None)
    return None


def _embedded(ctx: _Context, q: QuoteSpan) -> Found | None:
    top = _quote_top(ctx, q)
    if top is None:
        return None
    # A quote inside a reported clause belongs to the reporter: "Orban said that “Hungary does
    # not want ...”" -> Orban, not Hungary. Otherwise the subject of the nearest verb above it.
    first = None
    cur = top
    for _ in range(10):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            subj = subject_of(cur)
            if subj is None or ctx.inside(subj, q) or q.start <= subj.idx < q.end:
                continue
            if is_cue_verb(cur, SPEECH_VERBS):
                return phrase(subj, cue=cur.text, anchor=cur)
            if first is None:
                first = phrase(subj, cue=None, anchor=cur)
    return first


def _next_sentence(ctx: _Context, q: QuoteSpan) -> Found | None:
    if not q.closed:
        return None
    k = ctx.tok_at_or_after(_outer(q)[1])
    ended = q.text[-1:] in (".", "!", "?")
    breaks = 0
    while k < len(ctx.doc) and (ctx.doc[k].is_punct or ctx.doc[k].is_space):
        ended = ended or ctx.doc[k].text in STOP
        breaks += is_break(ctx.doc[k])
        if is_quote_tok(ctx.doc[k]) or breaks > 1:
            return None
        k += 1
    if not ended or k >= len(ctx.doc):
        return None
    sent = []
    while k < len(ctx.doc) and len(sent) < 30:
        t = ctx.doc[k]
        if t.text in STOP or is_break(t) or is_quote_tok(t):
            break
        sent.append(t)
        k += 1
    if not sent:
        return None
    first = sent[0].lower_
    second = {t.lemma_.lower() for t in sent[1:4]}
    if first in ("that", "this", "these", "those", "so", "such") or (
            first == "the" and second & NEXT_SENTENCE_NOUNS):
        for t in sent:
            if t.lower_ in ("from", "by") or (t.lower_ == "of" and t.head.lemma_.lower() in NEXT_SENTENCE_NOUNS):
                objs = [c for c in t.children if c.dep_ == "pobj" and c.pos_ in NOMINAL]
                if objs:
                    return phrase(objs[0], cue=None)
        for t in sent:
            if is_cue_verb(t, SPEECH_VERBS):
                subj = subject_of(t)
                if subj is not None and subj.lower_ not in EXPLETIVES:
                    return phrase(subj, cue=t.text, anchor=t)
    for t in sent:
        if is_cue_verb(t, SPEECH_VERBS) and any(
                c.dep_ == "dobj" and c.lower_ in ("this", "that", "so") for c in t.children):
            subj = subject_of(t)
            if subj is not None:
                return phrase(subj, cue=t.text, anchor=t)
    return None


