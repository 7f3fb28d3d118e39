"""Run one command and measure it: wall time, the peak resident memory of every process in
its tree and the CPU seconds of the tree (sampled with psutil every 0.2 s), written as one JSON line.

    python benchmarks/measure.py --label NAME --out results.jsonl [--count-lines FILE] -- COMMAND...

``--count-lines FILE``: also record, at each sample, how many lines FILE has (the documents
coded so far), so that memory can be read against the position in the stream.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

import psutil


def _lines(path: str) -> int:
    try:
        with open(path, "rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--label", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--count-lines")
    p.add_argument("--every", type=float, default=0.2, help="sampling interval in seconds")
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    a = p.parse_args(argv)
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    load0 = os.getloadavg()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd)
    root = psutil.Process(proc.pid)
    peak: dict[int, tuple[int, str]] = {}
    cpu: dict[int, float] = {}  # last seen user + system seconds of every process of the tree
    peak_tree = 0
    trace = []
    last_trace = 0.0
    while proc.poll() is None:
        total = 0
        try:
            procs = [root] + root.children(recursive=True)
        except psutil.Error:
            procs = []
        for q in procs:
            try:
                rss = q.memory_info().rss
                name = " ".join(q.cmdline()[:3])[-60:]
                t = q.cpu_times()
                cpu[q.pid] = t.user + t.system
            except psutil.Error:
                continue
            total += rss
            if rss > peak.get(q.pid, (0, ""))[0]:
                peak[q.pid] = (rss, name)
        peak_tree = max(peak_tree, total)
        now = time.perf_counter() - t0
        if a.count_lines and now - last_trace >= 5.0:
            trace.append((round(now, 1), _lines(a.count_lines), round(total / 2**20),
                          sorted((round(q.memory_info().rss / 2**20) for q in procs if q.is_running()), reverse=True)[:4]))
            last_trace = now
        time.sleep(a.every)
    wall = time.perf_counter() - t0
    rec = {"label": a.label, "cmd": " ".join(cmd), "rc": proc.returncode, "wall_s": round(wall, 2),
           "peak_rss_mb_per_process": sorted((round(r / 2**20), n) for r, n in peak.values())[::-1][:6],
           "peak_rss_mb_max_process": round(max((r for r, _ in peak.values()), default=0) / 2**20),
           "peak_rss_mb_tree": round(peak_tree / 2**20),
           # CPU seconds of the tree (sampled; the last 0.2 s of each process may be missed): less
           # sensitive than wall time to other programs on the machine
           "cpu_s_tree": round(sum(cpu.values()), 1), "loadavg_before": [round(x, 2) for x in load0],
           "loadavg_after": [round(x, 2) for x in os.getloadavg()]}
    if a.count_lines:
        rec["trace"] = trace  # (seconds, documents written, tree MB, largest processes MB)
    with open(a.out, "a") as f:
        f.write(json.dumps(rec) + "\n")
    print(json.dumps({k: v for k, v in rec.items() if k != "trace"}), file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
