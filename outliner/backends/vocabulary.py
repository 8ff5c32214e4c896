"""The tokens an English beat line may use: common English words, plus the passage.

The default model is multilingual (262k tokens); scoring all of them at every decoding step
costs more than the rest of the step. A beat line rewrites its passage in plain English, so
the decoder scores only the tokens of the passage and the prompt and those of the most
frequent English words (wordfreq, in the forms a sentence uses: " word", " Word", "word").
A token outside that set would be a word neither in the passage nor in common English:
exactly what the faithfulness check rejects anyway.

The output layer's rows for the common words are stored with a prepared model
(`save_common_head`): taking 53k scattered rows out of the memory-mapped 262k-row matrix at
run time would page in nearly all of it (the kernel reads ahead), about 570 MB of resident
memory that decoding never uses.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from outliner.backends.decode import Head

COMMON_WORDS = 20_000
HEAD_FILE = "common_head.safetensors"


def common_word_tokens(tokenizer: Any, words: int = COMMON_WORDS) -> frozenset[int]:
    """Token ids of the `words` most frequent English words, and of ASCII punctuation."""
    return _common_word_tokens(tokenizer, words)


@lru_cache(maxsize=4)
def _common_word_tokens(tokenizer: Any, words: int) -> frozenset[int]:
    from wordfreq import top_n_list

    forms: list[str] = []
    for word in top_n_list("en", words):
        forms += [" " + word, " " + word.capitalize(), word, word.capitalize()]
    forms += list("!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~0123456789")
    forms += [" " + c for c in "\"'(-0123456789"]
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:  # the Rust tokenizer directly: same ids, 4x faster on 80k forms
        encoded = [e.ids for e in backend.encode_batch(forms, add_special_tokens=False)]
    else:
        encoded = tokenizer(forms, add_special_tokens=False).input_ids
    return frozenset(i for ids in encoded for i in ids)


def save_common_head(model: Any, tokenizer: Any, directory: Path) -> None:
    """Store the output layer's rows for the common words beside a prepared model."""
    from safetensors.torch import save_file

    from outliner.backends.decode import Head

    head = Head.of(model, common_word_tokens(tokenizer))
    tensors = {"ids": head.ids, "weight": head.weight.contiguous()}
    if head.bias is not None:
        tensors["bias"] = head.bias.contiguous()
    save_file(tensors, str(directory / HEAD_FILE))


def load_common_head(directory: Path) -> Head | None:
    """The stored common-word head of a prepared model, if it has one."""
    from safetensors.torch import load_file

    from outliner.backends.decode import Head

    path = directory / HEAD_FILE
    if not path.is_file():
        return None
    tensors = load_file(str(path))
    return Head(tensors["ids"], tensors["weight"], tensors.get("bias"))
