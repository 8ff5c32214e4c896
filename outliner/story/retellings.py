"""Retellings: a file that tells one film several times, and fusing them into one story.

Fan sites stack synopses: a one-line logline, then four retellings one per line (seed
001), or two retellings run together in one paragraph after some commentary (seed 002).
Outlining them as one story would tell every event three times.

Finding them. A retelling can start only where the text gives a reason to think so:

- a paragraph break, when paragraphs hold several sentences (one sentence per line is
  just a layout) and the new paragraph tells, in order, much of what came before:
  a monotonic alignment of sentence meanings (MiniLM) matches at least
  ``MIN_RETOLD_SHARE`` of the shorter side;
- the end of a block of commentary, when the story after it names someone before it;
- a sentence that introduces again someone already introduced ("a woman ... named
  Malti" a second time).

A part that shares no one and little meaning with what came before is another film.

Fusing them. The longest retelling is the backbone; each other one is aligned to the
fused story so far (Needleman-Wunsch over sentence similarities, order kept). A sentence
matched to an event becomes a RETOLD detail of it; an unmatched one is an event of its
own, placed where the alignment puts it. Nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence as Seq
from dataclasses import replace

import numpy as np

from outliner.document import Document, Retelling, Sentence, SentenceKind
from outliner.lexicon import PERSON_NOUNS, strip_possessive
from outliner.story.actors import cast
from outliner.story.describe import descriptor
from outliner.story.names import name_runs
from outliner.story.variants import are_variants

# Two sentences tell one event when their embeddings are at least this alike.
SAME_EVENT = 0.5
# A paragraph retells what came before when an alignment of sentences at least RETOLD
# alike matches this share of the shorter side. On the 84 TRIPOD train synopses cut in
# halves (a continuation, not a retelling) the share is at most 0.33 (95th percentile
# 0.31); seed 001's retellings reach 0.5-0.67.
RETOLD = 0.6
MIN_RETOLD_SHARE = 0.5
# A retelling run on after commentary or a second introduction aligns at least this much.
MIN_RUN_ON_SHARE = 0.2
# Retellings shorter than this are not looked for (a lone sentence aligns with anything).
MIN_PART = 3
# A film told in fewer sentences is not looked for.
MIN_FILM = 5
# Below this share, and with no name in common, a part is a different film.
MAX_OTHER_FILM_SHARE = 0.1

_INTRODUCED = re.compile(r"\b(?:named|called)\s+(?P<a>[A-Z][\w'-]+)")
_NAME = re.compile(r"\b[A-Z][a-z][\w'-]*")


def alignment(similarity: np.ndarray, threshold: float = SAME_EVENT) -> list[tuple[int, int]]:
    """The order-keeping matching of rows to columns with the most similarity above
    `threshold` (Needleman-Wunsch, no gap cost). Returns matched (row, column) pairs."""
    rows, cols = similarity.shape
    gain = similarity.astype(np.float64) - threshold
    score = np.zeros((rows + 1, cols + 1))
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            best = max(score[i - 1, j], score[i, j - 1])
            if gain[i - 1, j - 1] > 0:
                best = max(best, score[i - 1, j - 1] + gain[i - 1, j - 1])
            score[i, j] = best
    pairs = []
    i, j = rows, cols
    while i > 0 and j > 0:
        if gain[i - 1, j - 1] > 0 and score[i, j] == score[i - 1, j - 1] + gain[i - 1, j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i, j] == score[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def retold_share(a: np.ndarray, b: np.ndarray, threshold: float = SAME_EVENT) -> float:
    """How much of the shorter of two sentence runs the other tells again, in order."""
    if not len(a) or not len(b):
        return 0.0
    return len(alignment(a @ b.T, threshold)) / min(len(a), len(b))


def _names(sentences: Seq[Sentence]) -> set[str]:
    """Capitalised words inside sentences (not the first word): a cheap cast."""
    found = set()
    for s in sentences:
        for match in _NAME.finditer(s.text):
            if match.start() > 0:
                found.add(strip_possessive(match.group()))
    return found


def _share_a_name(a: set[str], b: set[str]) -> bool:
    return _names_shared(a, b) > 0


def _names_shared(a: set[str], b: set[str]) -> float:
    """The share of the smaller set of names that the other set has (spelling aside)."""
    a = {x for x in a if len(x) > 2}
    b = {y for y in b if len(y) > 2}
    if not a or not b:
        return 0.0
    shared = sum(any(are_variants(x, y) for y in b) for x in a)
    return shared / min(len(a), len(b))


def _introduced(sentence: Sentence) -> set[str]:
    return {m.group("a") for m in _INTRODUCED.finditer(sentence.text)}


def _described_again(document: Document, part: Seq[Sentence], known: set[str]) -> bool:
    """A retelling introduces its people again: "her son Ballu", "Police Inspector Ram",
    "Ballu (Sanjay Dutt)". A continuation calls people it already introduced by name."""
    for sentence in part[:2]:
        doc = document.doc(sentence)
        for run in cast(name_runs(sentence.index, doc), doc):
            if run.words[0] not in known:
                continue
            noun = descriptor(doc[run.root])
            if run.role or run.actor or (noun is not None and noun.lemma_ in PERSON_NOUNS):
                return True
    return False


def _cues(document: Document) -> dict[int, str]:
    """Positions in the plot where a retelling may start, and why."""
    plot = document.plot
    paragraphs = {s.paragraph for s in plot}
    layout_only = len(plot) < 2 * len(paragraphs)  # about one sentence per line
    cues: dict[int, str] = {}
    introduced: set[str] = set()
    for p in range(len(plot)):
        again = _introduced(plot[p])
        if p == 0:
            introduced |= again
            continue
        between = document.sentences[plot[p - 1].index + 1 : plot[p].index]
        if plot[p].paragraph != plot[p - 1].paragraph and not layout_only:
            cues[p] = "paragraph"
        elif sum(s.kind is SentenceKind.COMMENTARY for s in between) >= 2:
            cues[p] = "commentary"
        elif again & introduced and len(plot) - p >= MIN_PART:
            cues[p] = "introduced again"
        introduced |= again
    return cues


def _logline(document: Document) -> int | None:
    """Index of a one-sentence first paragraph above several longer ones: a logline."""
    plot = document.plot
    if not plot:
        return None
    first = [s for s in plot if s.paragraph == plot[0].paragraph]
    rest = [s for s in plot if s.paragraph != plot[0].paragraph]
    later = {s.paragraph for s in rest}
    if len(first) == 1 and len(later) >= 2 and len(rest) >= 2 * len(later):
        return first[0].index
    return None


def find_retellings(document: Document, embeddings: np.ndarray) -> Document:
    """The document with its retellings (and a logline above them) marked, if it has
    more than one; `embeddings` are the plot sentences' unit vectors, in order."""
    plot = document.plot
    cues = _cues(document)
    logline = _logline(document)
    starts = [0, *sorted(cues)]
    parts = [list(range(a, b)) for a, b in zip(starts, [*starts[1:], len(plot)], strict=True)]
    if logline is not None and len(parts) > 2 and len(parts[0]) == 1:
        parts = parts[1:]
    else:
        logline = None
    # Accept a cue when the part after it retells a telling before it; else it goes on
    # the telling before it. Tellings are lists of plot positions.
    tellings: list[list[int]] = [parts[0]]
    films: list[int] = [1]
    for part in parts[1:]:
        cue = cues[part[0]]
        here = [plot[p] for p in part]
        before = [plot[p] for t in tellings for p in t]
        shares = [retold_share(embeddings[t], embeddings[part]) for t in tellings]
        strict = [retold_share(embeddings[t], embeddings[part], RETOLD) for t in tellings]
        named = [_share_a_name(_names(here), _names([plot[p] for p in t])) for t in tellings]
        best = int(np.argmax(shares))
        long_enough = len(part) >= MIN_PART and len(tellings[best]) >= MIN_PART
        if cue == "paragraph":
            retold = (
                long_enough
                and max(strict) >= MIN_RETOLD_SHARE
                and _described_again(document, here, _names(before))
            )
            other_film = (
                max(_names_shared(_names(here), _names(before)), max(strict)) < MAX_OTHER_FILM_SHARE
            )
        else:
            retold = long_enough and any(named) and shares[best] >= MIN_RUN_ON_SHARE
            other_film = False
        if retold:
            tellings.append(part)
            films.append(films[best])
        elif other_film and min(len(part), len(tellings[-1])) >= MIN_FILM:
            tellings.append(part)
            films.append(max(films) + 1)
        else:
            tellings[-1].extend(part)
    if len(tellings) == 1:
        return document
    retellings = tuple(
        Retelling(n, tuple(plot[p].index for p in t), film)
        for n, (t, film) in enumerate(zip(tellings, films, strict=True), start=1)
    )
    number = {i: r.number for r in retellings for i in r.sentences}
    sentences = []
    for s in document.sentences:
        if s.index == logline:
            s = replace(s, kind=SentenceKind.LOGLINE)
        sentences.append(replace(s, retelling=number.get(s.index, 1)))
    return replace(document, sentences=tuple(sentences), retellings=retellings)


