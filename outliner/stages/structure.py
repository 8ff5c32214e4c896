"""Structure: find the five turning points among the plot sentences.

Detectors sit behind one small interface so that a trained model can replace the
theory-position baseline without touching the rest of the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

import numpy as np

from outliner.diagnostics import Code, Diagnostic
from outliner.document import Outline, SentenceKind, TurningPoint
from outliner.structures import THEORY_POSITIONS

if TYPE_CHECKING:
    from spacy.tokens import Doc


class TurningPointDetector(Protocol):
    name: str

    def detect(
        self, sentences: Sequence[str], embeddings: np.ndarray, docs: Sequence[Doc] | None = None
    ) -> list[TurningPoint]:
        """Five turning points, numbered 1..5, with non-decreasing indices into sentences.

        docs are the sentences' parses (the pipeline's); a detector that needs them and
        gets None parses the sentences itself."""
        ...


def spread(positions: Sequence[float], n: int) -> list[int]:
    """Sentence indices for relative positions, kept distinct and increasing when n >= 5."""
    raw = [min(n - 1, max(0, int(p * n))) for p in positions]
    if n < len(positions):
        return sorted(raw)
    out: list[int] = []
    for k, index in enumerate(raw):
        low = out[-1] + 1 if out else 0
        high = n - (len(positions) - k)  # leave room for the points after this one
        out.append(min(max(index, low), high))
    return out


class TheoryPositions:
    """The screenwriting manuals' positions (10%, 25%, 50%, 75%, 95% of the story).

    An honest baseline: it reads nothing but the synopsis length (TRIPOD reports TA 22.0).
    """

    name = "theory-positions"

    def detect(
        self, sentences: Sequence[str], embeddings: np.ndarray, docs: Sequence[Doc] | None = None
    ) -> list[TurningPoint]:
        indices = spread(THEORY_POSITIONS, len(sentences))
        return [TurningPoint(k + 1, i) for k, i in enumerate(indices)]


def default_detector() -> TurningPointDetector:
    """The detector outlines use unless told otherwise: the model trained on TRIPOD."""
    from outliner.errors import ModelError
    from outliner.turning_points.model import DEFAULT_PATH, TurningPointModel

    try:
        return TurningPointModel.load(DEFAULT_PATH)
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(
            f"turning-point weights unreadable at {DEFAULT_PATH} ({exc}); run: make train-tp"
        ) from None


def structure(outline: Outline, detector: TurningPointDetector, embeddings: np.ndarray) -> Outline:
    plot = [s for s in outline.document.sentences if s.kind is SentenceKind.PLOT]
    if not plot:
        return outline
    docs = [outline.document.doc(s) for s in plot]
    found = detector.detect([s.text for s in plot], embeddings, docs)
    tps = tuple(replace(tp, sentence=plot[tp.sentence].index) for tp in found)
    outline = replace(outline, turning_points=tps)
    if len({tp.sentence for tp in tps}) < 5:
        outline = outline.with_diagnostics(
            Diagnostic(
                Code.TOO_SHORT_FOR_TURNING_POINTS,
                f"{len(plot)} plot sentence(s) are too few for five distinct turning points;"
                " acts are approximate",
            )
        )
    return outline
