# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB := demo.duckdb
DEMO_ARTICLE := examples/corpus/01-ceasefire-talks.txt

.PHONY: install demo test clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "eventwire needs Python 3.11, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable '.[test]'
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/eventwire ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/eventwire stats --db $(DEMO_DB) --limit 10
	$(BIN)/eventwire code $(DEMO_ARTICLE)

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB) build src/*.egg-info .pytest_cache
