# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_DB ?= demo.duckdb

.PHONY: install demo test test-slow lint eval bench bench-quick clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,serve,dask]'
	touch $@

install: $(VENV)/.installed

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/communique ingest samples/manifest.jsonl samples/web/ --db $(DEMO_DB)
	$(BIN)/communique events --db $(DEMO_DB)

lint: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# the kill test (20 SIGKILLs) and the fuzz harness at full size: about half an hour
test-slow: install
	$(BIN)/pytest -m slow -s

eval: install
	$(BIN)/communique eval $(SHARED)/eval/dev/gold.jsonl
	$(BIN)/communique eval $(SHARED)/eval/gsr-dev/gold.jsonl

# throughput, memory (10k and 100k documents), workers, Dask, and the spaCy baseline when installed
bench: install
	PYTHONPATH=src $(PY) bench/run.py

bench-quick: install
	PYTHONPATH=src $(PY) bench/run.py --quick

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB) $(DEMO_DB).wal
