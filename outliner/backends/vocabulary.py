"""The tokens an English beat line may use: common English words, plus the passage.

The default model is multilingual (262k tokens); scoring all of them at every decoding step
costs more than the rest of the step. A beat line rewrites its passage in plain English, so
the decoder scores only the tokens of the passage and the prompt and those of the most
frequent English words (wordfreq, in the forms a sentence uses: " word", " Word", "word").
A token outside that set would be a word neither in the passage nor in common English:
exactly what the faithfulness check rejects anyway.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

COMMON_WORDS = 20_000


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
    encoded = tokenizer(forms, add_special_tokens=False).input_ids
    return frozenset(i for ids in encoded for i in ids)
