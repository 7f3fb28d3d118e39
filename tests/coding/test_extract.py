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
    assert c.aux == "future"  # CODEBOOK 1: prepared, not yet in force


@pytest.mark.parametrize("text, aux", [
    ("A new package of sanctions against Iran is being drafted by the EU.", "future"),
    ("The EU imposed a new package of sanctions against Iran.", None),
    ("The EU announced plans for sanctions against Iran.", "future"),
])
def test_planned_sanctions_are_future_imposed_ones_are_not(nlp, ex, text, aux):
    doc, cands = run(nlp, ex, text)
    assert only(doc, cands, "SANCTION").aux == aux


def test_planned_rally_is_future_held_rally_is_not(nlp, ex):
    doc, cands = run(nlp, ex, "The union planned a rally against the pension reform.")
    assert only(doc, cands, "PROTEST").aux == "future"
    doc, cands = run(nlp, ex, "The union held a rally against the pension reform.")
    assert only(doc, cands, "PROTEST").aux is None


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


# ---------------------------------------------------------------- pattern classes added for the "Event coding" issue
@pytest.mark.parametrize("text, type_, mode", [
    ("The envoys returned to Vienna for talks with the Iranian delegation.", "CONSULT", None),
    ("The two governments renewed negotiations on the border dispute.", "CONSULT", None),
    ("The president gave a warm welcome to the visiting Kenyan leader.", "CONSULT", None),
    ("The prime minister received a team of observers from the OSCE.", "RETREAT", "access"),
    ("The army lifted the blockade on the northern villages.", "RETREAT", "access"),
    ("The government reimposed the blockade on the coastal towns.", "COERCE", "restrict"),
    ("The cabinet accepted the demands of the striking miners.", "CONCEDE", None),
    ("The junta finally gave in to the protesters.", "CONCEDE", None),
    ("The court allowed the opposition leader to stand in the election.", "CONCEDE", None),
    ("The ministry paid compensation to the families of the victims.", "AID", None),
    ("Norway is providing intelligence to the Lithuanian government.", "AID", None),
    ("The agency dispatched inspectors to the nuclear plant.", "ACCUSE", "investigate"),
    ("The senator was put under investigation for bribery.", "ACCUSE", "investigate"),
    ("The parliament opened a hearing into the police shooting.", "ACCUSE", "investigate"),
    ("Hundreds of families sought refuge in Poland.", "REQUEST", "assist"),
    ("The president reneged on his promise to the unions.", "REJECT", None),
    ("Teachers across the country stopped work on Monday.", "PROTEST", "strike"),
    ("Thousands of farmers blocked traffic into the capital.", "PROTEST", "obstruct"),
])
def test_new_pattern_classes(nlp, ex, text, type_, mode):
    doc, cands = run(nlp, ex, text)
    c = only(doc, cands, type_)
    if mode:
        assert mode in c.mode


def test_mediation_mission_mediator_is_actor_sides_are_recipients(nlp, ex):
    doc, cands = run(nlp, ex, "The Qatari emir launched a mediation effort between Ethiopia and Eritrea.")
    c = only(doc, cands, "CONSULT")
    assert "third-party" in c.mode
    assert words(doc, c.actors) == {"emir"}
    assert {"Ethiopia", "Eritrea"} <= words(doc, c.recipients)


def test_labour_strike_is_protest_not_assault(nlp, ex):
    doc, cands = run(nlp, ex, "The dock workers began an open-ended strike over pay.")
    assert "ASSAULT" not in {c.type for c in cands}
    assert "strike" in only(doc, cands, "PROTEST").mode
    doc, cands = run(nlp, ex, "Bus drivers have been on strike since Monday.")
    only(doc, cands, "PROTEST")
    doc, cands = run(nlp, ex, "The strike on the fuel depot killed two guards.")
    only(doc, cands, "ASSAULT")


