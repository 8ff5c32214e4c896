"""The turning-point model: exact decoding, TRIPOD metrics and CSV reading, the CLI
commands, and training that rebuilds the same weights from the same data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from outliner.backends.encoder import HashingEncoder
from outliner.cli import app
from outliner.errors import InputError
from outliner.stages.structure import default_detector
from outliner.turning_points import train
from outliner.turning_points.decode import brute_force, decode, decode_short, decode_with_gaps
from outliner.turning_points.evaluate import (
    Scores,
    distance,
    film_averaged,
    partial_agreement,
    total_agreement,
)
from outliner.turning_points.model import Config, Recipe, TurningPointModel
from outliner.turning_points.tripod import TP_COLUMNS, film_of, read_csv
from tests.conftest import ROOT

runner = CliRunner()
TRIPOD = ROOT.parent / "shared" / "data" / "tripod" / "synopses_train.csv"


def tripod_csv(path: Path, rows: list[tuple[str, int, list[int]]]) -> Path:
    """A small CSV in TRIPOD's format: (movie_name, sentence count, gold indices)."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["movie_name", "synopsis_raw", "synopsis_segmented", *TP_COLUMNS])
        for name, n, gold in rows:
            sentences = [f"Sentence {i} where Ballu meets Ganga at the bank." for i in range(n)]
            segmented = " ".join(f"[STR_SENT] {s} [END_SENT]" for s in sentences)
            writer.writerow([name, " ".join(sentences), segmented, *gold])
    return path


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize("seed", range(40))
def test_decoding_is_exact_against_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 11))
    scores = np.log(rng.dirichlet(np.ones(n), size=5).T)
    path = decode(scores)
    assert path == sorted(set(path)) and len(path) == 5
    best, _ = brute_force(scores)
    assert sum(scores[i, k] for k, i in enumerate(path)) == pytest.approx(best)


def test_decoding_beats_greedy_when_greedy_breaks_the_order() -> None:
    scores = np.full((6, 5), -10.0)
    scores[3, 0] = 0.0  # TP1 prefers a late sentence...
    for k, i in enumerate([1, 2, 3, 4], start=1):
        scores[i, k] = -1.0  # ...the others prefer early ones
    assert decode(scores) == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("seed", range(20))
def test_decoding_with_a_spacing_prior_is_exact(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 10))
    scores = np.log(rng.dirichlet(np.ones(n), size=5).T)
    gaps = np.column_stack([rng.uniform(0.1, 0.3, 4), rng.uniform(0.05, 0.2, 4)])
    path = decode_with_gaps(scores, gaps, 0.7)
    assert path == sorted(set(path)) and len(path) == 5

    def total(combo: tuple[int, ...]) -> float:
        own = sum(scores[i, k] for k, i in enumerate(combo))
        gap = np.diff(combo) / n
        return float(own - 0.5 * 0.7 * np.sum(((gap - gaps[:, 0]) / gaps[:, 1]) ** 2))

    from itertools import combinations

    best = max(total(c) for c in combinations(range(n), 5))
    assert total(tuple(path)) == pytest.approx(best)
    assert decode_with_gaps(scores, gaps, 0.0) == decode(scores)


def test_short_synopsis_keeps_order() -> None:
    scores = np.log(np.array([[0.9, 0.1, 0.5, 0.2, 0.1], [0.1, 0.9, 0.5, 0.8, 0.9]]))
    assert decode_short(scores) == [0, 1, 1, 1, 1]
    with pytest.raises(ValueError):
        decode(scores)


# ---------------------------------------------------------------- metrics


def test_metrics_on_a_hand_example() -> None:
    pred, gold = [4, 10, 20, 30, 38], [5, 10, 20, 31, 38]
    assert total_agreement(pred, gold) == 60.0
    assert partial_agreement(pred, gold) == 60.0
    assert distance(pred, gold, 40) == pytest.approx(100 * (1 + 0 + 0 + 1 + 0) / 5 / 40)
    assert partial_agreement([{4, 5}, {9}, {20}, {30}, {38}], gold) == 60.0


