#!/bin/sh
# Issue 18's figures in one run, on a quiet machine (run from the repository root):
#   1. start-up: `eventcoder code` on one document against the model load alone (benchmarks/startup.py);
#   2. short run: the first 200 White House readouts, spaCy's nlp.pipe(n_process=2) and
#      `eventcoder code --workers 2` in turn, PAIRS times (default 5; the table gives every pair,
#      their median and the ratio of the means);
#   3. the whole corpus: the baseline, `--workers 2`, then `eventcoder spark --master local[2]`;
#   4. time per stage (one process) on the 200 readouts and on the 120-document sample.
# Usage: sh benchmarks/run_issue18.sh [CORPUS] [RESULTS]
#        SHORT=1 sh benchmarks/run_issue18.sh ...   steps 1, 2 and 4 only (about 7 minutes, not 25)
#        PAIRS=2 ...                               fewer pairs
set -u
SHORT=${SHORT:-}
PAIRS=${PAIRS:-5}  # baseline / --workers 2 pairs on the 200 readouts, in turn (the machine is noisy)
CORPUS=${1:-../shared/corpus/whitehouse}
RES=${2:-benchmarks/results/issue18.jsonl}
PY=.venv/bin/python
M="$PY benchmarks/measure.py --out $RES"
mkdir -p "$(dirname "$RES")" out/bench
head -200 "$CORPUS/wh_readouts_2021_2025.jsonl" > out/bench/readouts200.jsonl

$PY benchmarks/startup.py --repeat 7 --label startup --out "$RES"
for pass in $(seq 1 "$PAIRS"); do
  $M --label "readouts200 baseline" -- $PY benchmarks/spacy_baseline.py out/bench/readouts200.jsonl --n-process 2 --batch-size 16
  $M --label "readouts200 workers2" -- .venv/bin/eventcoder code out/bench/readouts200.jsonl --workers 2 -q -o out/bench/readouts200.w2.jsonl
done
if [ -z "$SHORT" ]; then
  $M --label "corpus baseline" -- $PY benchmarks/spacy_baseline.py "$CORPUS" --n-process 2 --batch-size 16
  $M --label "corpus workers2" --count-lines out/bench/corpus.w2.jsonl -- \
      .venv/bin/eventcoder code "$CORPUS" --workers 2 -q -o out/bench/corpus.w2.jsonl
  rm -rf out/bench/corpus.spark
  $M --label "corpus spark local[2]" -- .venv/bin/eventcoder spark "$CORPUS" out/bench/corpus.spark --master 'local[2]'
fi
$PY benchmarks/stages.py out/bench/readouts200.jsonl >> "$RES"
$PY benchmarks/make_sample.py "$CORPUS" 120 1 > out/bench/sample120.jsonl
$PY benchmarks/stages.py out/bench/sample120.jsonl | sed 's/"stages_1process"/"stages_1process sample120"/' >> "$RES"
$PY benchmarks/issue18_table.py "$RES"
