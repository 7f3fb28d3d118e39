"""Argument roles from syntax on news sentences (issue: events and actors on unseen news)."""
from __future__ import annotations

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _events(text: str, published: str = "2025-05-13"):
    return eventcoder.code_text(text, published=published).events


def _codes(side) -> set:
    return {a.code for a in side}


def test_speaker_of_a_reported_passive_is_not_its_actor():
    evs = _events('"Four civilians have been killed," Governor Alexander Bogomaz said on Telegram.')
    assert not any(e.event[0] == "ASSAULT" and any(a.identifier_text == "Alexander Bogomaz" for a in e.actor)
                   for e in evs)


def test_participle_clause_joins_its_event_and_victims_are_not_the_attackers():
    evs = _events("Russia unleashed its largest missile attack on Ukraine on Sunday, killing seven people.")
    assaults = [e for e in evs if e.event[0] == "ASSAULT"]
    assert len(assaults) == 1
    assert _codes(assaults[0].actor) == {"RUS"} and _codes(assaults[0].recipient) == {"UKR"}


def test_a_things_people_are_the_target():
    evs = _events("A camp for Congolese refugees was attacked by Burundian militiamen, killing 15 people.")
    assert evs and "COD" in _codes(evs[0].recipient) and "BDI" in _codes(evs[0].actor)


def test_talking_needs_a_second_party():
    assert not any(e.event[0] == "CONSULT" for e in _events(
        "Speaking at a press conference on Sunday, Vucic accused protest leaders of promoting violence."))
    assert any(e.event[0] == "CONSULT" for e in _events("Putin and Erdogan spoke by phone on Sunday."))


def test_actor_of_institution_is_not_also_the_target():
    evs = _events("The army of Sudan shelled Omdurman.")
    assert evs and not (_codes(evs[0].recipient) & {"SDN"} and any(
        r.entity_text == "Sudan" for r in evs[0].recipient))



def _assault(start, actor_start, recipient_code="UKR", place=None, date="2025-05-12"):
    from eventcoder.records import Actor, Event, Place
    loc = Place(extracted_place=place, start=start + 5, end=start + 10, resolved_place=place) if place else None
    return Event(id="", event=["ASSAULT"], mode=[], context=[], date=date, event_loc=loc,
                 actor=[Actor(entity_text="Russian", code="RUS", sector="MIL", start=actor_start)],
                 recipient=[Actor(entity_text="people", code=recipient_code, sector="CVL")],
                 event_text=["killed"], quad_code=4, text="", sequence=0, start=start, end=start + 80,
                 confidence=0.7)


def test_a_later_mention_without_its_own_agent_is_the_same_happening():
    from eventcoder.coding.happenings import _same_happening
    first = _assault(0, 2, place="Odesa")
    assert _same_happening([first], _assault(100, 2)) == 0          # agent carried over
    assert _same_happening([first], _assault(100, 102)) is None     # names its own agent
    assert _same_happening([first], _assault(100, 2, place="Sumy")) is None  # another town
    assert _same_happening([first], _assault(100, 2, date="2025-05-11")) is None
    assert _same_happening([first], _assault(100, 2, recipient_code="POL")) is None


def test_two_attacks_in_two_named_towns_stay_two_events():
    evs = _events("A Russian missile attack killed 10 people in Odesa on Monday. "
                  "Later, a Russian drone hit a residential building in Sumy, killing three people.")
    assert len([e for e in evs if e.event[0] == "ASSAULT"]) == 2


def test_the_vice_president_is_the_vice_president_named_before():
    text = ("Vice President Kamala Harris met today with President Emmanuel Macron of France in Paris. "
            "The Vice President thanked President Macron for his leadership.")
    evs = _events(text, published="2021-11-10")
    support = [e for e in evs if e.event[0] == "SUPPORT"]
    assert support and {a.identifier_text for a in support[0].actor} == {"Kamala Harris"}


def test_they_discussed_is_the_call_already_coded():
    text = ("President Biden spoke today with Prime Minister Kishida of Japan. "
            "The two leaders discussed the situation in the Taiwan Strait.")
    evs = _events(text, published="2023-01-05")
    assert len([e for e in evs if e.event[0] == "CONSULT"]) == 1


def test_the_president_is_the_subject_of_the_readout_not_the_guest():
    text = ("President Joe Biden met today with President Emmanuel Macron of France at the White House. "
            "The leaders discussed the war in Ukraine. The President announced new aid for Ukraine.")
    evs = _events(text, published="2022-12-01")
    aid = [e for e in evs if e.event[0] in ("AID", "AGREE")]
    assert aid and {a.identifier_text for a in aid[0].actor} == {"Joe Biden"}


def test_an_actor_of_no_known_country_or_kind_codes_no_event():
    evs = _events("Today, President Trump signed an Executive Order ending the sanctions program on Syria. "
                  "The Order permits the relaxation of export controls on certain goods for Syria.")
    assert evs and all(any(a.code for a in e.actor) for e in evs)


def test_a_meeting_in_one_partys_country_is_a_visit_by_the_other():
    evs = _events("President Joe Biden met today with President Guillermo Lasso of Ecuador at the White House "
                  "in Washington.", published="2022-12-19")
    consult = [e for e in evs if e.event[0] == "CONSULT"]
    assert consult and consult[0].mode == ["visit"]
    assert _codes(consult[0].actor) == {"ECU"} and _codes(consult[0].recipient) == {"USA"}


def test_an_allied_act_is_not_aimed_at_the_actors_own_state_by_name():
    evs = [e for e in _events("The Prime Minister reaffirmed Canada's commitment to the alliance.")
           if e.event[0] == "AGREE"]
    assert evs and _codes(evs[0].actor) == {"CAN"}
    assert not any(r.entity_text == "Canada" for r in evs[0].recipient)
    # a protest against the government of the country it happens in keeps its target
    evs = _events("Thousands of protesters rallied in Belgrade against the government.")
    assert any(e.event[0] == "PROTEST" and _codes(e.recipient) == {"SRB"} for e in evs)


def test_a_state_that_modifies_an_act_noun_is_the_actor_of_its_clause():
    # "States" is an nmod of "commitment" in this parse: the clause's actor is the state, not
    # the noun "commitment" with the state's country
    evs = _events("President Ruto also reaffirmed the United States’ commitment to continue supporting "
                  "the Haitian police to restore order.")
    support = [e for e in evs if e.event[0] == "SUPPORT"]
    assert support and [a.entity_text for a in support[0].actor] == ["the United States"]
