"""``eventcoder ingest``: load coded documents (or code raw ones) into an event store."""
from __future__ import annotations

import logging
import sys
import time
from collections import deque
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ._common import add_coding_options, config_from_args


def _coded_inputs(paths: list[Path], args) -> Iterator[tuple[dict, str | None, str | None]]:
    """Every input as (coded document, input file, text): coded files are read, raw ones coded."""
    from ..store.ingest import iter_coded_file, peek_kind

    raw: list[Path] = []
    for p in paths:
        if peek_kind(p) == "coded":
            yield from _flush_raw(raw, args)
            raw = []
            yield from iter_coded_file(p)
        else:
            raw.append(p)
    yield from _flush_raw(raw, args)


def _flush_raw(paths: list[Path], args) -> Iterator[tuple[dict, str | None, str | None]]:
    if not paths:
        return
    from ..ingest import iter_inputs
    from ..records import Document

    config = config_from_args(args)
    if not args.verbose:
        for name in ("trafilatura", "htmldate", "courlan"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    pending: deque = deque()  # the coder keeps input order: one text per item, in order

    def items():
        for item in iter_inputs(paths, check_language=not args.no_language_check):
            pending.append(item.text if isinstance(item, Document) else None)
            yield item

    if config.workers > 1:
        from ..parallel import code_parallel

        results = code_parallel(items(), config)
    else:
        from ..pipeline import Pipeline

        pipeline = Pipeline(config)
        results = (d.to_json() for d in pipeline.code_stream(items()))
    source = str(paths[0]) if len(paths) == 1 else None
    for d in results:
        text = pending.popleft() if pending else None
        d.setdefault("cite_info", {}).setdefault("coded_at", datetime.now(timezone.utc).isoformat(timespec="seconds"))
        yield d, source, text


def cmd_ingest(args) -> int:
    from tqdm import tqdm

    from ..store import LinkConfig, open_store, relink_all
    from ..store.ingest import expand_inputs, ingest_coded

    link = LinkConfig(window_days=args.link_window_days, max_km=args.link_max_km, enabled=not args.no_link)
    paths = expand_inputs(args.inputs)
    con = open_store(args.db)
    t0 = time.perf_counter()
    bar = tqdm(desc="ingesting", unit="doc", file=sys.stderr, delay=1.0, disable=args.quiet, dynamic_ncols=True)
    try:
        stats = ingest_coded(con, _coded_inputs(paths, args), batch_size=args.commit_every, link=link,
                             progress=bar.update)
        if args.relink:
            result = relink_all(con, link)
            stats.linked_new, stats.linked_joined = result.new, result.joined
        n = con.execute("SELECT count(*), (SELECT count(*) FROM linked_events) FROM documents").fetchone()
    finally:
        bar.close()
        con.close()
    if not args.quiet:
        secs = time.perf_counter() - t0
        print(f"eventcoder: {stats.documents} documents ingested ({stats.replaced} replaced), {stats.events} events, "
              f"{stats.errors} error records; linking: {stats.linked_new} new linked events, "
              f"{stats.linked_joined} mentions joined existing ones; {args.db} now holds {n[0]} documents and "
              f"{n[1]} linked events; {secs:.1f} s", file=sys.stderr)
    return 0


def register(sub) -> None:
    c = sub.add_parser("ingest", help="load coded documents into an event store (DuckDB)",
                       description="Load coded documents (the JSON lines of 'eventcoder code', detected by their "
                                   "'events' field) into an event store, or code raw documents (any input of "
                                   "'eventcoder code') and load them. Re-ingesting a document id replaces it; each "
                                   "batch is one transaction. New events are linked to the events already "
                                   "stored (docs/store.md). With no input the store is only created or migrated.")
    c.add_argument("inputs", nargs="*", metavar="INPUT")
    c.add_argument("--db", required=True, metavar="FILE", help="the DuckDB database file (created if missing)")
    c.add_argument("--commit-every", type=int, default=500, metavar="N",
                   help="documents per transaction (default 500; --batch-size is the coder's spaCy batch)")
    c.add_argument("--link-window-days", type=int, default=0,
                   help="largest gap in days between two linked mentions' event dates (default 0: the same "
                        "day; 1 measured less precise, docs/store.md)")
    c.add_argument("--link-max-km", type=float, default=150.0,
                   help="largest distance between two linked mentions' places (default 150 km)")
    c.add_argument("--no-link", action="store_true", help="do not link: every event becomes its own linked event")
    c.add_argument("--relink", action="store_true",
                   help="after loading, drop every link and link the whole store again (after changing the "
                        "linking settings)")
    c.add_argument("--no-language-check", action="store_true",
                   help="code every raw document as English (as 'eventcoder code --no-language-check')")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    add_coding_options(c)
    c.set_defaults(func=cmd_ingest)
