"""The store's schema: tables, the schema version, opening a database and migrating it.

Every table is documented column by column in ``docs/store.md`` (a test checks that the
two agree). The version is kept in ``store_meta``; ``open_store`` creates a new file,
migrates an older one in one transaction, and refuses a newer, foreign or corrupt file
with a message that says what to do.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..errors import EventcoderError

log = logging.getLogger(__name__)


class StoreError(EventcoderError):
    """The event store cannot be opened, read or written."""


SCHEMA_VERSION = 3
APPLICATION = "eventcoder-store"

# Provenance columns that every row table carries (the issue: "provenance in every table").
_PROV = """
    doc_id VARCHAR NOT NULL,
    url VARCHAR,
    published VARCHAR,
    coded_at TIMESTAMP,
    coder_version VARCHAR,
    model_version VARCHAR,
    kb_version VARCHAR"""

# The actor and recipient lists kept on each event (a copy of event_arguments, for one-table reads).
ARGUMENTS = ('STRUCT("entity_text" VARCHAR, "country" VARCHAR, "sector" VARCHAR, "identifier_text" VARCHAR, '
             '"identifier_id" VARCHAR, "office" VARCHAR, "start_char" INTEGER, "end_char" INTEGER)[]')
ARGUMENT_FIELDS = ("entity_text", "country", "sector", "identifier_text", "identifier_id", "office", "start_char",
                   "end_char")

PROVENANCE_COLUMNS = ("doc_id", "url", "published", "coded_at", "coder_version", "model_version", "kb_version")

TABLES: dict[str, str] = {
    "store_meta": """
CREATE TABLE store_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
)""",
    "documents": """
CREATE TABLE documents (
    doc_id VARCHAR PRIMARY KEY,
    url VARCHAR,
    title VARCHAR,
    publication VARCHAR,
    source VARCHAR,
    language VARCHAR,
    published VARCHAR,
    published_date DATE,
    text VARCHAR,
    n_events INTEGER,
    n_entities INTEGER,
    n_places INTEGER,
    n_quotes INTEGER,
    error_type VARCHAR,
    coded_at TIMESTAMP,
    ingested_at TIMESTAMP NOT NULL,
    coder_version VARCHAR,
    model_version VARCHAR,
    kb_version VARCHAR,
    gazetteer_version VARCHAR,
    lexicon_version VARCHAR,
    input_file VARCHAR,
    input_line INTEGER
)""",
    "events": f"""
CREATE TABLE events ({_PROV},
    event_id VARCHAR PRIMARY KEY,
    event_index INTEGER,
    sentence_index INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    sentence VARCHAR,
    event_type VARCHAR,
    event_types VARCHAR[],
    quad_code INTEGER,
    cameo_root VARCHAR,
    goldstein DOUBLE,
    modes VARCHAR[],
    contexts VARCHAR[],
    event_text VARCHAR[],
    trigger_start INTEGER,
    trigger_end INTEGER,
    date VARCHAR,
    date_start DATE,
    date_precision VARCHAR,
    event_date DATE,
    place_text VARCHAR,
    place_start INTEGER,
    place_end INTEGER,
    place_name VARCHAR,
    geonameid BIGINT,
    lat DOUBLE,
    lon DOUBLE,
    place_country VARCHAR,
    feature_code VARCHAR,
    place_resolution INTEGER,
    actor_countries VARCHAR[],
    recipient_countries VARCHAR[],
    actors ARGUMENTS,
    recipients ARGUMENTS,
    confidence DOUBLE,
    pattern VARCHAR
)""",
    "event_arguments": f"""
CREATE TABLE event_arguments ({_PROV},
    event_id VARCHAR NOT NULL,
    sentence_index INTEGER,
    role VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    entity_text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    country VARCHAR,
    sector VARCHAR,
    identifier_text VARCHAR,
    identifier_id VARCHAR,
    office VARCHAR,
    entity_key VARCHAR
)""",
    "entities": f"""
CREATE TABLE entities ({_PROV},
    entity_index INTEGER NOT NULL,
    entity_key VARCHAR,
    identifier_text VARCHAR,
    identifier_id VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    kind VARCHAR,
    office VARCHAR,
    confidence DOUBLE,
    n_mentions INTEGER,
    first_start INTEGER,
    first_end INTEGER,
    mentions STRUCT("text" VARCHAR, "start" INTEGER, "end" INTEGER)[]
)""",
    "places": f"""
