"""Organisations the parser did not label, found by the knowledge base's names.

The small English model often leaves a known body untagged: an acronym ("G7", "OPEC", "USAID",
"HTS") or a name whose inner words it reads as a phrase ("Reporters Without Borders"). A run of
tokens no other mention holds is such an organisation when its text is exactly the name or an
alias of one knowledge-base organisation (or several of the same name, which the resolver orders
by country), and it is written as a name:

- one token: an acronym, all capitals (digits allowed: "G7"), two characters or more, not in a
  line of capitals (a headline's "WHO SAID" is not the World Health Organization);
- several tokens: every word capitalised but the connectors ("of", "the", "for", "and" ...), the
  first and the last word capitalised.

Countries, capitals and places the geocoder accepted are not organisations.
"""
from __future__ import annotations

__all__ = ["unlabelled_orgs"]

_CONNECTORS = {"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "al", "el", "&"}
_MAX_TOKENS = 6


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text) >= 2 and bool(letters) and all(c.isupper() for c in letters) \
        and all(c.isalnum() or c in ".&+" for c in text)


def _caps_line(toks, i: int) -> bool:
    """The word before or after token i is another all-capitals word: a line written in capitals."""
    for k in (i - 1, i + 1):
        if 0 <= k < len(toks):
            t = toks[k].text
            if len(t) > 1 and t.isalpha() and t.isupper():
                return True
    return False


def unlabelled_orgs(kb, doc, taken, is_place, org_spans=None) -> list[tuple[int, int, list]]:
    """(start, end, known organisations) of the knowledge-base organisations written in ``doc``
    on tokens outside ``taken`` (a token -> cluster map), longest first, left to right. A token
    of ``org_spans`` (token -> (start, end) of the organisation mention holding it: the parser's
    part of a longer name, "Borders" of "Reporters Without Borders") may be inside a match that
    holds that whole mention and is longer."""
    org_spans = org_spans or {}
    toks = list(doc)
    n = len(toks)
    out: list[tuple[int, int, list]] = []

    def free(i: int, a: int, b: int) -> bool:
        if i not in taken:
            return True
        s = org_spans.get(i)
        return s is not None and a <= s[0] and s[1] <= b and (s[0], s[1]) != (a, b)

    i = 0
    while i < n:
        if not _capitalised(toks[i].text) or i in taken and i not in org_spans:
            i += 1
            continue
        found = None
        for size in range(min(_MAX_TOKENS, n - i), 0, -1):
            j = i + size
            words = toks[i:j]
            if any(not free(t.i, i, j) or t.is_punct and t.text not in (".", "&", "-") or t.is_space for t in words):
                continue
            if size == 1:
                if not _acronym(words[0].text) or _caps_line(toks, i):
                    continue
            elif not (_capitalised(words[-1].text) and all(
                    _capitalised(t.text) or t.lower_ in _CONNECTORS or t.text in ("&", "-") for t in words)):
                continue
            span = doc[i:j]
            text = span.text
            known = [e for e in kb.by_name(text) if e.kind != "person"]
            if not known or kb.country_by_name(text) or kb.country_by_capital(text) or is_place(span):
                continue
            found = (i, j, known)
            break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found[1]
    return out


def known_org_around(kb, ent):
    """The parser's mention ``ent`` widened by up to three words on either side into the exact
    name of a knowledge-base organisation ("Without Borders" tagged PERSON in "Reporters Without
    Borders"), as an ORG span; None when no wider name is known."""
    from spacy.tokens import Span as SpacySpan

    doc = ent.doc
    n = len(doc)

    def wordlike(t) -> bool:
        return _capitalised(t.text) or t.lower_ in _CONNECTORS

    best = None
    for a in range(max(0, ent.start - 3), ent.start + 1):
        if not all(wordlike(t) and not t.is_space for t in doc[a:ent.start]):
            continue
        for b in range(min(n, ent.end + 3), ent.end - 1, -1):
            if (a, b) == (ent.start, ent.end) or not all(wordlike(t) and not t.is_space for t in doc[ent.end:b]):
                continue
            if not (_capitalised(doc[a].text) and _capitalised(doc[b - 1].text)):
                continue
            text = doc[a:b].text
            if any(e.kind != "person" for e in kb.by_name(text)) and not kb.country_by_name(text):
                if best is None or b - a > best[1] - best[0]:
                    best = (a, b)
    return SpacySpan(doc, best[0], best[1], label="ORG") if best else None
