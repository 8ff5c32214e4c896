"""Shared fixtures. A deterministic fake model is registered so CLI tests never load weights."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from outliner.backends.encoder import HashingEncoder
from outliner.backends.fake import FakeSummarizer
from outliner.pipeline import Models
from outliner.stages.structure import TheoryPositions

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_DATE = "2026-01-01"  # the Makefile's `make golden` uses the same


# Hypothesis: the same examples on every run (derandomize, no example database), a bounded
# number of them and no deadline, so that a shared CI machine cannot make a property
# test flake. HYPOTHESIS_PROFILE=explore searches wider and at random, for local fuzzing.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, max_examples=25)
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def fake_models(summarizer: FakeSummarizer | None = None) -> Models:
    return Models(summarizer or FakeSummarizer(), HashingEncoder(), TheoryPositions())


@pytest.fixture
def models() -> Models:
    return fake_models()


# `--model fake` works in CLI tests, in worker processes and on Ray workers too (the
# encoder there is the real, small MiniLM). See registry.register_test_models().
os.environ["OUTLINER_TEST_MODELS"] = "1"


def seed_text(name: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(name)).read_text(encoding="utf-8")
