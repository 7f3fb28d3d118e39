"""State institutions named by a description ("the Indian navy", "Turkey's coast guard")."""
from __future__ import annotations

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _entity(doc, mention: str):
    return next((e for e in doc.entities if any(m.text == mention for m in e.mentions)), None)


@pytest.mark.parametrize("text,mention,code,sector", [
    ("The Indian navy rescued 20 fishermen off the coast of Somalia.", "The Indian navy", "IND", "MIL"),
    ("Turkey's coast guard detained 30 migrants.", "Turkey's coast guard", "TUR", "MIL"),
    ("The Iranian foreign ministry condemned the attack.", "The Iranian foreign ministry", "IRN", "GOV"),
    ("The army of Sudan shelled Omdurman.", "The army", "SDN", "MIL"),
])
def test_institution_phrase_gives_country_and_sector(text, mention, code, sector):
    doc = eventcoder.code_text(text, published="2025-05-13")
    ent = _entity(doc, mention)
    assert ent is not None, [(e.identifier_text, [m.text for m in e.mentions]) for e in doc.entities]
    assert (ent.code, ent.sector) == (code, sector)
    assert ent.identifier_text  # a KB organisation, or the institution as written


def test_plural_groups_are_not_institutions():
    doc = eventcoder.code_text("Russian troops shelled Kharkiv.", published="2025-05-13")
    assert not any(m.text.endswith("troops") for e in doc.entities for m in e.mentions)
    ev = doc.events[0]
    assert (ev.actor[0].code, ev.actor[0].sector) == ("RUS", "MIL")  # still the event's actor


def test_armed_group_modifier_is_not_a_state():
    doc = eventcoder.code_text("The Wagner army attacked the town.", published="2025-05-13")
    assert not any(e.evidence and "institution phrase" in e.evidence[0] for e in doc.entities)


def test_unnamed_institution_takes_the_article_country():
    doc = eventcoder.code_text("Russian forces attacked Kharkiv overnight, the Ukrainian army said. "
                               "The army repelled the attack.", published="2025-05-13")
    ent = _entity(doc, "the Ukrainian army")
    assert ent is not None and ent.code == "UKR"
