#!/bin/sh
# The ratio to the parse baseline on the whole corpus: the baseline, then the coder with 2 workers,
# PAIRS times in turn (interleaved, so that a change in the machine's load shows in both).
# Usage: sh benchmarks/run_main.sh [CORPUS] [RESULTS] [PAIRS]   (run from the repository root)
set -u
CORPUS=${1:-../shared/corpus/whitehouse}
RES=${2:-benchmarks/results/main.jsonl}
PAIRS=${3:-1}
PY=.venv/bin/python
mkdir -p "$(dirname "$RES")" out/bench
i=1
while [ "$i" -le "$PAIRS" ]; do
  $PY benchmarks/measure.py --label "spacy baseline n_process=2 batch 16" --out "$RES" -- \
      $PY benchmarks/spacy_baseline.py "$CORPUS" --n-process 2 --batch-size 16
  $PY benchmarks/measure.py --label "eventcoder code --workers 2" --out "$RES" --count-lines out/bench/corpus.w2.jsonl -- \
      .venv/bin/eventcoder code "$CORPUS" --workers 2 -q -o out/bench/corpus.w2.jsonl
  i=$((i + 1))
done
