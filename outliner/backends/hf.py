"""Summarizers on transformers: causal LMs (few-shot) and seq2seq summarizers (BART, T5).

Decoding is greedy, so the same input gives the same output. For causal LMs every
passage of a task shares the few-shot prefix: it is run through the model once, its
key/value cache is copied to every row, and all passages of a call are generated in one
batch; each row stops at its own newline.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from outliner.backends.offline import offline
from outliner.errors import ModelError
from outliner.prompts import FEW_SHOT, Task

BATCH_SIZE = 32
MAX_INPUT_TOKENS = 1024


class TransformersSummarizer:
    def __init__(self, path: str | Path, name: str | None = None) -> None:
        offline()
        import torch
        from transformers import (
            AutoConfig,
            AutoModelForCausalLM,
            AutoModelForSeq2SeqLM,
            AutoTokenizer,
        )

        self.name = name or str(path)
        try:
            config = AutoConfig.from_pretrained(str(path))
            self.seq2seq = bool(getattr(config, "is_encoder_decoder", False))
            self.tokenizer: Any = AutoTokenizer.from_pretrained(str(path))
            loader: Any = AutoModelForSeq2SeqLM if self.seq2seq else AutoModelForCausalLM
            self.model: Any = loader.from_pretrained(str(path), dtype=torch.float32)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load model {self.name!r}: {_first_line(exc)}") from exc
        self.model.eval()
        self._torch = torch
        params = getattr(config, "task_specific_params", None) or {}
        self._seq2seq_prefix = params.get("summarization", {}).get("prefix", "")
        self._stop_ids: list[int] | None = None

    def summarise(self, task: Task, passages: Sequence[str]) -> list[str]:
        if not passages:
            return []
        with self._torch.inference_mode():
            if self.seq2seq:
                return self._seq2seq(task, passages)
            return self._causal(task, passages)

    # -- seq2seq -----------------------------------------------------------------
    def _seq2seq(self, task: Task, passages: Sequence[str]) -> list[str]:
        shot = FEW_SHOT[task]
        out: list[str] = []
        for batch in _chunks(passages, BATCH_SIZE):
            inputs = self.tokenizer(
                [self._seq2seq_prefix + p for p in batch],
                return_tensors="pt",
                padding=True,
                truncation=True,
                max_length=MAX_INPUT_TOKENS,
            )
            generated = self.model.generate(
                **inputs, **self._greedy(), max_new_tokens=shot.max_new_tokens
            )
            out += self.tokenizer.batch_decode(generated, skip_special_tokens=True)
        return out

    # -- causal LM, few-shot, shared prefix cache ------------------------------
    def _causal(self, task: Task, passages: Sequence[str]) -> list[str]:
        torch = self._torch
        shot = FEW_SHOT[task]
        tok = self.tokenizer
        prefix = tok(shot.prefix(), return_tensors="pt").input_ids
        prefix_cache = self.model(prefix, use_cache=True).past_key_values
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        out: list[str] = []
        for batch in _chunks(passages, BATCH_SIZE):
            bodies = [
                tok(shot.body(p), add_special_tokens=False).input_ids[-MAX_INPUT_TOKENS:]
                for p in batch
            ]
            width = max(len(b) for b in bodies)
            # Pad between the shared prefix and each body; the mask hides the padding and
            # position ids come from the mask, so every row reads as if unpadded.
            body_ids = torch.tensor([[pad] * (width - len(b)) + b for b in bodies])
            body_mask = torch.tensor([[0] * (width - len(b)) + [1] * len(b) for b in bodies])
            rows = len(bodies)
            input_ids = torch.cat([prefix.expand(rows, -1), body_ids], dim=1)
            mask = torch.cat([torch.ones(rows, prefix.shape[1], dtype=torch.long), body_mask], 1)
            cache = copy.deepcopy(prefix_cache)
            cache.batch_repeat_interleave(rows)
            generated = self.model.generate(
                input_ids=input_ids,
                attention_mask=mask,
                past_key_values=cache,
                max_new_tokens=shot.max_new_tokens,
                eos_token_id=self._newline_ids(),
                pad_token_id=pad,
                **self._greedy(),
            )
            new = generated[:, input_ids.shape[1] :]
            out += tok.batch_decode(new, skip_special_tokens=True)
        return out

    def _greedy(self) -> dict[str, Any]:
        return {"do_sample": False, "num_beams": 1, "top_k": None, "top_p": None}

    def _newline_ids(self) -> list[int]:
        """End-of-text plus every token that contains a newline: a reply is one line."""
        if self._stop_ids is None:
            tok = self.tokenizer
            ids = {i for piece, i in tok.get_vocab().items() if "\n" in piece or "Ċ" in piece}
            if tok.eos_token_id is not None:
                ids.add(int(tok.eos_token_id))
            self._stop_ids = sorted(ids)
        return self._stop_ids


def _chunks(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
