"""A long stream: the corpus's documents repeated, in file order, until N documents.

    python benchmarks/make_stream.py ../shared/corpus/whitehouse 20000 > out/bench/stream20k.jsonl

Each repeat gets its pass number appended to the document id (``ID#p2``) so the output
has one record per input line and ids stay unique, as in a real feed.
"""
import glob
import itertools
import json
import sys

corpus, n = sys.argv[1], int(sys.argv[2])
records = []
for f in sorted(glob.glob(f"{corpus}/*.jsonl")):
    with open(f, encoding="utf-8") as fh:
        records += [json.loads(line) for line in fh if line.strip()]
for k in itertools.islice(itertools.count(), n):
    rec = dict(records[k % len(records)])
    p = k // len(records) + 1
    if p > 1:
        rec["id"] = f"{rec.get('id')}#p{p}"
    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
