"""Linking precision and recall on the hand-labelled reports (tests/store/data/linking_set.jsonl).

Codes the reports with the real pipeline: slow. The floors are the measured scores
(docs/store.md, "Linking: measured"), so a change that loses precision or recall fails.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_linking_precision_recall(shared_dir, nlp):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import eval_linking
    finally:
        sys.path.pop(0)
    from eventcoder.pipeline import Pipeline

    labelled = eval_linking.load_set(shared_dir)
    score = eval_linking.run(labelled, pipeline=Pipeline(nlp=nlp))
    assert score.true_pairs == 11 and score.documents == 29
    assert score.precision >= 1.0, score.to_json()
    assert score.recall >= 0.81, score.to_json()
