"""The package's scorer against the reference scorer (../shared/eval/score.py).

``reference_scores(shared_dir, gold_path, pred_path)`` runs the reference and
returns its JSON scores; import it for end-to-end agreement tests on real
predictions.
"""
from __future__ import annotations

import copy
import json
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.errors import InputError
from eventcoder.evaluation import Scores, format_scores, optimal_matching, score, score_files

GOLD_SETS = ("dev", "plover-gsr")
PLOVER_TYPES = ("AGREE", "ACCUSE", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND",
                "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
                "AID", "DISAPPROVE", "SEIZE")
CODES = ("USA", "RUS", "UKR", "CHN", "FRA", "IGO", "NGO", "ISR", "PSE")
KM_PER_DEGREE = 6371.0 * math.pi / 180


# --------------------------------------------------------------------------- the reference

def _reference_run(shared_dir: Path, gold_path: Path, pred_path: Path) -> tuple[dict, list[str]]:
    """The reference's --json --by-type scores and its --details lines."""
    out = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(gold_path),
         "--pred", str(pred_path), "--json", "--details", "--by-type"],
        capture_output=True, text=True, encoding="utf-8", check=True, timeout=120)
    lines = out.stdout.rstrip("\n").split("\n")
    return json.loads(lines[-1]), [line for line in lines[:-1] if line]


def reference_scores(shared_dir: Path, gold_path: Path, pred_path: Path) -> dict:
    """What ``score.py --gold GOLD --pred PRED --json --by-type`` prints, as a dict."""
    return _reference_run(shared_dir, gold_path, pred_path)[0]


def assert_agrees(ours: Scores, ref: dict) -> None:
    """Every figure of the reference, to three decimals; counts exactly."""
    mine = ours.to_dict()
    for key, value in ref.items():
        if key == "counts":
            assert set(value) <= set(mine["counts"])
            for k in mine["counts"]:
                assert mine["counts"][k] == value.get(k, 0), k
        elif key == "by_type":
            assert set(mine["by_type"]) == set(value)
            for ty, figures in value.items():
                for name, x in figures.items():
                    assert mine["by_type"][ty][name] == pytest.approx(x, abs=5e-4), (ty, name)
        elif value is None:
            assert mine[key] is None, key
        else:
            assert mine[key] == pytest.approx(value, abs=5e-4), key
    assert set(mine) == set(ref)


# --------------------------------------------------------------------------- predictions from gold

def _strip_gold(doc: dict) -> dict:
    out = copy.deepcopy(doc)
    for ev in out.get("events") or []:
        ev.pop("alt_event", None)
        ev.pop("optional", None)
    return out


def _move(point: dict | None, km: float, rng: random.Random) -> None:
    if point and point.get("lat") is not None:
        bearing = rng.choice((0, 90, 180, 270))
        if bearing in (0, 180):
            point["lat"] += (km if bearing == 0 else -km) / KM_PER_DEGREE
        else:
            scale = max(math.cos(math.radians(point["lat"])), 0.05)
            point["lon"] += (km if bearing == 90 else -km) / (KM_PER_DEGREE * scale)


def _other_name(doc: dict, rng: random.Random) -> str:
    names = [e.get("identifier_text") for e in doc.get("entities") or [] if e.get("identifier_text")]
    return rng.choice(names + ["Nobody In Particular"])


