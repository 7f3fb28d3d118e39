"""Schema creation, opening foreign or damaged files, ingest and replace on re-ingest."""
from __future__ import annotations

import duckdb
import pytest

from eventcoder.store import SCHEMA_VERSION, StoreError, ingest_coded, open_store, query_events, store_summary
from eventcoder.store.schema import TABLES

from .helpers import actor, doc, event, feed


def _meeting_doc(doc_id="d1", published="2025-03-04"):
    s = "Ukrainian President Volodymyr Zelensky met French President Emmanuel Macron in Kyiv on Monday."
    return doc(doc_id, published, [event(doc_id, 1, "CONSULT",
                                         [actor("Volodymyr Zelensky", "UKR", qid="Q3874799", start=20, end=38)],
                                         [actor("Emmanuel Macron", "FRA", qid="Q3052772", start=60, end=75)],
                                         "2025-03-03", s, trigger="met", place="Kyiv")],
               url=f"https://example.org/{doc_id}", publication="Example News",
               places=[{"extracted_place": "Kyiv", "start": 79, "end": 83, "resolved_place": "Kyiv",
                        "geonameid": 703448, "lat": 50.45, "lon": 30.52, "country_code": "UKR",
                        "feature_code": "PPLC", "resolution": 4}],
               entities=[{"identifier_text": "Volodymyr Zelensky", "identifier_id": "Q3874799", "code": "UKR",
                          "sector": "GOV", "kind": "person",
                          "mentions": [{"text": "Volodymyr Zelensky", "start": 20, "end": 38}]}],
               quotes=[{"text": "We talked", "start": 100, "end": 109,
                        "speaker": actor("Volodymyr Zelensky", "UKR", qid="Q3874799")}])


