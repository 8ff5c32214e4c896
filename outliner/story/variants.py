"""Spelling variants of one name: Ballu/Balu, Roshida/Rosida/Roshiba, Malati/Malti.

Hand-typed synopses (and transliterated names) spell one person several ways. Edit
similarity comes from rapidfuzz, a maintained C++ library made for fuzzy string matching.
Short names are judged strictly, since in English "Mary" and "Marty" are two people: only
a doubled letter may differ. Longer names may differ by about one letter in seven.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

# Longer names whose normalised edit similarity reaches this are one name:
# Roshida/Roshiba 0.86, Rosida/Roshida 0.86, Malati/Malti 0.83; Sarah/Susan 0.4.
MIN_SIMILARITY = 0.8
MIN_LENGTH = 5  # both names this long or longer for the similarity test


def _undouble(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word.lower())


def are_variants(a: str, b: str) -> bool:
    """Whether two single-word names are spellings of one name."""
    if a == b:
        return True
    if a[:1].lower() != b[:1].lower():
        return False
    if _undouble(a) == _undouble(b):
        return True
    if min(len(a), len(b)) < MIN_LENGTH or a[:2].lower() != b[:2].lower():
        return False
    return Levenshtein.normalized_similarity(a.lower(), b.lower()) >= MIN_SIMILARITY
