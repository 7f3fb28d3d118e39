"""The event store: ingest time, database size and query latency on N coded documents.

    python benchmarks/store_bench.py CODED.jsonl [N] [--db out/bench/store.duckdb] [--out results/store.jsonl]

CODED.jsonl holds coded documents (``eventcoder code`` output, e.g. of the whitehouse
corpus). They are repeated in order to N documents (default 10,000); a repeat gets a new
document id (``ID#p2``) and the event ids that a document of that id would have, as
``make_stream.py`` does for raw input. The stream is ingested into a new store (linking
on), then five typical queries are timed warm (median of 7 runs each, page of 50 and the
total count). One JSON record is appended to --out and a Markdown table printed.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path


def stream(path: Path, n: int):
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    for k in range(n):
        d = json.loads(json.dumps(records[k % len(records)]))
        p = k // len(records) + 1
        if p > 1:
            old = d["id"]
            d["id"] = f"{old}#p{p}"
            rename = {}
            for e in d.get("events") or []:
                if isinstance(e.get("id"), str) and e["id"].startswith(old):
                    rename[e["id"]] = d["id"] + e["id"][len(old):]
                    e["id"] = rename[e["id"]]
            for q in d.get("quotes") or []:
                q["event_ids"] = [rename.get(x, x) for x in q.get("event_ids") or []]
        yield d, str(path), None


QUERIES = {
    "actor USA, recipient CHN, 2023-2025": {"actor_country": "USA", "recipient_country": "CHN",
                                             "date_from": "2023-01-01", "date_to": "2025-12-31"},
    "who threatened whom (THREATEN, linked)": {"event_type": "THREATEN", "linked": True},
    "violence within 500 km of Kyiv (quad 4)": {"quad_code": 4, "near_lat": 50.45, "near_lon": 30.52,
                                                "radius_km": 500},
    "text search 'ceasefire'": {"text": "ceasefire"},
    "party named 'Zelensk', linked, by mentions": {"party": "zelensk", "linked": True},
}


def timed(fn, runs=7):
    """Median wall and CPU milliseconds (CPU: all threads of this process, which a loaded machine
    does not inflate as it does wall time)."""
    times, cpu = [], []
    out = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), statistics.median(cpu), out


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("coded")
    p.add_argument("n", type=int, nargs="?", default=10_000)
    p.add_argument("--db", default="out/bench/store.duckdb")
    p.add_argument("--out", default="benchmarks/results/store.jsonl")
    p.add_argument("--commit-every", type=int, default=500)
    a = p.parse_args()
    from eventcoder.store import count_events, ingest_coded, open_store, query_events, store_summary

    db = Path(a.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    for f in (db, Path(str(db) + ".wal")):
        f.unlink(missing_ok=True)
    con = open_store(db)
    t0, c0 = time.perf_counter(), time.process_time()
    stats = ingest_coded(con, stream(Path(a.coded), a.n), batch_size=a.commit_every)
    ingest_s, ingest_cpu = time.perf_counter() - t0, time.process_time() - c0
    con.execute("CHECKPOINT")
    summary = store_summary(con)
    con.close()
    size = db.stat().st_size
    con = open_store(db, read_only=True)
    results = []
    for name, filters in QUERIES.items():
        order = "-mentions" if filters.get("linked") else "-date"
        ms_page, cpu_page, rows = timed(lambda: query_events(con, filters, limit=50, order=order))
        ms_count, cpu_count, total = timed(lambda: count_events(con, filters))
        results.append({"query": name, "filters": filters, "page_ms": round(ms_page, 1),
                        "page_cpu_ms": round(cpu_page, 1), "count_ms": round(ms_count, 1),
                        "count_cpu_ms": round(cpu_count, 1), "rows": len(rows), "total": total})
    con.close()
    record = {"label": f"store ingest {a.n}", "when": time.strftime("%Y-%m-%dT%H:%M:%S"), "documents": a.n,
              "ingest_s": round(ingest_s, 1), "ingest_cpu_s": round(ingest_cpu, 1), "docs_per_s": round(a.n / ingest_s, 1), "db_bytes": size,
              "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
              "load_avg": os.getloadavg(), "stats": stats.to_json(), "summary": summary, "queries": results}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    print(f"ingest: {a.n} documents in {ingest_s:.1f} s, CPU {ingest_cpu:.1f} s ({a.n / ingest_s:.0f} documents/s), database "
          f"{size / 2**20:.1f} MiB, peak RSS {record['peak_rss_mib']} MiB, load average "
          f"{', '.join(f'{x:.1f}' for x in record['load_avg'])}")
    print(f"store: {summary['events']} events, {summary['linked_events']} linked events, "
          f"{summary['linked_event_mentions'] - summary['linked_events']} mentions joined")
    print("\n| query | page of 50: wall / CPU ms | count: wall / CPU ms | rows | total |\n|---|---|---|---|---|")
    for r in results:
        print(f"| {r['query']} | {r['page_ms']} / {r['page_cpu_ms']} | {r['count_ms']} / {r['count_cpu_ms']} | "
              f"{r['rows']} | {r['total']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
