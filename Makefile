# `make run` and `make test` each set up .venv when it is missing or stale, then do their job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= corpus.db

.PHONY: run test bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/corpus --db $(DB) import samples/ --extract
	$(BIN)/corpus --db $(DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/tui_bench.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
