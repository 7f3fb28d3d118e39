"""Property tests over the whole pipeline (the real model and data) with nasty text.

For any input: no exception escapes; each input gives exactly one coded
document, in order, with its id; every offset slices the input to the reported
text; every event has a type and an actor; dates are ISO dates; the output is
valid JSON (UTF-8, no NaN) that round-trips.
"""
from __future__ import annotations

import datetime
import json
import os
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.ingest import document_from_record
from eventcoder.records import Document

from rel_samples import ARTICLE, NASTY, nasty_text

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _iso(value) -> None:
    if value is None:
        return
    assert _DATE.match(value), value
    parts = [int(p) for p in value.split("-")] + [1, 1]
    datetime.date(*parts[:3])


def check_output(text: str, doc: dict) -> None:
    """The properties every coded document must have."""
    line = json.dumps(doc, ensure_ascii=False, allow_nan=False)
    line.encode("utf-8")  # no lone surrogate
    assert json.loads(line) == doc
    if doc.get("error"):
        assert doc["events"] == [] and doc["error"]["type"] and doc["error"]["message"]
        return
    _iso(doc.get("published"))
    for ev in doc["events"]:
        assert ev["event"] and ev["event"][0], ev
        assert ev["actor"], ev
        info = ev["text_info"]
        assert text[info["start"]:info["end"]] == ev["text"]
        _iso(ev["date"])
        for actor in ev["actor"] + ev["recipient"]:
            if actor.get("start") is not None:
                assert text[actor["start"]:actor["end"]] == actor["entity_text"]
    for ent in doc["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for p in doc["places"]:
        assert text[p["start"]:p["end"]] == p["extracted_place"]
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        sp = q.get("speaker")
        if sp and sp.get("start") is not None:
            assert text[sp["start"]:sp["end"]] == sp["entity_text"]


def _article_like():
    """Article sentences with nasty characters spliced in at random places."""
    return st.lists(st.tuples(st.integers(0, len(ARTICLE)), st.text(alphabet=NASTY, min_size=1, max_size=4)),
                    max_size=8).map(lambda cuts: _splice(ARTICLE, cuts))


def _splice(text: str, cuts) -> str:
    for pos, piece in sorted(cuts, reverse=True):
        text = text[:pos] + piece + text[pos:]
    return text


@given(st.lists(st.one_of(nasty_text, _article_like()), min_size=1, max_size=6))
def test_nasty_documents_give_one_valid_record_each(pipeline, texts):
    items = [document_from_record({"id": f"n{i}", "text": t, "published": "2025-05-14"}, line=i + 1)
             for i, t in enumerate(texts)]
    out = [d.to_json() for d in pipeline.code_stream(items)]
    assert [d["id"] for d in out] == [f"n{i}" for i in range(len(texts))]
    for item, d in zip(items, out):
        check_output(getattr(item, "text", ""), d)


#: The issue's sizes (10,000 quotation marks, ...) in the long campaign; a fifth of them in CI.
SCALE = 1.0 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 0.2


def _n(k: int) -> int:
    return max(1, int(k * SCALE))


STRUCTURES = {
    "quotes": "\"" * _n(10_000),
    "brackets": "(" * _n(5_000) + "Russia attacked Ukraine." + ")" * _n(5_000),
    "nested": "".join("([{<" for _ in range(_n(2_000))) + " Troops shelled Kharkiv. "
              + "".join(">}])" for _ in range(_n(2_000))),
    "mixed_quotes": "“‘«„" * _n(2_500) + " The army attacked the village.",
    "html": "<html><body><script>var a = {\"text\": 1};</script><p>Russian forces shelled Kharkiv.</p></body></html>"
            * _n(50),
    "json": json.dumps({"events": [{"event": ["ASSAULT"]}], "text": ARTICLE}) * _n(30),
    "rtl": "الجيش الروسي هاجم "
           "خاركيف. " * _n(200) + "‮" + ARTICLE + "‬",
    "zero_width": "​".join(ARTICLE),
    "emoji": "😀‍🔥 " * _n(2_000) + ARTICLE,
    "controls": "".join(chr(c) for c in range(32)) * _n(300) + ARTICLE,
    "binary": bytes(range(256)).decode("latin-1") * _n(40),
    "one_long_word": "x" * _n(50_000),
    "no_punctuation": "the army attacked the village and the police arrested the protesters and " * _n(1_400),
}


@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_pathological_structures(pipeline, name):
    text = STRUCTURES[name]
    [doc] = pipeline.code_stream([document_from_record({"id": name, "text": text}, line=1)])
    check_output(text, doc.to_json())


def test_a_document_spacy_cannot_take_fails_alone_in_its_batch(pipeline):
    """Regression: a lone surrogate (past the reader's cleaning) turned its whole spaCy batch
    into internal errors, blamed on the batch's first document."""
    docs = [Document(id=f"b{i}", text=ARTICLE, line=i + 1) for i in range(4)]
    docs[1] = Document(id="bad", text=ARTICLE + " \ud800", line=2)
    out = list(pipeline.code_stream(docs))
    assert [d.id for d in out] == ["b0", "bad", "b2", "b3"]
    assert out[1].error is not None and out[1].error.type == "internal"
    assert all(d.error is None and d.events for i, d in enumerate(out) if i != 1)
