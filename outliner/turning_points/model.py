"""The turning-point model at inference: numpy only, weights from a small .npz file.

Each member is, for each turning point k, a linear score over the sentence's features,
turned into a distribution over the synopsis's sentences (softmax across sentences, so
that the model learns where TP k is *relative to the other sentences*); the position bins
among the features give each point its learned positional prior. The model averages its
members' log-probabilities and decodes five increasing sentences exactly, optionally with
a prior on the spacing of consecutive points.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from outliner.document import TurningPoint
from outliner.turning_points.decode import decode, decode_short, decode_with_gaps
from outliner.turning_points.features import PROJECTED, sentence_features
from outliner.turning_points.story import parse_synopsis

if TYPE_CHECKING:
    from spacy.tokens import Doc

# models/turning_points/ at the repository root, next to the package (editable install).
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "turning_points" / "model.npz"


@dataclass(frozen=True)
class Config:
    """What cross-validation chooses between: feature groups, projection, regularisation."""

    groups: tuple[str, ...] = ("pos", "emb", "ctx", "sim", "ent", "lex", "place", "len")
    dims: int = 32  # embedding dimensions kept by the projection (0: the full vector)
    l2: float = 1.0  # ridge penalty on the weights (features are standardised)
    sigma: float = 0.0  # label spread, in sentences, around each gold index (0: exact)
    l2_pos: float = 0.1  # a lighter penalty on the position features: the prior is reliable
    l2_shared: float = 0.0  # > 0: content weights shared by the five TPs, with this penalty

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Config:
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        data = {**data, "groups": tuple(data["groups"])}
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True)
class Recipe:
    """A whole model: the members' configurations and the spacing prior's weight."""

    members: tuple[Config, ...] = (Config(),)
    gap_weight: float = 0.0  # > 0: decode with the prior on consecutive points' spacing

    def to_json(self) -> str:
        return json.dumps(
            {"members": [asdict(c) for c in self.members], "gap_weight": self.gap_weight},
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Recipe:
        data = json.loads(text)
        members = tuple(Config.from_dict(c) for c in data["members"])
        return cls(members, float(data["gap_weight"]))


@dataclass
class Member:
    """One conditional logit: standardised features, five weight vectors."""

    config: Config
    proj_mean: np.ndarray  # (384,) embedding mean
    proj: np.ndarray  # (dims, 384) principal directions of the training embeddings
    feat_mean: np.ndarray  # (D,)
    feat_std: np.ndarray  # (D,)
    weights: np.ndarray  # (5, D)

    def group_scores(self, groups: dict[str, np.ndarray]) -> np.ndarray:
        """(n, 5) log-probabilities from the feature groups of a synopsis."""
        design = (self.assemble(groups) - self.feat_mean) / self.feat_std
        return log_softmax_columns(design @ self.weights.T)

    def assemble(self, groups: dict[str, np.ndarray]) -> np.ndarray:
        """The configured groups side by side, embedding groups projected."""
        parts = []
        for name in self.config.groups:
            block = groups[name]
            if name in PROJECTED and self.proj.size:
                block = (block - self.proj_mean) @ self.proj.T
            parts.append(block)
        return np.column_stack(parts)

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "proj_mean": self.proj_mean,
            "proj": self.proj,
            "feat_mean": self.feat_mean,
            "feat_std": self.feat_std,
            "weights": self.weights,
        }


@dataclass
class TurningPointModel:
    recipe: Recipe
    members: tuple[Member, ...]
    gaps: np.ndarray  # (4, 2): mean and spread of each consecutive pair's relative gap
    name: str = field(default="tripod-linear")

    def group_scores(self, groups: dict[str, np.ndarray]) -> np.ndarray:
        """(n, 5) log-probabilities: the members' averaged, renormalised."""
        total = sum(member.group_scores(groups) for member in self.members)
        return log_softmax_columns(np.asarray(total) / len(self.members))

    def decode(self, scores: np.ndarray) -> list[int]:
        if len(scores) < 5:
            return decode_short(scores)
        if self.recipe.gap_weight > 0:
            return decode_with_gaps(scores, self.gaps, self.recipe.gap_weight)
        return decode(scores)

    def scores(
        self, sentences: Sequence[str], embeddings: np.ndarray, docs: Sequence[Doc] | None = None
    ) -> np.ndarray:
        """(n, 5) log-probabilities: column k is TP k's distribution over the sentences.

        docs are the sentences' parses; without them the sentences are parsed here."""
        docs = parse_synopsis(sentences) if docs is None else docs
        return self.group_scores(sentence_features(sentences, embeddings, docs))

    def predict(
        self, sentences: Sequence[str], embeddings: np.ndarray, docs: Sequence[Doc] | None = None
    ) -> list[int]:
        return self.decode(self.scores(sentences, embeddings, docs))

    def detect(
        self, sentences: Sequence[str], embeddings: np.ndarray, docs: Sequence[Doc] | None = None
    ) -> list[TurningPoint]:
        """The TurningPointDetector protocol: five points, indices non-decreasing."""
        if not sentences:
            return []
        scores = self.scores(sentences, embeddings, docs)
        # the score is the model's probability that this sentence is the turning point
        return [
            TurningPoint(k + 1, i, round(float(np.exp(scores[i, k])), 4))
            for k, i in enumerate(self.decode(scores))
        ]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {"gaps": self.gaps}
        for m, member in enumerate(self.members):
            arrays |= {f"m{m}_{key}": value for key, value in member.arrays().items()}
        arrays32 = {k: v.astype(np.float32) for k, v in arrays.items()}
        write_npz(path, {"recipe": np.array(self.recipe.to_json()), **arrays32})

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> TurningPointModel:
        with np.load(path, allow_pickle=False) as data:
            recipe = Recipe.from_json(str(data["recipe"]))
            arrays = {k: data[k].astype(np.float64) for k in data.files if k != "recipe"}
        members = tuple(
            Member(config, **{key: arrays[f"m{m}_{key}"] for key in MEMBER_ARRAYS})
            for m, config in enumerate(recipe.members)
        )
        return cls(recipe, members, arrays["gaps"])


MEMBER_ARRAYS = ("proj_mean", "proj", "feat_mean", "feat_std", "weights")


def log_softmax_columns(logits: np.ndarray) -> np.ndarray:
    top = logits.max(axis=0, keepdims=True)
    return logits - top - np.log(np.exp(logits - top).sum(axis=0, keepdims=True))


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz that np.load reads, byte-identical on every run (np.savez stamps the time).

    float32 weights halve the file; the scores barely move.
    """
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.array(arrays[name], order="C"))
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
