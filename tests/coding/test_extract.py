"""Event extraction on short hand-written sentences (uses the session spaCy model)."""
from __future__ import annotations

import pytest

from eventcoder.coding import EventExtractor
from eventcoder.coding.lexicon import Lexicon


@pytest.fixture(scope="module")
def ex():
    return EventExtractor()


def run(nlp, ex, text):
    doc = nlp(text)
    out = [c for s in doc.sents for c in ex.extract(s)]
    return doc, out


def words(doc, idx):
    return {doc[i].text for i in idx}


def only(doc, cands, type_):
    found = [c for c in cands if c.type == type_]
    assert found, f"no {type_} in {[(c.type, c.pattern) for c in cands]} for {doc.text!r}"
    return found[0]


@pytest.mark.parametrize("text, type_", [
    ("The foreign ministers met in Geneva on Monday.", "CONSULT"),
    ("Macron spoke by phone with Erdogan on Tuesday.", "CONSULT"),
    ("The Chinese president visited Moscow last week.", "CONSULT"),
    ("Kenya and Somalia signed a security agreement.", "SUPPORT"),
    ("The prime minister praised the police.", "SUPPORT"),
    ("The opposition condemned the government.", "ACCUSE"),
    ("Police are investigating the mayor.", "ACCUSE"),
    ("Moscow warned Kyiv against any provocation.", "THREATEN"),
    ("The bishops urged the rebels to lay down their arms.", "REQUEST"),
    ("The union called for a general strike.", "REQUEST"),
    ("The parliament rejected the proposal.", "REJECT"),
    ("The two countries agreed to cooperate on energy.", "AGREE"),
    ("Thousands of students protested outside parliament.", "PROTEST"),
    ("Russian forces shelled the town overnight.", "ASSAULT"),
    ("Police arrested three journalists in the capital.", "COERCE"),
    ("The army deployed troops to the border.", "MOBILIZE"),
    ("The rebels released twelve hostages.", "RETREAT"),
    ("The minister resigned on Friday.", "RETREAT"),
    ("Germany sent humanitarian aid to Syria.", "AID"),
    ("The government expelled two Russian diplomats.", "SANCTION"),
    ("A court sentenced the activist to five years in prison.", "SANCTION"),
    ("The rebels declared a ceasefire.", "CONCEDE"),
    ("The navies of Japan and India held joint exercises.", "COOPERATE"),
    ("The ministry summoned the French ambassador.", "ACCUSE"),
])
def test_sentence_types(nlp, ex, text, type_):
    doc, cands = run(nlp, ex, text)
    only(doc, cands, type_)


def test_candidate_fields(nlp, ex):
    doc, cands = run(nlp, ex, "The EU imposed sanctions on Russia.")
    c = only(doc, cands, "SANCTION")
    assert c.quad == 4 and c.mode == ("discontinue",)
    assert words(doc, c.trigger) == {"imposed", "sanctions"}
    assert words(doc, c.actors) == {"EU"} and words(doc, c.recipients) == {"Russia"}
    assert c.aux is None and c.speech_verb is None
    assert c.pattern.startswith("sanction.") and 0 < c.confidence <= 1


def test_passive_by_agent(nlp, ex):
    doc, cands = run(nlp, ex, "The protesters were detained by police in Belgrade.")
    c = only(doc, cands, "COERCE")
    assert "arrest" in c.mode
    assert words(doc, c.actors) == {"police"} and words(doc, c.recipients) == {"protesters"}


def test_coordinated_actors_each_head(nlp, ex):
    doc, cands = run(nlp, ex, "Britain, Germany, Poland and France condemned the attack.")
    c = only(doc, cands, "ACCUSE")
    assert {"Britain", "Germany", "Poland", "France"} <= words(doc, c.actors)


def test_appositive_list_of_actors(nlp, ex):
    doc, cands = run(nlp, ex, "Leaders of Ukraine's allies, Britain, Germany, Poland and France, traveled to Kiev.")
    c = only(doc, cands, "CONSULT")
    assert {"Britain", "Germany", "Poland", "France"} <= words(doc, c.actors)
    assert "visit" in c.mode and words(doc, c.recipients) == {"Kiev"}


def test_possessive_noun_event(nlp, ex):
    doc, cands = run(nlp, ex, "Russia's attack on Kyiv drew wide condemnation.")
    c = next(c for c in cands if c.type == "ASSAULT")
    assert words(doc, c.actors) == {"Russia"} and words(doc, c.recipients) == {"Kyiv"}


def test_xcomp_chain_travel_to_meet_is_one_visit(nlp, ex):
    doc, cands = run(nlp, ex, "Zelensky traveled to Ankara to meet Erdogan.")
    consult = [c for c in cands if c.type == "CONSULT"]
    assert len(consult) == 1
    c = consult[0]
    assert words(doc, c.actors) == {"Zelensky"}
    assert {"Ankara", "Erdogan"} <= words(doc, c.recipients)
    assert {"traveled", "meet"} <= words(doc, c.trigger)


