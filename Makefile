# cheatdeck: `make` builds dist/ from notes/; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp-install

.PHONY: all build test bench lint watch facts clean

all: build

$(STAMP): pyproject.toml constraints.txt scripts/system-deps.sh
	./scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

build: $(STAMP)
	$(BIN)/python build.py

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench.py

lint: $(STAMP)
	$(BIN)/ruff check cheatdeck build.py tests bench
	$(BIN)/ruff format --check cheatdeck build.py tests bench

watch: $(STAMP)
	$(BIN)/python build.py --watch

facts: $(STAMP)
	$(BIN)/python build.py facts

clean:
	rm -rf dist $(VENV) .pytest_cache .hypothesis
