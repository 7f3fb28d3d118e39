"""Read-only queries over the store: one filter vocabulary for the CLI, the exports and the API.

``EventFilters`` holds every filter; ``build_query`` turns it into one SQL statement with
parameters; ``query_events`` and ``count_events`` run it. With ``linked=True`` the result
has one row per linked event (its anchor mention, with the counts) among the linked
events that have at least one mention matching the filters; otherwise one row per event
mention. Nothing here writes.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Mapping, Sequence

from .schema import StoreError


def _tuple(value) -> tuple:
    if value is None or value == "" or value == ():
        return ()
    if isinstance(value, (list, tuple, set, frozenset)):
        out: list = []
        for v in value:
            out += list(_tuple(v))
        return tuple(out)
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return (value,)


@dataclass(frozen=True)
class EventFilters:
    """Every filter of ``eventcoder query`` (and the API). Empty fields do not filter.

    Names (``actor``, ``recipient``, ``party``) match a substring of the text as written or
    of the canonical name, case-insensitively; ids, countries (ISO alpha-3 or IGO codes),
    sectors, types, quad classes and modes match exactly and accept several values (any
    of them). The conditions on one role hold for one and the same argument.
    ``party_*`` matches the actor or the recipient.
    """

    actor: str | None = None
    actor_id: tuple[str, ...] = ()
    actor_country: tuple[str, ...] = ()
    actor_sector: tuple[str, ...] = ()
    recipient: str | None = None
    recipient_id: tuple[str, ...] = ()
    recipient_country: tuple[str, ...] = ()
    recipient_sector: tuple[str, ...] = ()
    party: str | None = None
    party_id: tuple[str, ...] = ()
    party_country: tuple[str, ...] = ()
    party_sector: tuple[str, ...] = ()
    event_type: tuple[str, ...] = ()
    quad_code: tuple[int, ...] = ()
    mode: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    near_lat: float | None = None
    near_lon: float | None = None
    radius_km: float | None = None
    place_country: tuple[str, ...] = ()
    text: str | None = None
    doc_id: tuple[str, ...] = ()
    event_id: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    linked_id: tuple[str, ...] = ()
    min_articles: int | None = None
    linked: bool = False

    _LISTS = ("actor_id", "actor_country", "actor_sector", "recipient_id", "recipient_country",
              "recipient_sector", "party_id", "party_country", "party_sector", "event_type", "quad_code",
              "mode", "place_country", "doc_id", "event_id", "source", "linked_id")
    _UPPER = ("actor_country", "actor_sector", "recipient_country", "recipient_sector", "party_country",
              "party_sector", "event_type", "place_country")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> "EventFilters":
        """Filters from a mapping (CLI arguments, URL parameters): lists or comma-separated strings.

        Unknown keys are an error, so a misspelt filter never silently matches everything.
        """
        values = dict(values or {})
        names = {f.name for f in fields(cls)}
        unknown = sorted(k for k, v in values.items() if k not in names and v not in (None, "", ()))
        if unknown:
            raise StoreError(f"unknown filter(s): {', '.join(unknown)}; known: {', '.join(sorted(names))}")
        kw: dict[str, Any] = {}
        for f in fields(cls):
            v = values.get(f.name)
            if v is None or v == "":
                continue
            if f.name in cls._LISTS:
                t = _tuple(v)
                if f.name in cls._UPPER:
                    t = tuple(str(x).upper() for x in t)
                if f.name == "quad_code":
                    try:
                        t = tuple(int(x) for x in t)
                    except ValueError as e:
                        raise StoreError(f"quad_code takes 1-4, not {v!r}") from e
                if f.name == "mode":
                    t = tuple(str(x).lower() for x in t)
                kw[f.name] = t
            elif f.name in ("near_lat", "near_lon", "radius_km"):
                try:
                    kw[f.name] = float(v)
                except (TypeError, ValueError) as e:
                    raise StoreError(f"{f.name} takes a number, not {v!r}") from e
            elif f.name == "min_articles":
                kw[f.name] = int(v)
            elif f.name == "linked":
                kw[f.name] = v if isinstance(v, bool) else str(v).lower() in ("1", "true", "yes", "on")
            elif f.name in ("date_from", "date_to"):
                try:
                    date.fromisoformat(str(v)[:10])
                except ValueError as e:
                    raise StoreError(f"{f.name} takes a date YYYY-MM-DD, not {v!r}") from e
                kw[f.name] = str(v)[:10]
            else:
                kw[f.name] = str(v)
        filters = cls(**kw)
        filters.check()
        return filters

    def check(self) -> None:
        near = (self.near_lat, self.near_lon, self.radius_km)
        if any(x is not None for x in near) and not all(x is not None for x in near):
            raise StoreError("a place radius needs near_lat, near_lon and radius_km together")
        if self.near_lat is not None and not (-90 <= self.near_lat <= 90 and -180 <= self.near_lon <= 180):
            raise StoreError("near_lat must lie in -90..90 and near_lon in -180..180")
        if any(q not in (1, 2, 3, 4) for q in self.quad_code):
            raise StoreError("quad_code takes 1 (verbal cooperation) to 4 (material conflict)")


ORDERS = {
    "date": "e.event_date ASC NULLS LAST, e.event_id",
    "-date": "e.event_date DESC NULLS LAST, e.event_id",
    "mentions": "num_mentions ASC, e.event_id",
    "-mentions": "num_mentions DESC, e.event_date DESC NULLS LAST, e.event_id",
    "confidence": "e.confidence ASC NULLS LAST, e.event_id",
    "-confidence": "e.confidence DESC NULLS LAST, e.event_id",
    "id": "e.event_id",
}

_HAVERSINE = ("2 * 6371.0088 * asin(least(1, sqrt(pow(sin(radians(e.lat - ?) / 2), 2) + cos(radians(?)) * "
              "cos(radians(e.lat)) * pow(sin(radians(e.lon - ?) / 2), 2))))")

def _marks(values: Sequence) -> str:
    return ", ".join("?" for _ in values)


def _role_condition(role: str, name: str | None, ids: tuple, countries: tuple, sectors: tuple,
                    params: list) -> str | None:
    """One role's conditions, all on one argument, over the event's own actor/recipient lists."""
    conds: list[str] = []
    local: list = []
    if name:
        conds.append("(contains(lower(x.entity_text), ?) OR contains(lower(x.identifier_text), ?))")
        local += [name.lower(), name.lower()]
    if ids:
        conds.append(f"x.identifier_id IN ({_marks(ids)})")
        local += list(ids)
    if countries:
        conds.append(f"x.country IN ({_marks(countries)})")
        local += list(countries)
    if sectors:
        conds.append(f"x.sector IN ({_marks(sectors)})")
        local += list(sectors)
    if not conds:
        return None
    sides = ("actor", "recipient") if role == "party" else (role,)
    if countries and len(conds) == 1:
        # Countries alone: the event's country lists answer (several times faster than a lambda).
        out = " OR ".join(f"list_has_any(e.{side}_countries, [{_marks(countries)}]::VARCHAR[])" for side in sides)
        params += list(countries) * len(sides)
        return f"({out})"
    test = " AND ".join(conds)
    out = " OR ".join(f"len(list_filter(e.{side}s, lambda x: {test})) > 0" for side in sides)
    params += local * len(sides)
    return f"({out})"


# Filters that are a list of values: the condition with {} for its placeholders.
_LIST_FILTERS = (
    ("event_type", "e.event_type IN ({})"),
    ("quad_code", "e.quad_code IN ({})"),
    ("place_country", "e.place_country IN ({})"),
    ("doc_id", "e.doc_id IN ({})"),
    ("event_id", "e.event_id IN ({})"),
    ("source", "e.doc_id IN (SELECT doc_id FROM documents WHERE source IN ({}))"),
    ("linked_id", "e.event_id IN (SELECT event_id FROM linked_event_mentions WHERE linked_id IN ({}))"),
)


def _in_list(conds: list[str], params: list, sql: str, values) -> None:
    if values:
        conds.append(sql.format(_marks(values)))
        params += list(values)


def where_clause(f: EventFilters) -> tuple[str, list]:
    """The WHERE clause (over ``events e``) of a filter set, with its parameters."""
    conds: list[str] = []
    params: list = []
    for role in ("actor", "recipient", "party"):
        c = _role_condition(role, getattr(f, role), getattr(f, f"{role}_id"), getattr(f, f"{role}_country"),
                            getattr(f, f"{role}_sector"), params)
        if c:
            conds.append(c)
    for attr, sql in _LIST_FILTERS[:2]:
        _in_list(conds, params, sql, getattr(f, attr))
    if f.mode:
        conds.append(f"list_has_any(e.modes, [{_marks(f.mode)}]::VARCHAR[])")
        params += list(f.mode)
    if f.date_from:
        conds.append("e.event_date >= ?::DATE")
        params.append(f.date_from)
    if f.date_to:
        conds.append("e.event_date <= ?::DATE")
        params.append(f.date_to)
    if f.near_lat is not None:
        # A bounding box first (cheap), then the great-circle distance.
        dlat = f.radius_km / 111.0
        import math

        dlon = f.radius_km / max(1e-6, 111.320 * math.cos(math.radians(min(89.0, abs(f.near_lat)))))
        conds.append("e.lat BETWEEN ? AND ?")
        params += [f.near_lat - dlat, f.near_lat + dlat]
        if dlon < 180:
            conds.append("((e.lon BETWEEN ? AND ?) OR (e.lon BETWEEN ? AND ?) OR (e.lon BETWEEN ? AND ?))")
            params += [f.near_lon - dlon, f.near_lon + dlon, f.near_lon - dlon + 360, f.near_lon + dlon + 360,
                       f.near_lon - dlon - 360, f.near_lon + dlon - 360]
        conds.append(f"{_HAVERSINE} <= ?")
        params += [f.near_lat, f.near_lat, f.near_lon, f.radius_km]
    if f.text:
        conds.append("contains(lower(e.sentence), ?)")
        params.append(f.text.lower())
    for attr, sql in _LIST_FILTERS[2:]:
        _in_list(conds, params, sql, getattr(f, attr))
    return (" AND ".join(conds) or "TRUE"), params


_COLUMNS = """e.event_id, e.doc_id, e.url, d.title, d.publication, d.source, e.published,
       e.date, e.event_date, e.date_precision, e.event_type, e.event_types, e.quad_code, e.cameo_root,
       e.goldstein, e.modes, e.contexts, e.actors, e.recipients,
       e.place_text, e.place_name, e.geonameid, e.lat, e.lon, e.place_country, e.feature_code,
       e.sentence, e.sentence_index, e.sentence_start, e.sentence_end, e.event_text, e.trigger_start,
       e.trigger_end, e.place_start, e.place_end, e.confidence, e.pattern,
       l.linked_id, l.num_mentions, l.num_articles, l.num_sources,
       e.coded_at, e.coder_version, e.model_version, e.kb_version"""


def _page(f: EventFilters, where: str, order: str) -> str:
    """The ids of the matching rows (events, or linked events' anchors), before any join for display."""
    needs_links = f.min_articles or "mentions" in order
    having = " AND l.num_articles >= ?" if f.min_articles else ""
    if f.linked:
        return f"""SELECT l.anchor_event_id AS event_id, l.num_mentions, e.event_date, e.confidence
    FROM linked_events l JOIN events e ON e.event_id = l.anchor_event_id
    WHERE l.linked_id IN (SELECT m.linked_id FROM linked_event_mentions m
                          WHERE m.event_id IN (SELECT e.event_id FROM events e WHERE {where})){having}"""
    if needs_links:
        return f"""SELECT e.event_id, l.num_mentions, e.event_date, e.confidence
    FROM events e
    LEFT JOIN linked_event_mentions m ON m.event_id = e.event_id
    LEFT JOIN linked_events l ON l.linked_id = m.linked_id
    WHERE {where}{having}"""
    return f"""SELECT e.event_id, NULL::INTEGER AS num_mentions, e.event_date, e.confidence
    FROM events e WHERE {where}"""


def build_query(filters: EventFilters | Mapping | None = None, *, limit: int | None = 50, offset: int = 0,
                order: str = "-date") -> tuple[str, list]:
    """The SQL and parameters of a query (the CLI's Parquet output and the exports COPY it).

    The matching ids are chosen, sorted and paged over ``events`` alone; only that page is
    joined to documents and linked events for its columns.
    """
    f = filters if isinstance(filters, EventFilters) else EventFilters.from_mapping(filters)
    if order not in ORDERS:
        raise StoreError(f"unknown order {order!r}; one of {', '.join(ORDERS)}")
    where, params = where_clause(f)
    if f.min_articles:
        params = params + [f.min_articles]
    page_order = ORDERS[order].replace("e.event_id", "p.event_id").replace("e.", "p.")
    page = f"SELECT p.event_id FROM ({_page(f, where, order)}) p ORDER BY {page_order.replace('num_mentions', 'p.num_mentions')}"
    if limit is not None:
        page += " LIMIT ? OFFSET ?"
        params = params + [int(limit), int(offset)]
    sql = f"""SELECT {_COLUMNS}
FROM ({page}) pg
JOIN events e ON e.event_id = pg.event_id
JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN linked_event_mentions m ON m.event_id = e.event_id
LEFT JOIN linked_events l ON l.linked_id = m.linked_id
ORDER BY {ORDERS[order].replace("num_mentions", "l.num_mentions")}"""
    return sql, params


def count_sql(filters: EventFilters | Mapping | None = None) -> tuple[str, list]:
    f = filters if isinstance(filters, EventFilters) else EventFilters.from_mapping(filters)
    where, params = where_clause(f)
    if f.min_articles:
        params = params + [f.min_articles]
    return f"SELECT count(*) FROM ({_page(f, where, 'id')})", params


def _rows(cur) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def query_events(con, filters: EventFilters | Mapping | None = None, *, limit: int | None = 50, offset: int = 0,
                 order: str = "-date") -> list[dict]:
    """Events (or linked events, ``filters.linked``) matching the filters, as dicts.

    Each row has the event's fields, ``actors`` and ``recipients`` (lists of dicts with
    entity_text, country, sector, identifier_text, identifier_id, office, start_char,
    end_char), the place, the sentence with the trigger's offsets, its linked event
    (``linked_id``, ``num_mentions``, ``num_articles``, ``num_sources``) and provenance.
    """
    sql, params = build_query(filters, limit=limit, offset=offset, order=order)
    return _rows(con.execute(sql, params))


def count_events(con, filters: EventFilters | Mapping | None = None) -> int:
    """How many rows ``query_events`` would give without a limit."""
    sql, params = count_sql(filters)
    return con.execute(sql, params).fetchone()[0]


def get_event(con, event_id: str) -> dict | None:
    """One event with its linked event and that linked event's other mentions."""
    found = query_events(con, EventFilters(event_id=(event_id,)), limit=None, order="id")
    if not found:
        return None
    row = found[0]
    row["mentions"] = linked_mentions(con, row["linked_id"]) if row.get("linked_id") else []
    return row


def linked_mentions(con, linked_id: str) -> list[dict]:
    """The mentions of a linked event: which articles support it, and why each was linked."""
    return _rows(con.execute("""
        SELECT m.event_id, m.doc_id, m.url, d.title, d.source, e.event_type, e.event_date, e.sentence,
               m.score, m.explanation, m.linked_at
        FROM linked_event_mentions m JOIN events e USING (event_id) JOIN documents d ON d.doc_id = m.doc_id
        WHERE m.linked_id = ? ORDER BY e.event_date NULLS LAST, m.doc_id, m.event_id""", [linked_id]))


def get_linked_event(con, linked_id: str) -> dict | None:
    rows = _rows(con.execute("SELECT * FROM linked_events WHERE linked_id = ?", [linked_id]))
    if not rows:
        return None
    row = rows[0]
    row["mentions"] = linked_mentions(con, linked_id)
    return row


def get_document(con, doc_id: str) -> dict | None:
    """A document's row with its events (as ``query_events`` rows), entities, places, quotes and errors."""
    rows = _rows(con.execute("SELECT * FROM documents WHERE doc_id = ?", [doc_id]))
    if not rows:
        return None
    doc = rows[0]
    doc["events"] = query_events(con, EventFilters(doc_id=(doc_id,)), limit=None, order="id")
    for table, key in (("entities", "entity_index"), ("places", "place_index"), ("quotes", "quote_index")):
        doc[table] = _rows(con.execute(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {key}", [doc_id]))
    doc["errors"] = _rows(con.execute("SELECT * FROM errors WHERE doc_id = ?", [doc_id]))
    return doc


def store_summary(con) -> dict:
    """Counts of every table and the span of event dates."""
    out: dict[str, Any] = {}
    for table in ("documents", "events", "event_arguments", "entities", "places", "quotes", "linked_events",
                  "linked_event_mentions", "errors"):
        out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    first, last = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    out["first_date"], out["last_date"] = (first.isoformat() if first else None), (last.isoformat() if last else None)
    out["schema_version"] = int(dict(con.execute("SELECT key, value FROM store_meta").fetchall())["schema_version"])
    return out
