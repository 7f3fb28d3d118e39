"""Importance-aware disambiguation on small hand-made gazetteers (real spaCy parse, fake gazetteer).

The entries are invented: only the mechanism is tested (type prior, population, fame, document
context, one sense per document, the evidence it gives)."""
from __future__ import annotations

from eventcoder.geo import GazEntry, Gazetteer, Geocoder


def _e(gid, name, cc, fcode="PPL", pop=0, alts=(), lat=0.0, lon=0.0, altnames=0, admin1="", fclass=None):
    fclass = fclass or ("A" if fcode.startswith(("ADM", "PCL")) else "P")
    return GazEntry(gid, name, name, tuple(alts), lat, lon, cc, fclass, fcode, pop, admin1, altnames)


COUNTRIES = [_e(1, "Palestine", "PSE", "PCLI", 5_000_000, lat=32.0, lon=35.2, altnames=300),
             _e(2, "United States", "USA", "PCLI", 330_000_000, lat=39.0, lon=-98.0, altnames=300),
             _e(3, "Ruritania", "RUR", "PCLI", 1_000_000, lat=10.0, lon=10.0, altnames=100),
             _e(4, "Borduria", "BOR", "PCLI", 1_000_000, lat=20.0, lon=20.0, altnames=100)]


def _geo(*entries) -> Geocoder:
    return Geocoder(Gazetteer(COUNTRIES + list(entries)))


def _place(nlp, geo, text, name):
    ps = [p for p in geo.find_places(nlp(text)) if p.extracted_place == name]
    assert ps, [p.extracted_place for p in geo.find_places(nlp(text))]
    return ps


def test_fame_beats_a_more_populous_namesake(nlp):
    """Population alone picks the wrong Zorvan; the alternate names say which one the world writes about."""
    geo = _geo(_e(10, "Zorvan", "PSE", pop=160_000, altnames=49, lat=31.5, lon=35.1),
               _e(11, "Zorvan", "USA", pop=200_000, altnames=2, lat=40.0, lon=-90.0))
    (p,) = _place(nlp, geo, "Clashes broke out in Zorvan on Friday.", "Zorvan")
    assert p.country_code == "PSE"
    assert any("alternate names" in r for r in p.evidence)


def test_document_context_beats_fame(nlp):
    geo = _geo(_e(10, "Zorvan", "PSE", pop=160_000, altnames=49, lat=31.5, lon=35.1),
               _e(11, "Zorvan", "RUR", pop=5_000, altnames=2, lat=10.1, lon=10.1),
               _e(12, "Kelmak", "RUR", pop=300_000, altnames=10, lat=10.2, lon=10.2))
    text = "Police in Ruritania said a bus overturned near Kelmak. In Zorvan, two people died."
    (p,) = _place(nlp, geo, text, "Zorvan")
    assert p.country_code == "RUR"
    assert any("document about RUR" in r or "near" in r for r in p.evidence)


def test_a_division_loses_to_its_same_named_town_unless_named_as_a_division(nlp):
    geo = _geo(_e(20, "Velmar", "RUR", "ADM1", 8_000_000, lat=10.0, lon=10.5, altnames=13),
               _e(21, "Velmar", "RUR", "PPLC", 4_000_000, lat=10.5, lon=10.5, altnames=70))
    (city,) = _place(nlp, geo, "Ministers met in Velmar on Monday.", "Velmar")
    assert city.feature_code == "PPLC"
    (region,) = _place(nlp, geo, "Drones struck the Velmar province on Monday.", "Velmar province")
    assert region.feature_code == "ADM1"


def test_one_sense_per_document(nlp):
    """The anchored mention ("Zorvan, Borduria") decides for the bare mentions after it."""
    geo = _geo(_e(10, "Zorvan", "RUR", pop=900_000, altnames=40, lat=10.1, lon=10.1),
               _e(11, "Zorvan", "BOR", pop=9_000, altnames=1, lat=20.1, lon=20.1))
    text = "Protesters gathered in Zorvan, Borduria, on Sunday. Police in Zorvan made arrests."
    ps = _place(nlp, geo, text, "Zorvan")
    assert len(ps) == 2 and {p.country_code for p in ps} == {"BOR"}


def test_region_named_in_the_document_lifts_its_towns(nlp):
    geo = _geo(_e(30, "Ostrava Lane", "RUR", "ADM1", 3_000_000, lat=12.0, lon=12.0, altnames=30),
               _e(31, "Pellin", "BOR", pop=8_000_000, altnames=80, lat=20.0, lon=20.0),
               _e(32, "Pellin", "RUR", pop=300_000, altnames=10, lat=11.0, lon=13.0, admin1="Ostrava Lane"))
    text = "Floods hit Ostrava Lane this week. In Pellin, the river rose by two metres."
    (p,) = _place(nlp, geo, text, "Pellin")
    assert p.country_code == "RUR"


def test_another_name_is_not_a_spelling(nlp):
    """'Waterloo' as an old name of a town elsewhere loses to the place called Waterloo."""
    geo = _geo(_e(40, "Austinburg", "USA", pop=900_000, alts=("Waterloo",), altnames=60, lat=30.0, lon=-97.0),
               _e(41, "Waterloo", "RUR", pop=60_000, altnames=10, lat=10.3, lon=10.3))
    (p,) = _place(nlp, geo, "Farmers protested in Waterloo on Tuesday.", "Waterloo")
    assert p.country_code == "RUR"


def test_famous_place_beats_little_known_namesake_abroad(nlp):
    """A name borne by a place with many alternate names and by a bigger-typed but little-known
    division abroad: the famous one wins when the text gives no evidence for the other."""
    geo = _geo(_e(50, "Gorza", "RUR", pop=400_000, altnames=63, lat=10.2, lon=10.2),
               _e(51, "Gorza", "BOR", "ADM1", 1_400_000, altnames=6, lat=20.2, lon=20.2))
    (p,) = _place(nlp, geo, "Aid trucks entered Gorza on Monday.", "Gorza")
    assert p.country_code == "RUR" and not any("less known" in r for r in p.evidence)


def test_namesake_with_evidence_still_wins(nlp):
    """The fame prior gives way to the document: "Gorza, Borduria"."""
    geo = _geo(_e(50, "Gorza", "RUR", pop=400_000, altnames=63, lat=10.2, lon=10.2),
               _e(51, "Gorza", "BOR", pop=40_000, altnames=6, lat=20.2, lon=20.2))
    (p,) = _place(nlp, geo, "Aid trucks entered Gorza, Borduria, on Monday.", "Gorza")
    assert p.country_code == "BOR"


def test_sea_beats_division_named_after_it(nlp):
    geo = _geo(_e(-60, "Amber Sea", "", "SEA", lat=15.0, lon=15.0, fclass="H"),
               _e(61, "Amber Sea", "RUR", "ADM1", 1_500_000, altnames=19, lat=12.0, lon=14.0))
    (p,) = _place(nlp, geo, "A tanker was attacked in the Amber Sea on Friday.", "Amber Sea")
    assert p.feature_code == "SEA"


def test_bare_name_is_the_division_when_the_town_is_x_city(nlp):
    """"Quebec" is the province when the town's English name is "Quebec City"."""
    geo = _geo(_e(70, "Lorvia", "RUR", "ADM1", 8_000_000, altnames=6, lat=14.0, lon=14.0),
               _e(71, "Lorvia", "RUR", pop=530_000, alts=("Lorvia City",), altnames=80, lat=12.0, lon=12.5))
    (p,) = _place(nlp, geo, "Voters in Lorvia rejected the plan.", "Lorvia")
    assert p.feature_code == "ADM1"
