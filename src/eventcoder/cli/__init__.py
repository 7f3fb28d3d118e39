"""The command line: the only place that prints and exits. One module a command."""
from __future__ import annotations

import argparse
import logging
import sys

from .. import __version__
from ..errors import EventcoderError
from . import code, evaluate, export, gazetteer, ingest, kb, query, serve, show, spark

log = logging.getLogger("eventcoder")

COMMANDS = (code, evaluate, show, gazetteer, kb, spark, ingest, query, export, serve)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="eventcoder", description="Code news text into PLOVER event records.")
    p.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log output on standard error")
    sub = p.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if (getattr(args, "workers", None) or 1) > 1:
        from ..parallel import one_blas_thread_per_worker

        one_blas_thread_per_worker()  # before anything imports NumPy
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2),
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except EventcoderError as e:
        print(f"eventcoder: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("eventcoder: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
