"""The speaker phrase on a parsed spaCy ``Doc``: from a cue verb to its subject, from a head
token to its noun phrase. ``speakers.py`` decides which layout a quote has and where its cue
is; this module reads the grammar around the cue, the same for every layout:

* ``subject_of``: the subject of a cue verb, climbing conjuncts, complements and participles
  ('X said and added', 'X went on, saying'), a relative pronoun to its antecedent, a carrier
  ('a hat saying') to its holder, a gathering to the participants a participle names;
* ``phrase``: the noun phrase of a head token (its left dependents, its right ones up to a
  clause or a date), with the head moved to the noun a plural pronoun refers to;
* ``according_to``: the phrase of 'according to X';
* ``reporter``: the speaker of reported speech whose inner subject is a thing ('Sanders said
  the process could be "messy"').
"""
from __future__ import annotations

from dataclasses import dataclass

from ..nlp import doc_text
from .cues import EVENT_NOUNS, SPEECH_VERBS
from .referents import carrier_holder, is_thing, participle_subject, plural_antecedent

__all__ = ["Found", "flat_name", "subject_of", "phrase", "according_to", "reporter", "speaker_like", "is_cue_verb",
           "is_quote_tok", "is_break", "QUOTE_CHARS", "STOP", "SUBJ", "EXPLETIVES", "NOMINAL"]

QUOTE_CHARS = set('"\u201c\u201d\u201e\u201f\u00ab\u00bb')
STOP = {".", "!", "?", ";"}
SUBJ = ("nsubj", "nsubjpass", "csubj")
REL_PRONOUNS = {"who", "which", "that", "whom"}
EXPLETIVES = {"it", "there", "this", "that", "these", "those", "what", "which"}
_CUT_RIGHT_DEPS = {"relcl", "acl", "advcl", "npadvmod"}
_KEEP_PREPS = {"of", "for", "from", "at"}
NOMINAL = {"PROPN", "NOUN", "PRON"}
_CLIMB = {"conj", "xcomp", "advcl", "pcomp", "prep"}  # dependencies a subject search climbs
_SPEAKER_PRONOUNS = {"he", "she", "they", "we", "i", "you", "who"}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    head: int
    cue: str | None
    anchor: int | None = None  # offset of the verb (or cue) the speaker was found through


def is_quote_tok(tok) -> bool:
    return tok.text in QUOTE_CHARS or (len(tok.text) <= 2 and any(c in QUOTE_CHARS for c in tok.text))


def is_break(tok) -> bool:
    return tok.is_space and "\n" in tok.text


def is_cue_verb(t, words) -> bool:
    return t.lemma_.lower() in words and t.pos_ in ("VERB", "AUX")


