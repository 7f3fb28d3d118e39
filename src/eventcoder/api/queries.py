"""The reads behind the API and the pages, in plain SQL over the store's tables.

Tables and columns are those of ``docs/store.md``; every function takes a
DuckDB cursor and returns JSON-ready dicts. Each view calls these, and the HTML
page renders the same dict that the JSON endpoint returns.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .filters import Paging, active_filters

__all__ = ["list_events", "get_event", "get_linked", "list_linked", "get_entity", "get_document",
           "list_quotes", "list_places", "counts", "network", "summary"]

def _jsonify(rows: list[dict]) -> list[dict]:
    return [{k: _json(v) for k, v in r.items()} for r in rows]


def _rows(cur) -> list[dict]:
    cols = [d[0] for d in cur.description]
    return [{c: _json(v) for c, v in zip(cols, row)} for row in cur.fetchall()]


def _json(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, list):
        return [_json(x) for x in v]
    if isinstance(v, dict):
        return {k: _json(x) for k, x in v.items()}
    return v


def _base(filters, *, with_linked: bool = False) -> tuple[str, list]:
    """``FROM ... WHERE ...`` over the events that match (``e``, with its linked event ``l`` when
    ``with_linked`` or the filters need it), using the store's filter vocabulary
    (``store.query.where_clause``): one row per event mention, or with ``linked`` one per linked
    event (its anchor mention), as ``eventcoder query`` answers.

    The pages select only the columns they need from it (the store's full row query, with every
    argument as a struct, takes about a second over 10,000 events; these take milliseconds) and
    then fetch the full rows of one page (``_full_rows``)."""
    from ..store.query import where_clause

    where, params = where_clause(filters)
    if filters.linked:
        sql = "FROM linked_events l JOIN events e ON e.event_id = l.anchor_event_id WHERE TRUE"
        if where != "TRUE":
            sql += (f" AND l.linked_id IN (SELECT m.linked_id FROM linked_event_mentions m WHERE m.event_id IN "
                    f"(SELECT e.event_id FROM events e WHERE {where}))")
    elif with_linked or filters.min_articles:
        sql = (f"FROM events e LEFT JOIN linked_event_mentions m ON m.event_id = e.event_id "
               f"LEFT JOIN linked_events l ON l.linked_id = m.linked_id WHERE {where}")
    else:
        sql = f"FROM events e WHERE {where}"
    if filters.min_articles:
        sql += " AND l.num_articles >= ?"
        params = params + [filters.min_articles]
    return sql, params


def _full_rows(cur, ids: list[str]) -> list[dict]:
    """The store's rows (store.query.query_events) of these events, in this order, JSON-ready."""
    from ..store.query import EventFilters, query_events

    if not ids:
        return []
    rows = {r["event_id"]: r for r in query_events(cur, EventFilters(event_id=tuple(ids)), limit=None, order="id")}
    out = []
    for i in ids:
        if i in rows:
            row = {k: _json(v) for k, v in rows[i].items()}
            row["actors"], row["recipients"] = row.get("actors") or [], row.get("recipients") or []
            out.append(row)
    return out


def list_events(cur, filters, page: Paging) -> dict:
    base, params = _base(filters)
    by_quad = cur.execute(f"SELECT e.quad_code, count(*) {base} GROUP BY 1 ORDER BY 1", params).fetchall()
    total = sum(n for _, n in by_quad)
    if page.sort.value == "mentions":
        base, params = _base(filters, with_linked=True)
    ids = [r[0] for r in cur.execute(f"SELECT e.event_id {base} ORDER BY {page.order_by()} LIMIT ? OFFSET ?",
                                     params + [page.limit, page.offset]).fetchall()]
    return {"total": total, "limit": page.limit, "offset": page.offset, "sort": page.sort.value,
            "order": page.order.value, "filters": active_filters(filters),
            "counts_by_quad": {str(q): n for q, n in by_quad if q is not None},
            "events": _full_rows(cur, ids)}


