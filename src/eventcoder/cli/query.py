"""``eventcoder query``: events from an event store by actor, type, date, place or text."""
from __future__ import annotations

import sys

from ..errors import EventcoderError
from ._common import open_out

FORMATS = ("table", "jsonl", "csv", "parquet")


def add_filter_options(p) -> None:
    """The filters of ``query`` and ``export`` (store.query.EventFilters), one option each."""
    g = p.add_argument_group("filters (comma-separated values mean any of them)")
    for role, what in (("actor", "the actor"), ("recipient", "the recipient"), ("party", "the actor or recipient")):
        g.add_argument(f"--{role}", metavar="NAME", help=f"{what}'s name contains NAME (as written or canonical)")
        g.add_argument(f"--{role}-id", metavar="ID", help=f"{what}'s knowledge-base id (Wikidata QID)")
        g.add_argument(f"--{role}-country", metavar="CODE", help=f"{what}'s country code (ISO alpha-3, or IGO)")
        g.add_argument(f"--{role}-sector", metavar="SECTOR", help=f"{what}'s sector (GOV, MIL, REB, ...)")
    g.add_argument("--type", dest="event_type", metavar="TYPE", help="PLOVER event type (CONSULT, ASSAULT, ...)")
    g.add_argument("--quad", dest="quad_code", metavar="Q",
                   help="quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                        "4 material conflict")
    g.add_argument("--mode", metavar="MODE", help="PLOVER mode (visit, airstrike, ...)")
    g.add_argument("--since", dest="date_from", metavar="YYYY-MM-DD", help="event date on or after")
    g.add_argument("--until", dest="date_to", metavar="YYYY-MM-DD", help="event date on or before")
    g.add_argument("--near", metavar="LAT,LON,KM", help="event place within KM kilometres of LAT,LON")
    g.add_argument("--place-country", metavar="CODE", help="event place in this country (ISO alpha-3)")
    g.add_argument("--text", metavar="WORDS", help="the event's sentence contains WORDS (case-insensitive)")
    g.add_argument("--doc", dest="doc_id", metavar="ID", help="events of this document id")
    g.add_argument("--source", metavar="OUTLET", help="documents of this outlet (publication or URL host)")
    g.add_argument("--linked-id", metavar="ID", help="mentions of this linked event")
    g.add_argument("--min-articles", type=int, metavar="N", help="linked events reported by at least N articles")
    g.add_argument("--linked", action="store_true",
                   help="one row per linked event (its first mention and the counts), not one per mention")


def filters_from_args(args):
    from ..store.query import EventFilters

    values = {k: getattr(args, k, None) for k in (
        "actor", "actor_id", "actor_country", "actor_sector", "recipient", "recipient_id", "recipient_country",
        "recipient_sector", "party", "party_id", "party_country", "party_sector", "event_type", "quad_code",
        "mode", "date_from", "date_to", "place_country", "text", "doc_id", "source", "linked_id",
        "min_articles", "linked")}
    if getattr(args, "near", None):
        parts = [x.strip() for x in args.near.split(",")]
        if len(parts) != 3:
            raise EventcoderError("--near takes LAT,LON,KM, e.g. --near 50.45,30.52,100")
        values["near_lat"], values["near_lon"], values["radius_km"] = parts
    return EventFilters.from_mapping(values)


def _actors(actors) -> str:
    from ..store.export import _label

    return "; ".join(_label(a) for a in actors or [])


def print_table(rows: list[dict], out) -> None:
    header = ("date", "type", "actor", "recipient", "place", "articles", "sentence")
    lines = []
    for r in rows:
        lines.append((str(r.get("event_date") or r.get("date") or "-"),
                      (r.get("event_type") or "?") + ("/" + ",".join(r["modes"]) if r.get("modes") else ""),
                      _actors(r.get("actors")) or "-", _actors(r.get("recipients")) or "-",
                      r.get("place_name") or "-", str(r.get("num_articles") or "-"),
                      (r.get("sentence") or "").replace("\n", " ")))
    widths = [10, 22, 30, 30, 16, 8, 60]
    def fmt(cells):
        return "  ".join(str(c)[:w].ljust(w) for c, w in zip(cells, widths)).rstrip()
    out.write(fmt(header) + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for line in lines:
        out.write(fmt(line) + "\n")


def write_rows(con, filters, fmt: str, output: str | None, *, limit, offset: int, order: str) -> int:
    """Write a query's rows in one of FORMATS; returns the number of rows."""
    from ..store.query import build_query, query_events

    if fmt == "parquet":
        if output in (None, "-"):
            raise EventcoderError("--format parquet needs an output file (-o FILE)")
        from ..store.export import copy_query

        sql, params = build_query(filters, limit=limit, offset=offset, order=order)
        return copy_query(con, sql, params, output, "parquet")
    from ..store.export import write_csv, write_jsonl

    rows = query_events(con, filters, limit=limit, offset=offset, order=order)
    out = open_out(output)
    try:
        if fmt == "table":
            print_table(rows, out)
        elif fmt == "jsonl":
            write_jsonl(rows, out)
        elif fmt == "csv":
            write_csv(rows, out)
        else:
            raise EventcoderError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    finally:
        if out is not sys.stdout:
            out.close()
    return len(rows)


def cmd_query(args) -> int:
    from ..store import count_events, open_store

    filters = filters_from_args(args)
    con = open_store(args.db, read_only=True)
    try:
        n = write_rows(con, filters, args.format, args.output, limit=args.limit, offset=args.offset, order=args.order)
        if not args.quiet and args.format == "table" and args.output in (None, "-"):
            total = count_events(con, filters)
            what = "linked events" if filters.linked else "events"
            print(f"({n} of {total} {what})", file=sys.stderr)
    finally:
        con.close()
    return 0


def register(sub) -> None:
    from ..store.query import ORDERS

    q = sub.add_parser("query", help="query an event store",
                       description="Print the events of an event store that match the filters: a table on the "
                                   "terminal, or JSON lines, CSV or Parquet (-o FILE).")
    q.add_argument("--db", required=True, metavar="FILE", help="the DuckDB database file ('eventcoder ingest')")
    q.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    q.add_argument("-o", "--output", metavar="FILE", help="output file (default standard output)")
    q.add_argument("--limit", type=int, default=50, help="at most this many rows (default 50)")
    q.add_argument("--offset", type=int, default=0, help="skip this many rows first (default 0)")
    q.add_argument("--order", choices=list(ORDERS), default="-date",
                   help="sort by date, mentions, confidence or id; '-' for descending (default -date)")
    q.add_argument("-q", "--quiet", action="store_true", help="no row count on standard error")
    add_filter_options(q)
    q.set_defaults(func=cmd_query)
