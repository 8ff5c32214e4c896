"""Word lists and word tests shared by the stages: names and role words.

Whether a capitalised word is a name or an ordinary word at the start of a sentence
("Meanwhile", "Things") is decided with wordfreq's English frequencies: a maintained
library whose data ships in the package, so nothing is fetched at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words of this Zipf frequency or more are ordinary English words (e.g. "police" 5.3,
# "ram" 4.2); names are rarer ("Ganga" 2.9, "Ballu" 1.6). A common word counts as a name
# only when the synopsis keeps capitalising it inside sentences.
COMMON_WORD_ZIPF = 3.5

# Role words and honorifics: "Inspector Ram", "Seth Dhaniram". Never names on their own.
ROLE_WORDS: frozenset[str] = frozenset(
    """agent aunt boss brother captain chief colonel commissioner constable corporal dad
    deputy detective doctor dr father general governor grandfather grandmother inspector
    judge king lady lieutenant lord lt madam major mayor miss mom mother mr mrs ms officer
    police president prince princess private professor prof queen sergeant sgt seth sheriff
    sir sister uncle""".split()
)

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
POSSESSIVE = re.compile(r"(?<=\w)['’]s?$")


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def is_common_word(word: str) -> bool:
    return zipf(word) >= COMMON_WORD_ZIPF


def is_possessive(word: str) -> bool:
    return bool(POSSESSIVE.search(word))


def strip_possessive(word: str) -> str:
    return POSSESSIVE.sub("", word)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()
