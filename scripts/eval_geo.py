#!/usr/bin/env python3
"""Measure the toponym resolver: acc@161km on gold sets, scored as eval/score.py scores places.

    .venv/bin/python scripts/eval_geo.py [--sets dev geovirus] [--limit N] [--details]

For each gold toponym with coordinates, it counts as resolved when a predicted
place whose surface form matches (score.py's mention_match) lies within 161 km
(or, for a gold country, resolves to that country). Reads ../shared/eval and, for
``blind`` or a file stem, tests/eval/gold.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "eval"
BLIND = ROOT / "tests" / "eval" / "gold"


def gold_docs(name: str) -> list[dict]:
    """The gold documents of a set of ../shared/eval, of a file of tests/eval/gold (by stem) or of
    all of them (``blind``)."""
    if (SHARED / name / "gold.jsonl").is_file():
        paths = [SHARED / name / "gold.jsonl"]
    elif name == "blind":
        paths = sorted(BLIND.glob("*.jsonl"))
    else:
        paths = [BLIND / f"{name}.jsonl"]
    return [json.loads(line) for p in paths for line in open(p, encoding="utf-8") if line.strip()]


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parsed(name: str, nlp, texts: list[str], cache: Path | None):
    """spaCy docs of ``texts``; with ``cache``, parsed once and kept as a DocBin there."""
    if cache is None:
        return nlp.pipe(texts, batch_size=16)
    from spacy.tokens import DocBin

    f = cache / f"{name}-{len(texts)}.spacy"
    if f.is_file():
        return list(DocBin().from_disk(f).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=True).to_disk(f)
    return docs


def run(name: str, nlp, geocoder, score, limit: int | None, details: bool, cache: Path | None = None) -> dict:
    docs = gold_docs(name)
    docs = docs[:limit] if limit else docs
    ok = n = n_pred = 0
    t_geo = 0.0
    misses = []
    for gold, doc in zip(docs, parsed(name, nlp, [d["text"] for d in docs], cache)):
        t0 = time.perf_counter()
        places = [p.to_json() for p in geocoder.find_places(doc)]
        t_geo += time.perf_counter() - t0
        n_pred += len(places)
        for gp in gold.get("places") or []:
            if gp.get("lat") is None:
                continue
            n += 1
            cands = [pp for pp in places if score.mention_match(gp.get("extracted_place", ""), pp["extracted_place"])]
            if any(score.near(gp, pp) for pp in cands):
                ok += 1
            else:
                got = [(pp["resolved_place"], pp["country_code"]) for pp in cands] or ["(none)"]
                misses.append(f"{gold['id']}\t{gp['extracted_place']!r} -> {got} "
                              f"(gold {gp.get('resolved_place')!r} {gp.get('lat')},{gp.get('lon')})")
    if details:
        print("\n".join(misses))
    return {"set": name, "docs": len(docs), "gold_toponyms": n, "acc161": round(ok / n, 4) if n else None,
            "predicted_places": n_pred, "geocoder_seconds": round(t_geo, 2),
            "toponyms_per_second": round(n_pred / t_geo, 1) if t_geo else None}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["dev", "geovirus"])
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each set")
    ap.add_argument("--details", action="store_true", help="list every miss")
    ap.add_argument("--cache", type=Path, help="keep the parses in this folder (DocBin) between runs")
    ap.add_argument("--gazetteer", type=Path, help="gazetteer folder (default: the shipped one)")
    a = ap.parse_args(argv)
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is missing")
    from eventcoder.geo import Gazetteer, Geocoder
    from eventcoder.nlp import load_nlp

    score = load_scorer()
    t0 = time.perf_counter()
    gaz = Gazetteer.load(a.gazetteer)
    print(f"gazetteer: {len(gaz)} entries loaded in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    nlp, geocoder = load_nlp(), Geocoder(gaz)
    for name in a.sets:
        print(json.dumps(run(name, nlp, geocoder, score, a.limit, a.details, a.cache)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
