"""Precision and recall of cross-article linking on tests/store/data/linking_set.jsonl.

    python scripts/eval_linking.py [--shared ../shared] [--window-days 0] [--max-km 150]

Codes the labelled reports (the dev and GSR texts they name are read from the shared
gold sets; the others carry their text), ingests them into a temporary store and scores
the links (eventcoder.store.evaluate). Prints the score as JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "store" / "data" / "linking_set.jsonl"


def load_set(shared: Path) -> list[dict]:
    gold: dict[tuple[str, str], dict] = {}
    out = []
    for line in SET.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if "ref" in d:
            key = (d["ref"]["set"], d["ref"]["id"])
            if key[0] not in {k[0] for k in gold}:
                for g in (json.loads(x) for x in (shared / "eval" / key[0] / "gold.jsonl").open(encoding="utf-8")):
                    gold[(key[0], g["id"])] = g
            d["text"] = gold[key]["text"]
        out.append(d)
    return out


def run(labelled: list[dict], *, pipeline, window_days: int | None = None, max_km: float | None = None):
    from eventcoder.ingest import document_from_record
    from eventcoder.store import LinkConfig, ingest_coded, open_store
    from eventcoder.store.evaluate import score_linking

    items = [document_from_record({k: d[k] for k in ("id", "text", "published", "publication")}, line=i + 1)
             for i, d in enumerate(labelled)]
    coded = [c.to_json() for c in pipeline.code_stream(items)]
    with tempfile.TemporaryDirectory() as tmp:
        con = open_store(Path(tmp) / "link.duckdb")
        default = LinkConfig()
        link = LinkConfig(window_days=default.window_days if window_days is None else window_days,
                          max_km=default.max_km if max_km is None else max_km)
        ingest_coded(con, [(c, "linking_set", None) for c in coded], link=link)
        score = score_linking(con, labelled)
        con.close()
    return score


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--shared", default=str(ROOT.parent / "shared"))
    p.add_argument("--window-days", type=int, help="default: LinkConfig's (0)")
    p.add_argument("--max-km", type=float, help="default: LinkConfig's (150)")
    a = p.parse_args()
    from eventcoder.pipeline import Pipeline

    score = run(load_set(Path(a.shared)), pipeline=Pipeline(), window_days=a.window_days, max_km=a.max_km)
    json.dump(score.to_json(), sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
