"""Exports of the store: jsonl, csv, parquet, gdelt, geojson and gexf (docs/store.md, "Exports").

Every export takes the filters of ``query.EventFilters`` (none: the whole store) and
streams: rows are fetched from DuckDB in chunks and written as they come.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterator
from xml.sax.saxutils import quoteattr

from .query import EventFilters, build_query
from .schema import StoreError

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "geojson", "gexf")

# GDELT 2.0 event table columns, in order (GDELT-Event_Codebook-V2.0).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                               "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                               "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in ("Type", "FullName", "CountryCode",
                                                                           "ADM1Code", "ADM2Code", "Lat", "Long",
                                                                           "FeatureID")],
    "DATEADDED", "SOURCEURL",
)


def copy_query(con, sql: str, params: list, output: str | Path, fmt: str) -> int:
    """COPY a query's rows to a file with DuckDB's own writer; returns the number of rows."""
    if fmt not in ("parquet", "csv", "json"):
        raise StoreError(f"copy_query writes parquet, csv or json, not {fmt!r}")
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true", "json": "FORMAT json"}[fmt]
    con.execute(f"COPY ({sql}) TO '{_quote(output)}' ({options})", params)
    return con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def _quote(path: str | Path) -> str:
    return str(path).replace("'", "''")


def iter_rows(con, filters: EventFilters, *, order: str = "date", chunk: int = 2000) -> Iterator[dict]:
    """Every row of a query, fetched in chunks (constant memory)."""
    sql, params = build_query(filters, limit=None, order=order)
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        while True:
            batch = cur.fetchmany(chunk)
            if not batch:
                break
            for r in batch:
                yield dict(zip(names, r))
    finally:
        cur.close()


def _json_default(v):
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return str(v)


from .plover import cameo_root, countries, plover_score  # noqa: E402  (re-exported for the writers)


def global_event_id(linked_id: str) -> int:
    """GDELT's GLOBALEVENTID is an integer: the first 60 bits of the linked id's SHA-1."""
    return int(hashlib.sha1(linked_id.encode("utf-8")).hexdigest()[:15], 16)


def _geo_type(feature_code: str | None, country: str | None) -> int | None:
    """GDELT Geo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if not feature_code:
        return None
    if feature_code.startswith("PCL"):
        return 1
    if feature_code.startswith("ADM1"):
        return 2 if country == "USA" else 5
    return 3 if country == "USA" else 4


def _actor_code(a: dict) -> str:
    return (a.get("country") or "") + (a.get("sector") or "") if a.get("country") != a.get("sector") \
        else (a.get("country") or "")


def gdelt_row(r: dict) -> list:
    """One linked event (a query row with ``linked=True``) as a GDELT 2.0 event row."""
    d = r.get("event_date")
    out: dict = dict.fromkeys(GDELT_COLUMNS, "")
    out["GLOBALEVENTID"] = global_event_id(r["linked_id"] or r["event_id"])
    if d:
        out["SQLDATE"] = d.strftime("%Y%m%d")
        out["MonthYear"] = d.strftime("%Y%m")
        out["Year"] = d.year
        out["FractionDate"] = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    for n, side in ((1, r.get("actors") or []), (2, r.get("recipients") or [])):
        if side:
            a = side[0]
            out[f"Actor{n}Code"] = _actor_code(a)
            out[f"Actor{n}Name"] = (a.get("identifier_text") or a.get("entity_text") or "").upper()
            out[f"Actor{n}CountryCode"] = a.get("country") or ""
            if a.get("country") in ("IGO", "NGO", "IMG", "MNC"):
                out[f"Actor{n}KnownGroupCode"] = a.get("country")
            out[f"Actor{n}Type1Code"] = a.get("sector") or ""
    out["IsRootEvent"] = 1 if r.get("sentence_index") == 0 else 0
    root = cameo_root(r.get("event_type"), r.get("modes"))
    out["EventCode"] = out["EventBaseCode"] = out["EventRootCode"] = root or ""
    out["QuadClass"] = r.get("quad_code") or ""
    score = plover_score(r.get("event_type"), r.get("modes"))
    out["GoldsteinScale"] = "" if score is None else score
    out["NumMentions"] = r.get("num_mentions") or 1
    out["NumSources"] = r.get("num_sources") or 1
    out["NumArticles"] = r.get("num_articles") or 1
    if r.get("lat") is not None:
        cc = r.get("place_country")
        fips, cname = countries().get(cc or "", ("", cc or ""))
        gt = _geo_type(r.get("feature_code"), cc)
        out["ActionGeo_Type"] = gt or ""
        place = r.get("place_name") or ""
        out["ActionGeo_FullName"] = cname if gt == 1 else ", ".join(x for x in (place, cname) if x)
        out["ActionGeo_CountryCode"] = fips
        out["ActionGeo_ADM1Code"] = fips
        out["ActionGeo_Lat"] = r["lat"]
        out["ActionGeo_Long"] = r["lon"]
        out["ActionGeo_FeatureID"] = r.get("geonameid") or ""
    added = r.get("coded_at")  # GDELT: when the event was added; here when its anchor was coded
    out["DATEADDED"] = added.strftime("%Y%m%d%H%M%S") if hasattr(added, "strftime") else ""
    out["SOURCEURL"] = r.get("url") or r.get("doc_id") or ""
    return [out[c] for c in GDELT_COLUMNS]


