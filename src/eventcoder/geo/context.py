"""Document-level evidence for choosing the senses of a document's toponyms.

The first pass ranks each candidate alone; from its readings come the document's country votes (a
name's own vote never decides its own reading: leave-one-out focus), the towns and districts other
names resolve to (spatial coherence) and the first-level divisions the document names. After the
second pass, every mention of a name takes the sense of its best-supported mention.
"""
from __future__ import annotations

import math
import re
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
    # (not one that is most of a country the document names: "England" says no more than "Britain")
    nations = {r.entry.country: r.entry.population for r in first if r.entry.fcode.startswith("PCL")}
    regions = frozenset(r.entry.name for r in first if r.entry.fcode == "ADM1" and r.margin >= 2.0
                        and not r.entry.population * 2 > nations.get(r.entry.country, math.inf))
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


# what may stand between two names of one list: "Ohio, Utah and Oregon"
_LIST_SEP = {",", "and", ", and", "or", ", or", "&"}


# "Monroe County in northeast Missouri", "a village in the north of Bavaria": a part of the region
_IN_PART = re.compile(r"in\s+(?:the\s+)?(?:far\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west|central|rural"
                      r"|upstate|downstate)(?:ern)?(?:\s+part)?(?:\s+of)?", re.IGNORECASE)


def writes_with_region(between: str) -> bool:
    """Whether the text between two names writes the first with the second as its region: "Paris,
    Texas", "Pandi in Bulacan", "Monroe County in northeast Missouri"."""
    b = between.strip()
    if b.startswith(","):
        b = b[1:].strip()
    return b in ("", "in") or _IN_PART.fullmatch(b) is not None


def _haversine_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    r = math.radians
    dlat, dlon = r(b_lat - a_lat), r(b_lon - a_lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(r(a_lat)) * math.cos(r(b_lat)) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _near(a: GazEntry, b: GazEntry, km: float) -> bool:
    return _haversine_km(a.lat, a.lon, b.lat, b.lon) < km


def in_lists(full: str, cands, first, hints) -> set[int]:
    """Candidates listed with divisions in a list of three names or more ("Washington, Pennsylvania
    and California"): the comma there separates the list, it does not write a town with its region."""
    out: set[int] = set()
    run = [0]
    for k in range(1, len(cands) + 1):
        if k < len(cands) and full[cands[k - 1].end:cands[k].start].strip() in _LIST_SEP:
            run.append(k)
            continue
        if len(run) >= 3:
            out.update(j for j in run if any(note.startswith("listed with") for _, note in hints[j].values()))
        run = [k]
    return out


def neighbour_hints(full: str, cands, first, seat, famous=None) -> list[dict[int, tuple[float, str]]]:
    """Bonuses from the names written next to each candidate, as {geonameid: (bonus, note)}.

    - a name in a list of first-level divisions of one country is that country's division of the
      name ("Ohio, Washington and Oregon": the state, not the capital);
    - a name written right after a town and a comma is the division that holds the town ("Macon,
      Georgia": the state, not the country).
    Only a division that bears the name as its own and is not named after a town of it (``seat``):
    a list of Kenyan counties names their towns as often.
    The neighbours' readings are their first-pass ones, which never use this hint.
    With ``famous`` (a candidate's best-known sense), the hints of ``namesake_hints`` are added.
    """
    out: list[dict[int, tuple[float, str]]] = [{} for _ in cands]
    for k, c in enumerate(cands):
        if len(c.entries) < 2 or c.site_hint:
            continue
        key = normalize(c.lookup)
        # own name: the name or its ASCII form, or one half of a bilingual "X/Y" name
        divisions = [e for e in c.entries if e.fcode == "ADM1" and seat(c, e) is None and key in
                     {normalize(n) for n in (e.name, e.asciiname, *e.name.split("/"))}]
        if not divisions:
            continue
        listed: dict[str, list[str]] = {}  # country -> the neighbouring divisions of the list
        for j in (k - 1, k + 1):
            if not 0 <= j < len(cands):
                continue
            a, b = (cands[j], c) if j < k else (c, cands[j])
            if full[a.end:b.start].strip() not in _LIST_SEP:
                continue
            r = first[j]
            if r.entry.fcode == "ADM1" and (len(cands[j].entries) == 1 or r.margin >= 3.0):
                listed.setdefault(r.entry.country, []).append(r.entry.name)
        for e in divisions:
            if e.country in listed:
                names = ", ".join(listed[e.country])
                out[k][e.geonameid] = (10.0, f"listed with the divisions {names}")
        if k > 0 and full[cands[k - 1].end:c.start].strip() == ",":
            town = first[k - 1].entry
            if town.fclass == "P" and not c.admin_hint:
                for e in divisions:
                    if e.country == town.country and (
                            town.admin1 == e.name or _near(town, e, 300)) and e.geonameid not in out[k]:
                        out[k][e.geonameid] = (8.0, f"the division of {town.name}, written before it")
    if famous is not None:
        for h, extra in zip(out, namesake_hints(cands, first, famous)):
            for gid, v in extra.items():
                h.setdefault(gid, v)
    return out


def namesake_hints(cands, first, famous) -> list[dict[int, tuple[float, str]]]:
    """Bonuses for a sizable namesake (>= 50,000 people) of a famous place abroad when the document
    names the namesake's country twice or more as a country and has no reading at all in the famous
    place's country ("a London rally ... thanked Canada": London, Ontario): the bonus evens out the
    famous sense's priors (capital, population, fame), so the document's country decides.
    ``famous(c)`` is the candidate's best-known sense or None; readings are the first pass's, the
    name's own readings left out."""
    named: dict[str, int] = {}
    for r in first:
        if r.entry.fcode.startswith("PCL") and r.entry.country:
            named[r.entry.country] = named.get(r.entry.country, 0) + 1
    out: list[dict[int, tuple[float, str]]] = [{} for _ in cands]
    for k, c in enumerate(cands):
        f = famous(c)
        if f is None or not f.country or f.fcode.startswith("PCL") or named.get(f.country):
            continue
        key = normalize(c.lookup)
        if any(r.entry.country == f.country for c2, r in zip(cands, first) if normalize(c2.lookup) != key):
            continue
        for e in c.entries:
            if e.fclass == "P" and e.country != f.country and named.get(e.country, 0) >= 2 and e.population >= 50_000:
                gap = 0.8 * (math.log2(1 + f.altnames) - math.log2(1 + e.altnames)) + (3.0 if f.fcode == "PPLC" else 0.0) \
                    + max(0.0, math.log10(f.population + 1) - math.log10(e.population + 1))
                if gap > 0:
                    out[k][e.geonameid] = (gap, f"in {e.country}, a country the document names; none of {f.country}")
    return out

