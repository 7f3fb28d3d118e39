"""CPU seconds of the stages after parsing, on documents parsed once beforehand.

    python benchmarks/post_parse.py INPUT [--repeat 3]

Parses every document of INPUT first (not timed), then codes the parsed documents again
and again and prints, as one JSON line, the process CPU time of the post-parse stages per
pass (``time.process_time``: other processes on the machine change it far less than they
change wall time). Use it to compare two versions of the code on one machine; the first
pass also fills the per-process caches, so later passes are the steady state of a long run.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from eventcoder import Config, Pipeline
from eventcoder.ingest import iter_inputs
from eventcoder.records import Document


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    items = [i for i in iter_inputs(a.inputs) if isinstance(i, Document)]
    pipeline = Pipeline(Config())
    from eventcoder.nlp import parse_stream, prepare_text

    docs = list(parse_stream(pipeline.nlp, [prepare_text(d.text) for d in items]))
    passes = []
    for _ in range(a.repeat):
        t0 = time.process_time()
        for item, doc in zip(items, docs):
            pipeline._code_parsed(item, doc)
        passes.append(round(time.process_time() - t0, 3))
    print(json.dumps({"label": "post_parse_cpu", "documents": len(items), "passes_s": passes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
