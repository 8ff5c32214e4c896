import numpy as np
import pytest

from outliner.diagnostics import Code
from outliner.document import Outline
from outliner.stages.read import read
from outliner.stages.structure import TheoryPositions, spread, structure
from outliner.structures import act_spans, sequence_spans


@pytest.mark.parametrize("n", range(1, 60))
def test_theory_positions_are_ordered_and_distinct_when_possible(n: int) -> None:
    indices = spread((0.10, 0.25, 0.50, 0.75, 0.95), n)
    assert indices == sorted(indices)
    assert all(0 <= i < n for i in indices)
    if n >= 5:
        assert len(set(indices)) == 5


def test_theory_positions_on_forty_sentences() -> None:
    tps = TheoryPositions().detect(["x"] * 40, np.zeros((40, 4)))
    assert [tp.sentence for tp in tps] == [4, 10, 20, 30, 38]
    assert [tp.label for tp in tps][1] == "Change of Plans"


def test_acts_end_at_change_of_plans_and_major_setback() -> None:
    assert act_spans(40, [4, 10, 20, 30, 38]) == [(0, 11), (11, 31), (31, 40)]


def test_short_synopsis_gets_acts_and_a_diagnostic() -> None:
    outline = Outline(read("Ballu escapes. Ram chases him."))
    outline = structure(outline, TheoryPositions(), np.zeros((2, 4)))
    assert len(outline.turning_points) == 5
    assert any(d.code is Code.TOO_SHORT_FOR_TURNING_POINTS for d in outline.diagnostics)
    spans = act_spans(2, [tp.sentence for tp in outline.turning_points])
    assert spans[0][0] == 0 and spans[-1][1] == 2


@pytest.mark.parametrize(
    "n_beats,tp_beats",
    [(13, [1, 3, 6, 9, 11]), (8, [0, 1, 3, 5, 7]), (5, [0, 0, 2, 4, 4]), (1, [0, 0, 0, 0, 0])],
)
def test_sequences_cover_every_beat_once_in_order(n_beats: int, tp_beats: list[int]) -> None:
    spans = sequence_spans(n_beats, tp_beats)
    covered = [b for _, start, end in spans for b in range(start, end)]
    assert covered == list(range(n_beats))
    labels = [label for label, _, _ in spans]
    assert labels == sorted(labels)


def test_sequences_are_anchored_on_turning_points() -> None:
    spans = {label: (s, e) for label, s, e in sequence_spans(13, [1, 3, 6, 9, 11])}
    assert spans["A"] == (0, 2)  # ends with the Opportunity beat
    assert spans["B"] == (2, 4)  # ends with Change of Plans
    assert spans["D"][1] == 7  # the midpoint closes D
    assert spans["H"][0] == 11  # the Climax opens H
