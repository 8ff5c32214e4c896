"""Greedy batched decoding for causal LMs over a shared, cached prefix.

Why not `model.generate()`: it keeps computing rows that have already stopped and cannot
share one prefix computation across calls. Here
- the few-shot prefix is run once and its key/value cache copied to every row;
- every row's body is left-padded *between* the prefix and the body; the attention mask
  hides the padding and position ids come from the mask, so each row reads as unpadded;
- a row leaves the batch as soon as it emits a stop token (its own end), so the last
  steps cost only the rows still talking;
- new tokens are bounded;
- optionally, the output layer scores only a given vocabulary (the words of the passages,
  the prompt and common English) instead of all 262k tokens of a multilingual model: for
  a small model that layer costs more than the rest of a decoding step.
The arithmetic is the model's own forward pass; greedy argmax makes it deterministic.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import torch


@dataclass
class Prefix:
    ids: torch.Tensor  # (1, P)
    cache: Any  # the model's key/value cache for ids


def run_prefix(model: Any, ids: torch.Tensor) -> Prefix:
    with torch.inference_mode():
        out = model.base_model(input_ids=ids, use_cache=True)
    return Prefix(ids, out.past_key_values)


@dataclass
class Head:
    """Rows of the output layer for some token ids (sorted ascending)."""

    ids: torch.Tensor  # (N,)
    weight: torch.Tensor  # (N, hidden)
    bias: torch.Tensor | None = None

    @classmethod
    def of(cls, model: Any, ids: Iterable[int]) -> Head:
        layer = model.get_output_embeddings()
        index = torch.tensor(sorted(set(ids)), dtype=torch.long)
        bias = getattr(layer, "bias", None)
        return cls(
            index,
            layer.weight.index_select(0, index),
            None if bias is None else bias.index_select(0, index),
        )

    @cached_property
    def id_set(self) -> frozenset[int]:
        return frozenset(self.ids.tolist())

    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.linear(hidden, self.weight, self.bias)


class OutputLayer:
    """Greedy next tokens from hidden states, over the whole vocabulary or a subset.

    The subset is scored in parts: a `common` head made once (the common English words,
    stored with the prepared model so that the full 262k-row matrix is never read) and the
    few other tokens a call allows. The winner is the highest logit, the lowest token id
    on a tie: the same token an argmax over the whole sorted subset picks.
    Only the argmax matters, so monotone post-processing of the logits (Gemma's tanh
    soft-capping, a positive scale) is skipped: it never changes which token wins.
    """

    def __init__(
        self, model: Any, vocabulary: Iterable[int] | None = None, common: Head | None = None
    ) -> None:
        self.model = model
        self.parts: list[Head] = []
        if vocabulary is None:
            return
        extra = set(vocabulary)
        if common is not None:
            extra -= common.id_set
            self.parts.append(common)
        if extra:
            self.parts.append(Head.of(model, extra))

    def next_tokens(self, hidden: torch.Tensor) -> torch.Tensor:
        if not self.parts:  # the whole vocabulary
            layer = self.model.get_output_embeddings()
            return layer(hidden).argmax(-1)
        values, tokens = [], []
        for part in self.parts:
            best, where = part.logits(hidden).max(-1)
            values.append(best)
            tokens.append(part.ids[where])
        if len(self.parts) == 1:
            return tokens[0]
        value = torch.stack(values, -1)
        token = torch.stack(tokens, -1)
        losers = value < value.max(-1, keepdim=True).values
        return token.masked_fill(losers, torch.iinfo(token.dtype).max).min(-1).values


def greedy(
    model: Any,
    prefix: Prefix,
    bodies: Sequence[Sequence[int]],
    max_new_tokens: int,
    stop_ids: Sequence[int],
    pad_id: int,
    vocabulary: Iterable[int] | None = None,
    common: Head | None = None,
) -> list[list[int]]:
    """New tokens for each body (without the stop token), greedy, in one batch.

    With `vocabulary`, only those token ids (and `common`'s) can be produced; stop ids are
    always allowed.
    """
    rows = len(bodies)
    if rows == 0:
        return []
    body_ids, mask, positions, cache = _left_padded(prefix, bodies, pad_id)
    width, plen = body_ids.shape[1], prefix.ids.shape[1]
    stops = torch.tensor(sorted(set(stop_ids)))
    base = model.base_model
    allowed = None if vocabulary is None else {*vocabulary, *stop_ids}
    head = OutputLayer(model, allowed, common)
    out: list[list[int]] = [[] for _ in range(rows)]
    alive = list(range(rows))  # which original row each batch row is

    with torch.inference_mode():
        hidden = base(
            input_ids=body_ids,
            attention_mask=mask,
            position_ids=positions[:, plen:],
            past_key_values=cache,
            cache_position=torch.arange(plen, plen + width),
            use_cache=True,
        ).last_hidden_state[:, -1]
        position = positions[:, -1]
        length = plen + width
        for step in range(max_new_tokens):
            token = head.next_tokens(hidden)
            done = torch.isin(token, stops)
            for batch_row, row in enumerate(alive):
                if not done[batch_row]:
                    out[row].append(int(token[batch_row]))
            if step == max_new_tokens - 1:
                break
            keep = (~done).nonzero().flatten()
            if len(keep) == 0:
                break
            if len(keep) < len(alive):
                cache.batch_select_indices(keep)
                alive = [alive[i] for i in keep.tolist()]
                token, mask, position = token[keep], mask[keep], position[keep]
            mask = torch.cat([mask, torch.ones(len(alive), 1, dtype=torch.long)], dim=1)
            position = position + 1
            hidden = base(
                input_ids=token[:, None],
                attention_mask=mask,
                position_ids=position[:, None],
                past_key_values=cache,
                cache_position=torch.tensor([length]),
                use_cache=True,
            ).last_hidden_state[:, -1]
            length += 1
    return out


def score(
    model: Any,
    prefix: Prefix,
    label: Sequence[int],
    texts: Sequence[Sequence[int]],
    pad_id: int,
    common: Head,
    extra: Head | None = None,
) -> list[float]:
    """Mean log-probability of each text's tokens after the prefix and `label`, in one batch.

    Each row is `label + text`, left-padded between the cached prefix and the row (as in
    `greedy`); one forward pass gives every position's hidden state. A text token's
    log-probability is normalised over the `common` tokens and the text's own tokens
    (their rows from `extra` when not common): the rest of a 262k multilingual vocabulary
    holds almost no mass after an English prefix, and scoring it would cost more than the
    model itself. Each row's normalisation depends on its own text only, so a text scores
    the same in any batch. The mean over a text's tokens makes lengths comparable.
    """
    rows = len(texts)
    if rows == 0:
        return []
    bodies = [list(label) + list(t) for t in texts]
    body_ids, mask, positions, cache = _left_padded(prefix, bodies, pad_id)
    width, plen = body_ids.shape[1], prefix.ids.shape[1]
    common_ids = common.id_set
    with torch.inference_mode():
        hidden = model.base_model(
            input_ids=body_ids,
            attention_mask=mask,
            position_ids=positions[:, plen:],
            past_key_values=cache,
            cache_position=torch.arange(plen, plen + width),
            use_cache=True,
        ).last_hidden_state
        out = []
        for r, text in enumerate(texts):
            # Row r's text token j sits at column width - len(text) + j; the state one
            # column before it predicts it.
            n = len(text)
            states = hidden[r, width - n - 1 : width - 1]
            own = sorted({t for t in text if t not in common_ids})
            ids, logits = common.ids, common.logits(states)
            if own:
                assert extra is not None, "tokens outside the common head need their rows"
                rows_of = torch.searchsorted(extra.ids, torch.tensor(own))
                part = Head(extra.ids[rows_of], extra.weight[rows_of])
                ids = torch.cat([ids, part.ids])
                logits = torch.cat([logits, part.logits(states)], dim=-1)
            logprobs = torch.log_softmax(logits, dim=-1)
            column = {int(t): c for c, t in enumerate(ids.tolist())}
            picked = logprobs[torch.arange(n), torch.tensor([column[t] for t in text])]
            out.append(float(picked.mean()))
    return out


def _left_padded(
    prefix: Prefix, bodies: Sequence[Sequence[int]], pad_id: int
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, Any]:
    """Token rows left-padded to one width after the shared prefix: their ids, the
    attention mask over prefix and rows, positions, and the prefix cache repeated per row."""
    rows, width = len(bodies), max(len(b) for b in bodies)
    plen = prefix.ids.shape[1]
    body_ids = torch.tensor([[pad_id] * (width - len(b)) + list(b) for b in bodies])
    mask = torch.cat(
        [
            torch.ones(rows, plen, dtype=torch.long),
            torch.tensor([[0] * (width - len(b)) + [1] * len(b) for b in bodies]),
        ],
        dim=1,
    )
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    cache = copy.deepcopy(prefix.cache)
    cache.batch_repeat_interleave(rows)
    return body_ids, mask, positions, cache
