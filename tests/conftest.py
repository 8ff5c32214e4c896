"""Shared fixtures. A deterministic fake model is registered so CLI tests never load weights."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from outliner.backends import registry
from outliner.backends.encoder import HashingEncoder
from outliner.backends.fake import FakeSummarizer
from outliner.pipeline import Models
from outliner.stages.structure import TheoryPositions

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_DATE = "2026-01-01"  # the Makefile's `make golden` uses the same


def fake_models(summarizer: FakeSummarizer | None = None) -> Models:
    return Models(summarizer or FakeSummarizer(), HashingEncoder(), TheoryPositions())


@pytest.fixture
def models() -> Models:
    return fake_models()


@pytest.fixture(autouse=True)
def _fake_registered() -> Iterator[None]:
    """`--model fake` works in CLI tests (the encoder there is the real, small MiniLM)."""
    registry.register("fake", FakeSummarizer, description="deterministic test model")
    yield
    registry.unregister("fake")


def seed_text(name: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(name)).read_text(encoding="utf-8")
