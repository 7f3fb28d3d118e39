"""attribute(): speaker phrases on the real spaCy model (the session ``nlp`` fixture)."""
from __future__ import annotations

import pytest

from eventcoder.quotes import Attribution, attribute, find_quote_spans

# (text, quote index, speaker phrase or None, head word or None, method)
CASES = [
    # cue after the quote
    ("\u201cWe will go,\u201d he said.", 0, "he", "he", "cue-after"),
    ('"We will go," he said.', 0, "he", "he", "cue-after"),
    ("\u201cThe talks are over,\u201d he told reporters in Moscow.", 0, "he", "he", "cue-after"),
    ("\u201cWe are ready,\u201d she added.", 0, "she", "she", "cue-after"),
    ("\u201cWe will do it,\u201d Kremlin spokesman Dmitry Peskov said.", 0,
     "Kremlin spokesman Dmitry Peskov", "Peskov", "cue-after"),
    ("\u201cWe will do it,\u201d said Kremlin spokesman Dmitry Peskov.", 0,
     "Kremlin spokesman Dmitry Peskov", "Peskov", "cue-after"),
    ("\u201cWe will do it,\u201d said Peskov.", 0, "Peskov", "Peskov", "cue-after"),
    ("\u201cThe enemy attacked again,\u201d Governor Ivan Petrov wrote on Telegram.", 0,
     "Governor Ivan Petrov", "Petrov", "cue-after"),
    ("\u201cFour people died,\u201d according to the regional administration.", 0,
     "the regional administration", "administration", "cue-after"),
    ("\u201cWe reject the plan,\u201d the ministry said in a statement.", 0, "the ministry", "ministry", "cue-after"),
    ("\u201cIs this a joke?\u201d Lavrov asked.", 0, "Lavrov", "Lavrov", "cue-after"),
    ("\u201cThe decision is final,\u201d Dmitry Peskov, the Kremlin spokesman, told reporters.", 0,
     None, "Peskov", "cue-after"),
    ("\u201cThe decision is final,\u201d Peskov said on Monday.", 0, "Peskov", "Peskov", "cue-after"),
    # cue before the quote
    ("Peskov said: \u201cWe will not negotiate.\u201d", 0, "Peskov", "Peskov", "cue-before"),
    ("Peskov said that \u201cthe decision is final.\u201d", 0, "Peskov", "Peskov", "cue-before"),
    ("The Kremlin called the decision \u201cuseless\u201d.", 0, "The Kremlin", "Kremlin", "cue-before"),
    ("Lavrov described the plan as \u201ca provocation\u201d.", 0, "Lavrov", "Lavrov", "cue-before"),
    ("Lavrov, who said \u201cnothing has changed\u201d, left early.", 0, "Lavrov", "Lavrov", "cue-before"),
    ("Foreign Minister Sergei Lavrov said on Tuesday that \u201cthe West is lying.\u201d", 0,
     "Foreign Minister Sergei Lavrov", "Lavrov", "cue-before"),
    ("He praised the police and warned, \u201cThe time of accountability is coming.\u201d", 0, "He", "He", None),
    # split quote: one speaker for both halves
    ("\u201cWe will go,\u201d he said, \u201cwhatever happens.\u201d", 0, "he", "he", "cue-after"),
    ("\u201cWe will go,\u201d he said, \u201cwhatever happens.\u201d", 1, "he", "he", "cue-before"),
    ('"We will go," Peskov said, "whatever happens."', 1, "Peskov", "Peskov", "cue-before"),
    # embedded in a sentence
    ("Zelensky also accused Putin of being \u201cscary\u201d to meet him.", 0, "Zelensky", "Zelensky", None),
    ("Putin wanted meetings \u201cwithout prior conditions\u201d in Istanbul.", 0, "Putin", "Putin", "embedded"),
    ("Xi Jinping welcomed \u201cprogress\u201d after meeting Blinken.", 0, "Xi Jinping", "Jinping", None),
    # speaker in the next sentence
    ("\u201cWe will never surrender. We will fight.\u201d That was the message from Foreign Minister "
     "Dmytro Kuleba on Monday.", 0, "Foreign Minister Dmytro Kuleba", "Kuleba", "next-sentence"),
    # previous speaker
    ("\u201cWe will go,\u201d Kuleba said. \u201cWe will win.\u201d", 1, "Kuleba", "Kuleba", "previous-speaker"),
    ("\u201cWe are ready,\u201d the ministry said.\n\n\u201cWe will respond to any attack.\u201d", 1,
     "the ministry", "ministry", "previous-speaker"),
    ("\u201cThe first part of a long speech.\n\n\u201cThe second part,\u201d he said.", 1, "he", "he", "cue-after"),
    ("\u201cThe first part of a long speech.\n\n\u201cThe second part,\u201d he said.", 0, "he", "he", None),
    # no speaker at all
    ("The so-called \u201cpeace plan\u201d.", 0, None, None, "none"),
]


def _phrase(text: str, a: Attribution):
    if a.speaker_start is None:
        return None
    return text[a.speaker_start:a.speaker_end]


def _head(text: str, a: Attribution):
    if a.speaker_head is None:
        return None
    return text[a.speaker_head:].split()[0].strip(",.")


@pytest.mark.parametrize("text,index,phrase,head,method", CASES)
def test_attribution(nlp, text, index, phrase, head, method):
    spans = find_quote_spans(text)
    atts = attribute(nlp(text), spans)
    assert len(atts) == len(spans)
    a = atts[index]
    assert a.quote == spans[index]
    if phrase is not None or head is None:
        assert _phrase(text, a) == phrase
    assert _head(text, a) == head
    if method is not None:
        assert a.method == method
    assert (a.confidence > 0) == (a.speaker_start is not None)


def test_previous_speaker_points_to_the_attributed_quote(nlp):
    text = "\u201cOne,\u201d Peskov said. \u201cTwo.\u201d \u201cThree.\u201d"
    atts = attribute(nlp(text), find_quote_spans(text))
    assert [a.method for a in atts] == ["cue-after", "previous-speaker", "previous-speaker"]
    assert atts[1].same_speaker_as == 0 and atts[2].same_speaker_as == 0


def test_cue_is_the_word_as_written(nlp):
    text = "\u201cWe are ready,\u201d she told reporters, \u201cand willing.\u201d \u201cFine,\u201d according to Ivanov."
    atts = attribute(nlp(text), find_quote_spans(text))
    assert [a.cue for a in atts] == ["told", "told", "according to"]


def test_speaker_never_reaches_into_another_paragraph(nlp):
    text = "The annexation and the \u201cfoolish decision\u201d\n\nOrban announced that he abstained."
    (a,) = attribute(nlp(text), find_quote_spans(text))
    assert a.speaker_start is None or "\n" not in text[a.speaker_start:a.speaker_end]
    assert a.speaker_start is None or text[a.speaker_start:a.speaker_end] != "The annexation"


def test_garbled_text_never_raises(nlp):
    text = "\u201d\u201c \" He said \u201c \u201d\u201d \u201cwe \n\n\u201cgo\" , \u201d said . \u2018 \u201c"
    spans = find_quote_spans(text)
    atts = attribute(nlp(text), spans)
    assert len(atts) == len(spans)


def test_no_spans_no_attributions(nlp):
    assert attribute(nlp("Nothing quoted here."), []) == []