def test_joint_exercise_is_cooperation_single_country_is_mobilization(nlp, ex):
    doc, cands = run(nlp, ex, "French and Italian warships launched war games in the Adriatic.")
    only(doc, cands, "COOPERATE")
    doc, cands = run(nlp, ex, "The Chinese navy launched war games near the strait.")
    only(doc, cands, "MOBILIZE")


def test_refusal_under_will_not_is_reject(nlp, ex):
    doc, cands = run(nlp, ex, "Jordan will not accept any more refugees from Syria.")
    c = only(doc, cands, "REJECT")
    assert c.aux is None
    doc, cands = run(nlp, ex, "The two leaders have not met since 2019.")
    assert only(doc, cands, "CONSULT").aux == "negation"


def test_pronoun_it_is_an_actor_unless_expletive(nlp, ex):
    doc, cands = run(nlp, ex, "Japan said it had halted economic aid to Serbia.")
    c = only(doc, cands, "SANCTION")
    assert words(doc, c.actors) == {"it"}
    assert words(doc, c.recipients) == {"Serbia"}


def test_document_noun_takes_its_issuer(nlp, ex):
    doc, cands = run(nlp, ex, "The rebels issued a statement demanding the release of their leader.")
    assert words(doc, only(doc, cands, "REQUEST").actors) == {"rebels"}


def test_agreement_takes_the_recipient_of_its_content(nlp, ex):
    doc, cands = run(nlp, ex, "Congress agreed to lift the embargo on Cuba.")
    assert "Cuba" in words(doc, only(doc, cands, "AGREE").recipients)


def test_purpose_clause_allow_is_not_an_event(nlp, ex):
    doc, cands = run(nlp, ex, "The general resigned to allow elections to take place.")
    assert "CONCEDE" not in {c.type for c in cands}
    only(doc, cands, "RETREAT")


def test_quantity_and_group_objects(nlp, ex):
    doc, cands = run(nlp, ex, "The European Union gave Kenya five million dollars of aid.")
    only(doc, cands, "AID")


# ---------------------------------------------------------------- GSR recall classes (argument mapping and modality)
def test_lifted_curfew_in_a_place_is_a_concession_to_that_place(nlp, ex):
    doc, cands = run(nlp, ex, "The government lifted the curfew in Kosovo on Monday.")
    c = only(doc, cands, "CONCEDE")
    assert words(doc, c.recipients) == {"Kosovo"}


def test_complaint_over_an_act_targets_the_act_not_the_addressee(nlp, ex):
    doc, cands = run(nlp, ex, "Syria complained to the Security Council over Turkish air strikes.")
    c = only(doc, cands, "ACCUSE")
    assert words(doc, c.recipients) == {"strikes"}


@pytest.mark.parametrize("text, type_, mode, actor, recipient", [
    ("The militia was holding villagers as human shields near the front.", "COERCE", None, "militia", "villagers"),
    ("Government troops were engaged in ethnic cleansing against the Rohingya.", "ASSAULT", None, "troops", "Rohingya"),
    ("Prison guards sexually abused female inmates.", "ASSAULT", "sexual", "guards", "inmates"),
])
def test_repression_and_violence_classes(nlp, ex, text, type_, mode, actor, recipient):
    doc, cands = run(nlp, ex, text)
    c = only(doc, cands, type_)
    assert actor in words(doc, c.actors) and recipient in words(doc, c.recipients)
    if mode:
        assert mode in c.mode


def test_demand_that_clause_subject_is_the_recipient(nlp, ex):
    doc, cands = run(nlp, ex, "The union demanded that the ministry reopen the mines.")
    c = only(doc, cands, "REQUEST")
    assert words(doc, c.recipients) == {"ministry"}


def test_expelled_diplomats_recipient_is_their_country(nlp, ex):
    doc, cands = run(nlp, ex, "Poland has expelled three Belarusian diplomats.")
    c = only(doc, cands, "SANCTION")
    assert words(doc, c.recipients) == {"Belarusian"}


