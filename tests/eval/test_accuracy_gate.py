"""The accuracy gate: the dev gold coded end to end, scores pinned as floors.

The floors are the figures measured when they were set (README, "Evaluation"),
rounded down a little so that noise from library updates does not fail CI; a
real regression does. `eventcoder evaluate` must agree with the reference
scorer `eval/score.py` on these real predictions to three decimals.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_evaluate import assert_agrees, reference_scores  # noqa: E402

from eventcoder.evaluation import score  # noqa: E402

pytestmark = pytest.mark.slow

# The issues ask for at least: event F1 0.65, strict 0.55, type F1 0.75, aux 0.85, entity 0.90,
# place 0.90, event location 0.75, date 0.85, quote speaker and precision 0.90. The floors sit at
# what the coder measured, less a small margin for library noise.
FLOORS = {
    "event_f1": 0.64,
    "event_strict_f1": 0.53,
    "type_f1": 0.76,
    "entity_accuracy": 0.95,
    "place_acc161": 0.92,
    "quote_speaker_accuracy": 0.95,
    "quote_precision": 0.88,
    "date_accuracy": 0.85,
    "aux_accuracy": 0.86,
    "event_location_acc161": 0.78,
}


@pytest.fixture(scope="module")
def dev(shared_dir, tmp_path_factory):
    from eventcoder.ingest import document_from_record
    from eventcoder.pipeline import Pipeline

    gold_path = shared_dir / "eval" / "dev" / "gold.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipeline = Pipeline()
    items = [document_from_record({k: g.get(k) for k in ("id", "text", "published")}, line=n)
             for n, g in enumerate(gold, 1)]
    preds = [d.to_json() for d in pipeline.code_stream(items)]
    pred_path = tmp_path_factory.mktemp("dev") / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    return gold_path, gold, pred_path, preds


def test_scores_meet_the_floors(dev):
    _, gold, _, preds = dev
    scores, _ = score(gold, preds)
    got = scores.to_dict()
    low = {k: round(got[k], 3) for k, floor in FLOORS.items() if got[k] is None or got[k] < floor}
    assert not low, f"below the floor: {low} (floors {FLOORS})"


def test_evaluate_agrees_with_the_reference_scorer(dev, shared_dir):
    gold_path, gold, pred_path, preds = dev
    ours, _ = score(gold, preds)
    assert_agrees(ours, reference_scores(shared_dir, gold_path, pred_path))


def _garbles(shared_dir) -> dict[str, str]:
    """The misspelled names of the dev gold (mention -> canonical name): mentions of named
    entities that neither are nor contain their canonical name or an alias and that the
    shipped knowledge base does not list. Read from the gold file, never written down here."""
    from eventcoder.actors.kb import KnowledgeBase
    from eventcoder.actors.names import normalise

    kb = KnowledgeBase.load(use_env=False)
    out = {}
    for line in (shared_dir / "eval" / "dev" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        for ent in json.loads(line).get("entities") or []:
            name = ent.get("identifier_text")
            if not name:
                continue
            known = {normalise(n) for n in [name, *(ent.get("aliases") or [])]}
            for m in ent.get("mentions") or []:
                text = m if isinstance(m, str) else m.get("text", "")
                n = normalise(text)
                words = [w for w in text.split() if w[:1].isalpha()]
                if not words or not all(w[:1].isupper() for w in words) or words[0] in ("The", "A"):
                    continue  # a description ("UN chief"), not a spelling of the name
                if any(n in k or k in n for k in known) or kb.by_name(text):
                    continue
                out[text] = name
    return out


def test_seed_article(dev, shared_dir):
    """Zelensky's visit to Erdogan in Ankara, the allies' visit to Kyiv and their sanctions
    threat against Russia, and the garbled spelling of Erdogan's name resolved."""
    _, _, _, preds = dev
    seed = next(d for d in preds if d["id"] == "seed-000")

    def codes(actors):
        return {a["code"] for a in actors}

    visits = [e for e in seed["events"] if e["event"][0] == "CONSULT"]
    ankara = [e for e in visits if "UKR" in codes(e["actor"]) and any(
        r.get("identifier_text") == "Recep Tayyip Erdoğan" for r in e["recipient"])]
    assert ankara, "Zelensky's visit to Erdogan not found"
    assert (ankara[0]["event_loc"] or {}).get("resolved_place") == "Ankara"
    allies = {"GBR", "DEU", "POL", "FRA"}
    assert any(allies <= codes(e["actor"]) and "UKR" in codes(e["recipient"]) for e in visits), \
        "the allies' visit to Kyiv not found"
    assert any(e["event"][0] == "THREATEN" and allies <= codes(e["actor"]) and "RUS" in codes(e["recipient"])
               for e in seed["events"]), "the allies' sanctions threat against Russia not found"
    erdogan = [e for e in seed["entities"] if e["identifier_text"] == "Recep Tayyip Erdoğan"]
    assert erdogan and erdogan[0]["identifier_id"] == "Q39259"
    garbled = [g for g, name in _garbles(shared_dir).items() if name == "Recep Tayyip Erdoğan"]
    assert garbled and any(g in m["text"] for m in erdogan[0]["mentions"] for g in garbled)


def test_no_gold_garble_in_code_or_data(shared_dir):
    """The gold files' misspellings must not be added to code, data or docs: the mechanism does the work."""
    import gzip

    root = Path(__file__).resolve().parents[2]
    garbles = [g for g in _garbles(shared_dir) if len(g) > 5]
    assert len(garbles) >= 5, garbles  # the dev gold has several; finding none means this test broke
    hits = []
    files = [root / "README.md", root / "NOTICE"]
    for folder in ("src", "data-src", "scripts", "docs", "benchmarks", "examples"):
        files += [p for p in (root / folder).rglob("*") if p.is_file() and ".egg-info" not in str(p)]
    for path in files:
        if path.suffix == ".gz":
            text = gzip.open(path, "rt", encoding="utf-8").read()
        elif path.suffix in (".py", ".jsonl", ".tsv", ".psv", ".json", ".csv", ".md", ".txt", "") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
        else:
            continue
        text = " ".join(text.split())
        hits += [f"{path.relative_to(root)}: {g}" for g in garbles if g in text]
    assert not hits, hits
