"""A fixed random sample of the White House corpus (the subset the README's figures use).

    python benchmarks/make_sample.py ../shared/corpus/whitehouse 120 1 > out/bench/sample120.jsonl

Arguments: corpus directory, number of documents, random seed. Lines of the sorted
``*.jsonl`` files are sampled with ``random.Random(seed)``-equivalent ``random.seed``.
"""
import glob
import random
import sys

corpus, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = []
for f in sorted(glob.glob(f"{corpus}/*.jsonl")):
    with open(f, encoding="utf-8") as fh:
        lines += list(fh)
random.seed(seed)
sys.stdout.writelines(random.sample(lines, n))
