"""Per-sentence features for turning points, in named groups so that cross-validation
can keep the groups that help.

    pos   relative position and Gaussian position bins (lets each TP learn its prior)
    emb   the sentence embedding (projected to fewer dimensions by the model)
    ctx   mean embedding of the neighbouring sentences (also projected)
    sim   similarity to the neighbours, to the whole synopsis, novelty against the past
    ent   characters: names seen for the first time, names present, main characters
    lex   counts of stakes, death, decision, discovery, ending and time-shift words
    place a place named for the first time, any place named
    len   sentence length
    nbr   the ent, lex and place features of the previous and the next sentence
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from outliner.lexicon import WORD, is_capitalised, is_common_word, strip_possessive

GROUPS = ("pos", "emb", "ctx", "sim", "ent", "lex", "place", "len", "nbr")
PROJECTED = ("emb", "ctx")  # groups made of embedding dimensions

BIN_CENTRES = np.linspace(0.0, 1.0, 11)
BIN_WIDTH = 0.07
WINDOW = 2  # neighbours on each side for the context mean

# Word stems, matched at the start of lower-cased words. Small on purpose: a stake word
# list that cross-validation can weigh, not a hand-tuned rule.
LEXICON: dict[str, tuple[str, ...]] = {
    "death": ("kill", "dies", "died", "dead", "death", "murder", "shot", "shoot", "suicide"),
    "danger": ("attack", "fight", "escape", "chase", "threat", "kidnap", "hostage", "bomb"),
    "decide": ("decide", "agree", "plan", "resolve", "vow", "determin", "offer", "accept"),
    "learn": ("discover", "learn", "reveal", "realiz", "realis", "find", "found", "confess"),
    "loss": ("leave", "leaves", "left", "lose", "lost", "break", "fired", "arrest", "betray"),
    "end": ("final", "eventually", "end", "ends", "together", "return", "marri", "wedding"),
    "time": ("later", "years", "months", "weeks", "next", "meanwhile", "after", "when"),
}


def sentence_features(sentences: Sequence[str], embeddings: np.ndarray) -> dict[str, np.ndarray]:
    """Each group as an (n, d_group) float array."""
    n = len(sentences)
    words = [WORD.findall(s) for s in sentences]
    groups = {
        "pos": _position(n),
        "emb": np.asarray(embeddings, dtype=np.float64),
        "ctx": _context(np.asarray(embeddings, dtype=np.float64)),
        "sim": _similarity(np.asarray(embeddings, dtype=np.float64)),
        "ent": _entities(words),
        "lex": _lexicon(words),
        "place": _places(sentences),
        "len": np.log1p([[len(w)] for w in words]).astype(np.float64),
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


def _names(words: list[str]) -> list[str]:
    """Capitalised, uncommon words: a cheap, fast stand-in for character names."""
    out = []
    for k, word in enumerate(words):
        word = strip_possessive(word)
        if len(word) > 1 and is_capitalised(word) and not (k == 0 and is_common_word(word)):
            if not is_common_word(word):
                out.append(word)
    return out


def _entities(words: list[list[str]]) -> np.ndarray:
    names = [_names(w) for w in words]
    counts = Counter(name for sentence in names for name in sentence)
    main = {name for name, _ in counts.most_common(2)}
    seen: set[str] = set()
    out = np.zeros((len(words), 4))
    for i, sentence in enumerate(names):
        new = {name for name in sentence if name not in seen}
        out[i] = [len(new), len(set(sentence)), len(main & set(sentence)), float(bool(new))]
        seen.update(sentence)
    return out


def _lexicon(words: list[list[str]]) -> np.ndarray:
    out = np.zeros((len(words), len(LEXICON)))
    for i, sentence in enumerate(words):
        lower = [w.lower() for w in sentence]
        for j, stems in enumerate(LEXICON.values()):
            out[i, j] = sum(1 for w in lower if w.startswith(stems))
    return np.log1p(out)


# The place words the trained model's `place` features were computed with (they were the
# old scene-heading lexicon). Kept as they were so that the model in models/turning_points
# reads the same features; scene headings now come from the parse (outliner.story.places).
# word -> the place it names ("courtroom" and "court" are one place).
_SAME_PLACE = {"courtroom": "court", "lab": "laboratory"}
_PLACE_FEATURE_WORDS: dict[str, str] = {
    word: _SAME_PLACE.get(word, word)
    for word in (
        "police station",
        "train station",
        *"""courtroom court jail prison lair hideout den base headquarters house home
        apartment mansion palace castle hospital office school church temple hotel motel
        restaurant bar nightclub club casino bank warehouse factory laboratory lab cell truck
        car ship boat train plane street road highway village town city farm forest jungle
        desert beach river mountain park market cemetery battlefield""".split(),
    )
}


def _places(sentences: Sequence[str]) -> np.ndarray:
    seen: set[str] = set()
    out = np.zeros((len(sentences), 2))
    for i, sentence in enumerate(sentences):
        lower = f" {sentence.lower()} "
        found = {loc for word, loc in _PLACE_FEATURE_WORDS.items() if f" {word} " in lower}
        out[i] = [float(bool(found - seen)), float(bool(found))]
        seen.update(found)
    return out
