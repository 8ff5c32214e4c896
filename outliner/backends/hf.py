"""Summarizers on transformers: causal LMs (few-shot) and seq2seq summarizers (BART, T5).

Decoding is greedy, so the same input gives the same output. For causal LMs every
passage of a task shares the few-shot prefix: it is run through the model once, its
key/value cache is copied to every row, and all passages of a call are generated in one
batch; each row stops at its own newline. The output layer scores only the tokens of the
passages, the prompt and common English words (see vocabulary.py): same lines, less work.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outliner.backends.offline import offline
from outliner.errors import ModelError, one_line
from outliner.prompts import FEW_SHOT, Task

if TYPE_CHECKING:
    from outliner.backends.decode import Head

BATCH_SIZE = 32
MAX_INPUT_TOKENS = 1024
# Candidate lines scored per forward pass, and the common words their probability is
# normalised over (with their own tokens).
SCORE_BATCH = 32
SCORE_WORDS = 3000


@dataclass
class GenerationStats:
    """What generation cost so far (read by `outliner bench`)."""

    calls: int = 0
    rows: int = 0
    prompt_tokens: int = 0  # tokens run through the model besides the cached prefixes
    new_tokens: int = 0
    seconds: float = 0.0
    score_rows: int = 0  # candidate lines scored
    score_seconds: float = 0.0


class TransformersSummarizer:
    def __init__(
        self, path: str | Path, name: str | None = None, restrict_vocabulary: bool = True
    ) -> None:
        offline()
        from outliner.backends.background import LOADING
        from outliner.backends.tokens import load_tokenizer

        self.name = name or str(path)
        try:
            with LOADING:
                import torch
                from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM

                config = AutoConfig.from_pretrained(str(path))
                self.seq2seq = bool(getattr(config, "is_encoder_decoder", False))
                self.tokenizer: Any = load_tokenizer(Path(path), self.seq2seq)
                loader: Any = AutoModelForSeq2SeqLM if self.seq2seq else AutoModelForCausalLM
                self.model: Any = loader.from_pretrained(str(path), dtype=torch.float32)
        except (OSError, ValueError, KeyError) as exc:
            # transformers' messages run over several lines: the whole of it, on one
            reason = one_line(str(exc) or type(exc).__name__)
            raise ModelError(f"cannot load model {self.name!r}: {reason}") from exc
        self.model.eval()
        self._torch = torch
        params = getattr(config, "task_specific_params", None) or {}
        self._seq2seq_prefix = params.get("summarization", {}).get("prefix", "")
        self._stop_ids: list[int] | None = None
        self._prefixes: dict[Task, Any] = {}
        self.restrict_vocabulary = restrict_vocabulary
        self._path = Path(path)
        self._common: Head | None = None
        self._score_common: Head | None = None
        self._score_prefixes: dict[str, Any] = {}
        self.stats = GenerationStats()

    def summarise(self, task: Task, passages: Sequence[str]) -> list[str]:
        if not passages:
            return []
        started = time.perf_counter()
        with self._torch.inference_mode():
            if self.seq2seq:
                replies = self._seq2seq(task, passages)
            else:
                replies = self._causal(task, passages)
        self.stats.calls += 1
        self.stats.rows += len(passages)
        self.stats.seconds += time.perf_counter() - started
        return replies

    def score(self, task: Task, texts: Sequence[str]) -> list[float]:
        """Mean token log-probability of each text after the task's example answers, all
        texts in batches over the examples' cached keys and values. A seq2seq model has no
        such prefix: every text scores 0 and the other criteria choose."""
        if not texts or self.seq2seq:
            return [0.0] * len(texts)
        from outliner.backends.decode import Head, run_prefix, score

        started = time.perf_counter()
        shot = FEW_SHOT[task]
        tok = self.tokenizer
        key = f"score-{task.value}"
        if key not in self._score_prefixes:
            ids = tok(shot.score_prefix(), return_tensors="pt").input_ids
            self._score_prefixes[key] = run_prefix(self.model, ids)
        label = tok(shot.score_label, add_special_tokens=False).input_ids
        # A text ends with its newline: a line cut short is unlikely to end there.
        encoded = [tok(f" {t}\n", add_special_tokens=False).input_ids for t in texts]
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        # Batches of texts of about one length: a row is padded to its batch's longest, and
        # padding costs as much as text. A text scores the same in any batch (decode.score).
        order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i]), i))
        out = [0.0] * len(encoded)
        with self._torch.inference_mode():
            common = self._score_head()
            for start in range(0, len(order), SCORE_BATCH):
                members = order[start : start + SCORE_BATCH]
                batch = [encoded[i] for i in members]
                extra = sorted({i for t in batch for i in t} - common.id_set)
                rows = Head.of(self.model, extra) if extra else None
                got = score(self.model, self._score_prefixes[key], label, batch, pad, common, rows)
                for i, value in zip(members, got, strict=True):
                    out[i] = value
        self.stats.score_rows += len(texts)
        self.stats.score_seconds += time.perf_counter() - started
        return [round(x, 4) for x in out]

    def _score_head(self) -> Head:
        """Output rows for the most common English words: with a text's own tokens, what
        its probability is normalised over. Taken from the common-word head in memory."""
        from outliner.backends.decode import Head
        from outliner.backends.vocabulary import common_word_tokens

        torch = self._torch
        if self._score_common is None:
            common = self._common_head()
            wanted = torch.tensor(sorted(common_word_tokens(self.tokenizer, SCORE_WORDS)))
            rows = torch.searchsorted(common.ids, wanted).clamp(max=len(common.ids) - 1)
            found = common.ids[rows] == wanted
            self._score_common = Head(wanted[found], common.weight[rows[found]])
        return self._score_common

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
            new = generated[:, 1:]  # after the decoder start token
            self.stats.prompt_tokens += int(inputs.attention_mask.sum())
            self.stats.new_tokens += int((new != self.tokenizer.pad_token_id).sum())
            out += self.tokenizer.batch_decode(generated, skip_special_tokens=True)
        return out

    # -- causal LM, few-shot, shared prefix cache ------------------------------
    def _causal(self, task: Task, passages: Sequence[str]) -> list[str]:
        from outliner.backends.decode import greedy, run_prefix

        shot = FEW_SHOT[task]
        tok = self.tokenizer
        if task not in self._prefixes:  # the few-shot prefix is the same for every call
            ids = tok(shot.prefix(), return_tensors="pt").input_ids
            self._prefixes[task] = run_prefix(self.model, ids)
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        out: list[str] = []
        for batch in _chunks(passages, BATCH_SIZE):
            bodies = [
                tok(shot.body(p), add_special_tokens=False).input_ids[-MAX_INPUT_TOKENS:]
                for p in batch
            ]
            vocabulary, common = None, None
            if self.restrict_vocabulary:  # the common words, the prompt and the passages
                common = self._common_head()
                vocabulary = set(self._prefixes[task].ids[0].tolist()).union(*bodies)
            new = greedy(
                self.model,
                self._prefixes[task],
                bodies,
                shot.max_new_tokens,
                self._newline_ids(),
                pad,
                vocabulary,
                common,
            )
            self.stats.prompt_tokens += sum(len(b) for b in bodies)
            self.stats.new_tokens += sum(len(n) for n in new)
            out += tok.batch_decode(new, skip_special_tokens=True)
        return out

    def _common_head(self) -> Head:
        """The output layer's rows for common English words: stored with a prepared model,
        else taken from the model once per process."""
        if self._common is None:
            from outliner.backends.decode import Head
            from outliner.backends.vocabulary import common_word_tokens, load_common_head

            self._common = load_common_head(self._path) or Head.of(
                self.model, common_word_tokens(self.tokenizer)
            )
        return self._common

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