# ---------------------------------------------------------------- writers
def _open(output: str | Path | None) -> IO[str]:
    if output in (None, "-"):
        return sys.stdout
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    return open(output, "w", encoding="utf-8", newline="")


def write_jsonl(rows, f) -> int:
    n = 0
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False, default=_json_default) + "\n")
        n += 1
    return n


def flat_row(row: dict) -> dict:
    """A row for CSV: lists joined with ';', actors as 'Name (CODE/SECTOR)', dates ISO."""
    out = {}
    for k, v in row.items():
        if k in ("actors", "recipients"):
            out[k] = "; ".join(_label(a) for a in v or [])
            out[k[:-1] + "_ids"] = ";".join(a.get("identifier_id") or "" for a in v or [])
        elif isinstance(v, list):
            out[k] = ";".join("" if x is None else str(x) for x in v)
        elif isinstance(v, (date, datetime)):
            out[k] = v.isoformat()
        else:
            out[k] = v
    return out


def _label(a: dict) -> str:
    name = a.get("identifier_text") or a.get("entity_text") or ""
    code = "/".join(x for x in (a.get("country"), a.get("sector")) if x)
    return f"{name} ({code})" if name and code else name or code


def write_csv(rows, f) -> int:
    writer = None
    n = 0
    for r in rows:
        fr = flat_row(r)
        if writer is None:
            writer = csv.DictWriter(f, fieldnames=list(fr))
            writer.writeheader()
        writer.writerow(fr)
        n += 1
    return n


def write_gdelt(rows, f, *, header: bool = True) -> int:
    """Tab-separated, as GDELT's files; ``header`` adds the column names as a first line."""
    w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        w.writerow(GDELT_COLUMNS)
    n = 0
    for r in rows:
        w.writerow(gdelt_row(r))
        n += 1
    return n