def get_event(cur, event_id: str) -> dict | None:
    from ..store import query as store

    event = store.get_event(cur, event_id)
    if event is None:
        return None
    event = {k: _json(v) for k, v in event.items()}
    mentions = event.pop("mentions", [])
    doc = _rows(cur.execute("SELECT doc_id, title, url, publication, source, published, text FROM documents "
                            "WHERE doc_id = ?", [event["doc_id"]]))
    linked = None
    if event.get("linked_id"):
        linked = {k: _json(v) for k, v in (store.get_linked_event(cur, event["linked_id"]) or {}).items()}
        linked["mentions"] = _jsonify(mentions)
    return {"event": event, "document": doc[0] if doc else None, "linked": linked}


def get_linked(cur, linked_id: str) -> dict | None:
    from ..store import query as store

    linked = store.get_linked_event(cur, linked_id)
    return _json(linked) if linked is not None else None


def _mentions(cur, linked_ids: list[str]) -> dict[str, list[dict]]:
    """The mentions of several linked events in one query (the columns of store.query.linked_mentions)."""
    out: dict[str, list[dict]] = {i: [] for i in linked_ids}
    if not linked_ids:
        return out
    cur.execute(f"""
        SELECT m.linked_id, m.event_id, m.doc_id, m.url, d.title, d.source, e.event_type, e.event_date, e.sentence,
               m.score, m.explanation, m.linked_at
        FROM linked_event_mentions m JOIN events e USING (event_id) JOIN documents d ON d.doc_id = m.doc_id
        WHERE m.linked_id IN ({', '.join('?' * len(linked_ids))})
        ORDER BY m.linked_id, e.event_date NULLS LAST, m.doc_id, m.event_id""", linked_ids)
    for row in _rows(cur):
        out[row.pop("linked_id")].append(row)
    return out


def list_linked(cur, filters, page: Paging) -> dict:
    from dataclasses import replace

    base, params = _base(replace(filters, linked=True))
    total = cur.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    direction = "DESC" if page.order.value == "desc" else "ASC"
    ids = [r[0] for r in cur.execute(
        f"SELECT e.event_id {base} ORDER BY l.num_articles {direction}, l.num_mentions {direction}, "
        f"e.event_date {direction} NULLS LAST, l.linked_id LIMIT ? OFFSET ?", params + [page.limit, page.offset]).fetchall()]
    rows = _full_rows(cur, ids)
    mentions = _mentions(cur, [r["linked_id"] for r in rows if r.get("linked_id")])
    for r in rows:
        r["mentions"] = mentions.get(r.get("linked_id"), [])
    return {"total": total, "limit": page.limit, "offset": page.offset, "filters": active_filters(filters),
            "linked_events": rows}


def get_entity(cur, key: str, *, limit: int = 50) -> dict | None:
    """An actor across documents (by the store's entity key): its events over time as actor
    (sender) and as recipient (target), its latest events and its quotes."""
    cur.execute("""
        SELECT entity_key, mode(identifier_text) AS identifier_text, mode(entity_text) AS entity_text,
               mode(identifier_id) AS identifier_id, mode(country) AS country, mode(sector) AS sector,
               mode(office) AS office, count(DISTINCT event_id) AS n_events,
               count(DISTINCT event_id) FILTER (WHERE role = 'actor') AS n_as_actor,
               count(DISTINCT event_id) FILTER (WHERE role = 'recipient') AS n_as_recipient,
               count(DISTINCT doc_id) AS n_documents
        FROM event_arguments WHERE entity_key = ? GROUP BY entity_key""", [key])
    rows = _rows(cur)
    if not rows:
        return None
    entity = rows[0]
    entity["name"] = entity["identifier_text"] or entity["entity_text"] or entity["country"] or key
    cur.execute("""
        SELECT strftime(date_trunc('month', e.event_date), '%Y-%m') AS period, x.role, e.quad_code,
               count(DISTINCT e.event_id) AS n
        FROM event_arguments x JOIN events e USING (event_id)
        WHERE x.entity_key = ? AND e.event_date IS NOT NULL GROUP BY ALL ORDER BY 1, 2, 3""", [key])
    entity["over_time"] = _rows(cur)
    cur.execute("""
        SELECT e.event_id FROM events e
        WHERE e.event_id IN (SELECT event_id FROM event_arguments WHERE entity_key = ?)
        ORDER BY e.event_date DESC NULLS LAST, e.event_id LIMIT ?""", [key, limit])
    ids = [r[0] for r in cur.fetchall()]
    events = _full_rows(cur, ids)
    roles = dict(cur.execute(
        f"SELECT event_id, string_agg(DISTINCT role, ',') FROM event_arguments WHERE entity_key = ? AND event_id IN "
        f"({', '.join('?' * len(ids)) or 'NULL'}) GROUP BY 1", [key] + ids).fetchall())
    for e in events:
        e["entity_roles"] = sorted((roles.get(e["event_id"]) or "").split(","))
    entity["events"] = events
    entity["quotes"] = list_quotes(cur, speaker_key=key, limit=limit)["quotes"]
    return entity


