"""Story features for turning points, read from spaCy's parse: the protagonist, who acts
on whom, what goes wrong for the protagonist, backstory and the last confrontation."""

from __future__ import annotations

import numpy as np
import pytest

from outliner.turning_points.features import GROUPS, STORY_GROUPS, sentence_features
from outliner.turning_points.story import STORY_FEATURES, cast_of, parse_synopsis, story_features

STORY = (
    "Tom Baker is a thief in London.",
    "Years earlier, Tom had watched Inspector Victor Crane arrest his father.",
    "Tom meets Anna at the market and falls for her.",
    "Crane captures Tom at the station.",
    "Tom escapes from the jail.",
    "Crane kills Anna in the village.",
    "Tom fights Crane at the river.",
    "Tom defeats Crane.",
    "Tom returns home.",
)


@pytest.fixture(scope="module")
def docs() -> list:
    return parse_synopsis(STORY)


def column(name: str) -> int:
    return STORY_FEATURES.index(name)


def test_the_protagonist_is_the_most_central_character(docs: list) -> None:
    cast = cast_of(docs)
    assert cast.protagonist == "Tom"  # "Tom Baker" and "Tom" are one person
    assert cast.antagonist == "Crane"  # on the other side of a capture and a fight
    assert set(cast.main) == {"Tom", "Crane", "Anna"}


def test_parses_line_up_with_the_given_sentences(docs: list) -> None:
    assert [doc.text.strip() for doc in docs] == list(STORY)


def test_what_happens_to_the_protagonist(docs: list) -> None:
    features = story_features(docs)
    assert features.shape == (len(STORY), len(STORY_FEATURES))
    captured = features[:, column("prot_dies_or_captured")]
    assert captured[3] == 1 and captured.sum() == 1  # "Crane captures Tom"
    assert features[3, column("prot_patient")] == 1
    assert features[3, column("fortune_bad")] > 0
    assert features[5, column("ally_dies_or_captured")] == 1  # Anna, killed by Crane
    assert features[7, column("prot_wins")] == 1  # "Tom defeats Crane"
    assert features[7, column("fortune_good")] > 0


def test_backstory_and_the_sentence_after_it(docs: list) -> None:
    features = story_features(docs)
    backstory = features[:, column("backstory")]
    assert backstory[1] == 1 and backstory[0] == 0 and backstory[2] == 0
    assert features[2, column("after_backstory")] == 1


def test_the_last_confrontation_and_the_coda(docs: list) -> None:
    features = story_features(docs)
    last = features[:, column("last_confrontation")]
    assert last.sum() == 1 and int(np.argmax(last)) == 7  # "Tom defeats Crane"
    after = features[:, column("after_last_confrontation")]
    assert list(after[7:]) == [0, 1]


def test_every_group_has_a_row_per_sentence(docs: list) -> None:
    embeddings = np.random.default_rng(0).normal(size=(len(STORY), 8))
    groups = sentence_features(STORY, embeddings, docs)
    assert set(groups) == set(GROUPS)
    assert all(block.shape[0] == len(STORY) for block in groups.values())
    assert all(np.isfinite(block).all() for block in groups.values())
    named = {c for columns in STORY_GROUPS.values() for c in columns}
    assert named <= set(STORY_FEATURES)


def test_no_characters_no_crash() -> None:
    docs = parse_synopsis(("It rains.", "The river floods the town."))
    features = story_features(docs)
    assert features.shape == (2, len(STORY_FEATURES))
    assert features[:, column("prot_present")].sum() == 0