def _telling(document: Document, retellings: Seq[Retelling]) -> Document:
    """A document of the given retellings only (with the heading), indices renumbered."""
    keep = {i for r in retellings for i in r.sentences}
    first = min(keep)
    last = max(keep)
    chosen = [
        s
        for s in document.sentences
        if s.index in keep
        or s.kind is SentenceKind.HEADING
        or (s.kind is SentenceKind.COMMENTARY and first <= s.index <= last)
    ]
    renumber = {s.index: n for n, s in enumerate(chosen)}
    sentences = tuple(replace(s, index=renumber[s.index]) for s in chosen)
    kept = tuple(replace(r, sentences=tuple(renumber[i] for i in r.sentences)) for r in retellings)
    return replace(document, sentences=sentences, retellings=kept if len(kept) > 1 else ())


def split(document: Document, each: bool = False) -> list[Document]:
    """One document per film the file holds, or with `each` one per retelling."""
    if not document.retellings:
        return [document]
    if each:
        groups = [[r] for r in document.retellings]
    else:
        films = sorted({r.film for r in document.retellings})
        groups = [[r for r in document.retellings if r.film == f] for f in films]
    if len(groups) == 1:
        return [document]
    return [_telling(document, group) for group in groups]


def fuse(document: Document, embeddings: dict[int, np.ndarray]) -> Document:
    """One story from several retellings: each event once, the other tellings of it
    kept as RETOLD details. `embeddings` maps plot sentence indices to unit vectors."""
    if len(document.retellings) < 2:
        return document
    position = {
        i: k / max(1, len(r.sentences) - 1)
        for r in document.retellings
        for k, i in enumerate(r.sentences)
    }
    introduces = {s.index: _introduced(s) for s in document.plot}
    tellings = sorted(document.retellings, key=lambda r: (-len(r.sentences), r.number))
    events: list[list[int]] = [[i] for i in tellings[0].sentences]
    for telling in tellings[1:]:
        events = _merge(events, list(telling.sentences), embeddings, position, introduces)
    order: list[Sentence] = [s for s in document.sentences if s.kind is not SentenceKind.PLOT]
    for head, *others in events:
        order.append(replace(document.sentences[head], paragraph=0))
        order.extend(
            replace(document.sentences[i], kind=SentenceKind.RETOLD, retells=head)
            for i in sorted(others)
        )
    renumber = {s.index: n for n, s in enumerate(order)}
    sentences = tuple(
        replace(
            s,
            index=renumber[s.index],
            retells=None if s.retells is None else renumber[s.retells],
        )
        for s in order
    )
    retellings = tuple(
        replace(r, sentences=tuple(renumber[i] for i in r.sentences)) for r in document.retellings
    )
    return replace(document, sentences=sentences, retellings=retellings)


