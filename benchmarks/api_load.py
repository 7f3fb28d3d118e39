#!/usr/bin/env python3
"""Load test of the REST API on loopback: a bounded number of concurrent clients for a fixed
time against a running `eventcoder serve`, a mix of typical requests; prints requests/s,
latency percentiles and the errors (issue: reliability, "The API").

    eventcoder serve --db out/bench/store.duckdb --port 8765 &
    .venv/bin/python benchmarks/api_load.py --url http://127.0.0.1:8765 --clients 8 --seconds 30 \
        [--out benchmarks/results/api_load.jsonl]

Every response must be 200 with a JSON body, or 4xx in the API's one error shape for the bad
requests of the mix; anything else (5xx, a stack trace, a connection error) counts as an error.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import threading
import time

import httpx

# (path, expected status): typical reads, and two bad requests that must give the error shape
MIX = (
    ("/api/health", 200),
    ("/api/events?limit=50", 200),
    ("/api/events?actor_country=USA&recipient_country=CHN&limit=50", 200),
    ("/api/events?event_type=THREATEN&linked=true&limit=50", 200),
    ("/api/events?near_lat=50.45&near_lon=30.52&radius_km=500&quad_code=4", 200),
    ("/api/events?text=ceasefire", 200),
    ("/api/counts?by=quad&interval=week", 200),
    ("/api/linked-events?limit=20", 200),
    ("/api/quotes?limit=20", 200),
    ("/api/events?limit=-5", 422),
    ("/api/events/no-such-event", 404),
)


def _client(url: str, stop: float, out: list, errors: list, k: int) -> None:
    with httpx.Client(base_url=url, timeout=30.0) as c:
        i = k
        while time.perf_counter() < stop:
            path, want = MIX[i % len(MIX)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = c.get(path)
                dt = time.perf_counter() - t0
                body = r.json()
                ok = r.status_code == want and (want == 200 or (body.get("ok") is False and "error" in body))
            except (httpx.HTTPError, ValueError) as e:
                dt, ok = time.perf_counter() - t0, False
                r = e
            out.append(dt)
            if not ok:
                errors.append(f"{path}: {getattr(r, 'status_code', r)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:8765")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    httpx.get(a.url + "/api/health", timeout=30.0).raise_for_status()
    lat: list[float] = []
    errors: list[str] = []
    stop = time.perf_counter() + a.seconds
    threads = [threading.Thread(target=_client, args=(a.url, stop, lat, errors, k)) for k in range(a.clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    q = statistics.quantiles(lat, n=100) if len(lat) >= 100 else [max(lat)] * 99
    res = {"clients": a.clients, "seconds": round(wall, 1), "requests": len(lat),
           "requests_per_s": round(len(lat) / wall, 1), "p50_ms": round(q[49] * 1000, 1),
           "p99_ms": round(q[98] * 1000, 1), "max_ms": round(lat[-1] * 1000, 1), "errors": len(errors),
           "error_examples": errors[:5], "load_average": os.getloadavg(), "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    print(json.dumps(res, indent=1))
    if a.out:
        with open(a.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(res) + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
