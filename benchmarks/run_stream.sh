#!/bin/sh
# Memory over a long stream: the corpus repeated to N documents (default 20,000), coded with
# --workers 2, RSS of every process sampled every 0.2 s and traced every 5 s.
# Usage: sh benchmarks/run_stream.sh [CORPUS] [N] [RESULTS]   (run from the repository root)
# Summarise with: .venv/bin/python benchmarks/stream_table.py RESULTS
set -u
CORPUS=${1:-../shared/corpus/whitehouse}
N=${2:-20000}
RES=${3:-benchmarks/results/stream.jsonl}
PY=.venv/bin/python
mkdir -p "$(dirname "$RES")" out/bench
$PY benchmarks/make_stream.py "$CORPUS" "$N" > out/bench/stream$N.jsonl
$PY benchmarks/measure.py --label "eventcoder code --workers 2, corpus repeated to $N documents" --out "$RES" \
    --count-lines out/bench/stream$N.out.jsonl -- \
    .venv/bin/eventcoder code out/bench/stream$N.jsonl --workers 2 -q -o out/bench/stream$N.out.jsonl