def according_to(tokens: list, k: int) -> Found | None:
    t = tokens[k]
    if t.lower_ != "according" or k + 1 >= len(tokens) or tokens[k + 1].lower_ != "to":
        return None
    to = tokens[k + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    head = objs[0] if objs else next((x for x in tokens[k + 2:] if x.pos_ in NOMINAL), None)
    if head is None:
        return None
    return phrase(head, cue=doc_text(t.doc)[t.idx:to.idx + len(to.text)])


def subject_of(verb):
    cur = verb
    participle = None  # the noun right before a subjectless participle on the way up
    for _ in range(4):
        subs = [c for c in cur.children if c.dep_ in SUBJ]
        if subs:
            s = subs[0]
            if s.lower_ in REL_PRONOUNS and cur.dep_ == "relcl":
                return cur.head
            if s.lower_ in EXPLETIVES and s.lower_ != "it":
                return None
            if participle is not None and s.lemma_.lower() in EVENT_NOUNS:
                return participle  # 'the protest drew demonstrators demanding ...'
            return carrier_holder(s) or s
        p = participle_subject(cur)
        if p is not None:
            holder = carrier_holder(p)
            if holder is not None:  # 'protesters wearing a hat saying ...'
                return holder
            # the parser hung the participle on its noun ('students demanding'), or on a clause
            # whose subject is a gathering: the noun is the speaker (checked above)
            if participle is None and not is_thing(p):
                if cur.dep_ == "acl" and cur.head.i == p.i and not _speech_before(cur):
                    return p
                participle = p
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i or cur.head.pos_ not in ("VERB", "AUX", "ADP"):
            return None
        cur = cur.head
    return None


def _speech_before(verb) -> bool:
    """A speech verb with a subject earlier in the sentence ('X said that ... birds saying "...'):
    that subject, not the noun before the participle, is the speaker."""
    for t in verb.sent:
        if t.i >= verb.i:
            return False
        if is_cue_verb(t, SPEECH_VERBS) and any(c.dep_ in SUBJ for c in t.children):
            return True
    return False


def phrase(head, *, cue: str | None, flat: list | None = None, anchor=None) -> Found:
    f = _phrase_span(head, cue=cue, flat=flat)
    ante = plural_antecedent(head)  # 'they' -> 'protesters': the phrase stays, the head moves
    return Found(f.start, f.end, ante.idx if ante is not None else f.head, f.cue,
                  anchor.idx if anchor is not None else None)


def _phrase_span(head, *, cue: str | None, flat: list | None = None) -> Found:
    """The noun phrase of ``head``: its left dependents and its right ones up to a clause."""
    if flat is not None:  # no usable parse: the run of words before the cue
        words = [t for t in flat if not t.is_punct and not t.is_space]
        while words and words[0].pos_ in ("CCONJ", "ADP", "ADV", "SCONJ"):
            words.pop(0)
        if words:
            return Found(words[0].idx, words[-1].idx + len(words[-1].text), head.idx, cue)
    toks = [head]
    for c in head.lefts:
        toks.extend(c.subtree)
    for c in head.rights:
        if c.dep_ in _CUT_RIGHT_DEPS:
            break
        if c.dep_ == "punct":
            continue
        if c.dep_ == "prep" and (c.lower_ not in _KEEP_PREPS or any(
                x.ent_type_ in ("DATE", "TIME") for x in c.subtree)):
            break
        toks.extend(c.subtree)
    toks.sort(key=lambda t: t.i)
    lo, hi = 0, len(toks) - 1
    while lo < hi and (toks[lo].is_punct or toks[lo].pos_ == "CCONJ" or is_quote_tok(toks[lo])):
        lo += 1
    while hi > lo and (toks[hi].is_punct or toks[hi].pos_ == "CCONJ" or is_quote_tok(toks[hi])):
        hi -= 1
    a, b = toks[lo], toks[hi]
    if not (a.i <= head.i <= b.i):
        a = b = head
    doc = head.doc
    words = doc[a.i:b.i + 1].text
    if words.count("(") > words.count(")"):  # close a bracket the parse left open
        for k in range(b.i + 1, min(b.i + 4, len(doc))):
            if doc[k].text == ")":
                b = doc[k]
                break
    return Found(a.idx, b.idx + len(b.text), head.idx, cue)


def speaker_like(tok) -> bool:
    return tok.pos_ == "PROPN" or tok.lower_ in _SPEAKER_PRONOUNS or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def reporter(verb, subj) -> Found | None:
    """'Sanders said the process could be "messy," adding, "..."': the subject the climb found
    ('the process') is a thing inside reported speech; the speaker is the subject of the speech
    verb above it. None when ``subj`` may speak or no such verb is found."""
    if speaker_like(subj) or subj.pos_ not in ("NOUN", "PRON"):
        return None
    for a in subj.ancestors:
        if a.i != verb.i and is_cue_verb(a, SPEECH_VERBS):
            s = next((c for c in a.children if c.dep_ in SUBJ), None)
            if s is not None and s.i != subj.i and s.lower_ not in EXPLETIVES and speaker_like(s):
                return phrase(s, cue=a.text, anchor=a)
    return None


def flat_name(words: list):
    """In a run of words with no usable parse, a name set off by a comma at its start is the
    speaker and what follows its apposition ('Gene Sperling, a top outside Clinton adviser,
    said'): the name's last word, else None."""
    words = [t for t in words if not t.is_space and not is_quote_tok(t)]
    while words and words[0].is_punct:
        words.pop(0)
    run = []
    for t in words:
        if t.pos_ != "PROPN":
            break
        run.append(t)
    if run and len(run) < len(words) and words[len(run)].text == "," and run[-1].ent_type_ in ("PERSON", ""):
        return run[-1]
    return None
