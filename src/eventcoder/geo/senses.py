"""Which sense of a toponym: each gazetteer entry of a candidate scored by a type prior, its
population and fame (alternate names) and the document's evidence (the countries and regions of
its other places, an anchor such as "Paris, Texas", "the X region", neighbour hints), and the
candidate's senses ranked (``SenseMixin._rank``), the reasons kept for the place's ``evidence``.
Mixed into :class:`~eventcoder.geo.resolver.Geocoder`.
"""
from __future__ import annotations

import math

from .candidates import _Candidate, _Scored, _variant
from .context import _country_or_division, _haversine_km
from .gazetteer import GazEntry, _bare, normalize

NEAR_KM = 100.0


_WATERS = {"SEA", "OCN", "GULF", "STRT", "BAY", "CHN", "SD"}


_WATER_WORDS = {"ocean", "sea", "gulf", "strait", "straits", "bay", "channel", "sound"}


def _generic_off(key: str) -> str:
    """A water's name without its kind word: "pacific ocean" -> "pacific"."""
    words = key.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _WATER_WORDS else key


def _water_namesake(c: "_Candidate", e: GazEntry) -> GazEntry | None:
    """A sea, gulf or strait of the same name near a division ("Red Sea" governorate and the Red Sea)."""
    for w in c.entries:
        if w.fcode in _WATERS and _haversine_km(w.lat, w.lon, e.lat, e.lon) < 1000:
            return w
    return None


def _city_name(c: "_Candidate", town: GazEntry) -> bool:
    """Whether the town's English name is the looked-up name with "City" ("Quebec City", "New York City")."""
    want = normalize(c.lookup) + " city"
    return any(normalize(n) == want for n in town.names())


