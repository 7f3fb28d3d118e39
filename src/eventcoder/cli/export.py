"""``eventcoder export``: the store, or a query, as jsonl, csv, parquet, gdelt, geojson or gexf."""
from __future__ import annotations

import sys

from .query import add_filter_options, filters_from_args


def cmd_export(args) -> int:
    from ..store import open_store
    from ..store.export import export_store

    filters = filters_from_args(args)
    con = open_store(args.db, read_only=True)
    try:
        n = export_store(con, args.format, args.output, filters, header=not args.no_header)
    finally:
        con.close()
    if not args.quiet:
        what = "edges" if args.format == "gexf" else "rows"
        print(f"eventcoder: {n} {what} written to {args.output} ({args.format})", file=sys.stderr)
    return 0


def register(sub) -> None:
    from ..store.export import FORMATS

    e = sub.add_parser("export", help="export an event store (or a query) to a file",
                       description="Write the whole event store, or the events matching the filters, as JSON "
                                   "lines, CSV, Parquet, a GDELT 2.0 event table (tab-separated, one row per "
                                   "linked event), GeoJSON (event locations) or GEXF (the actor network, for "
                                   "Gephi). Columns: docs/store.md.")
    e.add_argument("--db", required=True, metavar="FILE", help="the DuckDB database file ('eventcoder ingest')")
    e.add_argument("--format", choices=FORMATS, required=True, help="output format")
    e.add_argument("-o", "--output", required=True, metavar="FILE", help="output file ('-' for standard output)")
    e.add_argument("--no-header", action="store_true",
                   help="gdelt: no first line of column names (as GDELT's own files)")
    e.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    add_filter_options(e)
    e.set_defaults(func=cmd_export)
