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

from ..nlp import doc_text
from ..nlp.tokens import doc_tokens
from .kb import normalise as kb_normalise

__all__ = ["known_org_around", "unlabelled_orgs"]

_CONNECTORS = {"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "al", "el", "&"}
_MAX_TOKENS = 6


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text) >= 2 and bool(letters) and all(c.isupper() for c in letters) \
        and all(c.isalnum() or c in ".&+" for c in text)


def _may_open(tok, firsts: frozenset[str]) -> bool:
    """Whether an organisation's name may start with this token: its word starts a KB name
    (``KnowledgeBase.org_first_words``), or it is glued to the next token, which may make
    another word of it."""
    first = kb_normalise(tok.text).split()[:1]
    return not tok.whitespace_ or bool(first) and first[0] in firsts


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
    toks = doc_tokens(doc)
    n = len(toks)
    text = [t.text for t in toks]
    cap = [_capitalised(w) for w in text]
    # a token that may stand inside a name of several words: a capitalised word, a connector, "&", "-"
    inner = [(cap[k] or toks[k].lower_ in _CONNECTORS or w in ("&", "-"))
             and not toks[k].is_space and not (toks[k].is_punct and w not in (".", "&", "-"))
             for k, w in enumerate(text)]
    firsts = kb.org_first_words()
    full = doc_text(doc)
    out: list[tuple[int, int, list]] = []

    def free(i: int, a: int, b: int) -> bool:
        if i not in taken:
            return True
        s = org_spans.get(i)
        return s is not None and a <= s[0] and s[1] <= b and (s[0], s[1]) != (a, b)

    i = 0
    while i < n:
        if not cap[i] or i in taken and i not in org_spans:
            i += 1
            continue
        if not _may_open(toks[i], firsts):
            i += 1
            continue
        run = i + 1  # the token itself (capitalised) may be a one-token name whatever follows
        while run < n and run - i < _MAX_TOKENS and inner[run]:
            run += 1
        found = None
        for j in range(run, i, -1):
            if not all(free(k, i, j) for k in range(i, j)):
                continue
            if j - i == 1:
                if not _acronym(text[i]) or _caps_line(toks, i):
                    continue
            elif not cap[j - 1]:
                continue
            name = full[toks[i].idx:toks[j - 1].idx + len(text[j - 1])]
            known = [e for e in kb.by_name(name) if e.kind != "person"]
            if not known or kb.country_by_name(name) or kb.country_by_capital(name) or is_place(doc[i:j]):
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
        return (_capitalised(t.text) or t.lower_ in _CONNECTORS) and not t.is_space

    left = 0  # words that may widen it on each side
    while left < 3 and ent.start - left - 1 >= 0 and wordlike(doc[ent.start - left - 1]):
        left += 1
    right = 0
    while right < 3 and ent.end + right < n and wordlike(doc[ent.end + right]):
        right += 1
    if not (left or right):
        return None  # no word to widen it by (most mentions)
    firsts = kb.org_first_words()
    full = doc_text(doc)
    best = None
    for a in range(ent.start - left, ent.start + 1):
        ta = doc[a]
        if not _capitalised(ta.text):
            continue
        if not _may_open(ta, firsts):
            continue
        for b in range(ent.end + right, ent.end - 1, -1):
            if (a, b) == (ent.start, ent.end):
                continue
            tb = doc[b - 1]
            if not _capitalised(tb.text):
                continue
            text = full[ta.idx:tb.idx + len(tb.text)]
            if any(e.kind != "person" for e in kb.by_name(text)) and not kb.country_by_name(text):
                if best is None or b - a > best[1] - best[0]:
                    best = (a, b)
    return SpacySpan(doc, best[0], best[1], label="ORG") if best else None
