"""A toponym candidate of a document and a scored sense of it: what the recognition
(``resolver.Geocoder._candidates``) hands to the sense scoring (``senses.py``)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .gazetteer import GazEntry, _bare, normalize


@dataclass(frozen=True)
class _Candidate:
    start: int  # char offsets of the toponym as written
    end: int
    text: str
    lookup: str  # the name looked up (admin/site suffix removed)
    entries: tuple[GazEntry, ...]
    admin_hint: bool  # "the X region": prefer first-level divisions
    site_hint: bool  # "X refugee camp": a site in or at X
    ner: str  # NER label of an entity covering the candidate, "" if none
    sent_start: int
    full: frozenset[int] = frozenset()  # entries found under the whole span with its suffix ("Kurdistan Region")

    @cached_property
    def famous(self) -> "GazEntry | None":
        """``_famous`` of this candidate, worked out once (every sense's score asks for it)."""
        return _famous(self)


@dataclass(frozen=True)
class _Scored:
    entry: GazEntry
    score: float
    margin: float
    reasons: tuple[str, ...] = ()


def _variant(key: str, e: GazEntry) -> bool:
    """Whether the looked-up name spells the entry's own name (a transliteration, a missing accent)."""
    from rapidfuzz import fuzz

    base = _bare(key)
    return any(fuzz.ratio(base, _bare(normalize(n))) >= 60 for n in (e.name, e.asciiname) if n)


def _famous(c: "_Candidate") -> GazEntry | None:
    """The sense of a name the world knows best (most alternate names, at least 30) among those that
    bear it as their own name or a spelling of it (not "Waterloo" as an old name of another town)."""
    if len(c.entries) < 2:
        return None
    best = max(c.entries, key=lambda e: e.altnames)
    if best.altnames < 30:
        return None
    key = normalize(c.lookup)
    own = [e for e in c.entries if e.altnames >= 30 and (
        key in (normalize(e.name), normalize(e.asciiname)) or _variant(key, e))]
    return max(own, key=lambda e: e.altnames) if own else None
