"""Beats: cut the plot sentences into beats, then group beats into sequences and acts.

Every plot sentence lands in exactly one beat, in order. Acts are fixed first (from the
turning points), each act gets a share of the beats proportional to its length, and
inside an act the cuts go where the story moves on: where neighbouring sentences are
least alike in meaning, at paragraph breaks, at a change of place, after a turning point.
A beat's scene heading is the first place its sentences name; a beat that names none
carries the setting its first sentence carries (marked `place_carried`).
Cuts are chosen together by dynamic programming, with a penalty on beats much longer or
shorter than the act's average.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from outliner.document import Act, Beat, Outline, Sentence, SentenceKind, Sequence
from outliner.structures import act_of_sequence, act_spans, sequence_name, sequence_spans

PARAGRAPH_BONUS = 0.3
PLACE_BONUS = 0.2
TURNING_POINT_BONUS = 0.5
LENGTH_PENALTY = 0.15
# A sentence opening with a pronoun the resolver could not resolve ("He", "They" with no
# clear referent) cannot open a beat: a beat must read on its own. Far above any gain.
UNRESOLVED_OPENING_PENALTY = 100.0


def default_beat_count(n: int) -> int:
    """About one beat per two plot sentences, at least 8 (or n) and at most 30."""
    if n <= 8:
        return n
    return max(8, min(30, round(n / 2)))


def share(total: int, lengths: list[int]) -> list[int]:
    """Split `total` beats over parts of the given lengths: >= 1 and <= length each."""
    live = [i for i, n in enumerate(lengths) if n > 0]
    counts = [0] * len(lengths)
    if not live:
        return counts
    total = max(len(live), min(total, sum(lengths)))
    n = sum(lengths)
    for i in live:
        counts[i] = max(1, min(lengths[i], round(total * lengths[i] / n)))
    # Settle rounding: add to the part with the longest beats, take from the shortest.
    while sum(counts) < total:
        i = max((i for i in live if counts[i] < lengths[i]), key=lambda i: lengths[i] / counts[i])
        counts[i] += 1
    while sum(counts) > total:
        i = min((i for i in live if counts[i] > 1), key=lambda i: lengths[i] / counts[i])
        counts[i] -= 1
    return counts


def cut(gains: list[float], n: int, k: int) -> list[int]:
    """Best k-segment split of n items; gains[i] rewards a cut between item i and i+1.

    Returns the segment start positions (first is 0). Exact dynamic programming.
    """
    if k >= n:
        return list(range(n))
    ideal = n / k
    neg = float("-inf")
    best = np.full((k + 1, n + 1), neg)
    back = np.zeros((k + 1, n + 1), dtype=int)
    best[0, 0] = 0.0
    for segments in range(1, k + 1):
        for end in range(segments, n - (k - segments) + 1):
            for start in range(segments - 1, end):
                if best[segments - 1, start] == neg:
                    continue
                length = end - start
                score = best[segments - 1, start] - LENGTH_PENALTY * (length - ideal) ** 2 / ideal
                if end < n:
                    score += gains[end - 1]
                if score > best[segments, end]:
                    best[segments, end] = score
                    back[segments, end] = start
    starts = []
    end = n
    for segments in range(k, 0, -1):
        start = int(back[segments, end])
        starts.append(start)
        end = start
    return starts[::-1]


def _gains(
    plot: list[Sentence],
    embeddings: np.ndarray,
    place_of: dict[int, str],
    tp_sentences: set[int],
    unopenable: frozenset[int] = frozenset(),
    setting_of: dict[int, str] | None = None,
) -> list[float]:
    """What a cut after each sentence gains; `place_of` the places sentences name,
    `setting_of` every sentence's setting, named or carried (a new place named where the
    story already was is no change of place)."""
    setting_of = place_of if setting_of is None else setting_of
    gains = []
    for i in range(len(plot) - 1):
        a, b = plot[i], plot[i + 1]
        similarity = float(embeddings[i] @ embeddings[i + 1]) if len(embeddings) else 0.0
        gain = 1.0 - similarity
        if a.paragraph != b.paragraph:
            gain += PARAGRAPH_BONUS
        if b.index in place_of and setting_of.get(a.index) != place_of[b.index]:
            gain += PLACE_BONUS
        if a.index in tp_sentences:
            gain += TURNING_POINT_BONUS
        if b.index in unopenable:
            gain -= UNRESOLVED_OPENING_PENALTY
        gains.append(gain)
    return gains


def _unopenable(outline: Outline, plot: list[Sentence]) -> frozenset[int]:
    """Plot sentences that open with a pronoun the resolver left unresolved."""
    from outliner.story.pronouns import opens_unresolved

    return frozenset(s.index for s in plot if opens_unresolved(outline, s.index))


def _openable_spans(
    spans: list[tuple[int, int]], plot: list[Sentence], unopenable: frozenset[int]
) -> list[tuple[int, int]]:
    """Act spans whose first sentence may open a beat: an act that would start on an
    unresolved "He" starts at the next sentence that may (the previous act keeps it)."""
    out: list[tuple[int, int]] = []
    for number, (start, end) in enumerate(spans):
        if number and out:
            while start < end and plot[start].index in unopenable:
                start += 1
            previous_start, _ = out[-1]
            out[-1] = (previous_start, start)
        out.append((start, end))
    return out


def segment(outline: Outline, embeddings: np.ndarray, target: int | None = None) -> Outline:
    """Cut the plot into beats (about `target`), then group them into sequences and acts."""
    plot = [s for s in outline.document.sentences if s.kind is SentenceKind.PLOT]
    n = len(plot)
    if n == 0:
        return outline
    position = {s.index: i for i, s in enumerate(plot)}
    tp_positions = [position[tp.sentence] for tp in outline.turning_points]
    # Each plot sentence names at most one place as its setting, or carries one.
    place_of = {i: place.name for place in outline.places for i in place.sentences}
    carried_of = {i: place.name for place in outline.places for i in place.carried}
    unopenable = _unopenable(outline, plot)
    tp_sentences = {tp.sentence for tp in outline.turning_points}
    gains = _gains(plot, embeddings, place_of, tp_sentences, unopenable, {**carried_of, **place_of})

    k = max(1, min(n, target if target is not None else default_beat_count(n)))
    spans = _openable_spans(act_spans(n, tp_positions), plot, unopenable)
    starts: list[int] = []
    for (start, end), count in zip(spans, share(k, [e - s for s, e in spans]), strict=True):
        # No more beats than sentences that may open one.
        count = min(count, 1 + sum(plot[i].index not in unopenable for i in range(start + 1, end)))
        if count:
            starts += [start + s for s in cut(gains[start : end - 1], end - start, count)]

    places = {p.name: p for p in outline.places}
    beats = []
    for b, start in enumerate(starts):
        end = starts[b + 1] if b + 1 < len(starts) else n
        members = tuple(s.index for s in plot[start:end])
        named = [place_of[i] for i in members if i in place_of]
        carried = carried_of.get(members[0]) if not named else None
        heading = named[0] if named else carried
        tps = tuple(tp for tp in outline.turning_points if tp.sentence in members)
        beats.append(
            Beat(
                b,
                members,
                place=places[heading] if heading else None,
                turning_points=tps,
                place_carried=carried is not None,
            )
        )

    beat_of = {i: beat.index for beat in beats for i in beat.sentences}
    tp_beats = [beat_of[tp.sentence] for tp in outline.turning_points]
    by_act: dict[int, list[Sequence]] = {}
    for label, first, last in sequence_spans(len(beats), tp_beats):
        seq = Sequence(label, sequence_name(label), tuple(range(first, last)))
        by_act.setdefault(act_of_sequence(label), []).append(seq)
    acts = tuple(Act(number, tuple(seqs)) for number, seqs in sorted(by_act.items()))
    return replace(outline, beats=tuple(beats), acts=acts)
