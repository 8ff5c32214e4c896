"""Story structures anchored on the five turning points, in one place.

The turning points (TRIPOD's Opportunity, Change of Plans, Point of No Return, Major
Setback, Climax) are the anchors; acts and sequences are cut at them rather than at fixed
percentages, because a real story rarely hits the theory's positions.
"""

from __future__ import annotations

from collections.abc import Sequence

ACT_NAMES = ("ONE", "TWO", "THREE")

# Where the theory puts each turning point, as a share of the story (Hauge; DESIGN.md).
THEORY_POSITIONS = (0.10, 0.25, 0.50, 0.75, 0.95)

# Gulino's eight sequences: A, B make Act I; C to F Act II; G, H Act III.
EIGHT_SEQUENCES: tuple[tuple[str, str], ...] = (
    ("A", "Status Quo and Inciting Incident"),
    ("B", "Predicament and Lock-in"),
    ("C", "First Obstacle"),
    ("D", "First Culmination"),
    ("E", "Subplot and Rising Action"),
    ("F", "Main Culmination"),
    ("G", "New Tension"),
    ("H", "Climax and Resolution"),
)
SEQUENCES_OF_ACT = (("A", "B"), ("C", "D", "E", "F"), ("G", "H"))


def act_spans(n: int, turning_points: Sequence[int]) -> list[tuple[int, int]]:
    """Half-open [start, end) spans of the three acts over n plot sentences.

    Act I ends at Change of Plans (TP2), Act II runs to Major Setback (TP4), Act III
    starts after it. An act may be empty when the synopsis is too short.
    """
    _, tp2, _, tp4, _ = turning_points
    one_end = min(n, tp2 + 1)
    two_end = max(one_end, min(n, tp4 + 1))
    return [(0, one_end), (one_end, two_end), (two_end, n)]


def sequence_spans(n_beats: int, tp_beats: Sequence[int]) -> list[tuple[str, int, int]]:
    """(label, start, end) of the eight sequences over beats, anchored on the turning points.

    tp_beats[k] is the beat holding turning point k+1. A ends with the Opportunity beat,
    B with Change of Plans, D with the Point of No Return (midpoint), F with the Major
    Setback; H opens with the Climax. Pairs (C, D) and (E, F) share their stretch evenly.
    Empty sequences are left out.
    """
    b1, b2, b3, b4, b5 = tp_beats
    stretches: list[tuple[tuple[str, ...], int, int]] = [
        (("A",), 0, b1 + 1),
        (("B",), b1 + 1, b2 + 1),
        (("C", "D"), b2 + 1, b3 + 1),
        (("E", "F"), b3 + 1, b4 + 1),
        (("G",), b4 + 1, b5),
        (("H",), max(b4 + 1, b5), n_beats),
    ]
    spans: list[tuple[str, int, int]] = []
    for labels, start, end in stretches:
        start, end = max(0, start), min(n_beats, end)
        if end <= start:
            continue
        if len(labels) == 2:
            middle = start + (end - start) // 2
            parts = [(labels[0], start, middle), (labels[1], middle, end)]
        else:
            parts = [(labels[0], start, end)]
        spans.extend(p for p in parts if p[2] > p[1])
    return spans


def sequence_name(label: str) -> str:
    return dict(EIGHT_SEQUENCES)[label]


def act_of_sequence(label: str) -> int:
    return next(i for i, labels in enumerate(SEQUENCES_OF_ACT, start=1) if label in labels)
