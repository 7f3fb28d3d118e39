#!/usr/bin/env python3
"""Code gold sets with one pipeline and score them with the reference scorer (eval/score.py).

    .venv/bin/python scripts/eval_sets.py [dev plover-gsr ...] [--gold-dir tests/eval/gold] [--save DIR] [--json]

Set names are folders of ../shared/eval (dev, plover-gsr, geovirus, tr-news, polnear,
conflibert-quad) or files of tests/eval/gold (by stem, or `blind` for all of them). Prints
one row per set with the figures the issues ask for; conflibert-quad is scored with
score_quad.py. A development tool: it reads ../shared and is not part of the package.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
BLIND = ROOT / "tests" / "eval" / "gold"
COLUMNS = ("event_f1", "event_grounded_f1", "event_strict_f1", "event_precision", "event_recall", "type_f1",
           "entity_accuracy", "mode_accuracy", "date_accuracy", "aux_accuracy", "place_acc161",
           "event_location_acc161", "quote_speaker_accuracy", "quote_precision")
SHORT = {"event_f1": "F1", "event_grounded_f1": "grnd", "event_strict_f1": "strict", "event_precision": "P",
         "event_recall": "R", "type_f1": "type", "entity_accuracy": "ent", "mode_accuracy": "mode",
         "date_accuracy": "date", "aux_accuracy": "aux", "place_acc161": "place", "event_location_acc161": "evloc",
         "quote_speaker_accuracy": "qspk", "quote_precision": "qprec"}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_path(name: str) -> list[Path]:
    if name == "blind":
        return sorted(BLIND.glob("*.jsonl"))
    if (SHARED / name / "gold.jsonl").exists():
        return [SHARED / name / "gold.jsonl"]
    if (BLIND / f"{name}.jsonl").exists():
        return [BLIND / f"{name}.jsonl"]
    raise SystemExit(f"no gold set {name!r} in {SHARED} or {BLIND}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", default=["dev", "plover-gsr", "blind"])
    ap.add_argument("--save", help="write predictions to DIR/<set>.pred.jsonl")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--limit", type=int, help="first N documents of each set")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from eventcoder.ingest import document_from_record
    from eventcoder.pipeline import Pipeline

    score = _load("score", SHARED / "score.py")
    pipeline = Pipeline()
    rows = {}
    for name in a.sets:
        paths = gold_path(name)
        gold = [json.loads(x) for p in paths for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        gold = gold[:a.limit] if a.limit else gold
        if not gold:
            continue
        t0 = time.perf_counter()
        items = [document_from_record({k: g.get(k) for k in ("id", "text", "published", "title", "url", "publication")}, line=n)
                 for n, g in enumerate(gold, 1)]
        preds = [d.to_json() for d in pipeline.code_stream(items)]
        secs = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as tmp:
            gp, pp = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
            gp.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
            pp.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
            if a.save:
                Path(a.save).mkdir(parents=True, exist_ok=True)
                (Path(a.save) / f"{name}.pred.jsonl").write_text(pp.read_text(encoding="utf-8"), encoding="utf-8")
                (Path(a.save) / f"{name}.gold.jsonl").write_text(gp.read_text(encoding="utf-8"), encoding="utf-8")
            if name == "conflibert-quad":
                quad = _load("score_quad", SHARED / "score_quad.py")
                import contextlib
                import io
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    quad.main(["--gold", str(gp), "--pred", str(pp)])
                rows[name] = {"quad": buf.getvalue().strip().splitlines()[0], "seconds": round(secs, 1)}
                continue
            t = score.Tally() if hasattr(score, "Tally") else None
            res = {}
            import contextlib
            import io
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                score.main(["--gold", str(gp), "--pred", str(pp), "--json"])
            res = json.loads(buf.getvalue())
        rows[name] = {k: res.get(k) for k in COLUMNS} | {"documents": len(gold), "seconds": round(secs, 1)}
    if a.json:
        print(json.dumps(rows, indent=1))
        return 0
    print("set".ljust(16) + "".join(SHORT[c].rjust(7) for c in COLUMNS))
    for name, r in rows.items():
        if "quad" in r:
            print(name.ljust(16) + "  " + r["quad"])
            continue
        print(name.ljust(16) + "".join(("   -  " if r[c] is None else f"{r[c]:.3f}").rjust(7) for c in COLUMNS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
