"""A sizable namesake of a famous place in the country the document names (context.namesake_hints).

Invented gazetteer entries, real spaCy parse: only the mechanism is tested."""
from __future__ import annotations

from eventcoder.geo import GazEntry, Gazetteer, Geocoder


def _e(gid, name, cc, fcode="PPL", pop=0, altnames=0, lat=0.0, lon=0.0):
    fclass = "A" if fcode.startswith(("ADM", "PCL")) else "P"
    return GazEntry(gid, name, name, (), lat, lon, cc, fclass, fcode, pop, "", altnames)


GEO = Geocoder(Gazetteer([
    _e(1, "Arland", "ARL", "PCLI", 60_000_000, 1000, 52.0, -1.0),
    _e(2, "Bresk", "BRK", "PCLI", 35_000_000, 1000, 56.0, -100.0),
    _e(3, "Velmora", "ARL", "PPLC", 9_000_000, 110, 51.5, -0.1),
    _e(4, "Velmora", "BRK", "PPL", 60_000, 4, 43.0, -81.2),
    _e(5, "Velmora", "ZZZ", "PPL", 8_000, 10, 37.1, -84.1),
]))


def _velmora(nlp, text):
    return [p for p in GEO.find_places(nlp(text)) if p.extracted_place == "Velmora"]


def test_the_namesake_in_the_named_country(nlp):
    text = ("Organizers of a Velmora rally thanked Bresk for what it has done. \"We want Bresk to do more,\" "
            "said a Velmora doctor.")
    got = _velmora(nlp, text)
    assert got and all(p.geonameid == 4 for p in got), [p.evidence for p in got]


def test_the_famous_place_when_its_country_is_named_too(nlp):
    text = ("Organizers of a Velmora rally thanked Bresk for what it has done. \"We want Bresk and Arland to "
            "do more,\" said a Velmora doctor.")
    got = _velmora(nlp, text)
    assert got and all(p.geonameid == 3 for p in got), [p.evidence for p in got]


def test_the_famous_place_when_the_country_is_named_once(nlp):
    got = _velmora(nlp, "Organizers of a Velmora rally thanked Bresk for what it has done.")
    assert got and all(p.geonameid == 3 for p in got), [p.evidence for p in got]
