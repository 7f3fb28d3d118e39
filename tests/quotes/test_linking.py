"""Speaker linking through the whole coder: pronouns ranked over the document's people,
names the resolver left unlinked, colon-introduced quotes, evidence. Texts written for
these tests (invented people, so that the knowledge base cannot help)."""
from __future__ import annotations

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _quotes(text):
    return eventcoder.code_text(text).quotes


def test_she_is_the_woman_named_before_not_the_last_subject():
    text = ("Mrs. Alma Quenby, a farmer, met the candidate Mr. Tobias Wrenfield at a rally. "
            "Wrenfield spoke for an hour. Quenby listened.\n\n"
            "\u201cHe did not talk about water once,\u201d she said.")
    q = _quotes(text)[0]
    assert q.speaker is not None and q.speaker.identifier_text and "Quenby" in q.speaker.identifier_text
    assert q.evidence["link"].startswith("pronoun:")
    assert q.evidence["method"] == "cue-after" and q.evidence["phrase"] == "she"


def test_he_follows_the_previous_speaker_when_no_one_else_is_named():
    text = ("\u201cThe plant will close,\u201d said Mr. Dorian Haskett, the union leader.\n\n"
            "\u201cWe will fight it,\u201d he added.")
    q = _quotes(text)[1]
    assert q.speaker is not None and "Haskett" in (q.speaker.identifier_text or "")


def test_unlinked_surname_takes_the_fullest_form_in_the_document():
    text = ("The talk show host Brandon Quillfeather spoke on Monday.\n\n"
            "\u201cThe election is not over,\u201d Quillfeather said.")
    q = _quotes(text)[0]
    assert q.speaker is not None and q.speaker.identifier_text == "Brandon Quillfeather"


def test_colon_introduced_quote_in_the_next_paragraph():
    text = ("Voter Marla Oxenby, a retired nurse, said that given the choice on both sides:\n\n"
            "\u201cThere is only one candidate for me. The reason is simple.\u201d")
    q = _quotes(text)[0]
    assert q.evidence["method"] == "colon"
    assert q.speaker is not None and "Oxenby" in (q.speaker.identifier_text or "")


def test_colon_after_a_bare_name():
    text = ("Gideon Tarrow and Wilma Pardoe debated the plan.\n\n"
            "Pardoe: \u201cOur goal is not to contain the problem but to end it.\u201d")
    q = _quotes(text)[0]
    assert q.speaker is not None and "Pardoe" in (q.speaker.identifier_text or "")


def test_scare_quotes_and_titles_are_not_quotes():
    text = ("The minister appeared on \u201cMorning Edition Today\u201d and defended the so-called "
            "\u201creform\u201d. \u201cWe will not back down,\u201d she said.")
    qs = _quotes(text)
    assert [q.text for q in qs] == ["We will not back down"]


def test_verbal_event_in_a_quote_takes_the_linked_speaker_as_actor():
    # the pronoun speaker is ranked to the woman named before; the ACCUSE event in her quote is hers
    text = ("Mrs. Annalena Baerbock spoke in Berlin. Olaf Scholz listened.\n\n"
            "\u201cWe strongly condemn the Russian strikes on Kyiv,\u201d she said.")
    doc = eventcoder.code_text(text)
    q = doc.quotes[0]
    assert q.speaker is not None and q.speaker.identifier_text == "Annalena Baerbock"
    accuse = [e for e in doc.events if e.event[0] == "ACCUSE"]
    assert accuse and accuse[0].id in q.event_ids
    assert [a.identifier_text for a in accuse[0].actor] == ["Annalena Baerbock"]


@pytest.mark.parametrize("text, name", [
    ("Pastor Wendell Quarrington spoke at the fair on Sunday.\n\n"
     "\u201cThe town will not forget,\u201d Quarrington said.", "Wendell Quarrington"),
    ("Assemblywoman Marla Oxenby spoke at the fair on Sunday.\n\n"
     "\u201cThe town will not forget,\u201d she said.", "Marla Oxenby"),
])
def test_unknown_speaker_is_named_without_the_words_before_the_name(text, name):
    # the resolver's entity keeps the title word ('Pastor Wendell Quarrington'); the speaker
    # goes under the document's fullest form of the name
    q = _quotes(text)[0]
    assert q.speaker is not None and q.speaker.identifier_text == name



@pytest.mark.parametrize("text", [
    "GOP front-runner Arlo Putin said: \u201cThe alliance stands together on this.\u201d",
    "House Republican Arlo Putin said: \u201cThe alliance stands together on this.\u201d",
])
def test_rejected_link_names_the_speaker_without_the_words_before_the_name(text):
    # 'Putin' links to the known president; the first name does not fit, so the speaker is the
    # document's name, without the acronym or group word the parse folds into it
    q = _quotes(text)[0]
    assert q.evidence["link"] == "name-in-document:link-rejected"
    assert q.speaker is not None and q.speaker.identifier_text == "Arlo Putin"


def test_fullest_form_drops_words_before_a_name_the_document_also_writes_alone():
    # 'Veteran Arlo Putin' once, 'Arlo Putin' elsewhere: the fullest form of 'Putin' is the
    # name without the word before it
    text = ("Veteran Arlo Putin opened the fair on Sunday.\n\n"
            "Arlo Putin has run the town for years.\n\n"
            "\u201cThe town will not forget,\u201d Putin said.")
    q = _quotes(text)[0]
    assert q.speaker is not None and q.speaker.identifier_text == "Arlo Putin"
