"""``python -m eventcoder.spark INPUT OUTPUT [options]``: the same as ``eventcoder spark``."""
import argparse
import logging
import sys

from ..errors import EventcoderError
from ..cli.spark import register


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m eventcoder.spark")
    sub = p.add_subparsers(dest="command", required=True)
    register(sub)
    args = p.parse_args(["spark", *(sys.argv[1:] if argv is None else argv)])
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except EventcoderError as e:
        print(f"eventcoder: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
