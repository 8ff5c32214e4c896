import itertools

import pytest

from outliner.document import Outline
from outliner.stages.analyse import analyse
from outliner.stages.beats import LENGTH_PENALTY, cut, default_beat_count, segment, share
from outliner.stages.read import read
from outliner.stages.structure import structure
from tests.conftest import fake_models, seed_text


def _score(gains: list[float], n: int, starts: list[int]) -> float:
    """The objective cut() maximises: cut gains minus the length penalty."""
    k = len(starts)
    ends = [*starts[1:], n]
    penalty = sum(
        LENGTH_PENALTY * ((e - s) - n / k) ** 2 / (n / k) for s, e in zip(starts, ends, strict=True)
    )
    return sum(gains[s - 1] for s in starts[1:]) - penalty


def _brute(gains: list[float], n: int, k: int) -> float:
    return max(_score(gains, n, [0, *c]) for c in itertools.combinations(range(1, n), k - 1))


@pytest.mark.parametrize("n,k", [(6, 3), (9, 4), (10, 2), (7, 7), (8, 1)])
def test_cut_is_the_exact_optimum(n: int, k: int) -> None:
    gains = [((i * 37) % 11) / 10 for i in range(n - 1)]
    starts = cut(gains, n, k)
    assert starts[0] == 0 and len(starts) == k and starts == sorted(set(starts))
    assert _score(gains, n, starts) == pytest.approx(_brute(gains, n, k))


def test_share_keeps_every_part_between_one_and_its_length() -> None:
    assert share(13, [11, 20, 9]) == [4, 6, 3]
    assert share(3, [1, 1, 1]) == [1, 1, 1]
    assert share(10, [2, 0, 1]) == [2, 0, 1]
    assert sum(share(7, [5, 5, 5])) == 7


def test_default_beat_count() -> None:
    assert default_beat_count(1) == 1
    assert default_beat_count(26) == 13
    assert default_beat_count(12) == 8
    assert default_beat_count(200) == 30


def _beats(text: str, target: int | None = None) -> Outline:
    models = fake_models()
    outline = analyse(Outline(read(text)))
    embeddings = models.encoder.encode([s.text for s in outline.document.plot])
    outline = structure(outline, models.detector, embeddings)
    return segment(outline, embeddings, target)


@pytest.mark.parametrize("seed", ["000", "001", "002"])
@pytest.mark.parametrize("target", [None, 5, 20])
def test_every_plot_sentence_is_in_exactly_one_beat_in_order(seed: str, target: int | None) -> None:
    outline = _beats(seed_text(seed), target)
    flat = [i for beat in outline.beats for i in beat.sentences]
    assert flat == [s.index for s in outline.document.plot]
    in_acts = [b for act in outline.acts for b in act.beats]
    assert in_acts == list(range(len(outline.beats)))
    if target:
        assert len(outline.beats) == target


def test_acts_break_after_change_of_plans_and_major_setback() -> None:
    outline = _beats(seed_text("000"))
    tp2, tp4 = outline.turning_points[1].sentence, outline.turning_points[3].sentence
    act_one_last = outline.beats[outline.acts[0].beats[-1]].sentences[-1]
    act_two_last = outline.beats[outline.acts[1].beats[-1]].sentences[-1]
    assert (act_one_last, act_two_last) == (tp2, tp4)
    assert [a.number for a in outline.acts] == [1, 2, 3]


def test_turning_points_sit_in_the_beat_that_holds_their_sentence() -> None:
    outline = _beats(seed_text("002"))
    for beat in outline.beats:
        for tp in beat.turning_points:
            assert tp.sentence in beat.sentences
    assert sum(len(b.turning_points) for b in outline.beats) == 5


def test_a_single_sentence_is_one_beat_in_act_one() -> None:
    outline = _beats("Ballu escapes from jail.")
    assert len(outline.beats) == 1
    assert [a.number for a in outline.acts] == [1]