# Two sentences that introduce the same person ("a woman named Malti") tell one event:
# the first meeting. This much is added to their similarity.
INTRODUCTION_BONUS = 0.3


def _merge(
    events: list[list[int]],
    telling: list[int],
    embeddings: dict[int, np.ndarray],
    position: dict[int, float],
    introduces: dict[int, set[str]],
) -> list[list[int]]:
    """Align a retelling's sentences to the events so far; unmatched ones become events.

    Between two matches, the events left unmatched and the retelling's sentences left
    unmatched are interleaved by where they stand in their own retellings (0 = start,
    1 = end), so that a childhood one retelling adds comes before the rest.
    """

    def alike(event: list[int], s: int) -> float:
        best = max(float(embeddings[e] @ embeddings[s]) for e in event)
        shared = any(introduces[e] & introduces[s] for e in event)
        return best + (INTRODUCTION_BONUS if shared else 0.0)

    similarity = np.array([[alike(event, s) for s in telling] for event in events])
    pairs = alignment(similarity)
    merged: list[list[int]] = []
    i = j = 0
    for a, b in [*pairs, (len(events), len(telling))]:
        old = [events[k] for k in range(i, a)]
        new = [[telling[k]] for k in range(j, b)]
        merged.extend(_interleave(old, new, position))
        if a < len(events):
            merged.append([*events[a], telling[b]])
        i, j = a + 1, b + 1
    return merged


def _interleave(
    old: list[list[int]], new: list[list[int]], position: dict[int, float]
) -> list[list[int]]:
    """Merge two runs of events, each kept in its order, by their first sentences'
    places in their retellings (ties: the events already there first)."""
    out: list[list[int]] = []
    a = b = 0
    while a < len(old) or b < len(new):
        take_old = b == len(new) or (a < len(old) and position[old[a][0]] <= position[new[b][0]])
        if take_old:
            out.append(old[a])
            a += 1
        else:
            out.append(new[b])
            b += 1
    return out
