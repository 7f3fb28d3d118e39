"""Page load times of the web pages on a store of about 10,000 events, in Debian's Chromium.

    python benchmarks/api_pages.py out/bench/sample120.coded.jsonl --events 10000 \
        --db out/bench/pages10k.duckdb --out benchmarks/results/api_pages.json

The app runs as ``eventcoder serve`` in its own process. The store is made by repeating the coded documents with new ids (``<id>-r<k>``) and
their dates shifted by ``k`` weeks, until it holds at least ``--events`` events (made
once, reused when the file exists). The app then serves it on 127.0.0.1 and
Chromium (through Playwright) loads each page ``--repeat`` times; the figure is the
navigation's ``loadEventEnd`` (request sent to page loaded, everything on it included),
median and maximum over the repeats, after one warm-up load. The server time of the
same URL (httpx, no browser) is given beside it, with the CPU time this process spent on
it (the server process, DuckDB's threads included; psutil), which other load on the
machine does not inflate.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

PAGES = ["/events", "/events?event_type=ASSAULT&sort=type", "/events?party_country=RUS&offset=100",
         "/events?text=security&linked=true", "/events/{event}", "/linked", "/entities/{entity}",
         "/documents/{doc}", "/timeline", "/timeline?interval=day&by=type", "/network", "/map", "/quotes"]


def shift(value, weeks: int):
    if not isinstance(value, str) or len(value) < 10:
        return value
    try:
        d = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (d + dt.timedelta(weeks=weeks)).isoformat() + value[10:]


def copies(docs: list[dict], target: int):
    n_events = sum(len(d.get("events") or []) for d in docs)
    k = 0
    total = 0
    while total < target:
        for d in docs:
            new = json.loads(json.dumps(d))
            new["id"] = f"{d['id']}-r{k}"
            new["published"] = shift(d.get("published"), k)
            for e in new.get("events") or []:
                e["id"] = e["id"].replace(d["id"], new["id"], 1)
                e["date"] = shift(e.get("date"), k)
            yield new, None, None
        total += n_events
        k += 1


def build(source: Path, db: Path, target: int) -> None:
    from eventcoder.store import ingest_coded, open_store

    docs = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    con = open_store(db)
    try:
        t0 = time.perf_counter()
        stats = ingest_coded(con, copies(docs, target))
        print(f"built {db}: {stats.to_json()} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    finally:
        con.close()


class ServeProcess:
    """``eventcoder serve`` in its own process, as a user runs it."""

    def __init__(self, db: Path):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.db = db
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        import subprocess

        import httpx
        import psutil

        self.proc = subprocess.Popen([sys.executable, "-c", "import sys; from eventcoder.cli import main; "
                                      "sys.exit(main())", "serve", "--db", str(self.db), "--port", str(self.port),
                                      "--idle-close", "0"])
        self.ps = psutil.Process(self.proc.pid)
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(self.url + "/api/health", timeout=2)
                return self
            except httpx.TransportError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("eventcoder serve did not start")
                time.sleep(0.2)

    def cpu_seconds(self) -> float:
        t = self.ps.cpu_times()
        return t.user + t.system

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("coded", type=Path)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if not args.db.exists():
        build(args.coded, args.db, args.events)
    import duckdb
    import httpx
    from playwright.sync_api import sync_playwright

    from web.conftest import CHROMIUM_ARGS, chromium_path

    con = duckdb.connect(str(args.db), read_only=True)
    n_events, n_docs = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM documents)").fetchone()
    event = con.execute("SELECT event_id FROM events e WHERE trigger_start IS NOT NULL ORDER BY event_id "
                        "LIMIT 1 OFFSET 500").fetchone()[0]
    entity = con.execute("SELECT entity_key FROM event_arguments WHERE entity_key NOT LIKE 'country:%' "
                         "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    doc = con.execute("SELECT doc_id FROM events GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    con.close()
    from urllib.parse import quote

    urls = [p.format(event=event, entity=quote(entity, safe=""), doc=doc) for p in PAGES]
    rows = []
    with ServeProcess(args.db) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        client = httpx.Client(base_url=server.url)
        for url in urls:
            page.goto(server.url + url)  # warm-up
            loads, serves, cpus = [], [], []
            for _ in range(args.repeat):
                page.goto(server.url + url, wait_until="load")
                nav = json.loads(page.evaluate("() => JSON.stringify(performance.getEntriesByType('navigation')[0])"))
                loads.append(nav["loadEventEnd"] - nav["startTime"])
                t0, c0 = time.perf_counter(), server.cpu_seconds()
                r = client.get(url)
                serves.append((time.perf_counter() - t0) * 1000)
                cpus.append((server.cpu_seconds() - c0) * 1000)
                assert r.status_code == 200, (url, r.status_code)
            rows.append({"url": url, "load_ms_median": round(statistics.median(loads), 1),
                         "load_ms_max": round(max(loads), 1), "server_ms_median": round(statistics.median(serves), 1),
                         "server_cpu_ms_median": round(statistics.median(cpus), 1),
                         "bytes": len(r.content)})
            print(f"{url:60s} load {rows[-1]['load_ms_median']:7.1f} ms (max {rows[-1]['load_ms_max']:7.1f})  "
                  f"server {rows[-1]['server_ms_median']:7.1f} ms (CPU {rows[-1]['server_cpu_ms_median']:6.1f})  "
                  f"{len(r.content):,} bytes")
        browser.close()
    import os

    result = {"events": n_events, "documents": n_docs, "repeat": args.repeat, "cpus": os.cpu_count(),
              "load_average_after": os.getloadavg()[0], "pages": rows}
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
