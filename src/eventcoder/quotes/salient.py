"""The last resort for a quote no layout attributes: the person the text is about just before it.

A quote with no cue of its own ('... since Trump spoke only in evasive bromides.' / '"We have
to be tougher."') is most often the words of the named person subject nearest before it: the
subject nearest the root of the closest sentence before the quote, in its paragraph or the
paragraph before, outside quotation marks. Used only where every layout of ``speakers.py``
found nothing (method ``salient``, low confidence).
"""
from __future__ import annotations

from ..nlp import doc_text
from ..nlp.tokens import doc_tokens, span_tokens
from .phrases import SUBJ, Found, phrase

__all__ = ["salient_subject"]

_SENTENCES = 3  # sentences back
_PARAGRAPHS = 1  # paragraph breaks crossed


def _named(t) -> bool:
    return t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "") and t.text[:1].isupper()


def salient_subject(doc, start: int, quoted) -> Found | None:
    """The named subject nearest before offset ``start`` (``quoted(tok)`` tells a token inside
    quotation marks)."""
    k = next((t.i for t in doc_tokens(doc) if t.idx >= start), len(doc))
    if k == 0:
        return None
    sent = doc[k - 1].sent
    breaks = 0
    for _ in range(_SENTENCES):
        best = None
        for t in span_tokens(sent):
            if t.idx >= start or quoted(t) or not _named(t):
                continue
            if t.dep_ in SUBJ or t.dep_ in ("compound", "conj") and t.head.dep_ in SUBJ and _named(t.head):
                head = t if t.dep_ in SUBJ else t.head
                depth = sum(1 for _ in head.ancestors)
                if best is None or depth < best[0]:
                    best = (depth, head)
        if best is not None:
            return phrase(best[1], cue=None, anchor=best[1].head)
        if sent.start == 0:
            return None
        breaks += "\n" in doc_text(doc)[doc[sent.start - 1].idx:sent.start_char]  # doc.text joins every token
        if breaks > _PARAGRAPHS:
            return None
        sent = doc[sent.start - 1].sent
    return None
