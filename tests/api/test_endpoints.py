"""Every JSON endpoint, its filters and its paging, over the fixture store (store_fixture.py)."""
from __future__ import annotations

import pytest

from . import store_fixture

ALL_EVENTS = sorted(e["id"] for d, _ in store_fixture.documents() for e in d["events"])


def ids(body):
    return sorted(e["event_id"] for e in body["events"])


def get(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True
    return body


def test_health(client, store_path):
    body = get(client, "/api/health")
    assert body["readable"] is True and body["database"] == str(store_path)
    assert body["store"]["documents"] == 6 and body["store"]["events"] == len(ALL_EVENTS)


def test_events_unfiltered(client):
    body = get(client, "/api/events?limit=500")
    assert body["total"] == len(ALL_EVENTS) and ids(body) == ALL_EVENTS
    assert body["counts_by_quad"] == {"1": 2, "3": 1, "4": 5}


@pytest.mark.parametrize("query,expected", [
    ("actor=zelenskyy", ["wire-1-e2"]),
    ("actor_id=Q324546", ["brief-3-e1"]),
    ("actor_country=RUS", ["wire-1-e1", "wire-2-e1"]),
    ("actor_sector=COP", ["ke-1-e1", "ke-2-e1", "ke-3-e1"]),
    ("recipient=wang", ["brief-3-e1"]),
    ("recipient_id=Q22369", ["brief-3-e1"]),
    ("recipient_country=RUS", ["wire-1-e2"]),
    ("recipient_sector=CVL&actor_country=RUS", ["wire-1-e1", "wire-2-e1"]),
    ("party=rubio", ["brief-3-e1"]),
    ("party_id=Q22369", ["brief-3-e1"]),
    ("party_country=CHN", ["brief-3-e1"]),
    ("party_sector=MIL", ["wire-1-e1", "wire-1-e2", "wire-2-e1"]),
    ("event_type=ASSAULT", ["wire-1-e1", "wire-2-e1"]),
    ("event_type=consult,agree", ["brief-3-e1", "brief-3-e2"]),
    ("event_type=CONSULT&event_type=AGREE", ["brief-3-e1", "brief-3-e2"]),
    ("quad_code=3", ["wire-1-e2"]),
    ("quad_code=1&quad_code=3", ["brief-3-e1", "brief-3-e2", "wire-1-e2"]),
    ("mode=visit", ["brief-3-e1"]),
    ("date_from=2025-06-01", ["brief-3-e1", "brief-3-e2"]),
    ("date_to=2024-06-30", ["ke-1-e1", "ke-2-e1"]),
    ("date_from=2024-06-20&date_to=2024-06-30", ["ke-2-e1"]),
    ("near_lat=50.0&near_lon=36.2&radius_km=20", ["wire-1-e1", "wire-2-e1"]),
    ("near_lat=46.2&near_lon=6.1&radius_km=2", []),
    ("near_lat=46.2&near_lon=6.1&radius_km=50", ["brief-3-e1"]),
    ("place_country=ken", ["ke-1-e1", "ke-2-e1", "ke-3-e1"]),
    ("text=TEAR GAS", ["ke-1-e1", "ke-2-e1", "ke-3-e1"]),
    ("doc_id=wire-2", ["wire-2-e1"]),
    ("source=Wire Two", ["wire-2-e1"]),
    ("min_articles=2", ["wire-1-e1", "wire-2-e1"]),
])
def test_event_filters(client, query, expected):
    body = get(client, f"/api/events?limit=500&{query}")
    assert ids(body) == expected
    assert body["total"] == len(expected)


def test_empty_parameters_do_not_filter(client):
    assert get(client, "/api/events?quad_code=&actor=&limit=500")["total"] == len(ALL_EVENTS)


def test_linked_gives_one_row_per_linked_event(client):
    body = get(client, "/api/events?linked=true&event_type=ASSAULT")
    assert body["total"] == 1
    assert body["events"][0]["num_articles"] == 2 and body["events"][0]["num_sources"] == 2


def test_paging_is_stable_and_complete(client):
    seen = []
    for sort in ("date", "type", "quad", "actor", "recipient", "place", "mentions", "confidence"):
        for order in ("asc", "desc"):
            pages = [get(client, f"/api/events?limit=3&offset={o}&sort={sort}&order={order}") for o in (0, 3, 6)]
            got = [e["event_id"] for p in pages for e in p["events"]]
            assert sorted(got) == ALL_EVENTS, (sort, order)  # no row twice, none lost
            again = [e["event_id"] for o in (0, 3, 6)
                     for e in get(client, f"/api/events?limit=3&offset={o}&sort={sort}&order={order}")["events"]]
            assert got == again
            seen.append(got)
    dates = [e["event_date"] for e in get(client, "/api/events?sort=date&order=asc&limit=500")["events"]]
    assert dates == sorted(dates)
    types = [e["event_type"] for e in get(client, "/api/events?sort=type&order=desc&limit=500")["events"]]
    assert types == sorted(types, reverse=True)


def test_event_detail_with_linked_mentions(client):
    body = get(client, "/api/events/wire-1-e1")
    e = body["event"]
    assert e["event_type"] == "ASSAULT" and e["actors"][0]["country"] == "RUS"
    assert body["document"]["title"] == "Russian shelling kills three in Kharkiv"
    text = body["document"]["text"]
    assert text[e["trigger_start"]:e["trigger_end"]] == "shelled"
    assert text[e["place_start"]:e["place_end"]] == "Kharkiv"
    others = {m["doc_id"] for m in body["linked"]["mentions"]}
    assert others == {"wire-1", "wire-2"} and body["linked"]["num_articles"] == 2


def test_event_without_other_reports(client):
    assert get(client, "/api/events/brief-3-e1")["linked"]["num_articles"] == 1


def test_linked_events(client):
    body = get(client, "/api/linked-events?min_articles=2")
    assert body["total"] == 1
    linked = body["linked_events"][0]
    assert {m["event_id"] for m in linked["mentions"]} == {"wire-1-e1", "wire-2-e1"}
    assert all(m["explanation"] for m in linked["mentions"][1:])
    assert get(client, "/api/linked-events?limit=500")["total"] == 7
    one = get(client, f"/api/linked-events/{linked['linked_id']}")["linked_event"]
    assert one["num_articles"] == 2 and len(one["mentions"]) == 2


def test_entity_with_events_over_time_and_quotes(client):
    body = get(client, "/api/entities/Q3874799")["entity"]
    assert body["name"] == "Volodymyr Zelenskyy" and body["country"] == "UKR"
    assert body["n_as_actor"] == 1 and body["n_as_recipient"] == 0
    assert [e["event_id"] for e in body["events"]] == ["wire-1-e2"]
    assert body["over_time"] == [{"period": "2025-05", "role": "actor", "quad_code": 3, "n": 1}]
    assert [q["text"] for q in body["quotes"]] == ["We will rebuild every house"]


def test_entity_keys_with_spaces_and_colons(client):
    body = get(client, "/api/entities/country%3ARUS")["entity"]
    assert body["n_as_actor"] == 2 and body["n_as_recipient"] == 1
    roles = {e["event_id"]: e["entity_roles"] for e in body["events"]}
    assert roles == {"wire-1-e1": ["actor"], "wire-1-e2": ["recipient"], "wire-2-e1": ["actor"]}


def test_document_with_its_records(client):
    body = get(client, "/api/documents/wire-2")["document"]
    assert [e["event_id"] for e in body["events"]] == ["wire-2-e1"]
    assert len(body["quotes"]) == 1 and len(body["places"]) == 1
    assert body["text"].startswith("Three civilians died")


def test_quotes(client):
    assert get(client, "/api/quotes")["total"] == 1
    assert get(client, "/api/quotes?speaker=zelensk")["total"] == 1
    assert get(client, "/api/quotes?speaker_id=Q3874799")["total"] == 1
    assert get(client, "/api/quotes?text=rebuild")["total"] == 1
    assert get(client, "/api/quotes?text=surrender")["total"] == 0
    assert get(client, "/api/quotes?doc_id=wire-1")["total"] == 0
    assert get(client, "/api/quotes?offset=1")["quotes"] == []


def test_places(client):
    body = get(client, "/api/places")
    by_name = {p["place_name"]: p for p in body["places"]}
    assert by_name["Nairobi"]["n"] == 3 and by_name["Kharkiv"]["n"] == 2 and by_name["Geneva"]["n"] == 1
    assert by_name["Kharkiv"]["n_material_conflict"] == 2
    assert {r["country"]: r["n"] for r in body["by_country"]} == {"KEN": 3, "UKR": 2, "CHE": 1}
    assert [p["place_name"] for p in get(client, "/api/places?place_country=UKR")["places"]] == ["Kharkiv"]
    assert len(get(client, "/api/places?limit=1")["places"]) == 1


def test_counts_by_quad_and_type(client):
    body = get(client, "/api/counts?interval=month")
    months = {s["period"]: s["counts"] for s in body["series"]}
    assert {p: c for p, c in months.items() if c} == {"2024-06-01": {"4": 2}, "2024-07-01": {"4": 1},
                                                      "2025-05-01": {"3": 1, "4": 2}, "2025-06-01": {"1": 2}}
    assert len(months) == 13 and months["2024-12-01"] == {}  # every month from the first to the last
    weeks = get(client, "/api/counts?interval=week&by=type&place_country=KEN")["series"]
    assert [(s["period"], s["counts"]) for s in weeks] == [
        ("2024-06-17", {"COERCE": 1}), ("2024-06-24", {"COERCE": 1}), ("2024-07-01", {"COERCE": 1})]
    days = get(client, "/api/counts?interval=day&event_type=ASSAULT")["series"]
    assert days == [{"period": "2025-05-12", "counts": {"4": 2}, "total": 2}]


def test_network(client):
    body = get(client, "/api/network")
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("country:RUS", "country:UKR")]["weight"] == 2
    assert edges[("country:RUS", "country:UKR")]["conflict"] == 2
    assert edges[("Q324546", "Q22369")]["cooperation"] == 1
    names = {n["id"]: n["name"] for n in body["nodes"]}
    assert names["Q324546"] == "Marco Rubio"
    small = get(client, "/api/network?max_nodes=2")
    assert len(small["nodes"]) == 2
    assert all(e["source"] in {n["id"] for n in small["nodes"]} for e in small["edges"])