CREATE TABLE places ({_PROV},
    place_index INTEGER NOT NULL,
    extracted_place VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    resolved_place VARCHAR,
    geonameid BIGINT,
    lat DOUBLE,
    lon DOUBLE,
    country VARCHAR,
    feature_code VARCHAR,
    resolution INTEGER,
    confidence DOUBLE
)""",
    "quotes": f"""
CREATE TABLE quotes ({_PROV},
    quote_index INTEGER NOT NULL,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    speaker_text VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_country VARCHAR,
    speaker_sector VARCHAR,
    speaker_identifier_text VARCHAR,
    speaker_identifier_id VARCHAR,
    cue VARCHAR,
    confidence DOUBLE,
    event_ids VARCHAR[]
)""",
    "linked_events": """
CREATE TABLE linked_events (
    linked_id VARCHAR PRIMARY KEY,
    event_type VARCHAR NOT NULL,
    quad_code INTEGER,
    anchor_event_id VARCHAR NOT NULL,
    anchor_date DATE,
    first_date DATE,
    last_date DATE,
    actor_countries VARCHAR[],
    recipient_countries VARCHAR[],
    actor_keys VARCHAR[],
    recipient_keys VARCHAR[],
    lat DOUBLE,
    lon DOUBLE,
    place_country VARCHAR,
    place_name VARCHAR,
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    first_doc_id VARCHAR,
    first_url VARCHAR,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
)""",
    "linked_event_mentions": f"""
CREATE TABLE linked_event_mentions ({_PROV},
    linked_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    sentence_index INTEGER,
    source VARCHAR,
    score DOUBLE,
    explanation VARCHAR,
    linked_at TIMESTAMP NOT NULL
)""",
    "errors": """
CREATE TABLE errors (
    doc_id VARCHAR,
    url VARCHAR,
    published VARCHAR,
    input_file VARCHAR,
    input_line INTEGER,
    error_type VARCHAR NOT NULL,
    message VARCHAR,
    coded_at TIMESTAMP,
    coder_version VARCHAR,
    model_version VARCHAR,
    kb_version VARCHAR,
    ingested_at TIMESTAMP NOT NULL
)""",
}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS arguments_event ON event_arguments (event_id)",
    "CREATE INDEX IF NOT EXISTS mentions_event ON linked_event_mentions (event_id)",
    "CREATE INDEX IF NOT EXISTS mentions_linked ON linked_event_mentions (linked_id)",
)

# Tables whose rows belong to one document (deleted when the document is re-ingested).
DOCUMENT_TABLES = ("events", "event_arguments", "entities", "places", "quotes", "errors")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def create_schema(con) -> None:
    """Create every table of the current version in an empty database."""
    for ddl in TABLES.values():
        con.execute(ddl.replace("ARGUMENTS", ARGUMENTS))
    for ddl in INDEXES:
        con.execute(ddl)
    con.executemany("INSERT INTO store_meta VALUES (?, ?)", [
        ("application", APPLICATION),
        ("schema_version", str(SCHEMA_VERSION)),
        ("created_at", _now().isoformat(timespec="seconds")),
        ("created_by", f"eventcoder {__version__}"),
    ])


# ---------------------------------------------------------------- migrations
def _migrate_1_to_2(con) -> None:
    """Version 2 gives every event its CAMEO root code and PLOVER (Goldstein-like) score.

    Both come from the event's type and modes through the PLOVER manual's tables
    (``plover.py``), so the migration computes them for the events already stored.
    """
    from .plover import cameo_root, plover_score

    con.execute("ALTER TABLE events ADD COLUMN cameo_root VARCHAR")
    con.execute("ALTER TABLE events ADD COLUMN goldstein DOUBLE")
    rows = con.execute("SELECT DISTINCT event_type, modes FROM events").fetchall()
    con.execute("CREATE TEMP TABLE _scores (event_type VARCHAR, modes VARCHAR[], cameo_root VARCHAR, "
                "goldstein DOUBLE)")
    con.executemany("INSERT INTO _scores VALUES (?, ?, ?, ?)",
                    [[t, m, cameo_root(t, m), plover_score(t, m)] for t, m in rows])
    con.execute("UPDATE events e SET cameo_root = s.cameo_root, goldstein = s.goldstein FROM _scores s "
                "WHERE e.event_type IS NOT DISTINCT FROM s.event_type AND e.modes IS NOT DISTINCT FROM s.modes")
    con.execute("DROP TABLE _scores")


def _migrate_2_to_3(con) -> None:
    """Version 3 keeps each event's actors and recipients on the event row (queries read one table)."""
    con.execute(f"ALTER TABLE events ADD COLUMN actors {ARGUMENTS}")
    con.execute(f"ALTER TABLE events ADD COLUMN recipients {ARGUMENTS}")
    struct = "{" + ", ".join(f"'{c}': a.{c}" for c in ARGUMENT_FIELDS) + "}"
    for role in ("actor", "recipient"):
        con.execute(f"""UPDATE events e SET {role}s = s.args FROM (
            SELECT a.event_id, list({struct} ORDER BY a.position) AS args FROM event_arguments a
            WHERE a.role = '{role}' GROUP BY a.event_id) s WHERE e.event_id = s.event_id""")
        con.execute(f"UPDATE events SET {role}s = [] WHERE {role}s IS NULL")


