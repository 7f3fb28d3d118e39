"""The event store: coded documents in DuckDB, linked across articles, queried and exported.

``open_store`` opens (creating or migrating) a database file; ``ingest_coded`` loads coded
documents; ``query_events`` answers the filters of ``EventFilters``; the exports are in
``export.py``. The schema is documented in docs/store.md.
"""
from .ingest import IngestStats, document_rows, ingest_coded, is_coded
from .linking import LinkConfig, compare, relink_all
from .query import EventFilters, count_events, get_document, get_event, get_linked_event, query_events, store_summary
from .schema import SCHEMA_VERSION, StoreError, open_store

__all__ = ["open_store", "StoreError", "SCHEMA_VERSION", "ingest_coded", "document_rows", "is_coded",
           "IngestStats", "LinkConfig", "compare", "relink_all", "EventFilters", "query_events", "count_events",
           "get_event", "get_linked_event", "get_document", "store_summary"]
