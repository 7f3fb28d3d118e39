#!/usr/bin/env python3
"""The issue-18 table from the last run of ``run_issue18.sh`` in a results file.

    .venv/bin/python benchmarks/issue18_table.py benchmarks/results/issue18.jsonl
"""
from __future__ import annotations

import json
import statistics
import sys


def main(argv=None) -> int:
    path = (argv or sys.argv[1:])[0]
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    start = max(i for i, r in enumerate(rows) if r.get("label") == "startup")
    rows = rows[start:]  # the last run
    by: dict[str, list] = {}
    for r in rows:
        by.setdefault(r.get("label"), []).append(r)
    s = by["startup"][-1]
    print("| figure | measured | goal |")
    print("|---|---|---|")
    print(f"| start-up: one-document `code` - model load (medians of {s['repeat']}) | "
          f"{s['code_s']:.2f} s - {s['model_s']:.2f} s = **{s['code_minus_model_s']:.2f} s** | <= 1.5 s |")
    b = [r["wall_s"] for r in by["readouts200 baseline"]]
    w = [r["wall_s"] for r in by["readouts200 workers2"]]
    ratios = [round(x / y, 2) for x, y in zip(w, b)]
    print(f"| 200 readouts: `--workers 2` / `nlp.pipe(n_process=2)`, {len(ratios)} pairs in turn | "
          f"{', '.join(map(str, w))} s / {', '.join(map(str, b))} s: pairs {', '.join(map(str, ratios))}; "
          f"median **{statistics.median(ratios):.2f}**, ratio of the means "
          f"**{statistics.mean(w) / statistics.mean(b):.2f}** | <= 1.25 |")
    if "corpus baseline" in by and "corpus workers2" in by:  # not in a SHORT=1 run
        cb, cw = by["corpus baseline"][-1]["wall_s"], by["corpus workers2"][-1]["wall_s"]
        print(f"| whole corpus: `--workers 2` / baseline | {cw} s / {cb} s = **{cw / cb:.2f}** | <= 1.15 |")
    if "corpus spark local[2]" in by and "corpus workers2" in by:
        cs = by["corpus spark local[2]"][-1]["wall_s"]
        print(f"| whole corpus: `spark local[2]` / `--workers 2` | {cs} s / {cw} s = **{cs / cw:.2f}** | <= 1.2 |")
    for label, what in (("stages_1process", "200 readouts"), ("stages_1process sample120", "120-document sample")):
        st = [r for r in rows if r.get("label") == label]
        if st:
            secs = st[-1]["stage_s"]
            print(f"| {what}, one process: after parsing / parse | "
                  + ", ".join(f"{k} {v}" for k, v in secs.items())
                  + f" s: **{st[-1]['after_parse_over_parse']:.2f}** | <= 0.25 (issue 13) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
