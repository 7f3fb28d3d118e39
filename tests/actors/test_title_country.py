"""An "of <country>" phrase on a name gives the person's country ("President X of Malawi"),
before the country of the article's places."""
from __future__ import annotations

import pytest

import eventcoder


@pytest.fixture(scope="module")
def code():
    def run(text):
        return eventcoder.code_text(text, published="2024-03-05")
    return run


def _entity(doc, name):
    return next(e for e in doc.entities if e.identifier_text and name in e.identifier_text)


def test_of_country_on_an_unknown_person_gives_their_country(code):
    doc = code("The French foreign minister met President Tumelo Mbeki-Ndlovu of Malawi in Paris on Monday.")
    e = _entity(doc, "Ndlovu")
    assert e.code == "MWI"



def test_an_office_named_with_its_of_phrase_resolves_to_its_holder(code):
    # "Secretary of State" is one office (not a secretary of a country called State); the one
    # country whose office bears that name is the United States (not Puerto Rico's
    # "Secretary of State of Puerto Rico").
    doc = code("The Secretary of State flew to Oslo on Monday.")
    assert any(e.identifier_text == "Antony Blinken" and e.code == "USA" for e in doc.entities)


def test_an_of_phrase_naming_a_country_still_gives_the_country(code):
    doc = code("The foreign minister of Norway flew to Rome on Monday.")
    assert any(e.code == "NOR" and e.identifier_text and "description" in " ".join(e.evidence)
               for e in doc.entities)



def test_a_full_stop_inside_a_parsed_sentence_ends_the_title():
    # Bullet lists run sentences together ("... of Cuba. -   President Joe Biden ordered"):
    # the words before the full stop are not part of the president's title.
    import spacy
    from spacy.tokens import Doc

    from eventcoder.actors.context import title_context
    from eventcoder.actors.kb import KnowledgeBase

    words = ["out", "of", "Cuba", ".", "-", "President", "Joe", "Biden", "ordered", "it"]
    pos = ["ADP", "ADP", "PROPN", "PUNCT", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB", "PRON"]
    heads = [8, 0, 1, 0, 7, 7, 7, 8, 8, 8]
    deps = ["prep", "prep", "pobj", "punct", "punct", "compound", "compound", "nsubj", "ROOT", "dobj"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, heads=heads, deps=deps,
              sent_starts=[True] + [False] * (len(words) - 1))
    ctx = title_context(KnowledgeBase.load(use_env=False), doc[6:8])
    assert ctx.words == ["President"] and ctx.countries == []
