"""Who is in each sentence, read from spaCy's parse: the characters named or acting, and
the main characters (the turning points' `ent` features)."""

from __future__ import annotations

import numpy as np
import pytest

from outliner.turning_points.features import GROUPS, sentence_features
from outliner.turning_points.story import CAST_FEATURES, cast_features, cast_of, parse_synopsis

STORY = (
    "Tom Baker is a thief in London.",
    "Years earlier, Tom had watched Inspector Victor Crane arrest his father.",
    "Tom meets Anna at the market and falls for her.",
    "Crane captures Tom at the station.",
    "He escapes from the jail.",
    "Crane kills Anna in the village.",
    "Tom fights Crane at the river.",
    "Tom defeats Crane.",
    "Tom returns home with his friend Maria.",
)


@pytest.fixture(scope="module")
def docs() -> list:
    return parse_synopsis(STORY)


def column(name: str) -> int:
    return CAST_FEATURES.index(name)


def test_the_main_characters_are_the_most_central(docs: list) -> None:
    cast = cast_of(docs)
    assert cast.main[0] == "Tom"  # "Tom Baker" and "Tom" are one person
    assert set(cast.main) == {"Tom", "Crane", "Anna"}
    assert cast.centrality["Tom"] > cast.centrality["Crane"] > cast.centrality["Maria"]


def test_parses_line_up_with_the_given_sentences(docs: list) -> None:
    assert [doc.text.strip() for doc in docs] == list(STORY)


def test_new_and_main_characters_per_sentence(docs: list) -> None:
    features = cast_features(docs)
    assert features.shape == (len(STORY), len(CAST_FEATURES))
    new = features[:, column("new_characters")]
    assert new[0] == 1  # Tom
    assert new[2] == 1  # Anna
    assert new[3] == 0  # Crane and Tom were both named before
    assert new[8] == 1  # Maria
    main = features[:, column("main_present")]
    assert main[6] == 2  # Tom and Crane
    assert main[4] == 1  # "He": the running subject, Crane


def test_every_group_has_a_row_per_sentence(docs: list) -> None:
    embeddings = np.random.default_rng(0).normal(size=(len(STORY), 8))
    groups = sentence_features(STORY, embeddings, docs)
    assert set(groups) == set(GROUPS)
    assert all(block.shape[0] == len(STORY) for block in groups.values())
    assert all(np.isfinite(block).all() for block in groups.values())


def test_no_characters_no_crash() -> None:
    docs = parse_synopsis(("It rains.", "The river floods the town."))
    features = cast_features(docs)
    assert features.shape == (2, len(CAST_FEATURES))
    assert features.sum() == 0