def test_will_allow_is_a_promise_decided_to_allow_a_concession(nlp, ex):
    doc, cands = run(nlp, ex, "Greece will allow the migrants to stay.")
    assert only(doc, cands, "AGREE").pattern.endswith(">AGREE")
    doc, cands = run(nlp, ex, "The board decided to allow the refugees to stay.")
    only(doc, cands, "CONCEDE")


def test_conditional_withdrawal_is_a_threat(nlp, ex):
    doc, cands = run(nlp, ex, "Kenya said it will withdraw its troops from Somalia unless the fighting stops.")
    c = only(doc, cands, "THREATEN")
    assert words(doc, c.recipients) == {"Somalia"}


def test_readiness_to_use_force_is_a_threat(nlp, ex):
    doc, cands = run(nlp, ex, "The junta said it is prepared to impose martial law in the capital.")
    assert only(doc, cands, "THREATEN").aux is None
    assert not [c for c in cands if c.type in ("AGREE", "COERCE")]


def test_announced_sanction_stays_a_sanction_marked_future(nlp, ex):
    doc, cands = run(nlp, ex, "Canada announced it would impose sanctions on Venezuela.")
    c = only(doc, cands, "SANCTION")
    assert c.aux == "future" and not [x for x in cands if x.type == "THREATEN"]


def test_past_attempt_is_the_act_itself(nlp, ex):
    doc, cands = run(nlp, ex, "Gunmen tried to kill the governor on Friday, police said.")
    c = only(doc, cands, "ASSAULT")
    assert c.aux is None


def test_investigated_crimes_target_their_perpetrator(nlp, ex):
    doc, cands = run(nlp, ex, "Prosecutors are investigating abuses by border guards against migrants.")
    c = only(doc, cands, "ACCUSE")
    assert words(doc, c.recipients) == {"guards"}


def test_agent_of_the_protest_itself_is_not_its_target(nlp, ex):
    doc, cands = run(nlp, ex, "A protest staged by students against the new law was broken up.")
    assert "students" not in words(doc, only(doc, cands, "PROTEST").recipients)


def test_is_opposed_to_is_a_refusal_by_the_subject(nlp, ex):
    doc, cands = run(nlp, ex, "Hungary is opposed to the new migration plan.")
    c = only(doc, cands, "REJECT")
    assert words(doc, c.actors) == {"Hungary"} and words(doc, c.recipients) == {"plan"}


def test_speeded_up_withdrawal_takes_the_subject(nlp, ex):
    doc, cands = run(nlp, ex, "France speeded up the withdrawal of its soldiers from Mali.")
    c = only(doc, cands, "RETREAT")
    assert words(doc, c.actors) == {"France"}


@pytest.mark.slow
def test_attack_with_no_agent_is_coded_to_the_place():
    import eventcoder

    doc = eventcoder.code_text("A roadside bomb near the city of Kirkuk killed two American soldiers on Sunday.",
                               published="2005-03-14")
    assault = [e for e in doc.events if e.event[0] == "ASSAULT"]
    assert assault and {a.code for a in assault[0].actor} == {"IRQ"}
    assert "USA" in {r.code for r in assault[0].recipient}
    doc = eventcoder.code_text("Officials said the factory was making chemical weapons near Kirkuk.",
                               published="2005-03-14")
    assert not [e for e in doc.events if e.event[0] == "ASSAULT"]


def test_failed_to_reach_agreement_is_a_rejection(nlp, ex):
    doc, cands = run(nlp, ex, "The two unions failed to reach agreement with the employers on Sunday.")
    assert only(doc, cands, "REJECT").pattern.endswith(">REJECT")
    assert not [c for c in cands if c.type == "AGREE"]


@pytest.mark.slow
def test_protest_target_is_another_country_named_in_the_phrase_not_its_place():
    import eventcoder

    doc = eventcoder.code_text("Thousands of students blocked roads in Taipei in defiance of Chinese authorities.",
                               published="2005-03-14")
    protest = [e for e in doc.events if e.event[0] == "PROTEST"]
    assert protest and "CHN" in {r.code for r in protest[0].recipient}