def test_openapi_lists_every_endpoint_and_docs_are_local(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/events", "/api/events/{event_id}", "/api/linked-events", "/api/entities/{entity_id}",
              "/api/documents/{doc_id}", "/api/quotes", "/api/places", "/api/counts", "/api/network", "/api/health",
              "/api/code"):
        assert p in paths, p
    params = {x["name"] for x in spec["paths"]["/api/events"]["get"]["parameters"]}
    from dataclasses import fields

    from eventcoder.store.query import EventFilters

    assert {f.name for f in fields(EventFilters)} - {"event_id"} <= params  # every filter of eventcoder query
    html = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_entity_keys_of_the_pages_match_the_store(client, store_path):
    """The pages link actors by the store's entity key, recomputed from the argument fields."""
    import duckdb

    from eventcoder.web.render import entity_key

    con = duckdb.connect(str(store_path), read_only=True)
    try:
        rows = con.execute("SELECT identifier_id, identifier_text, country, entity_key FROM event_arguments").fetchall()
    finally:
        con.close()
    for qid, name, country, key in rows:
        assert entity_key({"identifier_id": qid, "identifier_text": name, "country": country}) == key


def test_page_rows_are_the_store_rows(store_path):
    """The pages fetch a page's rows with their own two queries (faster); they must equal
    store.query.query_events rows."""
    import duckdb

    from eventcoder.api.queries import _full_rows, _json
    from eventcoder.store.query import EventFilters, query_events

    con = duckdb.connect(str(store_path), read_only=True)
    try:
        mine = _full_rows(con, ALL_EVENTS)
        theirs = {r["event_id"]: {k: _json(v) for k, v in r.items()}
                  for r in query_events(con, EventFilters(), limit=None, order="id")}
    finally:
        con.close()
    assert [r["event_id"] for r in mine] == ALL_EVENTS
    for r in mine:
        s = theirs[r["event_id"]]
        s["actors"], s["recipients"] = s["actors"] or [], s["recipients"] or []
        assert r == s


def test_document_is_the_store_document(store_path):
    import duckdb

    from eventcoder.api.queries import _json, get_document
    from eventcoder.store.query import get_document as store_document

    con = duckdb.connect(str(store_path), read_only=True)
    try:
        for doc_id in ("wire-1", "wire-2", "brief-3", "ke-1"):
            mine, theirs = get_document(con, doc_id), _json(store_document(con, doc_id))
            for e in theirs["events"]:
                e["actors"], e["recipients"] = e["actors"] or [], e["recipients"] or []
            assert mine == theirs
    finally:
        con.close()
