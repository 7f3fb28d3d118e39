"""Seconds per pipeline stage (Pipeline.times) for one process over INPUT, as one JSON line."""
from __future__ import annotations

import json
import sys
import time

from eventcoder import Config, Pipeline
from eventcoder.ingest import iter_inputs


def main(argv=None) -> int:
    paths = (argv or sys.argv[1:])
    items = list(iter_inputs(paths))
    words = sum(len(getattr(i, "text", "").split()) for i in items)
    pipeline = Pipeline(Config())
    t0 = time.perf_counter()
    n = sum(1 for _ in pipeline.code_stream(items))
    secs = {k: round(v, 2) for k, v in pipeline.times.seconds.items()}
    parse = secs["parse"] or 1e-9
    print(json.dumps({"label": "stages_1process", "documents": n, "words": words,
                      "wall_s": round(time.perf_counter() - t0, 2), "stage_s": secs,
                      "after_parse_over_parse": round((sum(secs.values()) - parse) / parse, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
