"""Who a speaker word stands for, where the actor resolver cannot tell, on a parsed spaCy ``Doc``.

The actor resolver links names, person pronouns and descriptions. Three kinds
of speaker words fall outside it, and are mapped here to a better head token
(whose generic actor then gets the right country and sector):

* a plural pronoun ("they cried out") -> the plural noun it refers to, the
  nearest earlier plural subject ("Protesters expressed ... they cried out");
* a thing that carries words ("a hat saying", "a placard reading") -> its
  holder or wearer ("protesters wearing a makeshift hat saying: ...");
* the subject a participle modifies when the parser hung the participle on the
  clause ("thousands of demonstrators demanding X and denouncing Y").

A document noun ("the statement said") is handled in ``speakers.py``: it
borrows an earlier speaker.
"""
from __future__ import annotations

from .cues import CARRIER_NOUNS, DOCUMENT_NOUNS

__all__ = ["plural_antecedent", "carrier_holder", "participle_subject", "is_thing"]

PLURAL_PRONOUNS = {"they", "them"}
_SUBJ = ("nsubj", "nsubjpass")
_QUOTE_CHARS = set('"\u201c\u201d\u201e\u201f\u00ab\u00bb')
_MAX_BACK = 80  # tokens looked back for an antecedent


def _in_quotes(doc, i: int) -> bool:
    """An odd number of quotation marks between the start of ``i``'s line and ``i``."""
    n = 0
    for k in range(i - 1, -1, -1):
        t = doc[k]
        if t.is_space and "\n" in t.text:
            break
        n += any(c in _QUOTE_CHARS for c in t.text)
    return n % 2 == 1


def plural_antecedent(tok):
    """The plural noun a 'they'/'them' refers to, or None: the nearest earlier plural noun subject,
    within the paragraph of ``tok`` and the one before, outside quotation marks."""
    if tok.lower_ not in PLURAL_PRONOUNS or tok.pos_ != "PRON":
        return None
    doc = tok.doc
    breaks = 0
    for k in range(tok.i - 1, max(-1, tok.i - _MAX_BACK), -1):
        t = doc[k]
        if t.is_space and "\n" in t.text:
            breaks += 1
            if breaks > 1:
                return None
            continue
        if t.dep_ in _SUBJ and t.pos_ in ("NOUN", "PROPN") and t.tag_ in ("NNS", "NNPS") \
                and not _in_quotes(doc, k):
            return _counted(t)
    return None


_QUANTITIES = {"thousand", "hundred", "dozen", "ten", "million", "score", "group", "crowd", "number"}


def _counted(t):
    """'Thousands of protesters' -> 'protesters'."""
    if t.lemma_.lower() not in _QUANTITIES and not t.like_num:
        return t
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
            if objs:
                return objs[0]
    return t


def is_thing(tok) -> bool:
    """A carrier or a document noun: words stand on it, but it does not speak."""
    return tok.lemma_.lower() in CARRIER_NOUNS or tok.lower_ in CARRIER_NOUNS or (
        tok.lemma_.lower() in DOCUMENT_NOUNS and tok.pos_ == "NOUN")


def carrier_holder(tok):
    """The holder of a carrier ('protesters wearing a hat', 'a man held a sign') or the issuer of
    a document ('Halliburton issued a statement'), or None."""
    if not is_thing(tok):
        return None
    cur = tok
    for _ in range(3):  # the verb the carrier is the object of (through 'with' and conjuncts)
        if cur.dep_ in ("dobj", "pobj", "conj") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
        if cur.pos_ in ("VERB", "AUX"):
            subs = [c for c in cur.children if c.dep_ in _SUBJ]
            if subs and subs[0].pos_ in ("NOUN", "PROPN", "PRON") and not is_thing(subs[0]):
                return subs[0]
            return None
    return None


def participle_subject(verb):
    """The noun right before a subjectless participle ('demonstrators demanding'), or None.

    The parser often hangs such a participle on the main clause ('The protest drew thousands of
    demonstrators demanding ...'), whose subject is then wrongly taken for the speaker.
    """
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl", "xcomp", "conj") or verb.i == 0:
        return None
    if any(c.dep_ in _SUBJ for c in verb.children):
        return None
    left = verb.doc[verb.i - 1]
    if left.pos_ in ("NOUN", "PROPN") and left.dep_ not in ("compound",):
        return left
    return None