def test_film_average_weighs_films_not_rows() -> None:
    named = [
        ("Jaws_0", Scores(100, 100, 0)),
        ("Jaws_1", Scores(0, 0, 10)),
        ("Alien_0", Scores(40, 40, 2)),
    ]
    assert film_averaged(named) == Scores(45, 45, 3.5)
    assert film_of("Beloved (film)_12") == "Beloved (film)"


# ---------------------------------------------------------------- CSV


def test_reads_the_train_split_with_its_own_segmentation() -> None:
    if not TRIPOD.exists():
        pytest.skip("TRIPOD data not beside the repository")
    rows = read_csv(TRIPOD)
    assert len(rows) == 128 and len({r.film for r in rows}) == 84
    assert all(r.gold is not None and list(r.gold) == sorted(r.gold) for r in rows)


def test_reads_a_small_csv(tmp_path: Path) -> None:
    rows = read_csv(tripod_csv(tmp_path / "t.csv", [("A_0", 8, [1, 2, 4, 5, 7])]))
    assert rows[0].movie_name == "A_0" and len(rows[0].sentences) == 8
    assert rows[0].gold == (1, 2, 4, 5, 7)


@pytest.mark.parametrize(
    "content,fragment",
    [
        ("name,text\nx,y\n", "missing column"),
        ("movie_name,synopsis_segmented,tp1,tp2,tp3,tp4,tp5\n", "no rows"),
        ("movie_name,synopsis_segmented,tp1,tp2,tp3,tp4,tp5\nA_0,no markers,0,1,2,3,4\n", "[STR"),
        (
            "movie_name,synopsis_segmented,tp1,tp2,tp3,tp4,tp5\n"
            "A_0,[STR_SENT] a [END_SENT],0,1,2,3,9\n",
            "outside",
        ),
        (
            "movie_name,synopsis_segmented,tp1,tp2,tp3,tp4,tp5\n"
            "A_0,[STR_SENT] a [END_SENT],x,1,2,3,4\n",
            "indices",
        ),
    ],
)
def test_bad_csv_is_an_input_error(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=fragment.replace("[", r"\[")):
        read_csv(path)


# ---------------------------------------------------------------- training


def _films(rows: int = 12) -> list[train.Film]:
    if not TRIPOD.exists():
        pytest.skip("TRIPOD data not beside the repository")
    encoder = HashingEncoder(64)
    subset = read_csv(TRIPOD)[:rows]
    return train.group_films(subset, lambda s: encoder.encode(list(s)))


def test_training_is_reproducible_to_the_byte(tmp_path: Path) -> None:
    films = _films()
    recipe = Recipe((Config(dims=8), Config(dims=4, groups=("pos", "emb", "ent"))), gap_weight=0.5)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    model = train.fit(films, recipe)
    model.save(first)
    train.fit(films, recipe).save(second)
    assert first.read_bytes() == second.read_bytes()
    loaded = TurningPointModel.load(first)
    assert loaded.recipe == recipe and len(loaded.members) == 2
    film = films[0]
    points = loaded.predict(film.sentences, film.embeddings)
    assert points == sorted(set(points)) and len(points) == 5
    # float32 weights on disk: the same choice as the model in memory
    assert points == model.decode(model.group_scores(film.groups))


def test_position_weights_have_no_shared_part() -> None:
    config = Config(dims=4, groups=("emb", "pos"), l2=100.0, l2_pos=0.1, l2_shared=10.0)
    per_point, shared = train.penalties(config, [4, 13])
    assert (shared[:4] == 10.0).all() and (shared[4:] == train.FROZEN).all()
    assert (per_point[:, :4] == 100.0).all() and (per_point[:, 4:] == 0.1).all()


def test_cross_validation_keeps_each_film_on_one_side() -> None:
    films = _films(30)
    assignment = train.folds(films, 3, seed=0)
    assert sorted(set(assignment)) == [0, 1, 2]
    names = [f.name for f in films]
    assert len(names) == len(set(names))  # annotation rows of a film are one Film
    result = train.cross_validate(films, Recipe((Config(dims=4),)), k=3)
    assert set(result.fold_scores) == {"model", "theory", "distribution"}
    rows = sum(len(f.rows) for f in films)
    assert len(result.named["model"]) == rows


