"""Two signs that a name the recogniser would reject is a place all the same.

- A dateline: an upper-case name opening a line and followed by the dateline's dash, colon,
  comma or (after ``nlp.prepare_text``) full stop ("OTTAWA – The chair ...", "SPRINGFIELD, Ill.
  (AP) -") names where the story was filed, whatever the tagger made of the word.
- A name tagged a place (GPE, LOC, FAC) or written as a dateline at one mention is a place at its
  other mentions too ("TORRINGTON —" in the dateline, "for Torrington businesses" later): one
  sense per document, and one kind.
"""
from __future__ import annotations

from typing import Callable, Sequence, TypeVar

__all__ = ["dateline_head", "admit_repeated"]

C = TypeVar("C")

_SEPARATORS = {"—", "–", "-", "--", ":", ".", ","}


def dateline_head(doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` are an upper-case name opening a line before a dateline separator."""
    if j >= len(doc) or doc[j].text not in _SEPARATORS:
        return False
    words = [t for t in doc[i:j] if any(c.isalpha() for c in t.text)]
    if not words or not all(t.text.isupper() and len(t.text) >= 3 or t.text.isupper() and len(words) > 1
                            for t in words):
        return False
    k = i - 1
    while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
        k -= 1
    return k < 0 or "\n" in doc[k].text or "\n" in doc[k].whitespace_


def admit_repeated(kept: Sequence[C], rejected: Sequence[C], key: Callable[[C], str],
                   sure: set[str]) -> list[C]:
    """``kept`` plus each rejected candidate whose name (``key``) is one of ``sure``, the names of
    kept candidates that the tagger labelled a place or a dateline wrote, in text order (candidates
    carry ``start`` and ``ner``). A name kept on weaker grounds (a large town's population) does not
    spread, nor does one into a mention inside an organisation's or a person's name ("Newmont Mining")."""
    extra = [c for c in rejected if key(c) in sure and c.ner not in ("ORG", "PERSON")]
    if not extra:
        return list(kept)
    return sorted([*kept, *extra], key=lambda c: c.start)
