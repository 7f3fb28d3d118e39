"""The app on a database that another process writes: it starts, says clearly that it cannot
read meanwhile, does not block the writer, and reads again when the writer is done."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from . import store_fixture

HOLD = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])          # the write lock, as 'eventcoder ingest' holds it
    con.execute("CREATE TABLE IF NOT EXISTS hold (x INTEGER)")
    print("locked", flush=True)
    sys.stdin.readline()                       # until the test says so
    con.close()
""")


@pytest.fixture
def fresh_store(tmp_path):
    return store_fixture.build(tmp_path / "events.duckdb")


def _client(path, **kw):
    from fastapi.testclient import TestClient

    from eventcoder.api import create_app

    return TestClient(create_app(path, **kw), raise_server_exceptions=False)


def test_app_starts_during_an_ingest_and_says_it_cannot_read(fresh_store):
    writer = subprocess.Popen([sys.executable, "-c", HOLD, str(fresh_store)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        with _client(fresh_store, idle_seconds=0) as c:
            health = c.get("/api/health").json()
            assert health["ok"] is True and health["readable"] is False
            assert "being written by another process" in health["reason"] and f"PID {writer.pid}" in health["reason"]
            r = c.get("/api/events")
            assert r.status_code == 503 and r.headers["retry-after"] == "5"
            body = r.json()
            assert body["ok"] is False and body["status"] == 503 and "retry when the ingest finishes" in body["error"]
            page = c.get("/events", headers={"accept": "text/html"})
            assert page.status_code == 503 and "being written" in page.text
            writer.stdin.write("\n")
            writer.stdin.flush()
            writer.wait(timeout=30)
            assert c.get("/api/events").json()["total"] == 8  # readable again, without a restart
    finally:
        if writer.poll() is None:
            writer.kill()


def test_an_idle_app_lets_an_ingest_write(fresh_store):
    import duckdb

    with _client(fresh_store, idle_seconds=0.2) as c:
        assert c.get("/api/events").status_code == 200
        time.sleep(0.8)  # the read-only connection is closed when idle
        con = duckdb.connect(str(fresh_store))  # a writer gets the lock
        con.execute("DELETE FROM events WHERE doc_id = 'ke-3'")
        con.close()
        assert c.get("/api/events").json()["total"] == 7  # and the app sees the new state


def test_connections_are_read_only(client):
    with client.app.state.db.cursor() as cur:
        with pytest.raises(Exception, match="read-only"):
            cur.execute("DELETE FROM events")


def test_missing_and_foreign_database_files(tmp_path):
    import duckdb

    with _client(tmp_path / "none.duckdb") as c:
        r = c.get("/api/events")
        assert r.status_code == 503 and "does not exist" in r.json()["error"]
        assert c.get("/api/health").json()["readable"] is False
    foreign = tmp_path / "other.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with _client(foreign) as c:
        r = c.get("/api/events")
        assert r.status_code == 503 and "not an eventcoder store" in r.json()["error"]
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with _client(junk) as c:
        r = c.get("/api/events")
        assert r.status_code == 503 and r.json()["ok"] is False


def test_other_schema_versions_are_named(fresh_store):
    import duckdb

    con = duckdb.connect(str(fresh_store))
    con.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with _client(fresh_store) as c:
        r = c.get("/api/events")
        assert r.status_code == 503 and "newer than this eventcoder" in r.json()["error"]
    con = duckdb.connect(str(fresh_store))
    con.execute("UPDATE store_meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with _client(fresh_store) as c:
        assert "migrate it once" in c.get("/api/events").json()["error"]
