"""Actor resolution on hand-written sentences: links, non-links, coreference, descriptions."""
from __future__ import annotations

import pytest

from eventcoder.actors.kb import KnowledgeBase
from eventcoder.actors.resolver import ActorResolver
from eventcoder.geo import Gazetteer, Geocoder
from eventcoder.nlp import prepare_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def resolve(nlp):
    kb = KnowledgeBase.load()
    resolver = ActorResolver(kb)
    geocoder = Geocoder(Gazetteer.load())

    def run(text: str, date: str):
        doc = nlp(prepare_text(text))
        return resolver.resolve(doc, date, geocoder.find_places(doc))

    return run


def entity_of(analysis, mention: str):
    for e in analysis.entities:
        if any(m.text == mention or m.text.endswith(" " + mention) for m in e.mentions):
            return e
    raise AssertionError(f"no entity has the mention {mention!r}: "
                         f"{[(e.identifier_text, [m.text for m in e.mentions]) for e in analysis.entities]}")


def test_garbled_name_linked_by_office_and_date(resolve):
    a = resolve("Foreign Minister Sergei Lawrow said on Tuesday that Moscow was ready for talks.", "2025-05-13")
    e = entity_of(a, "Sergei Lawrow")
    assert e.identifier_text == "Sergey Lavrov" and e.code == "RUS" and e.sector == "GOV"
    assert any("office" in x for x in e.evidence)


def test_unknown_person_in_a_known_office_stays_unlinked(resolve):
    a = resolve("Pavel Zemlyanikin, foreign minister of Russia, criticised the decision.", "2025-05-13")
    e = entity_of(a, "Pavel Zemlyanikin")
    assert e.identifier_text == "Pavel Zemlyanikin" and e.identifier_id is None
    assert e.code == "RUS" and e.sector == "GOV"


def test_unknown_official_takes_the_country_of_the_place_in_the_title(resolve):
    a = resolve("Mykola Hrytsenchuk, the military commander of the Sumy region, said a drone was downed.",
                "2025-05-13")
    e = entity_of(a, "Mykola Hrytsenchuk")
    assert e.identifier_id is None and e.code == "UKR"


def test_surname_and_org_labelled_surname_join_the_full_name(resolve):
    a = resolve("Governor Vasily Orlovsky said the bridge was closed. Orlovsky blamed saboteurs. "
                "Orlovsky later visited the site.", "2024-02-01")
    e = entity_of(a, "Vasily Orlovsky")
    assert sum(1 for m in e.mentions if m.text == "Orlovsky") == 2


def test_description_resolves_to_the_person_of_that_country(resolve):
    a = resolve("Turkish President Recep Erdogan hosted the talks in Istanbul. "
                "The Turkish leader said he was pleased with the outcome.", "2025-05-16")
    e = entity_of(a, "Recep Erdogan")
    assert e.identifier_text == "Recep Tayyip Erdoğan" and e.identifier_id == "Q39259"
    texts = [m.text for m in e.mentions]
    assert "The Turkish leader" in texts and "he" in texts


def test_description_without_a_named_person_uses_the_office_holder_on_the_date(resolve):
    early = resolve("The US president said the sanctions would stay.", "2022-06-01")
    late = resolve("The US president said the sanctions would stay.", "2025-03-01")
    assert entity_of(early, "The US president").identifier_text == "Joe Biden"
    assert entity_of(late, "The US president").identifier_text == "Donald Trump"


def test_possessive_description_is_not_the_possessor(resolve):
    a = resolve("Russian President Vladimir Putin spoke first. His chief of staff, Ivan Petrenko, said "
                "nothing.", "2025-05-13")
    putin = entity_of(a, "Vladimir Putin")
    assert not any(m.text.startswith("His chief") for m in putin.mentions)


def test_capitals_and_seats_are_governments_even_when_tagged_as_people(resolve):
    a = resolve("Kiev rejected the proposal, while the Kremlin said Moscow would respond.", "2025-05-13")
    assert entity_of(a, "Kiev").code == "UKR" and entity_of(a, "Kiev").sector == "GOV"
    kremlin = entity_of(a, "Kremlin")
    assert kremlin.code == "RUS" and kremlin.sector == "GOV" and kremlin.identifier_text is None


def test_country_adjective_is_not_a_person(resolve):
    a = resolve("British Prime Minister Keir Starmer met French President Emmanuel Macron in Paris.",
                "2025-03-02")
    assert entity_of(a, "Keir Starmer").code == "GBR"
    assert entity_of(a, "Emmanuel Macron").identifier_id == "Q3052772"
    assert not any(m.text == "French" for e in a.entities for m in e.mentions)


def test_pronoun_takes_the_subject_of_its_sentence(resolve):
    a = resolve("Chinese President Xi Jinping met the delegation.\n"
                "US President Donald Trump, visiting the Gulf, said that he could fly to Istanbul.",
                "2025-05-13")
    trump = entity_of(a, "Donald Trump")
    assert "he" in [m.text for m in trump.mentions]
