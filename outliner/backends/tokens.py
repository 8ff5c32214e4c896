"""A causal model's tokenizer, loaded straight from its `tokenizer.json`.

transformers' AutoTokenizer spends about 2.5 s of a cold start wrapping Gemma's 262k-token
vocabulary in Python objects; the Rust tokenizer underneath loads in about 1 s and gives
the same ids and the same text (tests/test_backends.py checks both against AutoTokenizer).
This class offers the part of AutoTokenizer's interface the package uses, so the
summarizer, the vocabulary restriction and `outliner bench` take either. Seq2seq models
keep AutoTokenizer: they need its padding and truncation, and load in well under a second.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Encoded:
    input_ids: Any  # list[int], list[list[int]], or a tensor with return_tensors="pt"


class FastTokenizer:
    def __init__(self, directory: Path) -> None:
        from tokenizers import Tokenizer

        self.backend_tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        config = json.loads((directory / "tokenizer_config.json").read_text(encoding="utf-8"))
        self.pad_token_id = self._id(config.get("pad_token"))
        self.eos_token_id = self._id(config.get("eos_token"))

    @classmethod
    def usable(cls, directory: Path) -> bool:
        """A model directory whose tokenizer this class reads: a tokenizers-backed one."""
        try:
            config = json.loads((directory / "tokenizer_config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (directory / "tokenizer.json").is_file() and config.get("backend") == "tokenizers"

    def _id(self, token: Any) -> int | None:
        if isinstance(token, dict):  # an AddedToken written out in full
            token = token.get("content")
        return None if token is None else self.backend_tokenizer.token_to_id(str(token))

    def __call__(
        self,
        text: str | Sequence[str],
        add_special_tokens: bool = True,
        return_tensors: str | None = None,
    ) -> Encoded:
        encode = self.backend_tokenizer
        if isinstance(text, str):
            ids: Any = encode.encode(text, add_special_tokens=add_special_tokens).ids
            if return_tensors == "pt":
                import torch

                ids = torch.tensor([ids], dtype=torch.long)
            return Encoded(ids)
        batch = encode.encode_batch(list(text), add_special_tokens=add_special_tokens)
        return Encoded([e.ids for e in batch])

    def decode(self, ids: Any, skip_special_tokens: bool = False) -> str:
        ids = ids.tolist() if hasattr(ids, "tolist") else list(ids)
        return str(self.backend_tokenizer.decode(ids, skip_special_tokens=skip_special_tokens))

    def batch_decode(self, rows: Sequence[Any], skip_special_tokens: bool = False) -> list[str]:
        return [self.decode(row, skip_special_tokens) for row in rows]

    def get_vocab(self) -> dict[str, int]:
        return dict(self.backend_tokenizer.get_vocab(with_added_tokens=True))


def load_tokenizer(directory: Path, seq2seq: bool) -> Any:
    """The fast loader for a causal model's own tokenizer file, else AutoTokenizer."""
    if not seq2seq and FastTokenizer.usable(directory):
        return FastTokenizer(directory)
    from outliner.backends.background import LOADING

    with LOADING:
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(str(directory))
