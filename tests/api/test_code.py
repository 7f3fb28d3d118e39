"""POST /api/code: a posted document is coded by the real pipeline and returned; stored only
when asked (then it is in the store like an ingested one)."""
from __future__ import annotations

import pytest

from . import store_fixture

TEXT = ("Saudi Foreign Minister Faisal bin Farhan met his Iranian counterpart Abbas Araghchi in Riyadh on "
        "Monday to discuss regional security, the Saudi foreign ministry said.")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline(nlp):
    from eventcoder.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture
def coding_client(tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from eventcoder.api import create_app

    path = store_fixture.build(tmp_path / "events.duckdb")
    with TestClient(create_app(path, pipeline_factory=lambda: pipeline, idle_seconds=0),
                    raise_server_exceptions=False) as c:
        yield c


def test_code_returns_the_coded_document_without_storing(coding_client):
    r = coding_client.post("/api/code", json={"id": "posted-1", "text": TEXT, "published": "2025-03-04",
                                              "title": "Ministers meet"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True and body["stored"] is False
    doc = body["document"]
    assert doc["id"] == "posted-1" and doc["title"] == "Ministers meet"
    consult = [e for e in doc["events"] if e["event"][0] == "CONSULT"]
    # held in Riyadh: the visitor is the actor, the host the recipient (CODEBOOK, CONSULT)
    assert consult and consult[0]["actor"][0]["code"] == "IRN" and consult[0]["recipient"][0]["code"] == "SAU"
    assert consult[0]["mode"] == ["visit"]
    assert consult[0]["date"] == "2025-03-03"
    assert coding_client.get("/api/documents/posted-1").status_code == 404


def test_code_and_store(coding_client):
    r = coding_client.post("/api/code?store=true", json={"id": "posted-2", "text": TEXT, "published": "2025-03-04"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] is True and body["ingest"]["documents"] == 1
    stored = coding_client.get("/api/documents/posted-2").json()["document"]
    assert stored["text"] == TEXT
    assert len(stored["events"]) == len(body["document"]["events"])
    assert coding_client.get("/api/events?doc_id=posted-2&event_type=CONSULT").json()["total"] == 1
    # Posting the same id again replaces it: nothing duplicated.
    coding_client.post("/api/code?store=true", json={"id": "posted-2", "text": TEXT, "published": "2025-03-04"})
    assert coding_client.get("/api/events?doc_id=posted-2&event_type=CONSULT").json()["total"] == 1


def test_a_document_the_coder_refuses_is_an_error_record_not_a_500(coding_client):
    r = coding_client.post("/api/code", json={"text": "   "})
    assert r.status_code == 200
    assert r.json()["document"]["error"]["type"] == "empty_text"
    r = coding_client.post("/api/code?store=true", json={"text": "   "})
    assert r.status_code == 422 and r.json()["ok"] is False
