#!/usr/bin/env python3
"""Start-up and memory of the gazetteer, and of `eventcoder code` on one document.

    .venv/bin/python benchmarks/gazetteer_startup.py [--src SRC_DIR] [--repeat 5] [--out R.jsonl] [--label L]

For each of ``--repeat`` fresh processes it records: the seconds to import the package and to open the shipped gazetteer
and to look up 200 common toponyms, the process RSS after that (MiB), and the wall time and
peak RSS of ``eventcoder code`` (its ``main`` in a fresh interpreter) on the first document of examples/articles.jsonl.
``--src`` runs another tree's ``src`` with this venv (the baseline: ``git archive COMMIT src |
tar -x -C /tmp/base``, then ``--src /tmp/base/src``), so before and after are measured with the same packages on
the same machine. Medians are printed; with ``--out`` one JSON line is appended.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["Kyiv", "Kiev", "Gaza", "Paris", "London", "Moscow", "Beijing", "Washington", "Tehran", "Khartoum",
         "Darfur", "Kordofan", "Balochistan", "Mindanao", "Strait of Hormuz", "Sinai", "Aleppo", "Idlib",
         "Donetsk", "Kharkiv", "Odesa", "Lagos", "Abuja", "Goma", "Beirut", "Tyre", "Sidon", "Rafah"] * 8

PROBE = r"""
import json, sys, time, psutil
ti = time.perf_counter()
from eventcoder.geo import Gazetteer
t0 = time.perf_counter()
g = Gazetteer.load()
t1 = time.perf_counter()
names = json.loads(sys.argv[1])
hits = sum(1 for n in names if g.lookup(n))
t2 = time.perf_counter()
print(json.dumps({"import_s": round(t0 - ti, 4), "open_s": round(t1 - t0, 4), "lookups_s": round(t2 - t1, 4), "hits": hits,
                  "rss_mib": round(psutil.Process().memory_info().rss / 2**20, 1)}))
"""


def run_probe(env) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(NAMES[:200])], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_code(env, src_file: Path) -> dict:
    import psutil

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        p = psutil.Popen([sys.executable, "-c", "import sys; from eventcoder.cli import main; sys.exit(main())",
                          "code", str(src_file), "-q",
                          "-o", str(Path(tmp) / "o.jsonl")], env=env)
        peak = 0
        while p.poll() is None:
            try:
                peak = max(peak, p.memory_info().rss)
            except psutil.NoSuchProcess:
                break
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit(f"eventcoder code exited {p.returncode}")
    return {"code_one_doc_s": round(wall, 2), "code_peak_rss_mib": round(peak / 2**20, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder to run (default: this checkout)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--label", default="")
    a = ap.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=str(a.src.resolve()))
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        one.write_text((ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n",
                       encoding="utf-8")
        rows = []
        for _ in range(a.repeat):
            r = run_probe(env)
            r.update(run_code(env, one))
            rows.append(r)
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    load = os.getloadavg()[0]
    rec = {"label": a.label, "src": str(a.src), "repeat": a.repeat, "median": med, "runs": rows,
           "loadavg_1min": round(load, 2), "date": time.strftime("%Y-%m-%d %H:%M")}
    print(json.dumps(rec["median"]), f"(load average {load:.1f})")
    if a.out:
        with open(a.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(rec) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