def test_shared_subject_across_and(nlp, ex):
    doc, cands = run(nlp, ex, "Zelensky arrived in Berlin and condemned Russia.")
    c = only(doc, cands, "ACCUSE")
    assert words(doc, c.actors) == {"Zelensky"} and words(doc, c.recipients) == {"Russia"}


def test_pronoun_subject_is_returned(nlp, ex):
    doc, cands = run(nlp, ex, "She praised the firefighters.")
    c = only(doc, cands, "SUPPORT")
    assert words(doc, c.actors) == {"She"}


def test_negation(nlp, ex):
    doc, cands = run(nlp, ex, "The two presidents have not met since 2019.")
    c = only(doc, cands, "CONSULT")
    assert c.aux == "negation"


def test_no_talks_is_negation(nlp, ex):
    doc, cands = run(nlp, ex, "No talks took place between the two sides.")
    c = only(doc, cands, "CONSULT")
    assert c.aux == "negation"


def test_future_consult_becomes_agree(nlp, ex):
    doc, cands = run(nlp, ex, "Putin will meet Trump in Helsinki next month.")
    assert not [c for c in cands if c.type == "CONSULT"]
    c = only(doc, cands, "AGREE")
    assert c.aux == "future" and c.pattern.endswith(">AGREE")


def test_expected_to_is_future(nlp, ex):
    doc, cands = run(nlp, ex, "The minister is expected to visit Warsaw.")
    c = only(doc, cands, "AGREE")
    assert c.aux == "future"


def test_reported_could_meet_is_future_agree_with_speech_verb(nlp, ex):
    doc, cands = run(nlp, ex, "Zelensky said he could meet Putin in Istanbul.")
    c = only(doc, cands, "AGREE")
    assert c.aux == "future" and doc[c.speech_verb].text == "said"
    assert words(doc, c.actors) == {"he"}


def test_conditional_is_hypothetical(nlp, ex):
    doc, cands = run(nlp, ex, "If the rebels agree, the envoys would meet in Geneva.")
    c = next(c for c in cands if c.pattern.startswith("consult."))
    assert c.type == "AGREE" and c.aux == "hypothetical"


def test_conditional_violence_is_a_threat(nlp, ex):
    doc, cands = run(nlp, ex, "If Russia refuses, the allies would attack.")
    c = only(doc, cands, "THREATEN")
    assert c.mode == ("violence",) and c.aux is None


def test_refusal_is_reject_not_negated_consult(nlp, ex):
    doc, cands = run(nlp, ex, "Putin refused to meet Zelensky.")
    assert [c.type for c in cands] == ["REJECT"]
    assert cands[0].aux is None and cands[0].mode == ("meet",)


def test_statement_is_not_an_event(nlp, ex):
    doc, cands = run(nlp, ex, "He said the talks were useful.")
    assert cands == []


def test_reporting_verb_alone_is_not_an_event(nlp, ex):
    doc, cands = run(nlp, ex, "The spokesman told reporters that the weather was bad.")
    assert cands == []


def test_call_for_ceasefire_is_one_request_with_yield(nlp, ex):
    doc, cands = run(nlp, ex, "The UN called for an immediate ceasefire.")
    assert [c.type for c in cands] == ["REQUEST"]
    assert cands[0].mode == ("yield",)


def test_drone_attack_mode(nlp, ex):
    doc, cands = run(nlp, ex, "Russia launched a drone attack on Odesa.")
    c = only(doc, cands, "ASSAULT")
    assert "drone" in c.mode and words(doc, c.recipients) == {"Odesa"}


def test_nominal_talks_between(nlp, ex):
    doc, cands = run(nlp, ex, "Talks between Armenia and Azerbaijan resumed in Vienna.")
    c = only(doc, cands, "CONSULT")
    assert {"Armenia", "Azerbaijan"} <= words(doc, c.actors)


def test_sanctions_package_future(nlp, ex):
    doc, cands = run(nlp, ex, "The EU is preparing a new package of sanctions against Iran.")
    c = only(doc, cands, "SANCTION")
    assert words(doc, c.recipients) == {"Iran"}


def test_announced_future_boycott_is_threat(nlp, ex):
    doc, cands = run(nlp, ex, "The party said it would boycott the elections.")
    c = only(doc, cands, "THREATEN")
    assert c.pattern.endswith(">THREATEN")


def test_must_under_speech_verb_is_request(nlp, ex):
    doc, cands = run(nlp, ex, "Washington said Beijing must release the detained activists.")
    c = only(doc, cands, "REQUEST")
    assert words(doc, c.actors) == {"Washington"} and words(doc, c.recipients) == {"Beijing"}


def test_custom_lexicon_is_used():
    lex = Lexicon.from_lines(['{"id": "t.x", "type": "PROTEST", "pos": "VERB", "lemma": "picnic", "mode": "demo"}'])
    assert EventExtractor(lex).lexicon is lex
