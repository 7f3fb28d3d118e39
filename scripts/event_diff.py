#!/usr/bin/env python3
"""Grounded event differences between a gold file and predictions, sentence by sentence.

    python scripts/event_diff.py --gold GOLD.jsonl --pred PRED.jsonl [--only missed|spurious|wrong] [--id DOC]

For each gold event, the predictions coded from the sentence that holds it (eval/score.py's
"grounded" rule), marked `=` when the grounded matching pairs them, `~` when the type fits but
the sides do not, and the grounded-unmatched predictions after them. A development tool: it
imports the reference scorer from ../shared/eval and is not part of the package.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def side(ents) -> str:
    out = []
    for e in ents or []:
        name = e.get("identifier_text") or e.get("entity_text") or ""
        out.append(f"{e.get('code')}/{e.get('sector') or '-'}" + (f":{name[:22]}" if name else ""))
    return ",".join(out) or "-"


def fmt(ev: dict) -> str:
    t = (ev.get("event") or ["?"])[0]
    ctx = ",".join(ev.get("context") or [])
    return f"{t}{'[' + ctx + ']' if ctx else ''} {side(ev.get('actor'))} -> {side(ev.get('recipient'))}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--only", choices=("missed", "spurious", "wrong"))
    ap.add_argument("--id")
    a = ap.parse_args(argv)
    sc = load_scorer(Path(a.shared))
    gold = [json.loads(x) for x in open(a.gold, encoding="utf-8") if x.strip()]
    preds = {d.get("id"): d for d in (json.loads(x) for x in open(a.pred, encoding="utf-8") if x.strip())}
    n = {"missed": 0, "spurious": 0, "wrong": 0, "ok": 0}
    for g in gold:
        if a.id and g.get("id") != a.id:
            continue
        doc = sc.Doc(g, preds.get(g.get("id")))
        ge = g.get("events") or []
        pe = [e for e in doc.pred.get("events") or [] if sc.pred_type(e)]
        m = sc.match_events(doc, ge, pe, lambda i, j: sc.event_match(doc, ge[i], pe[j], False)
                            and sc.grounded(doc, ge[i], pe[j]))
        lines = []
        for i, gev in enumerate(ge):
            same = [j for j in range(len(pe)) if sc.grounded(doc, gev, pe[j]) and pe[j].get("text_info")]
            status = "ok" if i in m else ("wrong" if any(sc.pred_type(pe[j]) in sc.gold_types(gev) for j in same)
                                         else "missed")
            if status != "ok" and not gev.get("optional"):
                n[status] += 1
            elif status == "ok":
                n["ok"] += 1
            if a.only and (status != a.only or gev.get("optional")):
                continue
            opt = " (optional)" if gev.get("optional") else ""
            alt = f" alt {gev['alt_event']}" if gev.get("alt_event") else ""
            lines.append(f"  G {status:7s} {fmt(gev)}{alt}{opt} | {gev.get('text', '')[:100]}")
            for j in same:
                mark = "=" if m.get(i) == j else ("~" if sc.pred_type(pe[j]) in sc.gold_types(gev) else " ")
                lines.append(f"      {mark} P {fmt(pe[j])}  [{' '.join(pe[j].get('event_text') or [])}]")
        hit = set(m.values())
        for j, p in enumerate(pe):
            if j not in hit:
                n["spurious"] += 1
                if not a.only or a.only == "spurious":
                    s = (p.get("text") or "")[:110].replace("\n", " ")
                    lines.append(f"  P spurious {fmt(p)} [{' '.join(p.get('event_text') or [])}] | {s}")
        if lines:
            print(f"== {g.get('id')}")
            print("\n".join(lines))
    print(f"grounded: ok {n['ok']}, wrong sides {n['wrong']}, missed {n['missed']}, spurious {n['spurious']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
