# eventcoder: `make demo` codes the bundled examples, `make test` runs the test suite.
# Both create the virtual environment .venv when it is missing and are idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test venv kb gazetteer bench clean browser

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,spark,api]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/eventcoder code examples/articles.jsonl -o out/examples.coded.jsonl
	$(BIN)/eventcoder show out/examples.coded.jsonl
	$(BIN)/eventcoder ingest out/examples.coded.jsonl --db out/examples.duckdb -q
	$(BIN)/eventcoder query --db out/examples.duckdb --quad 3,4 --order date
	@echo "Browse the coded examples (web pages and JSON API, offline): $(BIN)/eventcoder serve --db out/examples.duckdb  then open http://127.0.0.1:8000/"

test: $(STAMP) browser
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# The browser tests (tests/web) drive Debian's Chromium; install it when missing (needs root and
# apt). Playwright never downloads a browser here. Where this fails, the tests skip with the
# reason, except under CI=true, where they fail.
browser:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
	  { (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	    echo "make browser: could not install Debian's chromium; the browser tests will skip (fail under CI=true)"; }

# Rebuild the shipped data from ../shared (needs the shared folder beside the repository).
kb: $(STAMP)
	$(BIN)/python scripts/build_kb.py --sources ../shared/kb-sources --out src/eventcoder/data/kb

gazetteer: $(STAMP)
	$(BIN)/python scripts/build_gazetteer.py --out src/eventcoder/data/geo

# Throughput and memory against the spaCy parse baseline (benchmarks/README.md).
bench: $(STAMP)
	@mkdir -p out/bench
	$(BIN)/python benchmarks/make_sample.py ../shared/corpus/whitehouse 120 1 > out/bench/sample120.jsonl
	sh benchmarks/run_suite.sh out/bench/sample120.jsonl benchmarks/results/suite.jsonl 5

clean:
	rm -rf $(VENV) out .pytest_cache
