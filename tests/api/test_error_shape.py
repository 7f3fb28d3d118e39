"""Every JSON error has one shape: ok false, status equal to the HTTP code, a message, a list of
errors; never a stack trace (as datasette's tests/test_error_shape.py)."""
from __future__ import annotations

import pytest

BAD = [
    # (method, url, body, status): a wrong type, a value out of range, an unknown id, ... per endpoint
    ("GET", "/api/events?limit=abc", None, 422),
    ("GET", "/api/events?limit=0", None, 422),
    ("GET", "/api/events?limit=100000", None, 422),
    ("GET", "/api/events?offset=-1", None, 422),
    ("GET", "/api/events?quad_code=9", None, 422),
    ("GET", "/api/events?quad_code=one", None, 422),
    ("GET", "/api/events?event_type=PARTY", None, 422),
    ("GET", "/api/events?mode=dancing", None, 422),
    ("GET", "/api/events?date_from=2025-13-40", None, 422),
    ("GET", "/api/events?date_from=2025-06-01&date_to=2025-01-01", None, 422),
    ("GET", "/api/events?near_lat=95&near_lon=0&radius_km=10", None, 422),
    ("GET", "/api/events?near_lat=50&near_lon=30", None, 422),
    ("GET", "/api/events?radius_km=-5&near_lat=50&near_lon=30", None, 422),
    ("GET", "/api/events?actor_country=Ukraine", None, 422),
    ("GET", "/api/events?sort=colour", None, 422),
    ("GET", "/api/events?order=sideways", None, 422),
    ("GET", "/api/events?linked=perhaps", None, 422),
    ("GET", "/api/events?min_articles=0", None, 422),
    ("GET", "/api/events/no-such-event", None, 404),
    ("GET", "/api/linked-events?limit=-3", None, 422),
    ("GET", "/api/linked-events/no-such-link", None, 404),
    ("GET", "/api/entities/no-such-entity", None, 404),
    ("GET", "/api/entities/Q3874799?limit=9999", None, 422),
    ("GET", "/api/documents/no-such-doc", None, 404),
    ("GET", "/api/quotes?limit=x", None, 422),
    ("GET", "/api/quotes?offset=-2", None, 422),
    ("GET", "/api/places?limit=0", None, 422),
    ("GET", "/api/places?place_country=1234", None, 422),
    ("GET", "/api/counts?interval=year", None, 422),
    ("GET", "/api/counts?by=colour", None, 422),
    ("GET", "/api/network?max_nodes=1", None, 422),
    ("GET", "/api/nothing-here", None, 404),
    ("POST", "/api/events", None, 405),
    ("POST", "/api/code", b"not json", 400),
    ("POST", "/api/code", b'{"id": "x"}', 422),
    ("POST", "/api/code", b'{"text": 5}', 422),
    ("POST", "/api/code", b'{"text": "a", "colour": "red"}', 422),
    ("POST", "/api/code?store=maybe", b'{"text": "a"}', 422),
    ("POST", "/api/code", b'{"text": "' + b"x" * 3000 + b'"}', 413),
]


def check_shape(r, status):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"ok", "status", "error", "errors"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    assert "Traceback" not in r.text and 'File "' not in r.text


@pytest.fixture(scope="module")
def small_body_client(store_path):
    from fastapi.testclient import TestClient

    from eventcoder.api import create_app

    with TestClient(create_app(store_path, max_body=2000, idle_seconds=0), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("method,url,body,status", BAD)
def test_error_shape(small_body_client, method, url, body, status):
    r = small_body_client.request(method, url, content=body,
                                  headers={"content-type": "application/json"} if body is not None else {})
    check_shape(r, status)


def test_validation_errors_name_the_parameter(client):
    body = client.get("/api/events?limit=abc").json()
    assert any(e["loc"][-1] == "limit" for e in body["errors"])
    assert "limit" in body["error"]


def test_oversized_body_without_content_length_is_refused(small_body_client):
    def chunks():
        for _ in range(10):
            yield b"x" * 500

    r = small_body_client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    check_shape(r, 413)


def test_wrong_content_type(small_body_client):
    check_shape(small_body_client.post("/api/code", content=b"text=a", headers={"content-type": "text/plain"}), 415)


def test_internal_error_has_the_shape_and_no_trace(store_path, monkeypatch):
    from fastapi.testclient import TestClient

    from eventcoder.api import create_app, queries

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "list_quotes", boom)
    with TestClient(create_app(store_path, idle_seconds=0), raise_server_exceptions=False) as c:
        r = c.get("/api/quotes")
    check_shape(r, 500)
    assert "secret internals" not in r.text


def test_html_pages_answer_errors_as_pages(client):
    r = client.get("/events?quad_code=7", headers={"accept": "text/html"})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]
    assert "quad_code" in r.text
    r = client.get("/events/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "no event with id" in r.text
