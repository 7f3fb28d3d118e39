"""Accuracy floors on the other gold sets: PLOVER-GSR events, GeoVirus toponyms.

Floors sit a little under what the coder measured when they were set (README,
"Evaluation"); a real regression fails them.
"""
from __future__ import annotations

import json

import pytest

from eventcoder.evaluation import score

pytestmark = pytest.mark.slow


def _gold(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_plover_gsr_floors(shared_dir):
    from eventcoder.ingest import document_from_record
    from eventcoder.pipeline import Pipeline

    gold = _gold(shared_dir / "eval" / "plover-gsr" / "gold.jsonl")
    items = [document_from_record({k: g.get(k) for k in ("id", "text", "published")}, line=n)
             for n, g in enumerate(gold, 1)]
    preds = [d.to_json() for d in Pipeline().code_stream(items)]
    got = score(gold, preds)[0].to_dict()
    assert got["event_recall"] >= 0.56, got["event_recall"]
    assert got["event_precision"] >= 0.46, got["event_precision"]
    assert got["type_f1"] >= 0.68, got["type_f1"]


def test_geovirus_floor(shared_dir, nlp):
    from eventcoder.geo import Gazetteer, Geocoder
    from eventcoder.nlp import prepare_text

    gold = _gold(shared_dir / "eval" / "geovirus" / "gold.jsonl")
    geocoder = Geocoder(Gazetteer.load())
    preds = []
    for g, doc in zip(gold, nlp.pipe((prepare_text(g["text"]) for g in gold), batch_size=16)):
        preds.append({"id": g["id"], "places": [p.to_json() for p in geocoder.find_places(doc)]})
    got = score(gold, preds)[0].to_dict()
    assert got["place_acc161"] >= 0.86, got["place_acc161"]
