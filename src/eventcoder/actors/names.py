"""Name normalisation and the similarity measures the resolver uses.

A written name is a *plausible corruption* of a known one when its string
similarity (Jaro-Winkler on the accent-free, case-folded form, surname weighted
more than given names) or its phonetic key says so. The thresholds live in
:class:`NameMatcher` and are calibrated by the robustness benchmark in
``tests/actors/test_robustness.py``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler

_PUNCT = re.compile(r"[^\w\s]")
_TITLES = {"mr", "mrs", "ms", "dr", "sir", "prof", "gen", "col", "lt", "sgt", "maj", "capt", "adm",
           "sheikh", "president", "minister", "prime", "king", "queen", "prince", "princess"}
_PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "der", "de", "da", "di", "la", "le", "abu", "du"}


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Accent-free, case-folded, punctuation-free, single-spaced form of a name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ı", "i").replace("ł", "l").replace("đ", "d").replace("ø", "o")
    s = _PUNCT.sub(" ", s.casefold().replace("'s ", " ").replace("’s ", " "))
    return " ".join(s.split())


def tokens(name: str) -> list[str]:
    return list(_tokens(name))


@lru_cache(maxsize=65536)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in normalise(name).split() if t not in _TITLES)


def surname(name: str) -> str:
    toks = tokens(name)
    return toks[-1] if toks else ""


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A phonetic key of one word (Metaphone), tolerant of transliteration variants."""
    if not word:
        return ""
    return jellyfish.metaphone(word)


def jw(a: str, b: str) -> float:
    return JaroWinkler.normalized_similarity(a, b)


@lru_cache(maxsize=131072)  # the same (written, known) pairs recur in document after document
def name_similarity(written: str, known: str) -> float:
    """How plausibly ``written`` is a (possibly garbled) rendering of ``known`` (0-1).

    The surname dominates; given names count when both sides have one. A
    written surname alone compares with the known surname only. Phonetically
    equal surnames get a small bonus.
    """
    w, k = _tokens(written), _tokens(known)
    if not w or not k:
        return 0.0
    w_core = [t for t in w if t not in _PARTICLES] or w
    k_core = [t for t in k if t not in _PARTICLES] or k
    sur = jw(w_core[-1], k_core[-1])
    if phonetic(w_core[-1]) and phonetic(w_core[-1]) == phonetic(k_core[-1]):
        sur = min(1.0, sur + 0.04)
    if len(w_core) == 1:
        return sur * 0.97
    if len(k_core) == 1:
        return sur * 0.9
    first = jw(w_core[0], k_core[0])
    # A given name that shares its first letter is a variant (Sergei/Sergey, Steve/Steven);
    # an unrelated given name is strong evidence of a different person.
    if w_core[0][0] != k_core[0][0]:
        first *= 0.8
    return 0.65 * sur + 0.35 * first
