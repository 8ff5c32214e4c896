"""What the CLI's `turning-points` and `eval tripod` commands do, as plain functions."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from outliner.backends.encoder import SentenceEncoder
from outliner.errors import InputError, OutputError
from outliner.stages.structure import TurningPointDetector
from outliner.turning_points.evaluate import Scores, film_averaged, mean_scores, row_scores
from outliner.turning_points.tripod import Row, read_csv


@dataclass(frozen=True)
class Found:
    number: int
    index: int  # sentence index in the synopsis (plot and commentary counted, from 0)
    label: str
    score: float | None
    text: str


def find(
    text: str, source: str, encoder: SentenceEncoder, detector: TurningPointDetector
) -> list[Found]:
    """The five turning points of a plain synopsis, read as outlines read it."""
    from outliner.stages.read import read

    document = read(text, source)
    plot = document.plot
    if not plot:
        raise InputError(f"{source}: no synopsis sentences found")
    embeddings = encoder.encode([s.text for s in plot])
    points = detector.detect([s.text for s in plot], embeddings, [document.doc(s) for s in plot])
    return [
        Found(tp.number, plot[tp.sentence].index, tp.label, tp.score, plot[tp.sentence].text)
        for tp in points
    ]


@dataclass(frozen=True)
class Evaluation:
    rows: list[tuple[Row, list[int], Scores]]

    @property
    def named(self) -> list[tuple[str, Scores]]:
        return [(row.movie_name, scores) for row, _, scores in self.rows]

    @property
    def overall(self) -> Scores:
        return mean_scores([scores for _, _, scores in self.rows])

    @property
    def by_film(self) -> Scores:
        return film_averaged(self.named)


def evaluate_csv(
    path: Path,
    encoder: SentenceEncoder,
    predict: Callable[[Sequence[str], np.ndarray], list[int]],
    progress: Callable[[str], None] = lambda _name: None,
) -> Evaluation:
    """Predict every row of a TRIPOD CSV on its own segmentation and score it.

    `predict` gets the sentences and their embeddings; the trained model parses the
    sentences joined into one paragraph, as training did."""
    rows = read_csv(path)
    cache: dict[tuple[str, ...], list[int]] = {}
    out = []
    for row in rows:
        progress(row.movie_name)
        if row.sentences not in cache:
            cache[row.sentences] = predict(row.sentences, encoder.encode(list(row.sentences)))
        pred = cache[row.sentences]
        assert row.gold is not None
        out.append((row, pred, row_scores(pred, row.gold, len(row.sentences))))
    return Evaluation(out)


def write_predictions(evaluation: Evaluation, path: Path) -> None:
    """One JSON object per row; written to a temporary file first, never half a file."""
    lines = [
        json.dumps(
            {
                "movie_name": row.movie_name,
                "num_sentences": len(row.sentences),
                "turning_points": [int(i) for i in pred],
            },
            ensure_ascii=False,
        )
        for row, pred, _ in evaluation.rows
    ]
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write predictions ({exc.strerror or exc})") from None
