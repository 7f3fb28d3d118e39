"""nlp/tokens.py: the token and sentence lists kept once per Doc."""
import spacy

from eventcoder.nlp.tokens import doc_tokens, release, sentences, span_tokens


def _doc():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp("Talks opened in Oslo. The ministers met on Monday.")


def test_lists_match_spacy_and_are_built_once():
    doc = _doc()
    toks = doc_tokens(doc)
    assert [t.i for t in toks] == [t.i for t in doc]
    assert doc_tokens(doc) is toks  # kept, not rebuilt
    sents = sentences(doc)
    assert [(s.start, s.end) for s in sents] == [(s.start, s.end) for s in doc.sents]
    assert sentences(doc) is sents
    assert [t.text for t in span_tokens(sents[1])] == [t.text for t in sents[1]]


def test_release_forgets_the_lists():
    doc = _doc()
    toks = doc_tokens(doc)
    sentences(doc)
    release(doc)
    assert not any(k.startswith("eventcoder.") and k != "eventcoder.text" for k in doc.user_data)
    assert doc_tokens(doc) is not toks
