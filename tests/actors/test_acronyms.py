"""Acronyms defined in the text ("the World Food Programme (WFP)"): every mention of the
acronym is the organisation of the long form (actors/coref.py)."""
from __future__ import annotations

import pytest

import eventcoder
from eventcoder.actors.coref import _acronym_shape, _long_form_start, long_form_fits
from eventcoder.actors.kb import KBEntity


@pytest.mark.parametrize("text,ok", [("WFP", True), ("RSF", True), ("JMSDF", True), ("M23", True),
                                     ("CEEAC", True), ("IEDs", False), ("IDPs", False), ("Wfp", False),
                                     ("A", False), ("PM", False), ("war", False)])
def test_acronym_shape(text, ok):
    assert _acronym_shape(text) is ok


@pytest.mark.parametrize("short,words,start", [
    ("WFP", ["the", "World", "Food", "Programme"], 1),
    ("JMSDF", ["The", "Japan", "Maritime", "Self", "-", "Defense", "Force"], 1),
    ("RSF", ["fighters", "of", "the", "Rapid", "Support", "Forces"], 3),
    ("IRGC", ["Iran", "'s", "Islamic", "Revolutionary", "Guard", "Corps"], 2),
    ("FDLR", ["The", "Democratic", "Forces", "for", "the", "Liberation", "of", "Rwanda"], None),  # French letters
    ("RSF", ["Reporters", "Without", "Borders"], None),
])
def test_long_form_start(short, words, start):
    assert _long_form_start(short, words) == start


def test_long_form_fits():
    e = KBEntity(id="x", name="Army for the Liberation of Rwanda", aliases=("FDLR",), kind="armed_group",
                 country=None, sector="REB", offices=(), source="test")
    assert long_form_fits("Democratic Forces for the Liberation of Rwanda", e)
    assert not long_form_fits("Riverine Security Force", e)


def _entity(doc, mention):
    return next((e for e in doc.entities if any(m.text == mention for m in e.mentions)), None)


@pytest.mark.slow
def test_unknown_long_form_and_its_acronym_are_one_entity():
    doc = eventcoder.code_text("The Kordofan Liberation Front (KLF) attacked the town of Babanusa on Monday. "
                               "The KLF said it had captured 20 soldiers.", published="2025-05-13")
    ent = _entity(doc, "KLF")
    assert ent is not None and ent.identifier_text == "Kordofan Liberation Front"
    assert sum(m.text == "KLF" for m in ent.mentions) >= 1 and len([e for e in doc.entities
                                                                     if e.identifier_text and "KLF" in e.identifier_text]) == 0


@pytest.mark.slow
def test_definition_outweighs_a_known_body_of_the_same_letters():
    # the knowledge base knows RSF as the Rapid Support Forces; this text defines another RSF
    doc = eventcoder.code_text("The Riverine Security Force (RSF) detained 12 fishermen near Lake Chad on Sunday. "
                               "The RSF said the men were smugglers.", published="2025-05-13")
    for e in doc.entities:
        assert e.identifier_text != "Rapid Support Forces"
    ent = _entity(doc, "RSF")
    assert ent is not None and ent.identifier_text == "Riverine Security Force"


@pytest.mark.slow
def test_acronym_of_a_known_organisation_mislabelled_by_the_parser():
    doc = eventcoder.code_text("The Japan Maritime Self-Defense Force (JMSDF) held drills with the Indian navy. "
                               "JMSDF destroyers sailed to Manila.", published="2025-05-13")
    ent = _entity(doc, "JMSDF")
    assert ent is not None and (ent.identifier_text, ent.code, ent.sector) == (
        "Japan Maritime Self-Defense Force", "JPN", "MIL")
    assert ent.kind != "person"


@pytest.mark.slow
def test_countries_and_common_nouns_are_not_organisations():
    doc = eventcoder.code_text("The United Arab Emirates (UAE) condemned the attack. The UAE called for calm. "
                               "Thousands of internally displaced persons (IDPs) fled Goma.", published="2025-05-13")
    assert not any(e.kind == "organisation" and e.identifier_text and "Emirates" in e.identifier_text
                   for e in doc.entities)
    assert not any(e.identifier_text and "displaced" in e.identifier_text for e in doc.entities)