# MIGRATIONS[n] turns a version-n database into version n+1.
MIGRATIONS = {1: _migrate_1_to_2, 2: _migrate_2_to_3}
OLDEST_MIGRATABLE = 1


def schema_version(con) -> int | None:
    """The schema version of an open database; None when it is not an eventcoder store."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if "store_meta" not in tables:
        return None
    rows = dict(con.execute("SELECT key, value FROM store_meta").fetchall())
    if rows.get("application") != APPLICATION:
        return None
    try:
        return int(rows.get("schema_version", ""))
    except ValueError:
        return None


def migrate(con, version: int) -> int:
    """Bring a database of ``version`` up to SCHEMA_VERSION in one transaction."""
    if version < OLDEST_MIGRATABLE:
        raise StoreError(f"the database has schema version {version}, older than any this eventcoder can "
                         f"migrate (oldest {OLDEST_MIGRATABLE}); re-ingest the coded documents into a new file")
    con.execute("BEGIN TRANSACTION")
    try:
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](con)
            log.info("migrated the store from schema version %d to %d", version, version + 1)
            version += 1
        con.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", [str(version)])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return version


def open_store(path: str | Path, *, read_only: bool = False, create: bool = True):
    """Open (and create or migrate) an event store; returns a DuckDB connection.

    ``read_only`` opens an existing store without changing it: an older version is then
    an error that says to open it once for writing (which migrates it).
    """
    import duckdb

    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and (read_only or not create):
        raise StoreError(f"no event store at {path}: create one with 'eventcoder ingest ... --db {path}'")
    if exists and path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as e:
        raise StoreError(f"{path} is not a DuckDB database this eventcoder can open ({e}); "
                         f"give another --db file or remove this one") from e
    try:
        version = schema_version(con)
        if version is None:
            n_tables = con.execute("SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_schema = 'main'").fetchone()[0]
            if n_tables:
                raise StoreError(f"{path} is a DuckDB database but not an eventcoder store (it has "
                                 f"{n_tables} tables of its own and no store_meta); give another --db file")
            if read_only:
                raise StoreError(f"{path} is an empty database, not an event store")
            con.execute("BEGIN TRANSACTION")
            create_schema(con)
            con.execute("COMMIT")
        elif version > SCHEMA_VERSION:
            raise StoreError(f"{path} has schema version {version}, newer than this eventcoder's "
                             f"{SCHEMA_VERSION}: upgrade eventcoder to read it")
        elif version < SCHEMA_VERSION:
            if read_only:
                raise StoreError(f"{path} has schema version {version} (current {SCHEMA_VERSION}): open it "
                                 f"once for writing, e.g. 'eventcoder ingest --db {path}' with no input, "
                                 f"to migrate it")
            migrate(con, version)
    except BaseException:
        con.close()
        raise
    return con