def _mutate_event(doc: dict, ev: dict, gold_ev: dict, kind: str, rng: random.Random) -> None:
    if kind == "type_alt" and gold_ev.get("alt_event"):
        ev["event"] = [rng.choice(gold_ev["alt_event"])]
    elif kind in ("type_alt", "type_wrong"):
        ev["event"] = [rng.choice(PLOVER_TYPES)] + (ev.get("event") or [])[:1]
    elif kind == "actor_code":
        for a in ev.get("actor") or []:
            a["code"] = rng.choice(CODES)
    elif kind == "no_recipient":
        ev["recipient"] = []
    elif kind == "swap_sides":
        ev["actor"], ev["recipient"] = ev.get("recipient") or [], ev.get("actor") or []
    elif kind == "identifier":
        for a in (ev.get("actor") or []) + (ev.get("recipient") or []):
            a["identifier_text"] = rng.choice((_other_name(doc, rng), None, (a.get("identifier_text") or "").lower()))
            if rng.random() < 0.3:
                a["sector"] = rng.choice(("GOV", "MIL", "REB", None))
    elif kind == "date":
        d = ev.get("date")
        ev["date"] = rng.choice((None, "2020-01-01", (d or "")[:7] or None, d and d[:-1] + "9"))
    elif kind == "context":
        ev["context"] = rng.choice(([], ["future"], ["negation"], ["historical", "future"], ["other"]))
    elif kind == "mode":
        ev["mode"] = rng.choice(([], ["visit"], "phone", ["written", "visit"]))
    elif kind in ("loc_100", "loc_300"):
        _move(ev.get("event_loc"), 100 if kind == "loc_100" else 300, rng)
    elif kind == "no_type":
        ev["event"] = []


