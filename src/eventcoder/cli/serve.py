"""``eventcoder serve``: the REST API and the web pages over an event store (extra ``api``)."""
from __future__ import annotations

import sys

from ..errors import EventcoderError


def cmd_serve(args) -> int:
    try:
        import uvicorn

        from ..api.app import create_app
    except ImportError as e:
        raise EventcoderError(f"eventcoder serve needs the 'api' extra ({e.name} is missing): "
                              "pip install 'eventcoder[api]'") from e
    if args.port < 1 or args.port > 65535:
        raise EventcoderError(f"--port must be 1-65535, got {args.port}")
    if args.max_body < 1:
        raise EventcoderError("--max-body must be a positive number of bytes")
    app = create_app(args.db, max_body=args.max_body, idle_seconds=args.idle_close)
    status = app.state.db.status()
    url = f"http://{args.host}:{args.port}/"
    if status["readable"]:
        print(f"eventcoder: serving {args.db} at {url} (API docs at {url}docs); Ctrl-C stops", file=sys.stderr)
    else:
        # Start anyway: the database may be being ingested into, and pages come back once it can be read.
        print(f"eventcoder: serving at {url}, but the database cannot be read yet: {status['reason']}",
              file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning" if not args.verbose else "info")
    return 0


def register(sub) -> None:
    c = sub.add_parser("serve", help="browse an event store in a web browser and serve the JSON API",
                       description="Serve the web pages (events, event, entity, timeline, network, map) and "
                                   "the JSON API (/api/..., documented at /docs) over an event store made by "
                                   "'eventcoder ingest'. Everything is served by this process; nothing is "
                                   "loaded from the network. The database is opened read-only, and closed when "
                                   "idle so that an ingest can write to it.")
    c.add_argument("--db", required=True, metavar="FILE", help="the DuckDB event store")
    c.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    c.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    c.add_argument("--max-body", type=int, default=2_000_000, metavar="BYTES",
                   help="largest body POST /api/code accepts (default 2,000,000 bytes)")
    c.add_argument("--idle-close", type=float, default=2.0, metavar="SECONDS",
                   help="close the read-only connection after this many idle seconds so that an ingest can "
                        "write the file (default 2; 0 keeps it open)")
    c.set_defaults(func=cmd_serve)
