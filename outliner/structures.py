"""Story structures anchored on the five turning points, in one place.

The turning points (TRIPOD's Opportunity, Change of Plans, Point of No Return, Major
Setback, Climax) are the anchors; acts and sequences are cut at them rather than at fixed
percentages, because a real story rarely hits the theory's positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from outliner.document import Outline

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


# --- Named structures: the same beats, labelled and grouped by a theory -----------------
#
# Every structure is a list of slots in story order, each in an act. A slot is anchored on
# the detected turning points, never on fixed percentages:
#   ("tp", k)      the beat holding turning point k;
#   ("span", k)    the beats between turning point k's beat and the next anchor (k = 0:
#                  from the story's start; k = 5: to its end);
#   ("tp+span", k) both: the turning point's beat and the span after it;
#   ("first", k) / ("last", k)   the first / last beat of that span only, the rest going
#                  to the neighbouring ("span", k) slot;
#   ("none", 0)    something the outline cannot know (a theme, a mentor, a B story): the
#                  slot stays visibly empty rather than invented.
# Eight sequences is the exception: its slots are the outline's own acts and sequences.

Slot = tuple[str, str, int, int]  # (name, kind, k, act)

STRUCTURES: dict[str, tuple[Slot, ...]] = {
    "three-act": (
        ("Set-up", "span", 0, 1),
        ("Inciting Incident", "tp", 1, 1),
        ("Lock-in", "span", 1, 1),
        ("Plot Point 1", "tp", 2, 1),
        ("Rising Action", "span", 2, 2),
        ("Midpoint", "tp", 3, 2),
        ("Complications", "span", 3, 2),
        ("Plot Point 2", "tp", 4, 2),
        ("Build to the Climax", "span", 4, 3),
        ("Climax", "tp", 5, 3),
        ("Resolution", "span", 5, 3),
    ),
    "five-tp": (
        ("Setup", "span", 0, 1),
        ("Turning Point 1: Opportunity", "tp", 1, 1),
        ("New Situation", "span", 1, 1),
        ("Turning Point 2: Change of Plans", "tp", 2, 1),
        ("Progress", "span", 2, 2),
        ("Turning Point 3: Point of No Return", "tp", 3, 2),
        ("Complications and Higher Stakes", "span", 3, 2),
        ("Turning Point 4: Major Setback", "tp", 4, 2),
        ("Final Push", "span", 4, 3),
        ("Turning Point 5: Climax", "tp", 5, 3),
        ("Aftermath", "span", 5, 3),
    ),
    "save-the-cat": (
        ("Opening Image", "first", 0, 1),
        ("Theme Stated", "none", 0, 1),
        ("Set-up", "span", 0, 1),
        ("Catalyst", "tp", 1, 1),
        ("Debate", "span", 1, 1),
        ("Break into Two", "tp", 2, 2),
        ("B Story", "none", 0, 2),
        ("Fun and Games", "span", 2, 2),
        ("Midpoint", "tp", 3, 2),
        ("Bad Guys Close In", "span", 3, 2),
        ("All Is Lost", "tp", 4, 2),
        ("Dark Night of the Soul", "span", 4, 2),
        ("Break into Three", "last", 4, 3),
        ("Finale", "tp+span", 5, 3),
        ("Final Image", "last", 5, 3),
    ),
    "heros-journey": (
        ("Ordinary World", "span", 0, 1),
        ("Call to Adventure", "tp", 1, 1),
        ("Refusal of the Call", "span", 1, 1),
        ("Meeting the Mentor", "none", 0, 1),
        ("Crossing the Threshold", "tp", 2, 2),
        ("Tests, Allies, Enemies", "span", 2, 2),
        ("Approach to the Inmost Cave", "last", 2, 2),
        ("Ordeal", "tp", 3, 2),
        ("Reward", "span", 3, 2),
        ("The Road Back", "tp+span", 4, 3),
        ("Resurrection", "tp", 5, 3),
        ("Return with the Elixir", "span", 5, 3),
    ),
    "eight-sequences": (),
}
STRUCTURE_NAMES = tuple(STRUCTURES)
DEFAULT_STRUCTURE = "three-act"


@dataclass(frozen=True)
class Part:
    """One structure beat (or sequence) and the outline beats it holds; empty: unsupported."""

    name: str
    beats: tuple[int, ...]


@dataclass(frozen=True)
class Division:
    """An act of the chosen structure."""

    number: int
    parts: tuple[Part, ...]

    @property
    def beats(self) -> tuple[int, ...]:
        return tuple(b for part in self.parts for b in part.beats)


def arrange(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> tuple[Division, ...]:
    """The outline's beats grouped into acts and structure beats of `structure`."""
    if structure not in STRUCTURES:
        raise ValueError(f"unknown structure {structure!r}")
    if structure == "eight-sequences":
        return tuple(
            Division(
                act.number,
                tuple(Part(f"Sequence {q.label}: {q.name}", q.beats) for q in act.sequences),
            )
            for act in outline.acts
        )
    anchors = _anchor_beats(outline)
    spans = _spans(len(outline.beats), anchors)
    by_act: dict[int, list[Part]] = {1: [], 2: [], 3: []}
    slots = STRUCTURES[structure]
    # "first"/"last" slots claim their beat before the span they cut from, and leave the
    # span slot at least one beat.
    claimed: dict[int, tuple[int, ...]] = {}
    for i, (_, kind, k, _) in enumerate(slots):
        span = spans[k]
        keep = 1 if _has_span_slot(slots, k) else 0
        anchor = anchors[k - 1] if 1 <= k <= 5 else None
        if kind in ("tp", "tp+span") and anchor is not None:
            claimed[i] = (anchor,)
        elif kind == "first" and span:  # the opening image outranks the set-up
            claimed[i] = span[:1]
        elif kind == "last" and len(span) > keep:
            claimed[i] = span[-1:]
    taken: set[int] = {b for beats in claimed.values() for b in beats}
    for i, (name, kind, k, act) in enumerate(slots):
        beats = claimed.get(i, ())
        if kind in ("span", "tp+span"):
            beats += tuple(b for b in spans[k] if b not in taken)
        by_act[act].append(Part(name, beats))
    return tuple(Division(n, tuple(parts)) for n, parts in by_act.items())


def _has_span_slot(slots: tuple[Slot, ...], k: int) -> bool:
    return any(kind in ("span", "tp+span") and kk == k for _, kind, kk, _ in slots)


def _anchor_beats(outline: Outline) -> list[int | None]:
    """The beat holding each turning point; None when an earlier one holds it already."""
    beat_of = {i: beat.index for beat in outline.beats for i in beat.sentences}
    anchors: list[int | None] = []
    seen: set[int] = set()
    for number in range(1, 6):
        tp = next((t for t in outline.turning_points if t.number == number), None)
        beat = beat_of.get(tp.sentence) if tp is not None else None
        anchors.append(beat if beat is not None and beat not in seen else None)
        if beat is not None:
            seen.add(beat)
    return anchors


def _spans(n_beats: int, anchors: list[int | None]) -> dict[int, tuple[int, ...]]:
    """Beats strictly between turning point k's beat and the next present anchor."""
    cuts = [(0, -1)] + [(k + 1, b) for k, b in enumerate(anchors) if b is not None]
    spans: dict[int, tuple[int, ...]] = dict.fromkeys(range(6), ())
    for j, (k, start) in enumerate(cuts):
        end = cuts[j + 1][1] if j + 1 < len(cuts) else n_beats
        spans[k] = tuple(range(start + 1, end))
    return spans
