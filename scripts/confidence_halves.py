"""Does `confidence` order events by how likely they are right? Precision of the more
confident half of the predicted events against the less confident half.

    python scripts/confidence_halves.py --gold ../shared/eval/dev/gold.jsonl --pred PRED.jsonl

PRED is the coder's output (best coded with --min-confidence 0, so that every candidate
is ranked). Each half is scored on its own with the project's scorer.
"""
from __future__ import annotations

import argparse
import json

from eventcoder.evaluation import score


def _read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def halves(gold: list[dict], preds: list[dict]) -> dict:
    events = sorted(((e["confidence"], d["id"], k) for d in preds for k, e in enumerate(d.get("events") or [])),
                    reverse=True)
    cut = len(events) // 2
    top = {(i, k) for _, i, k in events[:cut]}
    out = {}
    for name, keep in (("top", lambda x: x in top), ("bottom", lambda x: x not in top)):
        part = [{**d, "events": [e for k, e in enumerate(d.get("events") or []) if keep((d["id"], k))]}
                for d in preds]
        s = score(gold, part)[0].to_dict()
        out[name] = {"events": sum(len(d["events"]) for d in part), "precision": round(s["event_precision"], 3)}
    out["threshold"] = events[cut - 1][0] if cut else None
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    a = ap.parse_args()
    print(json.dumps(halves(_read(a.gold), _read(a.pred))))


if __name__ == "__main__":
    main()
