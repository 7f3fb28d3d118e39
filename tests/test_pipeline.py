"""The Python API and the pipeline: records, errors as documents, workers, provenance."""
from __future__ import annotations

import json
import os
import sys

import pytest

import eventcoder
from eventcoder.config import Config
from eventcoder.ingest import iter_inputs

pytestmark = pytest.mark.slow


def test_code_text_gives_typed_records_with_offsets():
    text = ("Russian forces shelled the city of Kharkiv on Tuesday, killing three civilians, "
            "regional governor Oleh Syniehubov said.")
    doc = eventcoder.code_text(text, published="2025-05-14", id="k1")
    assert doc.id == "k1" and doc.published == "2025-05-14" and doc.error is None
    assault = [e for e in doc.events if e.event[0] == "ASSAULT"]
    assert assault and "RUS" in {a.code for a in assault[0].actor}
    ev = assault[0]
    assert text[ev.start:ev.end] == ev.text and ev.date == "2025-05-13" and ev.quad_code == 4
    for p in doc.places:
        assert text[p.start:p.end] == p.extracted_place
    kharkiv = [p for p in doc.places if p.extracted_place == "Kharkiv"]
    assert kharkiv and kharkiv[0].country_code == "UKR"
    for ent in doc.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text
    out = doc.to_json()
    assert json.loads(json.dumps(out))["events"][0]["text_info"]["start"] == ev.start


def test_bad_input_through_the_api_is_an_error_document():
    for text, kind in (("", "empty_text"), ("  \n ", "empty_text"), (None, "missing_text"), (3, "not_text")):
        doc = eventcoder.code_text(text)
        assert doc.error is not None and doc.error.type == kind and doc.events == []


def test_unknown_person_keeps_the_written_name_and_role_country():
    doc = eventcoder.code_text("Pavel Zemlyanikin, foreign minister of Russia, criticised the decision.",
                               published="2025-05-13")
    person = [e for e in doc.entities if e.kind == "person"]
    assert person and person[0].identifier_text == "Pavel Zemlyanikin" and person[0].identifier_id is None
    assert person[0].code == "RUS"


def test_act_on_a_thing_named_before_is_directed_at_its_owner():
    # "the package" was introduced as the Union's: vetoing it targets the Union, not the
    # party named last (Moscow)
    doc = eventcoder.code_text(
        "The European Union is preparing a new package of sanctions against Russia, officials said.\n"
        "German Chancellor Olaf Scholz called on China to use its influence on Moscow.\n"
        "Hungary has threatened to veto the package.", published="2023-11-20")
    threat = [e for e in doc.events if e.event == ["THREATEN"]]
    assert threat and [a.entity_text for a in threat[0].actor] == ["Hungary"]
    assert [a.entity_text for a in threat[0].recipient] == ["The European Union"]
    sanction = [e for e in doc.events if e.event == ["SANCTION"]]
    assert sanction and sanction[0].context == ["future"]


def test_vocabulary_does_not_grow_with_the_stream():
    # spaCy adds every new word to its vocabulary; each batch runs in a memory zone that frees them
    import random
    import string

    from eventcoder.ingest.readers import document_from_record

    pipe = eventcoder.Pipeline(Config())
    rng = random.Random(7)

    def word():
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(9)).capitalize()

    pipe.code_text("Warm up: the minister met officials in Kyiv.")
    before = len(pipe.nlp.vocab.strings)
    docs = [document_from_record({"id": str(i), "text": f"President {word()} met {word()} in {word()}."})
            for i in range(40)]
    out = list(pipe.code_stream(docs))
    assert len(out) == 40 and all(d.error is None for d in out)
    assert len(pipe.nlp.vocab.strings) == before
    assert out[0].entities  # the coded documents are intact after the zone is freed


@pytest.mark.parametrize("fork", [True, False], ids=["forked-from-parent", "own-pipeline-per-worker"])
def test_workers_give_the_same_output_in_the_same_order(tmp_path, monkeypatch, fork):
    from eventcoder import parallel as par
    from eventcoder.parallel import code_parallel
    from eventcoder.pipeline import Pipeline

    if fork and not (sys.platform.startswith("linux")):
        pytest.skip("the parent's pipeline is forked on Linux only")
    monkeypatch.setattr(par, "_can_fork", lambda: fork)

    lines = [json.dumps({"id": f"d{i}", "text": t, "published": "2024-03-0%d" % (1 + i % 9)})
             for i, t in enumerate([
                 "China and Russia held talks in Beijing on Monday.",
                 "Israeli airstrikes killed 12 people in Rafah, health officials said.",
                 "",
                 "Germany condemned the attack and urged Iran to show restraint.",
                 "Thousands of protesters marched in Nairobi against new taxes.",
             ] * 3)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = Config(workers=2, batch_size=4)
    parallel = list(code_parallel(iter_inputs([src]), config))
    serial = [d.to_json() for d in Pipeline(Config(batch_size=4)).code_stream(iter_inputs([src]))]
    assert [d["id"] for d in parallel] == [f"d{i}" for i in range(15)]
    assert parallel == serial
    assert par._worker_pipeline is None  # the parent let go of its copy


def test_workers_get_one_blas_thread_unless_the_user_set_it():
    import subprocess

    probe = ("import os, sys\n"
             "{pre}\n"
             "from eventcoder.parallel import one_blas_thread_per_worker as f\n"
             "print(f(), os.environ.get('OPENBLAS_NUM_THREADS'))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}

    def run(pre="", **extra):
        return subprocess.run([sys.executable, "-c", probe.format(pre=pre)], env={**env, **extra},
                              capture_output=True, text=True, check=True).stdout.split()

    assert run() == ["True", "1"]
    assert run(OPENBLAS_NUM_THREADS="3") == ["True", "3"]  # the user's choice is kept
    assert run("import numpy") == ["False", "None"]  # too late once NumPy is loaded: says so
