#!/bin/sh
# All the figures of benchmarks/README.md in one run, on INPUT (a JSON-lines file or directory).
# Usage (from the repository root):  sh benchmarks/run_suite.sh INPUT [RESULTS] [STREAM_REPEATS]
# Order: parse baseline, --workers 2, --workers 1, Spark local[2], parse baseline again (noise check),
# then the long stream (INPUT repeated STREAM_REPEATS times) with --workers 2, memory traced.
set -u
IN=$1
RES=${2:-benchmarks/results/suite.jsonl}
REP=${3:-5}
PY=.venv/bin/python
OUT=out/bench
mkdir -p "$(dirname "$RES")" $OUT
M="$PY benchmarks/measure.py --out $RES"
$M --label baseline -- $PY benchmarks/spacy_baseline.py "$IN" --n-process 2 --batch-size 16
$M --label workers2 --count-lines $OUT/w2.jsonl -- .venv/bin/eventcoder code "$IN" --workers 2 -q -o $OUT/w2.jsonl
$M --label workers1 -- .venv/bin/eventcoder code "$IN" --workers 1 -q -o $OUT/w1.jsonl
rm -rf $OUT/spark
$M --label spark_local2 -- $PY -m eventcoder.spark "$IN" $OUT/spark --master 'local[2]' -q
$M --label baseline_again -- $PY benchmarks/spacy_baseline.py "$IN" --n-process 2 --batch-size 16
$PY benchmarks/stages.py "$IN" >> "$RES"
if [ "$REP" -gt 0 ]; then
  $PY benchmarks/make_stream.py "$IN" --repeat "$REP" > $OUT/stream.jsonl
  $M --label "stream_x$REP" --count-lines $OUT/stream_out.jsonl -- .venv/bin/eventcoder code $OUT/stream.jsonl --workers 2 -q -o $OUT/stream_out.jsonl
fi
