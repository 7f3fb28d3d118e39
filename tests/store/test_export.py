"""Every export format, read back: CSV with the standard library, Parquet with DuckDB, the others parsed."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import duckdb
import pytest

from eventcoder.store import EventFilters, StoreError
from eventcoder.store.export import GDELT_COLUMNS, export_store, global_event_id


def test_jsonl(store, tmp_path):
    out = tmp_path / "e.jsonl"
    assert export_store(store, "jsonl", out) == 6
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["event_id"] for r in rows} == {"a1-e1", "m1-e1", "m2-e1", "p1-e1", "p1-e2", "u1-e1"}
    assert rows[0]["event_date"] <= rows[-1]["event_date"]  # by date


def test_csv_read_back_with_the_standard_library(store, tmp_path):
    out = tmp_path / "e.csv"
    assert export_store(store, "csv", out, EventFilters(event_type=("CONSULT",))) == 3
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3
    m1 = next(r for r in rows if r["event_id"] == "m1-e1")
    assert m1["actors"] == "Volodymyr Zelensky (UKR/GOV)" and m1["actor_ids"] == "Q3874799"
    assert m1["modes"] == "visit" and m1["place_name"] == "Paris" and m1["num_articles"] == "2"


def test_parquet_read_back_with_duckdb(store, tmp_path):
    out = tmp_path / "e.parquet"
    assert export_store(store, "parquet", out, EventFilters(linked=True)) == 5
    rows = duckdb.sql(f"SELECT event_id, num_mentions, actors FROM '{out}' ORDER BY event_id").fetchall()
    assert len(rows) == 5
    assert ("m1-e1", 2) in [(r[0], r[1]) for r in rows]
    assert rows[0][2][0]["country"] == "RUS"  # nested lists survive
    with pytest.raises(StoreError, match="output file"):
        export_store(store, "parquet", None)


def test_gdelt_columns_and_values(store, tmp_path):
    out = tmp_path / "e.gdelt.tsv"
    assert export_store(store, "gdelt", out) == 5  # one row per linked event
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert list(rows[0]) == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    by_id = {int(r["GLOBALEVENTID"]): r for r in rows}
    attack = by_id[global_event_id("L-a1-e1")]
    assert (attack["SQLDATE"], attack["MonthYear"], attack["Year"]) == ("20250218", "202502", "2025")
    assert (attack["Actor1Code"], attack["Actor1CountryCode"], attack["Actor1Type1Code"]) == ("RUSMIL", "RUS", "MIL")
    assert (attack["Actor2CountryCode"], attack["Actor2Type1Code"]) == ("UKR", "CVL")
    assert (attack["EventRootCode"], attack["QuadClass"], attack["GoldsteinScale"]) == ("19", "4", "-9.5")
    assert (attack["ActionGeo_CountryCode"], attack["ActionGeo_Type"]) == ("UP", "4")  # FIPS, world city
    assert attack["ActionGeo_FullName"] == "Odesa, Ukraine" and attack["SOURCEURL"] == "https://wire-a.test/a1"
    meeting = by_id[global_event_id("L-m1-e1")]
    assert (meeting["NumMentions"], meeting["NumArticles"], meeting["NumSources"]) == ("2", "2", "2")
    assert (meeting["EventRootCode"], meeting["GoldsteinScale"], meeting["IsRootEvent"]) == ("04", "4.0", "1")
    # Without a header, as GDELT's own files.
    export_store(store, "gdelt", out, header=False)
    first = out.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(first) == 61 and first[0].isdigit()


def test_geojson(store, tmp_path):
    out = tmp_path / "e.geojson"
    assert export_store(store, "geojson", out) == 5  # u1 has no place
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 5
    odesa = next(f for f in fc["features"] if f["properties"]["event_id"] == "a1-e1")
    assert odesa["geometry"] == {"type": "Point", "coordinates": [30.74383, 46.48572]}
    assert odesa["properties"]["actors"] == "Russian forces (RUS/MIL)"


def test_gexf_actor_network(store, tmp_path):
    out = tmp_path / "e.gexf"
    n = export_store(store, "gexf", out)
    root = ET.parse(out).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    nodes = {n.get("id"): n.get("label") for n in root.iterfind(".//g:node", ns)}
    edges = [(nodes[e.get("source")], nodes[e.get("target")], e.get("weight")) for e in root.iterfind(".//g:edge", ns)]
    assert n == len(edges) == 4
    # The linked meeting is one edge of weight 1 (its anchor), not two.
    assert ("Volodymyr Zelensky", "Emmanuel Macron", "1") in edges
    assert ("Joe Biden", "Xi Jinping", "1") in edges
    assert ("Russian forces", "residents of Odesa", "1") in edges


def test_unknown_format(store, tmp_path):
    with pytest.raises(StoreError, match="unknown export format"):
        export_store(store, "xlsx", tmp_path / "x")