def write_geojson(rows, f) -> int:
    """A FeatureCollection of the rows that have coordinates, streamed feature by feature."""
    f.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for r in rows:
        if r.get("lat") is None or r.get("lon") is None:
            continue
        props = {k: r.get(k) for k in ("event_id", "linked_id", "event_type", "quad_code", "modes", "event_date",
                                       "place_name", "place_country", "geonameid", "num_mentions",
                                       "num_articles", "num_sources", "doc_id", "url", "title", "sentence")}
        props["actors"] = "; ".join(_label(a) for a in r.get("actors") or [])
        props["recipients"] = "; ".join(_label(a) for a in r.get("recipients") or [])
        props["actor_countries"] = sorted({a["country"] for a in r.get("actors") or [] if a.get("country")})
        props["recipient_countries"] = sorted({a["country"] for a in r.get("recipients") or [] if a.get("country")})
        props["goldstein"] = plover_score(r.get("event_type"), r.get("modes"))
        feature = {"type": "Feature", "id": r.get("linked_id") or r.get("event_id"),
                   "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]}, "properties": props}
        f.write(("" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False, default=_json_default))
        n += 1
    f.write("\n]}\n")
    return n


def _node(a: dict) -> tuple[str, str, dict]:
    """An actor as a network node: its KB id, else its canonical name, else its country and sector."""
    if a.get("identifier_id"):
        key = a["identifier_id"]
    elif a.get("identifier_text"):
        key = "name:" + a["identifier_text"].casefold()
    else:
        key = "group:" + "/".join(x or "" for x in (a.get("country"), a.get("sector")))
    label = a.get("identifier_text") or "/".join(x for x in (a.get("country"), a.get("sector")) if x) or "?"
    return key, label, {"country": a.get("country") or "", "sector": a.get("sector") or ""}


def write_gexf(rows, f) -> int:
    """The directed actor-to-recipient network (GEXF 1.3, for Gephi): one edge per pair, weighted."""
    nodes: dict[str, tuple[str, dict]] = {}
    edges: dict[tuple[str, str], dict] = {}
    for r in rows:
        actors = [_node(a) for a in r.get("actors") or []]
        recipients = [_node(a) for a in r.get("recipients") or []]
        score = plover_score(r.get("event_type"), r.get("modes"))
        for key, label, attrs in actors + recipients:
            nodes.setdefault(key, (label, attrs))
        for s in actors:
            for t in recipients:
                if s[0] == t[0]:
                    continue
                e = edges.setdefault((s[0], t[0]), {"weight": 0, "cooperation": 0, "conflict": 0, "score": 0.0,
                                                    "types": {}})
                e["weight"] += 1
                q = r.get("quad_code")
                if q in (1, 2):
                    e["cooperation"] += 1
                elif q in (3, 4):
                    e["conflict"] += 1
                e["score"] += score or 0.0
                t_ = r.get("event_type") or "?"
                e["types"][t_] = e["types"].get(t_, 0) + 1
    ids = {k: str(i) for i, k in enumerate(nodes)}
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
            '  <meta><creator>eventcoder</creator><description>actor network: an edge from actor to recipient '
            'per pair, weight = linked events</description></meta>\n'
            '  <graph mode="static" defaultedgetype="directed">\n'
            '    <attributes class="node">\n'
            '      <attribute id="0" title="country" type="string"/>\n'
            '      <attribute id="1" title="sector" type="string"/>\n'
            '      <attribute id="2" title="key" type="string"/>\n'
            '    </attributes>\n'
            '    <attributes class="edge">\n'
            '      <attribute id="0" title="cooperation" type="integer"/>\n'
            '      <attribute id="1" title="conflict" type="integer"/>\n'
            '      <attribute id="2" title="mean_goldstein" type="double"/>\n'
            '      <attribute id="3" title="types" type="string"/>\n'
            '    </attributes>\n'
            '    <nodes>\n')
    for key, (label, attrs) in nodes.items():
        f.write(f'      <node id="{ids[key]}" label={quoteattr(label)}><attvalues>'
                f'<attvalue for="0" value={quoteattr(attrs["country"])}/>'
                f'<attvalue for="1" value={quoteattr(attrs["sector"])}/>'
                f'<attvalue for="2" value={quoteattr(key)}/></attvalues></node>\n')
    f.write('    </nodes>\n    <edges>\n')
    for i, ((s, t), e) in enumerate(edges.items()):
        types = ";".join(f"{k}:{v}" for k, v in sorted(e["types"].items()))
        f.write(f'      <edge id="{i}" source="{ids[s]}" target="{ids[t]}" weight="{e["weight"]}"><attvalues>'
                f'<attvalue for="0" value="{e["cooperation"]}"/><attvalue for="1" value="{e["conflict"]}"/>'
                f'<attvalue for="2" value="{e["score"] / e["weight"]:.3f}"/>'
                f'<attvalue for="3" value={quoteattr(types)}/></attvalues></edge>\n')
    f.write('    </edges>\n  </graph>\n</gexf>\n')
    return len(edges)


def export_store(con, fmt: str, output: str | Path | None, filters: EventFilters | None = None, *,
                 header: bool = True) -> int:
    """Write the store (or the rows matching ``filters``) in ``fmt``; returns rows (gexf: edges) written.

    ``gdelt`` and ``gexf`` always work on linked events (one row per happening, as GDELT's
    event table); the others on event mentions unless ``filters.linked``.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    filters = filters or EventFilters()
    if fmt in ("gdelt", "gexf") and not filters.linked:
        filters = replace(filters, linked=True)
    if fmt == "parquet":
        if output in (None, "-"):
            raise StoreError("a Parquet export needs an output file (-o FILE)")
        sql, params = build_query(filters, limit=None, order="date")
        return copy_query(con, sql, params, output, "parquet")
    f = _open(output)
    try:
        rows = iter_rows(con, filters)
        if fmt == "jsonl":
            return write_jsonl(rows, f)
        if fmt == "csv":
            return write_csv(rows, f)
        if fmt == "gdelt":
            return write_gdelt(rows, f, header=header)
        if fmt == "geojson":
            return write_geojson(rows, f)
        return write_gexf(rows, f)
    finally:
        if f is not sys.stdout:
            f.close()
        else:
            f.flush()
