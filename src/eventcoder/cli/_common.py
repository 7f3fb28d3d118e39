"""Helpers that several commands share: output files, JSON lines, the coding options."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import EventcoderError


def open_out(path: str | None, *, append: bool = False):
    if path in (None, "-"):
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "a" if append else "w", encoding="utf-8")


def config_from_args(args):
    from ..config import Config

    return Config(workers=args.workers, batch_size=args.batch_size, max_chars=args.max_chars,
                  kb_path=Path(args.kb) if args.kb else None,
                  gazetteer_path=Path(args.gazetteer) if args.gazetteer else None,
                  strict=args.strict, kb_extra=tuple(Path(p) for p in args.kb_extra or ()),
                  min_event_confidence=args.min_confidence)


def read_jsonl(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        raise EventcoderError(f"cannot read {path}: {e.strerror}") from e
    except json.JSONDecodeError as e:
        raise EventcoderError(f"{path} is not JSON lines: {e}") from e



def add_coding_options(sp) -> None:
    """The options of every command that codes text (code, evaluate)."""
    sp.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    sp.add_argument("--batch-size", type=int, default=16, help="documents per spaCy batch (default 16)")
    sp.add_argument("--max-chars", type=int, default=1_000_000,
                    help="largest document in characters; longer ones get a too_large error (default 1,000,000)")
    sp.add_argument("--kb-extra", action="append", metavar="FILE",
                    help="extra knowledge-base file (JSON lines) merged over the shipped one; repeatable")
    sp.add_argument("--strict", action="store_true", help="stop at the first document error")
    sp.add_argument("--kb", metavar="DIR", help="knowledge-base folder to use instead of the shipped one")
    sp.add_argument("--gazetteer", metavar="DIR",
                    help="gazetteer folder to use instead of the shipped one ('eventcoder gazetteer build')")
    sp.add_argument("--min-confidence", type=float, default=0.4,
                    help="drop events below this confidence (0-1, default 0.4; 0 keeps all)")
