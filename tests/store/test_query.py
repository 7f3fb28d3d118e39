"""Every filter of EventFilters, the linked view, ordering and paging."""
from __future__ import annotations

import pytest

from eventcoder.store import EventFilters, StoreError, count_events, get_document, get_event, get_linked_event, \
    query_events


def ids(con, **filters):
    return sorted(r["event_id"] for r in query_events(con, filters, limit=None))


def test_no_filter_gives_every_event(store):
    assert ids(store) == ["a1-e1", "m1-e1", "m2-e1", "p1-e1", "p1-e2", "u1-e1"]
    assert count_events(store, {}) == 6


@pytest.mark.parametrize("filters, expected", [
    ({"actor": "zelensky"}, ["m1-e1"]),
    ({"actor": "ZELENSKY"}, ["m1-e1"]),
    ({"recipient": "zelensky"}, ["m2-e1"]),
    ({"party": "zelensky"}, ["m1-e1", "m2-e1"]),
    ({"actor_id": "Q3052772"}, ["m2-e1"]),
    ({"recipient_id": "Q3052772"}, ["m1-e1"]),
    ({"party_id": "Q15031,Q6279"}, ["u1-e1"]),
    ({"actor_country": "RUS"}, ["a1-e1"]),
    ({"actor_country": "rus"}, ["a1-e1"]),
    ({"recipient_country": "UKR"}, ["a1-e1", "m2-e1"]),
    ({"party_country": "KEN"}, ["p1-e1", "p1-e2"]),
    ({"actor_sector": "COP"}, ["p1-e2"]),
    ({"recipient_sector": "CVL"}, ["a1-e1", "p1-e2"]),
    ({"party_sector": "MIL"}, ["a1-e1"]),
    ({"actor_country": "KEN", "actor_sector": "CVL"}, ["p1-e1"]),  # one argument holds both
    ({"actor_country": "KEN", "actor_sector": "MIL"}, []),
    ({"event_type": "CONSULT"}, ["m1-e1", "m2-e1", "u1-e1"]),
    ({"event_type": ["ASSAULT", "PROTEST"]}, ["a1-e1", "p1-e1", "p1-e2"]),
    ({"quad_code": 4}, ["a1-e1", "p1-e2"]),
    ({"quad_code": "3,4"}, ["a1-e1", "p1-e1", "p1-e2"]),
    ({"mode": "drone"}, ["a1-e1"]),
    ({"mode": "visit,demo"}, ["m1-e1", "p1-e1"]),
    ({"date_from": "2025-01-01"}, ["a1-e1", "m1-e1", "m2-e1"]),
    ({"date_to": "2024-06-11"}, ["p1-e1", "p1-e2", "u1-e1"]),
    ({"date_from": "2025-02-18", "date_to": "2025-02-18"}, ["a1-e1"]),
    ({"near_lat": 50.45, "near_lon": 30.52, "radius_km": 500}, ["a1-e1"]),   # Kyiv: Odesa 440 km
    ({"near_lat": 50.45, "near_lon": 30.52, "radius_km": 300}, []),
    ({"near_lat": 48.86, "near_lon": 2.35, "radius_km": 10}, ["m1-e1", "m2-e1"]),
    ({"place_country": "KEN"}, ["p1-e1", "p1-e2"]),
    ({"text": "TEAR GAS"}, ["p1-e2"]),
    ({"text": "ceasefire"}, ["p1-e1"]),
    ({"doc_id": "m2"}, ["m2-e1"]),
    ({"event_id": "u1-e1"}, ["u1-e1"]),
    ({"source": "Wire A"}, ["a1-e1", "m1-e1"]),
    ({"source": "kenya-news.test"}, ["p1-e1", "p1-e2"]),  # no publication: the URL host
    ({"min_articles": 2}, ["m1-e1", "m2-e1"]),
])
def test_filter(store, filters, expected):
    assert ids(store, **filters) == expected
    assert count_events(store, filters) == len(expected)


def test_linked_view_gives_one_row_per_happening(store):
    rows = query_events(store, {"linked": True, "event_type": "CONSULT"}, limit=None, order="-mentions")
    assert [(r["num_mentions"], r["num_articles"], r["num_sources"]) for r in rows] == [(2, 2, 2), (1, 1, 1)]
    assert count_events(store, {"linked": True}) == 5
    # A mention matching the filter brings its whole linked event, shown by its anchor.
    rows = query_events(store, {"linked": True, "actor_id": "Q3052772"})
    assert len(rows) == 1 and rows[0]["event_id"] == "m1-e1"
    linked = rows[0]["linked_id"]
    assert ids(store, linked_id=linked) == ["m1-e1", "m2-e1"]
    detail = get_linked_event(store, linked)
    assert [m["event_id"] for m in detail["mentions"]] == ["m1-e1", "m2-e1"]
    assert "same type CONSULT" in detail["mentions"][1]["explanation"]


def test_order_and_paging(store):
    by_date = [r["event_id"] for r in query_events(store, {}, limit=None, order="date")]
    assert by_date[0] == "u1-e1" and by_date[-1] in ("m1-e1", "m2-e1")
    newest = [r["event_id"] for r in query_events(store, {}, limit=None, order="-date")]
    assert newest[0] in ("m1-e1", "m2-e1") and newest[-1] == "u1-e1"
    page1 = query_events(store, {}, limit=2, offset=0, order="id")
    page2 = query_events(store, {}, limit=2, offset=2, order="id")
    assert [r["event_id"] for r in page1 + page2] == ["a1-e1", "m1-e1", "m2-e1", "p1-e1"]
    with pytest.raises(StoreError, match="unknown order"):
        query_events(store, {}, order="sideways")


def test_rows_carry_arguments_place_and_provenance(store):
    r = get_event(store, "a1-e1")
    assert r["actors"][0] == {"entity_text": "Russian forces", "country": "RUS", "sector": "MIL",
                              "identifier_text": "Russian forces", "identifier_id": None, "office": None,
                              "start_char": 0, "end_char": 14}
    assert (r["place_name"], r["place_country"], r["trigger_start"], r["trigger_end"]) == ("Odesa", "UKR", 32, 38)
    assert r["url"] == "https://wire-a.test/a1" and r["kb_version"] == "kb-test" and r["cameo_root"] == "19"
    assert r["goldstein"] == -9.5 and r["mentions"][0]["event_id"] == "a1-e1"
    assert get_event(store, "nope") is None
    d = get_document(store, "p1")
    assert [e["event_id"] for e in d["events"]] == ["p1-e1", "p1-e2"] and d["errors"] == []
    assert get_document(store, "bad")["errors"][0]["error_type"] == "empty_text"


def test_bad_filters_are_clear_errors():
    with pytest.raises(StoreError, match="unknown filter"):
        EventFilters.from_mapping({"actr": "x"})
    with pytest.raises(StoreError, match="near_lat, near_lon and radius_km"):
        EventFilters.from_mapping({"near_lat": 1})
    with pytest.raises(StoreError, match="quad_code"):
        EventFilters.from_mapping({"quad_code": 7})
    with pytest.raises(StoreError, match="date"):
        EventFilters.from_mapping({"date_from": "last week"})
