"""A killed ingest leaves the store consistent (issue: reliability, faults): every document in
the database has all its events, none has half of them, and a second ingest completes it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from eventcoder.store import open_store

from .helpers import actor, doc, event

pytestmark = pytest.mark.faults

N_DOCS = 3000


def _docs():
    for k in range(N_DOCS):
        did = f"k-{k:05d}"
        evs = [event(did, n, "CONSULT", [actor("Joe Biden", "USA")], [actor(f"Leader {k}", "FRA")],
                     "2024-03-01", f"Sentence {n} of document {k}.", trigger="met", seq=n)
               for n in range(1, 4)]
        yield doc(did, "2024-03-01", evs)


def test_a_killed_ingest_leaves_whole_documents_and_resume_completes(tmp_path):
    src = tmp_path / "coded.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in _docs()), encoding="utf-8")
    db = tmp_path / "events.duckdb"
    exe = os.path.join(os.path.dirname(sys.executable), "eventcoder")
    cmd = [exe, "ingest", str(src), "--db", str(db), "--commit-every", "100",
           "--no-link", "-q"]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and p.poll() is None and not (db.exists() and db.stat().st_size > 2_000_000):
        time.sleep(0.05)
    assert p.poll() is None, "the ingest ended before it could be killed"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    con = open_store(db)
    per_doc = con.execute("SELECT d.doc_id, count(e.event_id) FROM documents d LEFT JOIN events e "
                          "USING (doc_id) GROUP BY d.doc_id").fetchall()
    orphans = con.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
    con.close()
    assert orphans == 0
    assert all(n == 3 for _, n in per_doc), [x for x in per_doc if x[1] != 3][:5]
    assert 0 < len(per_doc) < N_DOCS, f"{len(per_doc)} documents stored when killed: nothing was tested"
    # ingesting again completes the store, nothing twice
    assert subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    con = open_store(db)
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (N_DOCS, N_DOCS)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 3 * N_DOCS
    con.close()
