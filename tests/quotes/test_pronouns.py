"""He/she speakers over the document's people, and knowledge-base labels as the document writes
them. Texts written for these tests (invented people, except where a knowledge-base person is the
point)."""
from __future__ import annotations

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _quotes(text):
    return eventcoder.code_text(text).quotes


def test_he_is_an_unlinked_person_whose_surname_repeats():
    text = ("Organisers said Garrow Pelling had arrived late. Pelling spoke for an hour about the mill "
            "and the river.\n\n\u201cWe will reopen the mill next spring,\u201d he said.")
    q = _quotes(text)[0]
    assert q.speaker is not None and q.speaker.identifier_text == "Garrow Pelling"
    assert q.evidence["link"].startswith("pronoun:")


def test_a_pronoun_before_the_only_name_of_its_sentence_gives_no_gender():
    # 'her' stands for Holtwick, named the sentence before; it says nothing of Dalby's gender
    text = ("Fenna Holtwick chairs the party board in the valley.\n\n"
            "The risk of her leaving the board worried Orrin Dalby. Dalby called the members.\n\n"
            "\u201cWe will stay together,\u201d he said.")
    q = _quotes(text)[0]
    assert q.speaker is not None and "Dalby" in (q.speaker.identifier_text or "")


def test_knowledge_base_label_as_the_document_writes_the_name():
    text = ("Vice President Joseph Biden visited Ohio on Monday.\n\n"
            "\u201cJobs are coming back to this state,\u201d Biden said.")
    q = _quotes(text)[0]
    assert q.speaker.identifier_text == "Joseph Biden"
    assert q.evidence["link"].endswith(":as-written")


def test_a_middle_initial_more_keeps_the_label():
    text = ("Donald J. Trump met workers on Monday.\n\n"
            "\u201cJobs are coming back to this state,\u201d Trump said.")
    q = _quotes(text)[0]
    assert q.speaker.identifier_text == "Donald Trump"


def test_he_after_a_reported_attribution_takes_its_source():
    # the source of the attribution before is Crail's reported speech, not Dalby's quote
    text = ("\u201cThe mill stays open,\u201d said Orrin Dalby, the owner.\n\n"
            "But Hamish Crail, who leads the union of Dalby's workers, said the plan would fail within "
            "a year. \u201cWe will strike in May,\u201d he said.")
    q = _quotes(text)[1]
    assert q.speaker is not None and q.speaker.identifier_text == "Hamish Crail"
    assert q.evidence["link"] == "pronoun:previous-speaker+subject"


def test_a_quote_without_any_cue_is_the_salient_subject_before():
    text = ("What the plan means for the valley is unclear, since Tilda Vorhees spoke only in slogans "
            "at the debate.\n\n\u201cWe have to be a lot tougher on waste.\u201d")
    q = _quotes(text)[0]
    assert q.evidence["method"] == "salient"
    assert q.speaker is not None and q.speaker.identifier_text == "Tilda Vorhees"


def test_an_unlinked_surname_takes_the_person_linked_elsewhere():
    text = ("The host Odile Brannock interviewed the senator on Monday. The conversation ended with "
            "Brannock asking about the plan.\n\n\u201cWill you run again next year?\u201d Brannock asked.")
    q = _quotes(text)[0]
    assert q.speaker is not None and q.speaker.identifier_text == "Odile Brannock"
    assert q.evidence["link"] == "person-mention"


def test_barked_is_a_speech_cue():
    q = _quotes("\u201cGet out of my office now,\u201d Osgood Fenwright barked at the visitors.")[0]
    assert q.evidence["method"] == "cue-after" and q.evidence["phrase"] == "Osgood Fenwright"


def _linker(text, linked_word, entity):
    """A linker over ``text`` whose analysis links every token ``linked_word`` to ``entity``."""
    from eventcoder.actors.resolver import ActorAnalysis
    from eventcoder.pipeline import Pipeline
    from eventcoder.quotes.linking import SpeakerLinker
    from eventcoder.records import Span

    doc = Pipeline().nlp(text)
    toks = [t.i for t in doc if t.text == linked_word]
    analysis = ActorAnalysis([entity], {i: 0 for i in toks},
                             {i: Span(doc[i].text, doc[i].idx, doc[i].idx + len(doc[i].text)) for i in toks}, "USA")
    return doc, SpeakerLinker(doc, analysis, [], lambda tok: None, kb=None)


def test_a_surname_two_letters_off_is_another_person():
    from eventcoder.records import Entity

    text = "The teacher Marla Quent spoke at the fair. Quent said the harvest was poor."
    for kb_name, ok in (("Marla Quenby", False), ("Marla Quente", True)):
        doc, linker = _linker(text, "Quent", Entity(kb_name, "Q1", "USA", None, "person"))
        tok = next(t for t in doc if t.text == "Quent" and t.i > 5)
        assert linker.consistent(0, tok) is ok, kb_name


def test_a_nationality_word_written_as_a_surname_is_the_person():
    text = ("The teacher Paula German spoke at the fair on Monday.\n\n"
            "\u201cThe harvest was poor this year,\u201d German said.")
    q = _quotes(text)[0]
    assert q.speaker.identifier_text == "Paula German"
