"""The names written next to a toponym as evidence for its sense (geo/context.neighbour_hints).

Invented gazetteer entries, real spaCy parse: only the mechanism is tested."""
from __future__ import annotations

from eventcoder.geo import GazEntry, Gazetteer, Geocoder
from us_gazetteer import COUNTRIES
from us_gazetteer import entry as _e
from us_gazetteer import geocoder as _geo


def _place(nlp, geo, text, name):
    ps = [p for p in geo.find_places(nlp(text)) if p.extracted_place == name]
    assert ps, [p.extracted_place for p in geo.find_places(nlp(text))]
    return ps


def test_a_name_listed_with_divisions_is_the_division(nlp):
    """"Tarnholt" is the capital alone, the state in a list of states."""
    geo = _geo(_e(82, "Tarnholt", "USA", "PPLC", 700_000, altnames=40, lat=38.9, lon=-77.0),
               _e(83, "Tarnholt", "USA", "ADM1", 7_000_000, altnames=25, lat=47.5, lon=-120.5))
    (alone,) = _place(nlp, geo, "The senators flew to Tarnholt on Monday.", "Tarnholt")
    assert alone.feature_code == "PPLC"
    (listed,) = _place(nlp, geo, "Wildfires burned in Ohlenmark, Tarnholt and Brecklund on Monday.", "Tarnholt")
    assert listed.feature_code == "ADM1"
    assert any("listed with the divisions" in r for r in listed.evidence)


def test_a_division_named_after_its_town_keeps_the_town_in_a_list(nlp):
    """A list of counties named after their towns names the towns as often: no hint."""
    geo = _geo(_e(84, "Kiruna Bay", "USA", "ADM1", 1_000_000, altnames=10, lat=40.0, lon=-90.0),
               _e(85, "Kiruna Bay", "USA", pop=100_000, altnames=20, lat=40.1, lon=-90.1))
    (p,) = _place(nlp, geo, "Rain fell in Ohlenmark, Kiruna Bay and Brecklund.", "Kiruna Bay")
    assert p.feature_code == "PPL"
    assert not any("listed with" in r for r in p.evidence)


def test_the_name_after_a_town_and_a_comma_is_the_division_of_the_town(nlp):
    """"Marlow, Gerrania": the state that holds Marlow, not the country Gerrania."""
    geo = _geo(_e(86, "Gerrania", "GER", "PCLI", 3_700_000, altnames=400, lat=42.0, lon=43.5),
               _e(87, "Gerrania", "USA", "ADM1", 9_000_000, altnames=20, lat=33.0, lon=-83.5),
               _e(88, "Marlow", "USA", pop=500_000, altnames=50, lat=33.7, lon=-84.4, admin1="Gerrania"))
    (p,) = _place(nlp, geo, "The company moved its offices to Marlow, Gerrania, last year.", "Gerrania")
    assert p.country_code == "USA" and p.feature_code == "ADM1"
    assert any("the division of Marlow" in r for r in p.evidence)


def test_a_comma_in_a_list_of_divisions_does_not_write_a_town_with_its_region(nlp):
    """"Tarnholt, Ohlenmark and Brecklund": not the capital Tarnholt near Ohlenmark, the state."""
    geo = _geo(_e(82, "Tarnholt", "USA", "PPLC", 700_000, altnames=40, lat=40.5, lon=-82.0),
               _e(83, "Tarnholt", "USA", "ADM1", 7_000_000, altnames=25, lat=47.5, lon=-120.5))
    (p,) = _place(nlp, geo, "Cases were found in Tarnholt, Ohlenmark and Brecklund last week.", "Tarnholt")
    assert p.feature_code == "ADM1"
    assert not any("written with its region" in r for r in p.evidence)


def test_the_state_of_x_names_the_division(nlp):
    """"the state of Tarnholt" is the state, though the bare name is the capital."""
    geo = _geo(_e(82, "Tarnholt", "USA", "PPLC", 700_000, altnames=40, lat=38.9, lon=-77.0),
               _e(83, "Tarnholt", "USA", "ADM1", 7_000_000, altnames=25, lat=47.5, lon=-120.5))
    (p,) = _place(nlp, geo, "The first case was found in the state of Tarnholt in May.", "Tarnholt")
    assert p.feature_code == "ADM1"
    assert any("named as one" in r for r in p.evidence)


def test_a_division_that_is_most_of_its_named_country_does_not_lift_its_towns(nlp):
    """Naming "Norland", nine tenths of Ruritania, which the text names too, says no more than the
    country: its little town "Pellin" does not win over the well-known Pellin for that alone."""
    geo = Geocoder(Gazetteer(COUNTRIES + [
        _e(3, "Ruritania", "RUR", "PCLI", 10_000_000, altnames=300, lat=10.0, lon=10.0),
        _e(90, "Norland", "RUR", "ADM1", 9_000_000, altnames=100, lat=10.5, lon=10.5),
        _e(91, "Pellin", "USA", pop=600_000, altnames=30, lat=38.0, lon=-90.0),
        _e(92, "Pellin", "RUR", pop=60_000, altnames=9, lat=11.0, lon=11.0, admin1="Norland")]))
    text = ("Envoys of the United States and Ruritania met in Norland on Monday. "
            "The talks move to Pellin next week.")
    (p,) = _place(nlp, geo, text, "Pellin")
    assert p.country_code == "USA"
    assert not any("named in the document" in r for r in p.evidence)


def test_an_upper_case_country_code_is_not_the_stop_word(nlp):
    """"US" opening an organisation's name is the country, though "us" is a stop word."""
    us = GazEntry(2, "United States", "United States", ("US", "USA"), 39.0, -98.0, "USA", "A", "PCLI",
                  330_000_000, "", 300)
    geo = Geocoder(Gazetteer([us]))
    doc = nlp("A spokesman for the US Centers for Plant Health said the tests were negative.")
    assert [p.country_code for p in geo.find_places(doc) if p.extracted_place == "US"] == ["USA"]
    assert not [p for p in geo.find_places(nlp("Give us the tests, the farmers said.")) if p.extracted_place]
