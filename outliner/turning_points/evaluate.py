"""TRIPOD's metrics (DESIGN.md), per annotation row, averaged over rows and over films.

TA  share of the five turning points predicted at exactly the gold sentence (x100)
PA  share whose predicted sentences overlap the gold ones (= TA for one sentence each)
D   mean |predicted - gold| / number of sentences (x100)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from outliner.turning_points.tripod import film_of

Indices = Sequence[int] | Sequence[Iterable[int]]


@dataclass(frozen=True)
class Scores:
    ta: float
    pa: float
    d: float

    def __str__(self) -> str:
        return f"TA {self.ta:6.2f}  PA {self.pa:6.2f}  D {self.d:6.2f}"


def _as_sets(points: Indices) -> list[set[int]]:
    return [{p} if isinstance(p, int | np.integer) else set(p) for p in points]


def total_agreement(pred: Sequence[int], gold: Sequence[int]) -> float:
    return 100.0 * float(np.mean([p == g for p, g in zip(pred, gold, strict=True)]))


def partial_agreement(pred: Indices, gold: Indices) -> float:
    """A turning point counts when any predicted sentence is a gold sentence."""
    pairs = zip(_as_sets(pred), _as_sets(gold), strict=True)
    return 100.0 * float(np.mean([bool(p & g) for p, g in pairs]))


def distance(pred: Sequence[int], gold: Sequence[int], n: int) -> float:
    diffs = [abs(p - g) for p, g in zip(pred, gold, strict=True)]
    return 100.0 * float(np.mean(diffs)) / n


def row_scores(pred: Sequence[int], gold: Sequence[int], n: int) -> Scores:
    return Scores(
        total_agreement(pred, gold), partial_agreement(pred, gold), distance(pred, gold, n)
    )


def mean_scores(scores: Sequence[Scores]) -> Scores:
    return Scores(
        float(np.mean([s.ta for s in scores])),
        float(np.mean([s.pa for s in scores])),
        float(np.mean([s.d for s in scores])),
    )


def film_averaged(named: Sequence[tuple[str, Scores]]) -> Scores:
    """Average the annotation rows of each film first, then the films."""
    by_film: dict[str, list[Scores]] = defaultdict(list)
    for movie_name, scores in named:
        by_film[film_of(movie_name)].append(scores)
    return mean_scores([mean_scores(rows) for rows in by_film.values()])


def per_film(named: Sequence[tuple[str, Scores]]) -> dict[str, Scores]:
    by_film: dict[str, list[Scores]] = defaultdict(list)
    for movie_name, scores in named:
        by_film[film_of(movie_name)].append(scores)
    return {film: mean_scores(rows) for film, rows in sorted(by_film.items())}
