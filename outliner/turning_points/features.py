"""Per-sentence features for turning points, in named groups so that cross-validation
can keep the groups that help.

    pos      relative position and Gaussian position bins (lets each TP learn its prior)
    emb      the sentence embedding (projected to fewer dimensions by the model)
    ctx      mean embedding of the neighbouring sentences (also projected)
    sim      similarity to the neighbours, to the whole synopsis, novelty against the past
    ent      characters named: new ones, how many, the main ones (from the parse)
    lex      lemmas of decision, ending and time-shift words
    place    a place named for the first time, any place named (spaCy's GPE/LOC/FAC)
    len      sentence length
    nbr      the ent, lex and place features of the previous and the next sentence

The characters of each sentence come from story.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from outliner.turning_points.story import cast_features

if TYPE_CHECKING:
    from spacy.tokens import Doc

GROUPS = ("pos", "emb", "ctx", "sim", "ent", "lex", "place", "len", "nbr")
PROJECTED = ("emb", "ctx")  # groups made of embedding dimensions

BIN_CENTRES = np.linspace(0.0, 1.0, 11)
BIN_WIDTH = 0.07
WINDOW = 2  # neighbours on each side for the context mean

# Lemmas of a few kinds of words that mark turns (no library names these classes): small
# on purpose, a list that cross-validation can weigh rather than a hand-tuned rule.
LEXICON: dict[str, frozenset[str]] = {
    "decide": frozenset("decide agree plan resolve vow determine offer accept".split()),
    "end": frozenset("final eventually end together return marry wedding".split()),
    "time": frozenset("later year month week next meanwhile after when".split()),
}
PLACES = frozenset({"GPE", "LOC", "FAC"})


def sentence_features(
    sentences: Sequence[str], embeddings: np.ndarray, docs: Sequence[Doc]
) -> dict[str, np.ndarray]:
    """Each group as an (n, d_group) float array; docs are the sentences' parses."""
    emb = np.asarray(embeddings, dtype=np.float64)
    groups = {
        "pos": _position(len(sentences)),
        "emb": emb,
        "ctx": _context(emb),
        "sim": _similarity(emb),
        "ent": cast_features(docs),
        "lex": _lexicon(docs),
        "place": _places(docs),
        "len": np.log1p([[len(doc)] for doc in docs]).astype(np.float64),
    }
    local = np.column_stack([groups["ent"], groups["lex"], groups["place"]])
    groups["nbr"] = np.column_stack([_shift(local, 1), _shift(local, -1)])
    return groups


def _shift(block: np.ndarray, by: int) -> np.ndarray:
    """Row i gets row i - by (zeros past the ends): by=1 the previous sentence's values."""
    out = np.zeros_like(block)
    if by > 0:
        out[by:] = block[:-by]
    else:
        out[:by] = block[-by:]
    return out


def _position(n: int) -> np.ndarray:
    r = np.arange(n) / max(1, n - 1)
    bins = np.exp(-0.5 * ((r[:, None] - BIN_CENTRES[None, :]) / BIN_WIDTH) ** 2)
    return np.column_stack([r, r**2, bins])


def _context(emb: np.ndarray) -> np.ndarray:
    n = len(emb)
    out = np.zeros_like(emb)
    for i in range(n):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        others = [j for j in range(lo, hi) if j != i]
        if others:
            out[i] = emb[others].mean(axis=0)
    return out


def _similarity(emb: np.ndarray) -> np.ndarray:
    n = len(emb)
    sims = emb @ emb.T if n else np.zeros((0, 0))
    centroid = emb.mean(axis=0) if n else np.zeros(emb.shape[1])
    out = np.zeros((n, 5))
    for i in range(n):
        out[i, 0] = sims[i, i - 1] if i > 0 else 0.0
        out[i, 1] = sims[i, i + 1] if i + 1 < n else 0.0
        out[i, 2] = float(emb[i] @ centroid)
        out[i, 3] = 1.0 - (sims[i, :i].max() if i > 0 else 0.0)  # novelty against the past
        out[i, 4] = sims[i, i + 1 :].max() if i + 1 < n else 0.0  # echoed later on
    return out


def _lexicon(docs: Sequence[Doc]) -> np.ndarray:
    out = np.zeros((len(docs), len(LEXICON)))
    for i, doc in enumerate(docs):
        lemmas = [t.lemma_.lower() for t in doc]
        for j, words in enumerate(LEXICON.values()):
            out[i, j] = sum(1 for lemma in lemmas if lemma in words)
    return np.log1p(out)


def _places(docs: Sequence[Doc]) -> np.ndarray:
    seen: set[str] = set()
    out = np.zeros((len(docs), 2))
    for i, doc in enumerate(docs):
        found = {e.text for e in doc.ents if e.label_ in PLACES}
        out[i] = [float(bool(found - seen)), float(bool(found))]
        seen.update(found)
    return out
