"""Fit the turning-point model on TRIPOD and cross-validate it by film.

    python -m outliner.turning_points.train            # make train-tp: write the weights
    python -m outliner.turning_points.train --cv       # make eval-tp: k-fold CV by film
    python -m outliner.turning_points.train --search   # compare configurations by CV

Each turning point gets a linear scorer trained as a softmax over the sentences of a
synopsis (a conditional logit): the gold sentence should outscore the others of the
same film. Optimised by L-BFGS from zeros, so the weights are the same on every run.
A model is one or more such members (averaged) and a spacing prior for decoding.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from outliner.backends.encoder import SentenceEncoder
from outliner.stages.structure import spread
from outliner.structures import THEORY_POSITIONS
from outliner.turning_points.evaluate import Scores, film_averaged, mean_scores, row_scores
from outliner.turning_points.features import PROJECTED, sentence_features
from outliner.turning_points.model import DEFAULT_PATH, Config, Member, Recipe, TurningPointModel
from outliner.turning_points.story import docs_of
from outliner.turning_points.tripod import Row, read_csv

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "tripod"
CACHE = ROOT / "build" / "tripod-embeddings"
SEED = 0
FOLDS = 5
REPEATS = 5

# One conditional logit over the features of the model before (chosen by an earlier search).
LINEAR = Config(dims=32, l2=100.0, l2_pos=0.1, l2_shared=10.0)
GAP_WEIGHT = 0.5


def _views(config: Config) -> tuple[Config, ...]:
    """The same member with 16, 32 and 48 embedding dimensions: an ensemble of views."""
    return tuple(replace(config, dims=d) for d in (16, 32, 48))


# The configurations `--search` can still score with this code; the model card lists every
# configuration compared (others needed features or an encoder that did not earn their
# keep and were removed). BEST is the one the card's rule chose.
CANDIDATES: dict[str, Recipe] = {
    "linear": Recipe((LINEAR,)),
    "linear, spacing prior": Recipe((LINEAR,), GAP_WEIGHT),
    "ensemble of views": Recipe(_views(LINEAR)),
}
BEST_LABEL = "linear"
BEST = CANDIDATES[BEST_LABEL]


@dataclass(frozen=True)
class Film:
    """One synopsis with every annotation set of it (TRIPOD's Film_0, Film_1, ...)."""

    name: str
    sentences: tuple[str, ...]
    embeddings: np.ndarray
    rows: tuple[Row, ...]
    groups: dict[str, np.ndarray]  # the feature groups, computed once


def group_films(rows: Sequence[Row], embed: Callable[[Sequence[str]], np.ndarray]) -> list[Film]:
    """One Film per synopsis; all synopses parsed in one pass (kept in memory only)."""
    from outliner.backends.parser import parse

    by_film: dict[tuple[str, tuple[str, ...]], list[Row]] = defaultdict(list)
    for row in rows:
        by_film[(row.film, row.sentences)].append(row)
    keys = sorted(by_film)
    paragraphs = parse(" ".join(sentences) for _, sentences in keys)
    films = []
    for (name, sentences), paragraph in zip(keys, paragraphs, strict=True):
        docs = docs_of(sentences, paragraph)
        embeddings = embed(sentences)
        groups = sentence_features(sentences, embeddings, docs)
        films.append(Film(name, sentences, embeddings, tuple(by_film[(name, sentences)]), groups))
    return films


def cached_embedder(
    encoder: SentenceEncoder, cache: Path = CACHE
) -> Callable[[Sequence[str]], np.ndarray]:
    """Embeddings per synopsis, kept under build/ so repeated runs skip the encoder."""

    def embed(sentences: Sequence[str]) -> np.ndarray:
        key = hashlib.sha256("\n".join([encoder.name, *sentences]).encode()).hexdigest()[:24]
        path = cache / f"{key}.npy"
        if path.exists():
            return np.load(path)
        vectors = encoder.encode(list(sentences))
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
        return vectors

    return embed


# ---------------------------------------------------------------- fitting


def targets(film: Film, sigma: float) -> np.ndarray:
    """(n, 5) target distributions: the annotators' gold sentences, averaged."""
    n = len(film.sentences)
    out = np.zeros((n, 5))
    idx = np.arange(n)
    for row in film.rows:
        assert row.gold is not None
        for k, g in enumerate(row.gold):
            if sigma > 0:
                bump = np.exp(-0.5 * ((idx - g) / sigma) ** 2)
                out[:, k] += bump / bump.sum()
            else:
                out[g, k] += 1.0
    return out / len(film.rows)


def projection(films: Sequence[Film], dims: int) -> tuple[np.ndarray, np.ndarray]:
    """Principal directions of the training sentences' embeddings, with fixed signs."""
    emb = np.vstack([f.embeddings for f in films]).astype(np.float64)
    mean = emb.mean(axis=0)
    if dims <= 0:
        return mean, np.eye(emb.shape[1])
    # eigenvectors of the small (d, d) covariance: faster than an SVD of every sentence
    values, vectors = np.linalg.eigh(np.cov(emb, rowvar=False))
    comps = vectors[:, np.argsort(values)[::-1][:dims]].T
    signs = np.sign(comps[np.arange(len(comps)), np.abs(comps).argmax(axis=1)])
    return mean, comps * signs[:, None]


def fit(films: Sequence[Film], recipe: Recipe) -> TurningPointModel:
    """Every member fitted on the same films; the spacing prior from their annotations."""
    members = tuple(fit_member(films, config) for config in recipe.members)
    return TurningPointModel(recipe, members, gap_prior(films))


def gap_prior(films: Sequence[Film]) -> np.ndarray:
    """(4, 2): mean and spread of (point t+1 - point t) / n over the annotations."""
    gaps = np.array(
        [
            np.diff(row.gold) / len(film.sentences)
            for film in films
            for row in film.rows
            if row.gold is not None
        ]
    )
    return np.column_stack([gaps.mean(axis=0), np.maximum(gaps.std(axis=0), 1e-3)])


def fit_member(films: Sequence[Film], config: Config) -> Member:
    uses_proj = any(g in PROJECTED for g in config.groups)
    dim = films[0].embeddings.shape[1]
    proj_mean, proj = (
        projection(films, config.dims) if uses_proj else (np.zeros(dim), np.zeros((0, dim)))
    )
    shell = Member(config, proj_mean, proj, np.zeros(1), np.ones(1), np.zeros((5, 1)))
    raws = [shell.assemble(f.groups) for f in films]
    x = np.vstack(raws)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std = np.where(std < 1e-8, 1.0, std)
    x = (x - mean) / std
    t = np.vstack([targets(f, config.sigma) for f in films])
    starts = np.cumsum([0] + [len(r) for r in raws[:-1]])
    segment = np.repeat(np.arange(len(raws)), [len(r) for r in raws])

    widths = [_width(shell, films[0].groups, name) for name in config.groups]
    penalty, penalty_shared = penalties(config, widths)
    weights = _optimise(x, t, starts, segment, penalty, penalty_shared)
    return replace(shell, feat_mean=mean, feat_std=std, weights=weights)


# A weight the optimiser must leave at zero gets this penalty.
FROZEN = 1e6


def penalties(config: Config, widths: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The ridge penalty of every per-point weight (5, D) and every shared weight (D,).

    Position features get the lighter penalty (the positional prior is reliable) and no
    shared part (each point has its own place).
    """
    per_point, shared = [], []
    for name, width in zip(config.groups, widths, strict=True):
        block = np.full((5, width), config.l2)
        block_shared = np.full(width, config.l2_shared if config.l2_shared > 0 else FROZEN)
        if name == "pos":
            block[:] = config.l2_pos
            block_shared[:] = FROZEN
        per_point.append(block)
        shared.append(block_shared)
    return np.hstack(per_point), np.concatenate(shared)


def _optimise(
    x: np.ndarray,
    t: np.ndarray,
    starts: np.ndarray,
    segment: np.ndarray,
    penalty: np.ndarray,
    penalty_shared: np.ndarray,
) -> np.ndarray:
    """Weights (5, D) minimising the five softmax-over-sentences losses plus penalties.

    Each TP's weights are a shared part plus its own part (w_k = u + d_k): what makes a
    sentence a turning point at all is learnt from all five points' labels, which
    multiplies the positive examples by five. A FROZEN penalty keeps a weight at zero.
    """
    from scipy.optimize import minimize

    n_feat = x.shape[1]

    def objective(params: np.ndarray) -> tuple[float, np.ndarray]:
        u = params[:n_feat]
        d = params[n_feat:].reshape(5, n_feat)
        z = x @ (d + u).T  # (N, 5)
        top = np.maximum.reduceat(z, starts, axis=0)
        e = np.exp(z - top[segment])
        total = np.add.reduceat(e, starts, axis=0)
        lse = top + np.log(total)
        p = e / total[segment]
        loss = -float(np.sum(t * (z - lse[segment])))
        loss += 0.5 * float(np.sum(d * d * penalty)) + 0.5 * float(np.sum(u * u * penalty_shared))
        g = (x.T @ (p - t)).T  # (5, D)
        return loss, np.concatenate([g.sum(axis=0) + u * penalty_shared, (g + d * penalty).ravel()])

    found = minimize(
        objective,
        np.zeros(n_feat * 6),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 400, "gtol": 1e-4},
    )
    return np.asarray(found.x[n_feat:]).reshape(5, n_feat) + found.x[:n_feat]


def _width(model: Member, groups: dict[str, np.ndarray], name: str) -> int:
    if name in PROJECTED and model.proj.size:
        return int(model.proj.shape[0])
    return int(groups[name].shape[1])


# ---------------------------------------------------------------- baselines


def theory_positions(n: int) -> list[int]:
    return spread(THEORY_POSITIONS, n)


def distribution_positions(films: Sequence[Film]) -> Callable[[int], list[int]]:
    """The training annotations' mean relative position of each turning point."""
    rel = [[g / len(f.sentences) for g in row.gold or ()] for f in films for row in f.rows]
    means = tuple(float(m) for m in np.mean(rel, axis=0))
    return lambda n: spread(means, n)


# ---------------------------------------------------------------- cross-validation


def folds(films: Sequence[Film], k: int, seed: int) -> list[int]:
    """Fold number of each film: every annotation row of a film lands in the same fold."""
    order = np.random.default_rng(seed).permutation(len(films))
    fold = [0] * len(films)
    for position, index in enumerate(order):
        fold[int(index)] = position % k
    return fold


@dataclass
class CVResult:
    fold_scores: dict[str, list[Scores]]  # system -> one row-averaged Scores per fold
    named: dict[str, list[tuple[str, Scores]]]  # system -> out-of-fold (movie, scores)


def cross_validate(
    films: Sequence[Film],
    recipe: Recipe,
    k: int = FOLDS,
    seeds: Sequence[int] = (SEED,),
    others: dict[str, Recipe] | None = None,
) -> CVResult:
    """Fit on k-1 folds, score the held-out fold, for every fold of every seed; the
    baselines (and the other models given, by name) on the same folds."""
    result = CVResult(defaultdict(list), defaultdict(list))
    for seed in seeds:
        assignment = folds(films, k, seed)
        for fold in range(k):
            train = [f for f, a in zip(films, assignment, strict=True) if a != fold]
            test = [f for f, a in zip(films, assignment, strict=True) if a == fold]
            systems = _systems(fit(train, recipe), distribution_positions(train))
            for name, other in (others or {}).items():
                systems[name] = _predictor(fit(train, other))
            for system, predict in systems.items():
                rows = []
                for film in test:
                    pred = predict(film)
                    for row in film.rows:
                        assert row.gold is not None
                        rows.append(
                            (row.movie_name, row_scores(pred, row.gold, len(film.sentences)))
                        )
                result.fold_scores[system].append(mean_scores([s for _, s in rows]))
                result.named[system].extend(rows)
    return result


def _systems(
    model: TurningPointModel, distribution: Callable[[int], list[int]]
) -> dict[str, Callable[[Film], list[int]]]:
    """The trained model and the two baselines, scored by the same code."""
    return {
        "model": _predictor(model),
        "theory": lambda f: theory_positions(len(f.sentences)),
        "distribution": lambda f: distribution(len(f.sentences)),
    }


def _predictor(model: TurningPointModel) -> Callable[[Film], list[int]]:
    return lambda film: model.decode(model.group_scores(film.groups))


def _spread(per_fold: Sequence[Scores]) -> str:
    """TA, PA and D as mean ± standard deviation over the folds."""
    return "".join(
        f"{np.mean([getattr(s, m) for s in per_fold]):7.2f} ± "
        f"{np.std([getattr(s, m) for s in per_fold]):4.2f}"
        for m in ("ta", "pa", "d")
    )


def summary(result: CVResult) -> str:
    lines = [f"{'system':<14}{'TA':>16}{'PA':>16}{'D':>16}   film-averaged TA / D"]
    for system, per_fold in result.fold_scores.items():
        cells = []
        for metric in ("ta", "pa", "d"):
            values = [getattr(s, metric) for s in per_fold]
            cells.append(f"{np.mean(values):7.2f} ± {np.std(values):5.2f}")
        films = film_averaged(result.named[system])
        lines.append(
            f"{system:<14}"
            + "".join(f"{c:>16}" for c in cells)
            + f"   {films.ta:6.2f} / {films.d:5.2f}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------- entry point


def load_films(data: Path, encoder: SentenceEncoder | None = None) -> list[Film]:
    if encoder is None:
        from outliner.backends.encoder import MiniLMEncoder

        encoder = MiniLMEncoder()
    rows = read_csv(data / "synopses_train.csv")
    return group_films(rows, cached_embedder(encoder))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder with synopses_train.csv"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH, help="where the weights go")
    parser.add_argument("--cv", action="store_true", help="cross-validate by film; write nothing")
    parser.add_argument("--search", action="store_true", help="compare configurations by CV")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--repeats", type=int, default=REPEATS, help="CV repeats, seeds 0..R-1")
    args = parser.parse_args(argv)

    films = load_films(args.data)
    seeds = tuple(range(args.repeats))
    print(f"{len(films)} films, {sum(len(f.rows) for f in films)} annotation rows", file=sys.stderr)
    if args.search:
        print(f"{args.folds}-fold cross-validation by film, seeds {list(seeds)}")
        for label, recipe in CANDIDATES.items():
            folds_ = cross_validate(films, recipe, args.folds, seeds).fold_scores["model"]
            print(f"{label:<56}{_spread(folds_)}", flush=True)
        return 0
    if args.cv:
        print(f"{args.folds}-fold cross-validation by film, seeds {list(seeds)}")
        print(f"model: {BEST_LABEL} ({len(BEST.members)} members)")
        others = {"views": CANDIDATES["ensemble of views"]}
        print(summary(cross_validate(films, BEST, args.folds, seeds, others)))
        print("views: the runner-up, three members at 16/32/48 embedding dimensions")
        return 0
    fit(films, BEST).save(args.out)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
