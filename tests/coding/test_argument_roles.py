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
