"""The ingest, query and export commands end to end (coded input: no spaCy)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from eventcoder.cli import main


def test_ingest_query_export(tmp_path, coded_file, capsys):
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(coded_file), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "6 documents ingested (0 replaced)" in err and "1 error records" in err
    assert main(["ingest", str(coded_file), "--db", str(db), "-q"]) == 0  # replace, nothing duplicated
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 6
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 6
    con.close()

    assert main(["query", "--db", str(db), "--actor-country", "RUS"]) == 0
    out = capsys.readouterr()
    assert "ASSAULT/drone" in out.out and "Russian forces (RUS/MIL)" in out.out and "(1 of 1 events)" in out.err

    assert main(["query", "--db", str(db), "--type", "CONSULT", "--linked", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(r["num_articles"] for r in rows) == [1, 2]

    assert main(["query", "--db", str(db), "--near", "50.45,30.52,500", "--format", "csv", "-o",
                 str(tmp_path / "q.csv")]) == 0
    with open(tmp_path / "q.csv", newline="", encoding="utf-8") as f:
        assert [r["event_id"] for r in csv.DictReader(f)] == ["a1-e1"]

    assert main(["query", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "q.parquet")]) == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'q.parquet'}'").fetchall()[0][0] == 6

    for fmt in ("jsonl", "csv", "parquet", "gdelt", "geojson", "gexf"):
        assert main(["export", "--db", str(db), "--format", fmt, "-o", str(tmp_path / f"all.{fmt}"), "-q"]) == 0
        assert (tmp_path / f"all.{fmt}").stat().st_size > 0
    assert main(["export", "--db", str(db), "--format", "gdelt", "--quad", "4", "-o", str(tmp_path / "q4.tsv"),
                 "-q"]) == 0
    assert len((tmp_path / "q4.tsv").read_text().splitlines()) == 3  # header + 2 material-conflict events


def test_clear_errors(tmp_path, capsys):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\x00not a database" * 500)
    assert main(["query", "--db", str(junk)]) == 2
    assert "not a DuckDB database" in capsys.readouterr().err
    assert main(["query", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "no event store" in capsys.readouterr().err
    assert main(["query", "--db", str(junk), "--near", "1,2"]) == 2
    assert "LAT,LON,KM" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_ingest_without_input_migrates_or_creates(tmp_path, capsys):
    db = tmp_path / "new.duckdb"
    assert main(["ingest", "--db", str(db), "-q"]) == 0
    assert main(["query", "--db", str(db)]) == 0
    assert "(0 of 0 events)" in capsys.readouterr().err


@pytest.mark.slow
def test_ingest_codes_raw_documents(tmp_path):
    db = tmp_path / "raw.duckdb"
    root = Path(__file__).resolve().parents[2]
    assert main(["ingest", str(root / "examples" / "articles.jsonl"), "--db", str(db), "-q"]) == 0
    con = duckdb.connect(str(db), read_only=True)
    docs = con.execute("SELECT doc_id, text IS NOT NULL, coded_at IS NOT NULL, model_version FROM documents "
                       "ORDER BY doc_id").fetchall()
    assert [d[0] for d in docs] == ["example-1", "example-2", "example-3", "example-4"]
    assert all(d[1] and d[2] and d[3] for d in docs)
    # Offsets index the stored text.
    for text, start, end, trigger in con.execute(
            "SELECT d.text, e.trigger_start, e.trigger_end, e.event_text[1] FROM events e JOIN documents d "
            "USING (doc_id) WHERE e.trigger_start IS NOT NULL").fetchall():
        assert trigger.startswith(text[start:end])
    con.close()