def _mutate_doc(doc: dict, gold: dict, kinds: tuple[str, ...], rate: float, rng: random.Random) -> dict:
    for ev, gold_ev in zip(doc.get("events") or [], gold.get("events") or []):
        for kind in kinds:
            if rng.random() < rate:
                _mutate_event(doc, ev, gold_ev, kind, rng)
    if "drop" in kinds:
        doc["events"] = [e for e in doc.get("events") or [] if rng.random() >= rate]
    if "duplicate" in kinds and doc.get("events"):
        doc["events"] += [copy.deepcopy(rng.choice(doc["events"])) for _ in range(rng.randint(1, 3))]
        rng.shuffle(doc["events"])
    for place in doc.get("places") or []:
        if "place_100" in kinds and rng.random() < rate:
            _move(place, 100, rng)
        if "place_edge" in kinds and rng.random() < rate:  # either side of 161 km
            _move(place, rng.choice((157, 165)), rng)
        if "place_300" in kinds and rng.random() < rate:
            _move(place, 300, rng)
            if rng.random() < 0.3:
                place["country_code"] = rng.choice(CODES)
    for ent in doc.get("entities") or []:
        if "entities" in kinds and rng.random() < rate:
            ent["identifier_text"] = rng.choice((_other_name(doc, rng), *(ent.get("aliases") or ["X"])))
            ent.pop("identifier_id", None)
            ent["mentions"] = [{"text": m[: max(1, len(m) * 2 // 3)]} if rng.random() < 0.5 else m
                               for m in ent.get("mentions") or []]
    text = doc.get("text") or ""
    for q in doc.get("quotes") or []:
        if "speaker" in kinds and rng.random() < rate:
            q["speaker"] = rng.choice(({"identifier_text": _other_name(doc, rng)}, {"code": rng.choice(CODES)}, {}))
        if "quote_span" in kinds and rng.random() < rate:
            k = text.find(q["text"])
            if k >= 0:
                shift = rng.randint(-len(q["text"]), len(q["text"]))
                q["start"], q["end"] = max(0, k + shift), max(0, k + shift) + len(q["text"])
            else:
                q["text"] = q["text"][: len(q["text"]) // 2]
    if "quote_span" in kinds and text and rng.random() < rate:
        doc.setdefault("quotes", []).append({"text": text[:40], "start": 0, "end": min(40, len(text)),
                                             "speaker": {"code": "USA"}})
    return doc


VARIANTS: dict[str, tuple[tuple[str, ...], float]] = {
    "gold": ((), 0.0),
    "drop": (("drop",), 0.4),
    "types": (("type_alt", "type_wrong", "no_type"), 0.3),
    "actors": (("actor_code", "no_recipient", "swap_sides"), 0.3),
    "identifiers": (("identifier", "entities"), 0.5),
    "places": (("place_100", "place_300", "place_edge", "loc_100", "loc_300"), 0.4),
    "quotes": (("speaker", "quote_span"), 0.5),
    "attributes": (("date", "context", "mode"), 0.5),
    "duplicates": (("duplicate", "drop"), 0.3),
    "mixed": (("type_alt", "type_wrong", "actor_code", "no_recipient", "identifier", "date", "context",
               "mode", "loc_300", "place_300", "entities", "speaker", "quote_span", "drop", "duplicate"), 0.2),
}


def _predictions(gold_docs: list[dict], variant: str, seed: int) -> list[dict]:
    kinds, rate = VARIANTS[variant]
    rng = random.Random(f"{variant}-{seed}")
    preds = [_mutate_doc(_strip_gold(g), g, kinds, rate, rng) for g in gold_docs]
    if variant == "mixed":  # some documents without a prediction, one unknown id
        preds = [p for p in preds if rng.random() > 0.1] + [{"id": "not-in-gold", "events": []}]
    return preds


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("gold_set", GOLD_SETS)
def test_agrees_with_reference_scorer(shared_dir: Path, tmp_path: Path, gold_set: str) -> None:
    gold_path = shared_dir / "eval" / gold_set / "gold.jsonl"
    gold_docs = _read(gold_path)
    for variant in VARIANTS:
        preds = _predictions(gold_docs, variant, seed=7)
        pred_path = tmp_path / f"{variant}.jsonl"
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        ref, ref_details = _reference_run(shared_dir, gold_path, pred_path)
        ours, details = score(gold_docs, preds)
        try:
            assert_agrees(ours, ref)
            # the reference lists entity misses in set order: compare as multisets
            assert sorted(details) == sorted(ref_details)
        except AssertionError as e:
            raise AssertionError(f"{gold_set}/{variant}: {e}") from e
        if variant == "gold":
            assert ours.event_f1 == 1.0 and ours.type_f1 == 1.0
        if variant == "mixed":  # the variants do exercise the misses
            assert ours.event_f1 < 0.95 and ours.event_strict_f1 < ours.event_f1 and details
    # the files as the CLI reads them, against the public helper
    assert_agrees(score_files(gold_path, pred_path)[0], reference_scores(shared_dir, gold_path, pred_path))


def test_score_files_reports_unreadable_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        score_files(bad, bad)
    with pytest.raises(InputError, match="cannot read"):
        score_files(tmp_path / "missing.jsonl", bad)


# --------------------------------------------------------------------------- the matching

def test_optimal_matching_beats_greedy() -> None:
    # row 0 fits both columns, row 1 only column 0: greedy pairs 0-0 and stops at one pair
    allowed = {(0, 0), (0, 1), (1, 0)}
    m = optimal_matching(2, 2, lambda i, j: 1 if (i, j) in allowed else None)
    assert m == {0: 1, 1: 0}


def test_optimal_matching_maximises_weight_and_respects_disallowed_pairs() -> None:
    w = [[3, 2, None], [3, None, None], [None, None, None]]
    m = optimal_matching(3, 3, lambda i, j: w[i][j])
    assert m == {0: 1, 1: 0}
    assert optimal_matching(2, 3, lambda i, j: 5 + (i == j)) == {0: 0, 1: 1}
    assert optimal_matching(3, 1, lambda i, j: i + 1) == {2: 0}
    assert optimal_matching(0, 4, lambda i, j: 1) == {}
    assert optimal_matching(2, 2, lambda i, j: None) == {}


def _event(ty: str, actor: str, recipient: str | None = None, **kw) -> dict:
    ev = {"event": [ty], "actor": [{"code": actor}], "recipient": [{"code": recipient}] if recipient else []}
    ev.update(kw)
    return ev


def test_event_scores_use_the_optimal_matching() -> None:
    # a greedy pass would give the first predicted event to the first gold event
    gold = [{"id": "d", "events": [_event("ACCUSE", "USA", alt_event=["DEMAND"]), _event("ACCUSE", "USA")]}]
    pred = [{"id": "d", "events": [_event("ACCUSE", "USA"), _event("DEMAND", "USA")]}]
    s, details = score(gold, pred)
    assert (s.event_precision, s.event_recall, s.event_f1) == (1.0, 1.0, 1.0)
    assert details == []


def test_matching_prefers_strict_pairs_over_date_and_marker_agreement() -> None:
    biden = {"code": "USA", "sector": "GOV", "identifier_text": "Joe Biden"}
    harris = {"code": "USA", "sector": "GOV", "identifier_text": "Kamala Harris"}
    gold = [{"id": "d", "events": [
        {"event": ["ACCUSE"], "alt_event": ["DEMAND"], "actor": [biden], "date": "2024-01-01", "context": []},
        {"event": ["DEMAND"], "alt_event": ["ACCUSE"], "actor": [harris], "date": "2024-02-02",
         "context": ["future"]}]}]
    pred = [{"id": "d", "events": [
        {"event": ["DEMAND"], "actor": [biden], "date": "2024-02-02", "context": ["future"]},
        {"event": ["ACCUSE"], "actor": [harris], "date": "2024-01-01", "context": ["negation"]}]}]
    # pairing by name gives two strict pairs (weight 8); crossing them would agree on
    # dates, one marker and both primary types (weight 7)
    s, _ = score(gold, pred)
    assert (s.event_f1, s.event_strict_f1) == (1.0, 1.0)
    assert (s.date_accuracy, s.aux_accuracy) == (0.0, 0.0)


def test_mutual_types_pool_sides_and_optional_events_do_not_count_when_missed() -> None:
    gold = [{"id": "d", "events": [_event("CONSULT", "USA", "RUS"), _event("ASSAULT", "RUS", "UKR", optional=True),
                                   _event("THREATEN", "RUS", "UKR")]}]
    pred = [{"id": "d", "events": [_event("CONSULT", "RUS", "USA"), _event("THREATEN", "UKR", "RUS")]}]
    s, details = score(gold, pred)
    assert s.counts["ev_tp"] == 1 and s.counts["ev_gold"] == 2 and s.counts["ev_pred"] == 2
    assert s.type_f1 == 1.0
    assert [d.split("\t")[1] for d in details] == ["missed", "spurious"]
    assert {t.event_type: (t.gold, t.predicted) for t in s.by_type} == {"CONSULT": (1, 1), "THREATEN": (1, 1)}


def test_strict_needs_sector_and_name() -> None:
    actor = {"code": "USA", "sector": "GOV", "identifier_text": "Joe Biden"}
    gold = [{"id": "d", "entities": [{"identifier_text": "Joe Biden", "aliases": ["Joseph Biden"]}],
             "events": [{"event": ["ACCUSE"], "actor": [actor], "recipient": []}]}]
    alias = [{"id": "d", "events": [{"event": ["ACCUSE"], "actor": [dict(actor, identifier_text="joseph biden")]}]}]
    wrong = [{"id": "d", "events": [{"event": ["ACCUSE"], "actor": [dict(actor, sector="MIL")]}]}]
    assert score(gold, alias)[0].event_strict_f1 == 1.0
    s = score(gold, wrong)[0]
    assert (s.event_f1, s.event_strict_f1) == (1.0, 0.0)


def test_places_within_161_km() -> None:
    gold = [{"id": "d", "places": [{"extracted_place": "Kyiv", "lat": 50.45, "lon": 30.52, "country_code": "UKR"}]}]
    near = [{"id": "d", "places": [{"extracted_place": "Kyiv", "lat": 50.45 + 158 / KM_PER_DEGREE, "lon": 30.52}]}]
    far = [{"id": "d", "places": [{"extracted_place": "Kyiv", "lat": 50.45 + 164 / KM_PER_DEGREE, "lon": 30.52}]}]
    assert score(gold, near)[0].place_acc161 == 1.0
    assert score(gold, far)[0].place_acc161 == 0.0
    assert score(gold, [])[0].quote_precision is None


def test_format_scores_lists_every_figure() -> None:
    gold = [{"id": "d", "events": [_event("ACCUSE", "USA")]}]
    s, _ = score(gold, gold)
    text = format_scores(s, by_type=True)
    for label in ("event (strict)", "entity accuracy", "place acc@161km", "quote precision",
                  "event location acc@161km", "ACCUSE"):
        assert label in text
    assert "ACCUSE" not in format_scores(s)
