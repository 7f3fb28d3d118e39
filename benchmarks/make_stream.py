"""A long stream: the documents of INPUT repeated, in order, to N documents or R times.

    python benchmarks/make_stream.py ../shared/corpus/whitehouse 20000 > out/bench/stream20000.jsonl
    python benchmarks/make_stream.py out/bench/sample120.jsonl --repeat 5 > out/bench/stream.jsonl

INPUT is a JSON-lines file or a directory (its ``*.jsonl`` files, sorted). Each repeat gets
its pass number appended to the document id (``ID#p2``) so the output has one record per
input line and ids stay unique, as in a real feed.
"""
import argparse
import json
import pathlib
import sys

p = argparse.ArgumentParser()
p.add_argument("input")
p.add_argument("n", type=int, nargs="?", help="documents to write")
p.add_argument("--repeat", type=int, help="instead of N: write INPUT this many times")
a = p.parse_args()
src = pathlib.Path(a.input)
files = sorted(src.rglob("*.jsonl")) if src.is_dir() else [src]
records = []
for f in files:
    with open(f, encoding="utf-8") as fh:
        records += [json.loads(line) for line in fh if line.strip()]
if (a.n is None) == (a.repeat is None):
    p.error("give N or --repeat R")
n = a.n if a.n is not None else a.repeat * len(records)
for k in range(n):
    rec = dict(records[k % len(records)])
    k_pass = k // len(records) + 1
    if k_pass > 1:
        rec["id"] = f"{rec.get('id')}#p{k_pass}"
    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
