"""Document-level evidence for choosing the senses of a document's toponyms.

The first pass ranks each candidate alone; from its readings come the document's country votes (a
name's own vote never decides its own reading: leave-one-out focus), the towns and districts other
names resolve to (spatial coherence) and the first-level divisions the document names. After the
second pass, every mention of a name takes the sense of its best-supported mention.
"""
from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import GazEntry, normalize

__all__ = ["DocumentEvidence", "first_pass_evidence", "best_senses"]


def _country_or_division(entries) -> bool:
    """A name shared by a country and another country's first-level division."""
    pcl = {e.country for e in entries if e.fcode.startswith("PCL")}
    return bool(pcl) and any(e.fcode == "ADM1" and e.country not in pcl for e in entries)


@dataclass
class DocumentEvidence:
    votes: dict[str, float]
    own: dict[str, str]  # a name's own vote: it must not decide its own reading
    n_own: dict[tuple[str, str], float]
    local: list[tuple[str, GazEntry]]
    regions: frozenset[str]

    def focus_without(self, key: str) -> dict[str, float]:
        """The document's country shares, without the votes of the name ``key`` itself."""
        v = dict(self.votes)
        cc = self.own.get(key)
        if cc is not None:
            v[cc] -= self.n_own.get((key, cc), 0.0)
        total = sum(v.values()) or 1.0
        return {c: x / total for c, x in v.items() if x > 0}

    def near_without(self, key: str) -> list[GazEntry]:
        """The towns and districts other names of the document resolve to."""
        return list({id(e): e for kk, e in self.local if kk != key}.values())


def first_pass_evidence(cands, first) -> DocumentEvidence:
    """Country votes, local places and named regions from the first-pass readings ``first``."""
    votes: dict[str, float] = {}
    own: dict[str, str] = {}
    for c, r in zip(cands, first):
        if c.site_hint or not r.entry.country:
            continue
        if _country_or_division(c.entries):
            continue  # "Georgia": the vote would decide its own reading
        if len(c.entries) == 1 or r.margin >= 3.0:
            votes[r.entry.country] = votes.get(r.entry.country, 0.0) + 1.0
            if len(c.entries) > 1:
                own[normalize(c.lookup)] = r.entry.country
    n_own: dict[tuple[str, str], float] = {}
    for c, r in zip(cands, first):
        k = normalize(c.lookup)
        if own.get(k) == r.entry.country and (len(c.entries) == 1 or r.margin >= 3.0):
            n_own[(k, r.entry.country)] = n_own.get((k, r.entry.country), 0.0) + 1.0
    # spatial coherence: towns and districts of the first pass that other names of the document resolve to
    local = [(normalize(c.lookup), r.entry) for c, r in zip(cands, first)
             if r.entry.fclass in "PS" or r.entry.fcode in ("ADM2", "ADM3", "ADMD")]
    # first-level divisions the document names ("Ontario" makes "London" the Ontario one)
    regions = frozenset(r.entry.name for r in first if r.entry.fcode == "ADM1" and r.margin >= 2.0)
    return DocumentEvidence(votes, own, n_own, local, regions)


def best_senses(cands, ranked) -> dict:
    """One sense per document: for each name, its best-scored mention's reading (sites aside)."""
    best_of: dict = {}
    for c, r in zip(cands, ranked):
        key = normalize(c.lookup)
        if c.site_hint:
            continue
        b = best_of.get(key)
        if b is None or r.score > b.score:
            best_of[key] = r
    return best_of
