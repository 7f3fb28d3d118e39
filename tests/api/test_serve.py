"""``eventcoder serve`` as a user runs it: a real process, a real port, pages and JSON answered."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx

from . import store_fixture


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command(tmp_path):
    db = store_fixture.build(tmp_path / "events.duckdb")
    port = _port()
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from eventcoder.cli import main; sys.exit(main())", "serve", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        banner = proc.stderr.readline()
        assert f"serving {db} at http://127.0.0.1:{port}/" in banner
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(base + "/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "the server did not come up"
                time.sleep(0.2)
        assert r.json()["readable"] is True
        page = httpx.get(base + "/events", timeout=10)
        assert page.status_code == 200 and "<table class=\"events\">" in page.text
        assert httpx.get(base + "/api/events?event_type=ASSAULT", timeout=10).json()["total"] == 2
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_options_are_checked():
    from eventcoder.cli import main

    assert main(["serve", "--db", "x.duckdb", "--port", "70000"]) == 2
    assert main(["serve", "--db", "x.duckdb", "--max-body", "0"]) == 2