def test_default_detector_is_the_trained_model() -> None:
    detector = default_detector()
    assert isinstance(detector, TurningPointModel)
    n = 30
    emb = HashingEncoder(384).encode([f"Sentence {i} about Ram." for i in range(n)])
    points = detector.detect([f"Sentence {i} about Ram." for i in range(n)], emb)
    assert [p.number for p in points] == [1, 2, 3, 4, 5]
    indices = [p.sentence for p in points]
    assert indices == sorted(set(indices))
    assert all(p.score is not None and 0 < p.score <= 1 for p in points)


# ---------------------------------------------------------------- CLI (real MiniLM)


STORY = (
    "Ballu is a thief in Mumbai. Inspector Ram arrests him at the market. "
    "Ballu escapes from jail and hides in his den. Ganga, Ram's sister, falls for Ballu. "
    "Ram learns that Ballu killed his father. Ram vows revenge. "
    "Ballu kidnaps Ganga and takes her to the village. Ram follows them to the village. "
    "Ram fights Ballu at the river. Ballu dies in the river. Ram and Ganga return home."
)


def test_turning_points_command(tmp_path: Path) -> None:
    path = tmp_path / "film.txt"
    path.write_text(STORY)
    result = runner.invoke(app, ["turning-points", str(path), "--json"])
    assert result.exit_code == 0, result.output
    points = json.loads(result.output)
    assert [p["label"] for p in points][0] == "Opportunity"
    indices = [p["index"] for p in points]
    assert indices == sorted(set(indices)) and all(p["text"] for p in points)
    text = runner.invoke(app, ["turning-points", str(path)])
    assert text.exit_code == 0 and "TP5 Climax" in text.output


def test_turning_points_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["turning-points", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.output.count("error:") == 1 and "Traceback" not in result.output


def test_eval_tripod_command(tmp_path: Path) -> None:
    csv_path = tripod_csv(
        tmp_path / "t.csv", [("A_0", 12, [1, 3, 6, 8, 11]), ("A_1", 12, [2, 3, 6, 9, 11])]
    )
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", "tripod", str(csv_path), "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    assert "film-averaged" in result.output and "TA" in result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [x["movie_name"] for x in lines] == ["A_0", "A_1"]
    assert lines[0]["num_sentences"] == 12 and len(lines[0]["turning_points"]) == 5


def test_eval_tripod_bad_csv(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,text\nx,y\n")
    result = runner.invoke(app, ["eval", "tripod", str(bad), "--predictions", str(tmp_path / "p")])
    assert result.exit_code == 1
    assert result.output.count("error:") == 1 and "missing column" in result.output
    assert not (tmp_path / "p").exists()
    missing = runner.invoke(app, ["eval", "tripod", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_short_synopsis_with_the_trained_model_says_acts_are_approximate() -> None:
    from outliner.diagnostics import Code
    from outliner.document import Outline
    from outliner.stages.read import read
    from outliner.stages.structure import structure
    from outliner.structures import act_spans

    outline = Outline(read("Ballu escapes. Ram chases him. Ganga helps Ram."))
    emb = HashingEncoder(384).encode([s.text for s in outline.document.plot])
    outline = structure(outline, default_detector(), emb)
    indices = [tp.sentence for tp in outline.turning_points]
    assert len(indices) == 5 and indices == sorted(indices)
    assert any(d.code is Code.TOO_SHORT_FOR_TURNING_POINTS for d in outline.diagnostics)
    spans = act_spans(3, indices)
    assert spans[0][0] == 0 and spans[-1][1] == 3


def test_turning_points_command_on_a_short_synopsis_warns(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Ballu escapes from jail. Ram chases him.")
    result = runner.invoke(app, ["turning-points", str(path)])
    assert result.exit_code == 0, result.output
    assert "W301" in result.output and "TP5 Climax" in result.output
