#!/usr/bin/env python3
"""Sort the geocoder's misses on gold sets into classes, so the largest general ones are fixed first.

    .venv/bin/python scripts/geo_misses.py [--sets dev geovirus tr-news blind] [--cache DIR] [--list CLASS]
    .venv/bin/python scripts/geo_misses.py --events PRED.jsonl GOLD.jsonl   # event locations of a coded run

Place classes (a gold toponym with coordinates that no matching prediction puts within 161 km):

- ``unknown``: the name as written is in no gazetteer entry (coverage);
- ``not-recognised``: the gazetteer has the name and a sense near the gold point, but no
  prediction covers the mention (recognition);
- ``wrong-sense``: predicted, the gazetteer has a sense near the gold point (ranking);
  split into ``same-country`` (a namesake in the right country) and ``other-country``;
- ``no-near-sense``: the gazetteer has the name but no sense within 161 km of the gold point
  (a region scored against another point, a sense missing);
- ``unknown-predicted``: predicted under a longer or shorter span whose name the gazetteer
  lacks as written.

Event location classes (``--events``, matched events only as eval/score.py pairs them):
``none``/``wrong`` crossed with where the gold place is named: ``in-sentence``, ``elsewhere``
(an earlier or later sentence, the dateline) or ``unnamed``. A development tool: it reads
../shared/eval and tests/eval/gold.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_geo import SHARED, gold_docs, load_scorer, parsed  # noqa: E402


def place_class(gp: dict, preds: list[dict], gaz, score) -> str:
    text = gp.get("extracted_place", "")
    cands = [p for p in preds if score.mention_match(text, p["extracted_place"])]
    hits = gaz.lookup(text)
    near = [e for e in hits if score.haversine_km(gp["lat"], gp["lon"], e.lat, e.lon) <= 161]
    if not hits:
        return "unknown-predicted" if cands else "unknown"
    if not near:
        return "no-near-sense"
    if not cands:
        return "not-recognised"
    got = cands[0]
    same = any(e.country == got.get("country_code") for e in near)
    return "wrong-sense/" + ("same-country" if same else "other-country")


def run_places(a) -> None:
    from eventcoder.geo import Gazetteer, Geocoder
    from eventcoder.nlp import load_nlp

    score = load_scorer()
    gaz = Gazetteer.load(a.gazetteer)
    nlp, geocoder = load_nlp(), Geocoder(gaz)
    for name in a.sets:
        docs = gold_docs(name)
        classes: Counter = Counter()
        rows: dict[str, list[str]] = defaultdict(list)
        n = 0
        for gold, doc in zip(docs, parsed(name, nlp, [d["text"] for d in docs], a.cache)):
            places = [p.to_json() for p in geocoder.find_places(doc)]
            for gp in gold.get("places") or []:
                if gp.get("lat") is None:
                    continue
                n += 1
                cands = [p for p in places if score.mention_match(gp.get("extracted_place", ""), p["extracted_place"])]
                if any(score.near(gp, p) for p in cands):
                    continue
                c = place_class(gp, places, gaz, score)
                classes[c] += 1
                got = [(p["resolved_place"], p["country_code"]) for p in cands] or "(none)"
                rows[c].append(f"  {gold['id']}\t{gp['extracted_place']!r} -> {got} (gold {gp.get('resolved_place')!r} "
                               f"{gp['lat']},{gp['lon']})")
        miss = sum(classes.values())
        print(f"{name}: {n} gold toponyms, {miss} missed (acc {1 - miss / n:.4f})" if n else f"{name}: no toponyms")
        for c, k in classes.most_common():
            print(f"  {c:32s} {k:4d}")
            if a.list and (a.list == "all" or c.startswith(a.list)):
                print("\n".join(rows[c]))


def run_events(pred_path: str, gold_path: str, show: bool) -> None:
    score = load_scorer()
    gold = [json.loads(x) for x in open(gold_path, encoding="utf-8") if x.strip()]
    preds = {d["id"]: d for d in (json.loads(x) for x in open(pred_path, encoding="utf-8") if x.strip())}
    classes: Counter = Counter()
    n = 0
    for g in gold:
        doc = score.Doc(g, preds.get(g["id"]))
        ge = g.get("events") or []
        pe = [e for e in doc.pred.get("events") or [] if score.pred_type(e)]
        m = score.match_events(doc, ge, pe, lambda i, j: score.event_match(doc, ge[i], pe[j], False))
        text = g.get("text") or ""
        for i, j in m.items():
            gl, pl = ge[i].get("event_loc") or {}, pe[j].get("event_loc") or {}
            if gl.get("lat") is None:
                continue
            n += 1
            if score.near(gl, pl):
                continue
            name = gl.get("extracted_place") or ""
            sent = ge[i].get("text") or ""
            where = "in-sentence" if name and name in sent else ("elsewhere" if name and name in text else "unnamed")
            c = ("none" if not pl else "wrong") + "/" + where
            classes[c] += 1
            if show:
                print(f"  {c:22s} {g['id']}\t{gl.get('resolved_place')!r} -> {pl.get('resolved_place')!r}\t{sent[:70]!r}")
    miss = sum(classes.values())
    print(f"event locations: {n} matched events with a gold place, {miss} missed"
          + (f" (acc {1 - miss / n:.3f})" if n else ""))
    for c, k in classes.most_common():
        print(f"  {c:22s} {k:4d}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["dev", "geovirus", "tr-news", "blind"])
    ap.add_argument("--cache", type=Path, help="keep the parses in this folder (DocBin) between runs")
    ap.add_argument("--gazetteer", type=Path)
    ap.add_argument("--list", help="print the misses of the classes starting with this (or 'all')")
    ap.add_argument("--events", nargs=2, metavar=("PRED", "GOLD"), help="classify event-location misses instead")
    a = ap.parse_args(argv)
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is missing")
    if a.events:
        run_events(*a.events, show=bool(a.list))
    else:
        run_places(a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