def test_schema_created_with_version_and_every_table(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(TABLES) <= tables
    assert store_summary(con)["schema_version"] == SCHEMA_VERSION
    con.close()
    # Opening again keeps it (no second creation).
    con = open_store(tmp_path / "s.duckdb", read_only=True)
    assert con.execute("SELECT count(*) FROM store_meta WHERE key = 'schema_version'").fetchone()[0] == 1
    con.close()


def test_ingest_rows_and_provenance(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    stats = ingest_coded(con, feed([_meeting_doc()]))
    assert (stats.documents, stats.events) == (1, 1)
    s = store_summary(con)
    assert (s["documents"], s["events"], s["event_arguments"], s["entities"], s["places"], s["quotes"],
            s["linked_events"], s["linked_event_mentions"]) == (1, 1, 2, 1, 1, 1, 1, 1)
    e = con.execute("SELECT event_id, sentence_index, trigger_start, trigger_end, place_start, place_end, url, "
                    "kb_version, model_version, event_date FROM events").fetchone()
    assert e[:6] == ("d1-e1", 0, 39, 42, 79, 83)
    assert e[6] == "https://example.org/d1" and e[7] == "kb-test" and e[8].startswith("en_core")
    assert str(e[9]) == "2025-03-03"
    for table in ("event_arguments", "entities", "places", "quotes", "linked_event_mentions"):
        row = con.execute(f"SELECT doc_id, url, published, kb_version FROM {table}").fetchone()
        assert row == ("d1", "https://example.org/d1", "2025-03-04", "kb-test"), table


def test_reingest_replaces_in_place(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    ingest_coded(con, feed([_meeting_doc()]))
    before = store_summary(con)
    stats = ingest_coded(con, feed([_meeting_doc()]))
    assert stats.replaced == 1
    assert store_summary(con) == before
    # A new version of the document without events removes its events and links.
    empty = doc("d1", "2025-03-04", [])
    ingest_coded(con, feed([empty]))
    s = store_summary(con)
    assert (s["documents"], s["events"], s["event_arguments"], s["linked_events"], s["linked_event_mentions"]) \
        == (1, 0, 0, 0, 0)


def test_same_id_twice_in_one_batch_keeps_the_last(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    ingest_coded(con, feed([_meeting_doc(), doc("d1", "2025-03-04", [])]))
    assert store_summary(con)["events"] == 0 and store_summary(con)["documents"] == 1


def test_interrupted_batch_leaves_store_as_before(tmp_path, monkeypatch):
    con = open_store(tmp_path / "s.duckdb")
    ingest_coded(con, feed([_meeting_doc("a")]))
    before = store_summary(con)
    from eventcoder.store import ingest as ingest_mod

    def boom(*a, **k):
        raise RuntimeError("killed mid-batch")

    monkeypatch.setattr(ingest_mod, "link_new_events", boom)
    with pytest.raises(RuntimeError):
        ingest_coded(con, feed([_meeting_doc("a"), _meeting_doc("b")]))
    assert store_summary(con) == before


def test_error_records_are_stored(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    bad = {"id": None, "line": 17, "error": {"type": "empty_text", "message": "the text is empty"},
           "events": [], "entities": [], "places": [], "quotes": []}
    stats = ingest_coded(con, feed([bad], "in.jsonl"))
    assert stats.errors == 1
    assert con.execute("SELECT doc_id, error_type, input_line FROM errors").fetchone() == ("in.jsonl:17",
                                                                                          "empty_text", 17)


def test_corrupt_file_gives_clear_error(tmp_path):
    p = tmp_path / "junk.duckdb"
    p.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        open_store(p)


def test_foreign_duckdb_database_is_refused(tmp_path):
    p = tmp_path / "other.duckdb"
    con = duckdb.connect(str(p))
    con.execute("CREATE TABLE sales (id INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventcoder store"):
        open_store(p)


def test_missing_store_read_only_is_clear(tmp_path):
    with pytest.raises(StoreError, match="no event store"):
        open_store(tmp_path / "none.duckdb", read_only=True)


def test_newer_schema_is_refused(tmp_path):
    p = tmp_path / "s.duckdb"
    open_store(p).close()
    con = duckdb.connect(str(p))
    con.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(p)


def test_query_returns_dicts(tmp_path):
    con = open_store(tmp_path / "s.duckdb")
    ingest_coded(con, feed([_meeting_doc()]))
    rows = query_events(con, {"actor_country": "UKR"})
    assert len(rows) == 1 and rows[0]["actors"][0]["identifier_id"] == "Q3874799"
    assert rows[0]["num_articles"] == 1 and rows[0]["linked_id"] == "L-d1-e1"


def _make_v1(path):
    """A version-1 store as the first schema wrote it: no events.cameo_root, goldstein, actors, recipients."""
    con = open_store(path)
    ingest_coded(con, feed([_meeting_doc()]))
    con.execute("DROP INDEX events_doc")
    con.execute("ALTER TABLE events DROP COLUMN cameo_root")
    con.execute("ALTER TABLE events DROP COLUMN goldstein")
    con.execute("ALTER TABLE events DROP COLUMN actors")
    con.execute("ALTER TABLE events DROP COLUMN recipients")
    con.execute("CREATE INDEX events_doc ON events (doc_id)")
    con.execute("UPDATE store_meta SET value = '1' WHERE key = 'schema_version'")
    con.close()


def test_older_schema_is_migrated(tmp_path):
    p = tmp_path / "v1.duckdb"
    _make_v1(p)
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(p, read_only=True)
    con = open_store(p)
    assert store_summary(con)["schema_version"] == SCHEMA_VERSION == 3
    assert con.execute("SELECT cameo_root, goldstein FROM events").fetchone() == ("04", 2.5)
    rows = query_events(con, {"actor_country": "UKR"})
    assert rows[0]["actors"][0]["identifier_id"] == "Q3874799" and rows[0]["recipients"][0]["country"] == "FRA"
    con.close()
    open_store(p, read_only=True).close()


def test_schema_older_than_any_migration_is_a_clear_error(tmp_path):
    p = tmp_path / "v0.duckdb"
    open_store(p).close()
    con = duckdb.connect(str(p))
    con.execute("UPDATE store_meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="older than any"):
        open_store(p)
