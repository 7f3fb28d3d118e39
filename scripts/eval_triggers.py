#!/usr/bin/env python
"""Measure the trigger extractor's event-type recall/precision on the gold sets.

Usage: .venv/bin/python scripts/eval_triggers.py [--shared ../shared] [--errors N]

* plover-gsr: one sentence a record; predicted types (set, all sentences) vs
  gold types (with alt_event); type P/R/F1.
* dev: for each gold event, the sentence(s) its text lies in; a hit when any
  candidate there has the gold type or an alt_event. Precision: share of
  distinct (sentence, type) predictions accepted by a gold event of that sentence.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.coding import EventExtractor  # noqa: E402
from eventcoder.nlp import load_nlp  # noqa: E402


MIN_CONF = 0.0


def _ok(ev) -> set[str]:
    return {ev["event"][0], *ev.get("alt_event", [])}


def _prf(tp_p, n_p, tp_r, n_r):
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def eval_gsr(path, nlp, ex, show):
    tp_p = n_p = tp_r = n_r = 0
    per_type = Counter()
    miss = Counter()
    errors = []
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        doc = nlp(d["text"])
        pred = {c.type for s in doc.sents for c in ex.extract(s) if c.confidence >= MIN_CONF}
        gold = [e for e in d["events"]]
        ok_all = set().union(*(_ok(e) for e in gold)) if gold else set()
        n_p += len(pred)
        tp_p += len(pred & ok_all)
        for e in gold:
            hit = bool(pred & _ok(e))
            if e.get("optional") and not hit:
                continue
            n_r += 1
            tp_r += hit
            per_type[e["event"][0]] += 1
            if not hit:
                miss[e["event"][0]] += 1
                errors.append((e["event"][0], sorted(pred), d["text"][:160]))
    p, r, f = _prf(tp_p, n_p, tp_r, n_r)
    print(f"plover-gsr: type P={p:.3f} R={r:.3f} F1={f:.3f}  (gold events {n_r}, predicted types {n_p})")
    print("  recall by type: " + ", ".join(f"{t} {1 - miss[t] / n:.2f}" for t, n in sorted(per_type.items())))
    for e in errors[:show]:
        print("  MISS", *e)


def eval_dev(path, nlp, ex, show):
    tp_r = n_r = tp_p = n_p = 0
    errors, fps = [], []
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        doc = nlp(text)
        sents = list(doc.sents)
        cands = {i: [c for c in ex.extract(s) if c.confidence >= MIN_CONF] for i, s in enumerate(sents)}
        gold_by_sent: dict[int, list] = {}
        for e in d["events"]:
            span = e.get("text") or ""
            start = text.find(span) if span else -1
            if start < 0:
                continue
            end = start + len(span)
            idx = [i for i, s in enumerate(sents) if s.start_char < end and s.end_char > start]
            for i in idx:
                gold_by_sent.setdefault(i, []).append(e)
            pred = {c.type for i in idx for c in cands[i]}
            hit = bool(pred & _ok(e))
            if e.get("optional") and not hit:
                continue
            n_r += 1
            tp_r += hit
            if not hit:
                errors.append((e["event"][0], sorted(pred), span[:140]))
        for i, cs in cands.items():
            ok = set().union(*(_ok(e) for e in gold_by_sent.get(i, []))) if gold_by_sent.get(i) else set()
            for t in {c.type for c in cs}:
                n_p += 1
                if t in ok:
                    tp_p += 1
                else:
                    fps.append((t, str(sents[i])[:140]))
    p, r, f = _prf(tp_p, n_p, tp_r, n_r)
    print(f"dev: type P={p:.3f} R={r:.3f} F1={f:.3f}  (gold events {n_r}, predicted sentence-types {n_p})")
    for e in errors[:show]:
        print("  MISS", *e)
    for e in fps[:show]:
        print("  FP  ", *e)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses / false positives")
    ap.add_argument("--min-conf", type=float, default=0.0, help="ignore candidates below this confidence")
    args = ap.parse_args(argv)
    global MIN_CONF
    MIN_CONF = args.min_conf
    nlp = load_nlp()
    ex = EventExtractor()
    eval_gsr(args.shared / "eval/plover-gsr/gold.jsonl", nlp, ex, args.errors)
    eval_dev(args.shared / "eval/dev/gold.jsonl", nlp, ex, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
