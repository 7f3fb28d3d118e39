"""The mode of a conversation: "X spoke with Y" with no place named is a call (readouts
report calls that way); "President Y of Z" says whose president, not where they met."""
from __future__ import annotations

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _consults(text):
    return [e for e in eventcoder.code_text(text, published="2024-03-05").events if e.event == ["CONSULT"]]


def test_spoke_with_and_no_place_is_a_call_not_a_visit():
    evs = _consults("Chancellor Olaf Scholz spoke today with President Emmanuel Macron of France.")
    assert evs and evs[0].mode == ["phone"]
    assert evs[0].event_loc is None or evs[0].event_loc.country_code != "FRA"


def test_spoke_with_at_a_named_town_is_no_call():
    evs = _consults("Chancellor Olaf Scholz spoke with President Emmanuel Macron in Strasbourg on Monday.")
    assert evs and "phone" not in evs[0].mode


def test_the_two_leaders_are_the_parties_of_the_call_just_reported():
    doc = eventcoder.code_text("Chancellor Olaf Scholz spoke today with President Emmanuel Macron of France. "
                               "The two leaders agreed to coordinate their support for Moldova.",
                               published="2024-03-05")
    later = [e for e in doc.events if e.event != ["CONSULT"]]
    assert later and {a.identifier_text for a in later[0].actor} == {"Olaf Scholz", "Emmanuel Macron"}


def test_welcoming_a_guest_to_a_place_is_their_visit():
    evs = _consults("Chancellor Olaf Scholz welcomed President Emmanuel Macron of France to Berlin on Monday.")
    assert evs and evs[0].mode == ["visit"]
    assert [a.identifier_text for a in evs[0].actor] == ["Emmanuel Macron"]
    assert [a.identifier_text for a in evs[0].recipient] == ["Olaf Scholz"]