class SenseMixin:
    """Sense scoring for the geocoder."""

    def _score(self, c: _Candidate, e: GazEntry, focus: dict[str, float],
               anchors: list[GazEntry], why: list[str] | None = None, near: list[GazEntry] = (),
               regions: frozenset[str] = frozenset(), hints: dict | None = None) -> float:
        """Type prior + log population + fame (number of alternate names) + document context.
        With ``why``, the terms that decided are appended to it, for the place's evidence."""
        s = 0.0
        note = why.append if why is not None else (lambda _x: None)
        if e.fcode.startswith("PCL") or e.fcode == "CONT":
            s += 12.0
            note("type: country")
        elif e.fcode == "ADM1":
            s += 6.5 + (6.0 if c.admin_hint else 0.0)
            note("type: first-level division" + (" named as one" if c.admin_hint else ""))
            # "Georgia" in an article about the United States is the state
            if focus.get(e.country, 0.0) >= 0.5 and _country_or_division(c.entries):
                s += 10.0 * focus[e.country]
        elif e.fcode in ("ADM2", "ADM3", "ADMD"):
            s += 3.0 + (6.0 if c.admin_hint else 0.0)
            note("type: division" + (" named as one" if c.admin_hint else ""))
        elif e.fcode == "PPLC":
            s += 3.0
            note("type: capital")
        elif e.fcode == "RGN" and c.admin_hint:
            s += 8.0  # "the Kurdistan Region", "the Darfur region"
            note("type: region named as one")
        elif e.geonameid < 0 and (e.fcode in _WATERS or e.fcode in ("LK", "MTS")):
            # a sea, strait, great lake or mountain range of the curated kind-lists: the news names
            # them as often as regions
            s += 8.0
            note("type: sea, strait, lake or range")
        elif e.fclass in "HLST":
            s += 6.0 if len(c.lookup.split()) > 1 else 2.0
        if c.admin_hint and e.fclass == "P":
            s -= 3.0
        if e.fclass == "A" and not (e.fcode.startswith("PCL") or e.fcode == "TERR") and not c.admin_hint:
            # "Riyadh" is the city, not the province named after it, unless the text says "province"
            seat = self._seat(c, e)
            water = _water_namesake(c, e)
            if seat is not None and _city_name(c, seat):
                # "Quebec" is the province when the town is "Quebec City" (not a capital: "Washington")
                note(f"its town is {c.lookup} City")
            elif seat is not None:
                s -= 8.0
                note(f"a division named after its town {seat.name}")
            elif water is not None:
                s -= 12.0  # "Red Sea" is the sea, not the governorates named after it
                note(f"a division named after the {water.name}")
            elif e.fcode == "ADM1" and any(p.fcode == "PPLC" and p.country == e.country for p in c.entries):
                s -= 8.0  # "Washington" in the news is the capital more often than the state
                note("shares its name with the capital")
        if e.fclass == "P" and e.fcode != "PPLC" and any(
                p.fcode == "ADM1" and p.country == e.country for p in c.entries) and _city_name(c, e):
            s -= 3.0
            note(f"its English name is {c.lookup} City")
        if e.geonameid in c.full:
            s += 4.0
            note("named in full")
        if e.population:
            s += math.log10(e.population + 1)
            note(f"population {e.population:,}")
        if e.altnames:
            # fame: a place the world writes about has names in many languages
            s += 0.8 * math.log2(1 + e.altnames)
            note(f"{e.altnames} alternate names")
        key = normalize(c.lookup)
        if key in (normalize(e.name), normalize(e.asciiname)) or _bare(key) == _bare(normalize(e.name)) or (
                e.fcode in _WATERS and _generic_off(normalize(e.name)) == key):
            s += 2.0
            note("its own name")
        elif e.fclass == "P" and not _variant(key, e):
            # another name, not a spelling of it ("Waterloo" was Austin's, "White House" translates
            # Casablanca): an exact sense elsewhere should win
            s -= 3.0
            note("an other name, not its spelling")
        elif e.fclass == "P" and e.population < 100_000:
            s -= 1.0  # a small place's other name
        if focus.get(e.country):
            s += 6.0 * focus[e.country]
            note(f"document about {e.country} ({focus[e.country]:.2f})")
        if regions and e.admin1 and e.admin1 in regions and e.fcode != "ADM1" and not e.fcode.startswith("PCL"):
            # a county's name recurs in many states ("Marion County"): another name's state decides more
            s += 8.0 if e.fcode in ("ADM2", "ADM3") and normalize(e.admin1) != normalize(c.lookup) else 5.0
            note(f"in {e.admin1}, named in the document")
        supported = False
        if regions and e.admin1 and e.admin1 in regions and e.fcode != "ADM1" and not e.fcode.startswith("PCL"):
            supported = True
        if near:
            n = sum(1 for p in near if p.geonameid != e.geonameid and
                    _haversine_km(p.lat, p.lon, e.lat, e.lon) < NEAR_KM)
            if n:
                s += 3.0 * min(n, 2)
                note(f"near {n} other place(s) of the document")
                supported = True
        for a in anchors:
            if a is e:
                continue
            if a.fcode.startswith("PCL") and a.country == e.country:
                s += 6.0
                note(f"written with its country {a.name}")
                supported = True
            elif a.fclass == "A" and (e.admin1 == a.name or (
                    a.country == e.country and _haversine_km(a.lat, a.lon, e.lat, e.lon) < 300)):
                s += 8.0
                note(f"written with its region {a.name}")
                supported = True
        hint = hints.get(e.geonameid) if hints else None
        if hint is not None:
            s += hint[0]
            note(hint[1])
            supported = True
        famous = c.famous
        if not supported and famous is not None and famous is not e and e.geonameid > 0 and e.fclass in "AP" \
                and not famous.fcode.startswith("PCL") and famous.country != e.country \
                and e.altnames * 3 <= famous.altnames:
            # a famous place wins over a little-known namesake abroad unless the document says otherwise
            # (its towns or regions named nearby; a document about the namesake's country weakens it):
            # Gaza (Palestine) over Gaza (Mozambique), Geneva over Geneva, Illinois
            pen = min(6.0, 3.0 * math.log2(famous.altnames / max(1, e.altnames) / 2))
            pen *= 1.0 - focus.get(e.country, 0.0)
            if pen > 0.05:
                s -= pen
                note(f"less known than {famous.name} ({famous.country or '-'}: {famous.altnames} names)")
        return s

    @staticmethod
    def _seat(c: _Candidate, e: GazEntry) -> GazEntry | None:
        """A populated place of the same name and country, near the division and sizeable."""
        for p in c.entries:  # every entry bears the looked-up name
            if p.fclass == "P" and p.country == e.country and (p.population >= 20_000 or p.fcode == "PPLC") \
                    and _haversine_km(p.lat, p.lon, e.lat, e.lon) < 300:
                return p
        return None

    def _rank(self, c: _Candidate, focus: dict[str, float], anchors: list[GazEntry],
              explain: bool = False, near: list[GazEntry] = (), regions: frozenset[str] = frozenset(),
              hints: dict | None = None) -> _Scored:
        scored = sorted(((self._score(c, e, focus, anchors, near=near, regions=regions, hints=hints), e)
                         for e in c.entries),
                        key=lambda x: (-x[0], -x[1].population, x[1].geonameid))
        best_s, best = scored[0]
        margin = best_s - scored[1][0] if len(scored) > 1 else 10.0
        reasons: tuple[str, ...] = ()
        if explain:
            why: list[str] = []
            self._score(c, best, focus, anchors, why, near, regions, hints)
            if len(scored) > 1:
                alt = scored[1][1]
                why.append(f"{len(scored)} senses; next {alt.name} ({alt.country or '-'}) by {margin:.1f}")
            reasons = tuple(why)
        return _Scored(best, best_s, margin, reasons)
