"""Recognition: names in a list with accepted places, elided articles, a demonym-tagged division
with its suffix. Invented gazetteers, real spaCy parse; the sentences are written for these tests."""
from __future__ import annotations

from types import SimpleNamespace

from eventcoder.geo import GazEntry, Gazetteer, Geocoder
from eventcoder.geo.lists import admit_listed


def _e(gid, name, cc, fcode="PPL", pop=0, alts=(), lat=0.0, lon=0.0, altnames=0):
    fclass = "A" if fcode.startswith(("ADM", "PCL")) else "P"
    return GazEntry(gid, name, name, tuple(alts), lat, lon, cc, fclass, fcode, pop, "", altnames)


def _names(geo, nlp, text):
    return {p.extracted_place: p for p in geo.find_places(nlp(text))}


def test_small_town_listed_with_a_known_place_is_a_place(nlp):
    geo = Geocoder(Gazetteer([_e(1, "Moravetz", "RUR", pop=800_000, altnames=40, lat=10.0, lon=10.0),
                              _e(2, "Barnaby", "RUR", pop=3_000, lat=10.2, lon=10.1)]))
    # spaCy tags "Barnaby" a person here; the list with Moravetz says it is a town
    got = _names(geo, nlp, "Villagers from Moravetz and Barnaby fled the fighting.")
    assert "Moravetz" in got and "Barnaby" in got
    assert got["Barnaby"].country_code == "RUR"


def test_listed_name_needs_a_sense_in_its_neighbours_country():
    full = "Aa and Bb"
    aa, bb = SimpleNamespace(start=0, end=2, cc="X"), SimpleNamespace(start=7, end=9, cc="Y")
    assert admit_listed(full, [aa], [bb], lambda x: {x.cc}, lambda x: x.cc) == [aa]
    assert admit_listed(full, [aa], [bb], lambda x: {x.cc, "X"}, lambda x: x.cc) == [aa, bb]


def test_a_one_country_name_listed_with_a_neighbour_that_may_be_there_too():
    """The neighbour reads X alone, but has a sense in Y, the only country of the listed name."""
    full = "Aa and Bb"
    aa, bb = SimpleNamespace(start=0, end=2, cc={"X", "Y"}), SimpleNamespace(start=7, end=9, cc={"Y"})
    assert admit_listed(full, [aa], [bb], lambda x: x.cc, lambda x: "X") == [aa, bb]
    two = SimpleNamespace(start=7, end=9, cc={"Y", "Z"})  # a name of two countries needs the reading's
    assert admit_listed(full, [aa], [two], lambda x: x.cc, lambda x: "X") == [aa]


def test_admit_listed_walks_a_whole_list():
    full = "Aa, Bb, Cc and Dd, then Ee"
    c = lambda s, e, cc: SimpleNamespace(start=s, end=e, cc=cc)  # noqa: E731
    aa, bb, cc_, dd, ee = c(0, 2, "X"), c(4, 6, "X"), c(8, 10, "X"), c(15, 17, "X"), c(24, 26, "X")
    out = admit_listed(full, [aa], [bb, cc_, dd, ee], lambda x: {x.cc}, lambda x: x.cc)
    assert out == [aa, bb, cc_, dd]  # "then" ends the list


def test_elided_article_inside_a_country_name(nlp):
    geo = Geocoder(Gazetteer([_e(1, "Ivory Coast", "CIV", "PCLI", 25_000_000, alts=("Côte d'Ivoire",),
                                 lat=8.0, lon=-5.0, altnames=300)]))
    got = _names(geo, nlp, "The minister flew to Côte d'Ivoire on Monday.")
    assert "Côte d'Ivoire" in got and got["Côte d'Ivoire"].country_code == "CIV"


def test_division_with_suffix_tagged_as_a_demonym(nlp):
    geo = Geocoder(Gazetteer([_e(1, "Punjab", "PAK", "ADM1", 110_000_000, lat=31.0, lon=72.0, altnames=80)]))
    doc = nlp("Floods forced thousands to leave the Punjab province this week.")
    places = geo.find_places(doc)
    assert any(p.resolved_place == "Punjab" for p in places), [(e.text, e.label_) for e in doc.ents]


def test_town_of_x_is_a_place_whatever_ner_says(nlp):
    geo = Geocoder(Gazetteer([_e(2, "Barnaby", "RUR", pop=3_000, lat=10.2, lon=10.1)]))
    got = _names(geo, nlp, "Firefighters were called to a blaze in the town of Barnaby on Sunday.")
    assert "Barnaby" in got


def test_in_the_x_names_a_place(nlp):
    geo = Geocoder(Gazetteer([_e(1, "Varnhold", "RUR", pop=5_000, lat=10.0, lon=10.0)]))
    got = _names(geo, nlp, "Relief convoys moved in the Varnhold last week.")
    assert "Varnhold" in got
