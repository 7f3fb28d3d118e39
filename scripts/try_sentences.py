#!/usr/bin/env python3
"""Code sentences given on the command line or one per line on standard input, and print
each event on one line (type, marker, actor -> recipient, trigger, date, place, pattern).

    .venv/bin/python scripts/try_sentences.py "Russia attacked Kharkiv." ["..."] [--published 2025-05-13] [--entities]

A development aid: the pipeline loads once for all sentences."""
from __future__ import annotations

import argparse
import sys

from eventcoder.pipeline import Pipeline


def side(xs) -> str:
    return ",".join(f"{a.code}/{a.sector or '-'}:{a.identifier_text or a.entity_text}" for a in xs) or "-"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("texts", nargs="*")
    ap.add_argument("--published", default="2025-05-13")
    ap.add_argument("--entities", action="store_true")
    a = ap.parse_args(argv)
    texts = a.texts or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    pipe = Pipeline()
    for n, text in enumerate(texts):
        d = pipe.code_text(text, published=a.published, id=f"s{n}")
        print(f"# {text[:150]}")
        for e in d.events:
            loc = e.event_loc.resolved_place if e.event_loc else "-"
            ctx = ",".join(e.context)
            print(f"  {e.event[0]}{'[' + ctx + ']' if ctx else ''}{'/' + ','.join(e.mode) if e.mode else ''} "
                  f"{side(e.actor)} -> {side(e.recipient)} | {' '.join(e.event_text)} | {e.date} | {loc} | "
                  f"{e.pattern} {e.confidence}")
        if a.entities:
            for en in d.entities:
                print(f"    ENT {en.identifier_text} {en.code}/{en.sector} {[m.text for m in en.mentions]} {en.evidence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
