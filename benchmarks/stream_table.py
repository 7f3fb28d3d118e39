"""Memory against the position in a long stream, from a ``measure.py --count-lines`` record.

    python benchmarks/stream_table.py benchmarks/results/stream.jsonl [--pass-size 1968] [--label TEXT]

Reads the last record (or the last whose label contains TEXT) and prints one Markdown row per
pass over the corpus: the largest worker's RSS (max and median of the 5-second samples), the
whole tree's max, and documents/s in that pass. The growth test at the end compares the last
pass with the first: a leak shows as a rising median, one large document only as a spike.
"""
from __future__ import annotations

import argparse
import json
import statistics


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("results")
    p.add_argument("--pass-size", type=int, default=1968, help="documents per pass (the corpus size)")
    p.add_argument("--label", default="")
    a = p.parse_args(argv)
    recs = [json.loads(line) for line in open(a.results) if line.strip()]
    rec = [r for r in recs if "trace" in r and a.label in r["label"]][-1]
    total = rec_docs(rec)
    rows: dict[int, list] = {}
    for sec, docs, tree, largest in rec["trace"]:
        if not largest or docs == 0:
            continue
        # the largest process is a worker; the main process stays near 100 MB
        rows.setdefault(min(docs, total - 1) // a.pass_size, []).append((sec, docs, tree, largest[0]))
    print(f"{rec['label']}: {rec['wall_s']} s, peak per process {rec['peak_rss_mb_max_process']} MiB, "
          f"tree {rec['peak_rss_mb_tree']} MiB, load {rec['loadavg_before']} -> {rec['loadavg_after']}\n")
    print("| pass (documents) | largest worker, max MiB | largest worker, median MiB | tree, max MiB | documents/s |")
    print("|---|---|---|---|---|")
    medians = []
    prev = (0.0, 0)
    for k in sorted(rows):
        r = rows[k]
        w = [x[3] for x in r]
        medians.append(statistics.median(w))
        end = r[-1]
        rate = (end[1] - prev[1]) / max(end[0] - prev[0], 1e-9)
        prev = (end[0], end[1])
        print(f"| {k + 1} ({k * a.pass_size:,}-{min((k + 1) * a.pass_size, total) - 1:,}) | {max(w):,} | "
              f"{medians[-1]:,.0f} | {max(x[2] for x in r):,} | {rate:.2f} |")
    if len(medians) > 1:
        print(f"\nmedian of the largest worker, last pass vs first: {medians[-1]:,.0f} vs {medians[0]:,.0f} MiB "
              f"({(medians[-1] - medians[0]) / medians[0]:+.1%})")
    return 0


def rec_docs(rec) -> int:
    return max(d for _, d, _, _ in rec["trace"]) or 1


if __name__ == "__main__":
    raise SystemExit(main())
