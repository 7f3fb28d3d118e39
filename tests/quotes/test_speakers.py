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
    # straight quotes, quote of several sentences, cue after
    ('"We will go. We will win. Nothing will stop us," he said.', 0, "he", "he", "cue-after"),
    # curly quotes, several sentences, cue verb 'warned' after
    ("\u201cThe enemy is preparing. We must be ready,\u201d she warned.", 0, "she", "she", "cue-after"),
    # cue 'added' after with a named speaker
    ("\u201cThere is no alternative,\u201d Blinken added.", 0, "Blinken", "Blinken", "cue-after"),
    # cue 'told' after, inverted order with a title
    ("\u201cThe talks will continue,\u201d Secretary of State Antony Blinken told reporters.", 0,
     "Secretary of State Antony Blinken", "Blinken", "cue-after"),
    # inverted 'said X' with a role and a full name
    ("\u201cNothing has changed,\u201d said Foreign Minister Sergei Lavrov.", 0,
     "Foreign Minister Sergei Lavrov", "Lavrov", "cue-after"),
    # 'wrote on Telegram' after
    ("\u201cThe city was attacked again,\u201d Zelensky wrote on Telegram.", 0, "Zelensky", "Zelensky", "cue-after"),
    # 'according to' after, a named person
    ("\u201cThe border is closed,\u201d according to Peskov.", 0, "Peskov", "Peskov", "cue-after"),
    # unnamed organisation as speaker (its code comes from the actor mapping)
    ("\u201cThe strike hit a military target,\u201d the Russian defence ministry said.", 0,
     "the Russian defence ministry", "ministry", "cue-after"),
    # description as speaker
    ("\u201cThere will be no talks,\u201d the Kremlin spokesman said.", 0, "the Kremlin spokesman", "spokesman",
     "cue-after"),
    # 'said' before, with a colon
    ("Blinken said: \u201cWe stand with Ukraine.\u201d", 0, "Blinken", "Blinken", "cue-before"),
    # 'told' before, with a colon
    ("Peskov told reporters: \u201cThe president has no such plans.\u201d", 0, "Peskov", "Peskov", "cue-before"),
    # 'added' before
    ("He added: \u201cWe will not give up.\u201d", 0, "He", "He", "cue-before"),
    # 'warned' before, with a title and role
    ("Kremlin spokesman Dmitry Peskov warned: \u201cThis is a dangerous path.\u201d", 0,
     "Kremlin spokesman Dmitry Peskov", "Peskov", "cue-before"),
    # 'wrote on Telegram' before
    ("Zelensky wrote on Telegram: \u201cRussia must be stopped.\u201d", 0, "Zelensky", "Zelensky", "cue-before"),
    # 'according to' before the quote
    ("According to Peskov, \u201cthe operation will continue.\u201d", 0, "Peskov", "Peskov", "cue-before"),
    # a cue right before the quote beats an earlier 'according to'
    ("Thousands marched, according to a witness, with protesters carrying a banner saying: "
     "\u201cStop the war.\u201d", 0, "protesters", "protesters", "cue-before"),
    # straight quotes, 'said that' before
    ('Lavrov said that "the West is lying."', 0, "Lavrov", "Lavrov", "cue-before"),
    # scare quote in a labelling verb: 'dismissed ... as'
    ("Lavrov dismissed the sanctions as \u201cpointless\u201d.", 0, "Lavrov", "Lavrov", "cue-before"),
    # scare quote: 'branded'
    ("The ministry branded the report \u201cfake\u201d.", 0, "The ministry", "ministry", "cue-before"),
    # split quote, inverted attribution 'said X', first half
    ("\u201cWe are ready,\u201d said Peskov, \u201cbut not at any price.\u201d", 0, "Peskov", "Peskov", "cue-after"),
    # split quote, inverted attribution 'said X', second half
    ("\u201cWe are ready,\u201d said Peskov, \u201cbut not at any price.\u201d", 1, "Peskov", "Peskov", "cue-before"),
    # split quote with straight marks and 'told', second half
    ('"The talks are over," Blinken told reporters, "for now."', 1, "Blinken", "Blinken", "cue-before"),
    # a quote inside a quote (single marks inside double ones): one quote, the outer speaker
    ("\u201cThey called it \u2018a farce\u2019 and left,\u201d Kuleba said.", 0, "Kuleba", "Kuleba", "cue-after"),
    # a quote inside a quote (double marks inside double ones)
    ("\u201cHe told us \u201cno\u201d twice,\u201d she said.", 0, "she", "she", "cue-after"),
    # a plural pronoun: the phrase is the pronoun, the head the noun it refers to
    ("Protesters gathered outside parliament. They chanted: \u201cResign now!\u201d", 0,
     "They", "Protesters", "cue-before"),
    # a plural pronoun after the quote
    ("Farmers blocked the roads. \u201cWe have nothing left,\u201d they said.", 0, "they", "Farmers", "cue-after"),
    # a sign: the speaker is who holds it
    ("Protesters held placards reading \u201cStop the war\u201d.", 0, "Protesters", "Protesters", "cue-before"),
    # participants of a gathering: the participle's noun, not the gathering
    ("The rally drew thousands of students demanding \u201cjustice\u201d.", 0, "students", "students",
     "cue-before"),
    # 'the statement said' is said by whoever issued the statement
    ("The ministry said in a statement on Monday that talks would resume. \u201cWe remain open,\u201d "
     "the statement said.", 0, "The ministry", "ministry", None),
    # 'the statement said' with no earlier statement: the speaker of the quote before
    ("\u201cThe talks went well,\u201d the presidency said. The sides met again on Sunday. "
     "\u201cBoth sides agreed to continue,\u201d the statement said.", 1, "the presidency", "presidency", None),
    # next sentence names the speaker with a speech verb
    ("\u201cWe will never give up.\u201d Those were the words of President Zelensky.", 0,
     "President Zelensky", "Zelensky", "next-sentence"),
    # next sentence: 'X said this' (found by the cue after the closing mark, whatever the method)
    ("\u201cThe war must end.\u201d Blinken said this on Monday.", 0, "Blinken", "Blinken", None),
    # a quote in a headline-like line: the speaker of the next paragraph
    ("The \u201cfoolish decision\u201d\n\nOrban said that he abstained from the vote.", 0, "Orban", "Orban",
     "next-sentence"),
    # previous speaker, a paragraph of its own with straight marks
    ('"We are ready," Peskov said.\n\n"We will respond."', 1, "Peskov", "Peskov", "previous-speaker"),
    # previous speaker in the same paragraph, after a named speaker
    ("\u201cOne step,\u201d Blinken said. \u201cThen another.\u201d", 1, "Blinken", "Blinken", "previous-speaker"),
    # an unbalanced quotation mark: the quote ends with its paragraph, no speaker invented
    ("\u201cWe will go whatever happens\n\nThe talks ended on Monday.", 0, None, None, "none"),
    # unbalanced mark in garbled text: the later, well-formed quote keeps its speaker
    ("The \u201cplan is dead, officials said.\n\n\u201cWe are ready,\u201d Peskov said.", 1, "Peskov", "Peskov",
     "cue-after"),
    # a scare quote with no speaker at all
    ("The \u201cpeace plan\u201d failed.", 0, None, None, "none"),
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


@pytest.mark.parametrize("seed", range(8))
def test_random_garbled_text_never_raises(nlp, seed):
    import random

    rng = random.Random(seed)
    words = ["\u201c", "\u201d", '"', "\u2018", "\u2019", "Putin", "said", "they", "told", "the",
             "statement", "protesters", "saying", "according", "to", ",", ".", ":", "\n", "\n\n", "We", "go"]
    text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 120)))
    spans = find_quote_spans(text)
    atts = attribute(nlp(text), spans)
    assert len(atts) == len(spans)
    for i, a in enumerate(atts):
        assert (a.speaker_start is None) == (a.speaker_end is None)
        if a.speaker_start is not None:
            assert 0 <= a.speaker_start < a.speaker_end <= len(text)
        if a.same_speaker_as is not None:
            assert 0 <= a.same_speaker_as < i  # the pipeline copies an earlier quote's speaker


def test_no_spans_no_attributions(nlp):
    assert attribute(nlp("Nothing quoted here."), []) == []
