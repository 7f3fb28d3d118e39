"""Places inside mentions the actor stage read as people (geo/people.places_apart_from_people)."""
from __future__ import annotations

from eventcoder.geo.people import places_apart_from_people
from eventcoder.records import Entity, Place, Span


def _place(text, name, cc="USA", fcode="PPL", res=4):
    start = text.index(name)
    return Place(name, start, start + len(name), name, 1, 0.0, 0.0, cc, fcode, res)


def _person(text, name, mention, identifier_id=None):
    start = text.index(mention)
    return Entity(name, identifier_id, None, None, "person", mentions=[Span(mention, start, start + len(mention))])


def test_a_town_in_a_known_person_s_name_goes():
    text = "Senator Harlan Brisco spoke on Monday."
    p = _place(text, "Brisco")
    out = places_apart_from_people([p], [_person(text, "Harlan Brisco", "Senator Harlan Brisco", "Q123")])
    assert out == []


def test_an_unknown_person_s_full_name_still_hides_its_town():
    text = "Harlan Brisco, a farmer, spoke on Monday."
    p = _place(text, "Brisco")
    assert places_apart_from_people([p], [_person(text, "Harlan Brisco", "Harlan Brisco")]) == []


def test_an_unknown_person_written_as_the_bare_place_name_stays_a_place():
    """The actor stage took "Velmora Village Dorrin" for a person and its later "Dorrin" for the
    same person: the bare "Dorrin" is the town, and so is "the Kessel Hills"."""
    text = "Aid reached Velmora Village Dorrin. In Dorrin the wells were dry near the Kessel Hills."
    later = text.index("In Dorrin") + 3
    town = Place("Dorrin", later, later + 6, "Dorrin", 1, 0.0, 0.0, "SSD", "PPL", 4)
    hills = _place(text, "Kessel Hills", "SSD", "MTS", 3)
    person = Entity("Village Dorrin", None, None, None, "person",
                    mentions=[Span("Dorrin", later, later + 6),
                              Span("the Kessel Hills", hills.start - 4, hills.end)])
    assert places_apart_from_people([town, hills], [person]) == [town, hills]
    # known to the knowledge base, the person keeps the name (the hills are not in it)
    known = Entity("Village Dorrin", "Q9", None, None, "person", mentions=person.mentions)
    assert places_apart_from_people([town, hills], [known]) == [hills]


def test_countries_and_capitals_always_stay():
    text = "Chad Brisco arrived."
    p = _place(text, "Chad", "TCD", "PCLI", 1)
    assert places_apart_from_people([p], [_person(text, "Chad Brisco", "Chad Brisco", "Q5")]) == [p]
