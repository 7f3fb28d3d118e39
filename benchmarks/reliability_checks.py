"""End-to-end fault and memory checks of `eventcoder code`, reported in docs/reliability.md.

    python benchmarks/reliability_checks.py kill-worker STREAM.jsonl OUTDIR
    python benchmarks/reliability_checks.py memory STREAM.jsonl OUTDIR [--every 100]

kill-worker: runs `eventcoder code --workers 2`, kills one worker with SIGKILL once the
output holds some documents, checks the message and the exit code, runs `--resume` and
counts lost and duplicated documents against the input ids.

memory: streams STREAM through one process and samples its resident memory (RSS) as the
output grows: bounded memory means the figure levels off instead of climbing with the
number of documents.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import psutil

CLI = [sys.executable, "-c", "import sys; from eventcoder.cli import main; sys.exit(main())"]


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _ids(path: Path) -> list:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def kill_worker(stream: Path, outdir: Path) -> dict:
    out = outdir / "killed.jsonl"
    out.unlink(missing_ok=True)
    want = [json.loads(line)["id"] for line in stream.read_text(encoding="utf-8").splitlines() if line.strip()]
    t0 = time.monotonic()
    proc = subprocess.Popen([*CLI, "code", str(stream), "-o", str(out), "--workers", "2", "--batch-size", "4"],
                            stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(proc.pid)
    victim = None
    while proc.poll() is None:
        if _lines(out) >= 8:
            # the workers are the forkserver's children (the grandchildren of the run)
            workers = [c for c in parent.children(recursive=True) if c.ppid() != parent.pid]
            if workers:
                victim = workers[0]
                victim.kill()
                break
        time.sleep(0.2)
    err = proc.stderr.read()
    code = proc.wait()
    written = _lines(out)
    resume = subprocess.run([*CLI, "code", str(stream), "-o", str(out), "--resume", "--workers", "2",
                             "--batch-size", "4"], stderr=subprocess.PIPE, text=True)
    got = _ids(out)
    counts = Counter(got)
    return {"documents": len(want), "killed_pid": victim.pid if victim else None, "exit_code": code,
            "message": err.strip().splitlines()[-1] if err.strip() else "", "written_before_resume": written,
            "resume_exit_code": resume.returncode, "resume_message": resume.stderr.strip().splitlines()[-2:],
            "lost": len(set(want) - set(got)), "duplicated": sum(v - 1 for v in counts.values() if v > 1),
            "order_kept": got == want, "seconds": round(time.monotonic() - t0, 1)}


def memory(stream: Path, outdir: Path, every: int) -> dict:
    out = outdir / "memory.jsonl"
    out.unlink(missing_ok=True)
    proc = subprocess.Popen([*CLI, "code", "-", "-o", str(out), "-q"], stdin=open(stream, "rb"))
    p = psutil.Process(proc.pid)
    samples, mark, peak = [], every, 0
    while proc.poll() is None:
        try:
            rss = p.memory_info().rss
        except psutil.NoSuchProcess:
            break
        peak = max(peak, rss)
        n = _lines(out)
        if n >= mark:
            samples.append({"documents": n, "rss_mib": round(rss / 2**20), "peak_mib": round(peak / 2**20)})
            mark += every
        time.sleep(0.25)
    return {"exit_code": proc.wait(), "documents": _lines(out), "peak_mib": round(peak / 2**20), "samples": samples}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("check", choices=["kill-worker", "memory"])
    ap.add_argument("stream", type=Path)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--every", type=int, default=100)
    a = ap.parse_args()
    a.outdir.mkdir(parents=True, exist_ok=True)
    result = kill_worker(a.stream, a.outdir) if a.check == "kill-worker" else memory(a.stream, a.outdir, a.every)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