_SPEAKER_KEY = """coalesce(q.speaker_identifier_id,
    CASE WHEN q.speaker_identifier_text IS NOT NULL THEN 'name:' || lower(q.speaker_identifier_text) END,
    CASE WHEN q.speaker_country IS NOT NULL THEN 'country:' || q.speaker_country END)"""


def list_quotes(cur, *, speaker: str | None = None, speaker_key: str | None = None, text: str | None = None,
                doc_id: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    clauses, params = [], []
    if speaker_key:
        clauses.append(f"{_SPEAKER_KEY} = ?")
        params.append(speaker_key)
    if speaker:
        clauses.append("(contains(lower(q.speaker_identifier_text), ?) OR contains(lower(q.speaker_text), ?))")
        params += [speaker.lower(), speaker.lower()]
    if text:
        clauses.append("contains(lower(q.text), ?)")
        params.append(text.lower())
    if doc_id:
        clauses.append("q.doc_id = ?")
        params.append(doc_id)
    where = " AND ".join(clauses) or "TRUE"
    total = cur.execute(f"SELECT count(*) FROM quotes q WHERE {where}", params).fetchone()[0]
    cur.execute(f"SELECT q.doc_id, q.quote_index, q.text, q.start_char, q.end_char, q.speaker_text, "
                f"q.speaker_identifier_text, q.speaker_identifier_id, q.speaker_country, q.speaker_sector, "
                f"{_SPEAKER_KEY} AS speaker_key, q.cue, q.confidence, q.event_ids, q.published, q.url "
                f"FROM quotes q WHERE {where} ORDER BY q.published DESC NULLS LAST, q.doc_id, q.quote_index "
                f"LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "quotes": _rows(cur)}


def get_document(cur, doc_id: str) -> dict | None:
    """A document's row with its events, entities, places, quotes and errors (as
    store.query.get_document, its events fetched by the lighter page-row queries)."""
    rows = _rows(cur.execute("SELECT * FROM documents WHERE doc_id = ?", [doc_id]))
    if not rows:
        return None
    doc = rows[0]
    ids = [r[0] for r in cur.execute("SELECT event_id FROM events WHERE doc_id = ? ORDER BY event_id", [doc_id]).fetchall()]
    doc["events"] = _full_rows(cur, ids)
    for table, key in (("entities", "entity_index"), ("places", "place_index"), ("quotes", "quote_index")):
        doc[table] = _rows(cur.execute(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {key}", [doc_id]))
    doc["errors"] = _rows(cur.execute("SELECT * FROM errors WHERE doc_id = ?", [doc_id]))
    return doc


def list_places(cur, filters, *, limit: int = 2000) -> dict:
    base, params = _base(filters)
    cur.execute(f"""
        SELECT e.place_name, e.place_country, round(e.lat, 3) AS lat, round(e.lon, 3) AS lon, count(*) AS n,
               count(*) FILTER (WHERE e.quad_code = 4) AS n_material_conflict
        {base} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
        GROUP BY ALL ORDER BY n DESC, e.place_name LIMIT ?""", params + [limit])
    places = _rows(cur)
    cur.execute(f"SELECT e.place_country AS country, count(*) AS n {base} "
                "AND e.place_country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1", params)
    return {"filters": active_filters(filters), "places": places, "by_country": _rows(cur)}


INTERVALS = ("day", "week", "month")


def _periods(first: str | None, last: str | None, interval: str) -> list[str]:
    """Every period from the first to the last, so that a time axis has no silent gaps."""
    if first is None or last is None:
        return []
    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    out = []
    while day <= end:
        out.append(day.isoformat())
        if interval == "day":
            day += dt.timedelta(days=1)
        elif interval == "week":
            day += dt.timedelta(weeks=1)
        else:
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def counts(cur, filters, *, interval: str = "day", by: str = "quad") -> dict:
    """Events per day, week (starting Monday) or month, by quad class or by event type; every
    period from the first to the last is listed, those without events with empty counts."""
    if interval not in INTERVALS:
        raise ValueError(interval)
    base, params = _base(filters)
    group = "e.quad_code" if by == "quad" else "e.event_type"
    cur.execute(f"""
        SELECT strftime(date_trunc('{interval}', e.event_date), '%Y-%m-%d') AS period, {group} AS key, count(*) AS n
        {base} AND e.event_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2""", params)
    rows = _rows(cur)
    undated = cur.execute(f"SELECT count(*) {base} AND e.event_date IS NULL", params).fetchone()[0]
    series: dict[str, dict[str, int]] = {}
    for r in rows:
        series.setdefault(r["period"], {})[str(r["key"])] = r["n"]
    series = {p: series.get(p, {}) for p in _periods(min(series, default=None), max(series, default=None), interval)}
    return {"filters": active_filters(filters), "interval": interval, "by": by, "undated": undated,
            "series": [{"period": p, "counts": c, "total": sum(c.values())} for p, c in series.items()]}


def network(cur, filters, *, max_nodes: int = 40) -> dict:
    """Actors as nodes, actor -> recipient pairs of the matching events as weighted edges."""
    base, params = _base(filters)
    cur.execute(f"""
        WITH f AS (SELECT e.event_id, e.quad_code {base}),
        pairs AS (
            SELECT DISTINCT f.event_id, a.entity_key AS source, r.entity_key AS target, f.quad_code
            FROM f JOIN event_arguments a ON a.event_id = f.event_id AND a.role = 'actor'
                   JOIN event_arguments r ON r.event_id = f.event_id AND r.role = 'recipient'
            WHERE a.entity_key IS NOT NULL AND r.entity_key IS NOT NULL AND a.entity_key <> r.entity_key)
        SELECT source, target, count(*) AS weight,
               count(*) FILTER (WHERE quad_code IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_code IN (3, 4)) AS conflict
        FROM pairs GROUP BY 1, 2 ORDER BY weight DESC, source, target""", params)
    edges = _rows(cur)
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + e["weight"]
        degree[e["target"]] = degree.get(e["target"], 0) + e["weight"]
    keep = sorted(degree, key=lambda k: (-degree[k], k))[:max_nodes]
    kept = set(keep)
    edges = [e for e in edges if e["source"] in kept and e["target"] in kept]
    info: dict[str, dict] = {}
    if keep:
        cur.execute("SELECT entity_key, mode(coalesce(identifier_text, entity_text)) AS name, mode(country) AS country, "
                    f"mode(sector) AS sector FROM event_arguments WHERE entity_key IN ({', '.join('?' * len(keep))}) "
                    "GROUP BY 1", keep)
        info = {r["entity_key"]: r for r in _rows(cur)}
    nodes = [{"id": k, "name": info.get(k, {}).get("name") or k, "country": info.get(k, {}).get("country"),
              "sector": info.get(k, {}).get("sector"), "weight": degree[k]} for k in keep]
    return {"filters": active_filters(filters), "nodes": nodes, "edges": edges, "max_nodes": max_nodes,
            "total_actors": len(degree)}


def summary(cur) -> dict:
    from ..store.query import store_summary

    return _json(store_summary(cur))
