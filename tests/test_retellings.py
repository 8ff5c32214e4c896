"""Retellings: finding them, one name per person, fusing them into one story, --each."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from outliner.backends.encoder import MiniLMEncoder
from outliner.backends.fake import FakeSummarizer
from outliner.cli import app
from outliner.document import Document, Retelling, Sentence, SentenceKind
from outliner.pipeline import Models, outlines
from outliner.stages.read import read
from outliner.stages.retell import retell
from outliner.stages.structure import TheoryPositions
from outliner.story.cast import differences, rename, renames
from outliner.story.characters import find_characters
from outliner.story.commentary import mark_commentary
from outliner.story.retellings import alignment, find_retellings, fuse
from tests.conftest import seed_text


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def _document(tellings: list[list[str]]) -> Document:
    sentences = []
    for number, telling in enumerate(tellings, start=1):
        for text in telling:
            sentences.append(Sentence(len(sentences), text, number - 1, retelling=number))
    retellings = tuple(
        Retelling(n, tuple(s.index for s in sentences if s.retelling == n))
        for n in range(1, len(tellings) + 1)
    )
    return Document("test", tuple(sentences), retellings=retellings if len(tellings) > 1 else ())


def test_alignment_keeps_the_order_and_matches_only_alike_pairs() -> None:
    similarity = np.array(
        [
            [0.9, 0.1, 0.1],
            [0.1, 0.2, 0.8],  # row 1 is most like column 2 ...
            [0.1, 0.7, 0.1],  # ... so row 2 cannot also match column 1 (it comes before)
        ]
    )
    assert alignment(similarity, 0.5) == [(0, 0), (1, 2)]
    assert alignment(np.full((2, 2), 0.3), 0.5) == []


def test_each_retelling_calls_its_hero_by_the_films_name() -> None:
    document = _document(
        [
            ["Raju is a reformed thief.", "Raju lives with his wife Malati.", "Mathur hunts."],
            [
                "Raghu steals food.",
                "Raghu meets Malti, who runs from her guardian Raju.",
                "Raghu refuses to give Malti to Raju.",
                "Raghu and Malti marry.",
            ],
        ]
    )
    table, notes = renames(document, find_characters(document, document.plot))
    assert table[1]["Raju"] == "Raghu"  # the opening's hero is the others' Raghu ...
    assert "Raju" not in table[2]  # ... while Raju stays the guardian in retelling 2
    assert table[1]["Malati"] == table[2]["Malati"] == "Malti"
    renamed = rename(document, table)
    assert [s.text for s in renamed.plot][:2] == [
        "Raghu is a reformed thief.",
        "Raghu lives with his wife Malti.",
    ]
    assert "Raju" in renamed.plot[4].text
    assert ("Raju", "Raghu") in renamed.aliases
    assert any("names the hero Raju" in n for n in notes)


def test_look_alike_names_that_never_meet_are_one_person() -> None:
    document = _document(
        [
            ["Anna marries Tom.", "They have a daughter Banku.", "Tom leaves."],
            ["Tom meets Anna.", "Anna gives birth to a baby girl Banthu.", "Tom goes."],
        ]
    )
    table, notes = renames(document, find_characters(document, document.plot))
    assert table[2].get("Banthu") == "Banku"
    assert any("Banthu and Banku" in n for n in notes)
    # Names that meet in one retelling are two people, however alike.
    together = _document([["Banku greets Banthu.", "Banku leaves."], ["Banthu waits.", "x."]])
    table, _ = renames(together, find_characters(together, together.plot))
    assert "Banthu" not in table[2] and "Banthu" not in table[1]


def test_a_job_two_retellings_disagree_on_becomes_a_note() -> None:
    document = _document(
        [
            ["Ram loves his fiance inspector Ganga.", "Ganga waits."],
            ["Ram loves the prison guard Ganga.", "Ganga waits."],
            ["Ganga, who is employed as a prison guard, helps.", "Ram waits."],
        ]
    )
    notes = differences(document, find_characters(document, document.plot))
    assert notes == [
        "Retellings differ: Ganga is an inspector in retelling 1; a guard in retellings 2, 3."
    ]


def _vectors(document: Document, topics: dict[int, int], size: int = 8) -> np.ndarray:
    """One unit vector per plot sentence: sentences with one topic are alike."""
    out = np.zeros((len(document.plot), size))
    for row, s in enumerate(document.plot):
        out[row, topics[s.index]] = 1.0
    return out


def test_fusing_tells_each_event_once_and_keeps_every_sentence() -> None:
    document = _document(
        [
            ["Childhood.", "Meets Malti.", "Marries Malti.", "Murder."],
            ["Meets Malti again.", "The reward.", "Marries Malti again."],
        ]
    )
    topics = {0: 0, 1: 1, 2: 2, 3: 3, 4: 1, 5: 4, 6: 2}
    vectors = _vectors(document, topics)
    fused = fuse(document, {s.index: v for s, v in zip(document.plot, vectors, strict=True)})
    assert [s.text for s in fused.plot] == [
        "Childhood.",
        "Meets Malti.",
        "The reward.",
        "Marries Malti.",
        "Murder.",
    ]
    retold = {fused.sentences[s.retells].text: s.text for s in fused.sentences if s.retells}
    assert retold == {
        "Meets Malti.": "Meets Malti again.",
        "Marries Malti.": "Marries Malti again.",
    }
    assert sorted(s.text for s in fused.story) == sorted(s.text for s in document.sentences)


def test_one_synopsis_in_paragraphs_is_not_taken_for_retellings(encoder: MiniLMEncoder) -> None:
    text = (
        "Anna, a young baker in Lyon, dreams of opening her own shop. Her father, a strict"
        " miller, wants her to marry his apprentice Paul.\n"
        "Anna saves every coin and rents a small room near the station. She bakes at night"
        " and sells bread at dawn to the railway workers.\n"
        "When a fire destroys the mill, Paul loses his work and her father his savings. Anna"
        " takes them both in and the three run the shop together."
    )
    document = mark_commentary(read(text))
    vectors = encoder.encode([s.text for s in document.plot])
    assert find_retellings(document, vectors).retellings == ()


def test_seed_001_is_a_logline_and_four_retellings(encoder: MiniLMEncoder) -> None:
    document = mark_commentary(read(seed_text("001")))
    vectors = encoder.encode([s.text for s in document.plot])
    found = find_retellings(document, vectors)
    assert [len(r.sentences) for r in found.retellings] == [4, 9, 3, 6]
    assert found.sentences[0].kind is SentenceKind.LOGLINE
    assert {r.film for r in found.retellings} == {1}


def test_seed_002_is_an_opening_and_two_retellings_run_together(encoder: MiniLMEncoder) -> None:
    document = mark_commentary(read(seed_text("002")))
    vectors = encoder.encode([s.text for s in document.plot])
    found = find_retellings(document, vectors)
    assert [len(r.sentences) for r in found.retellings] == [4, 7, 10]
    ((story, embeddings),) = retell(document, encoder)
    assert len(embeddings) == len(story.plot) < len(document.plot)  # events told twice: once
    assert not any("Raju" in s.text for s in story.sentences if s.retelling == 1)


def test_two_films_in_one_file_give_two_outlines(encoder: MiniLMEncoder) -> None:
    jaws = (
        "A great white shark kills a swimmer off Amity Island. Police chief Martin Brody wants"
        " to close the beaches, but Mayor Larry Vaughn refuses. The shark kills a boy. Brody"
        " hires the fisherman Quint and the scientist Matt Hooper. They hunt the shark at sea"
        " and Brody finally blows it up with a scuba tank."
    )
    notting = (
        "William Thacker owns a travel bookshop in London. The film star Anna Scott walks into"
        " his shop one day. William spills orange juice on her and offers his house to change."
        " Anna kisses him and leaves. Months later she returns, and at a press conference she"
        " agrees to stay in England with William."
    )
    models = Models(FakeSummarizer(), encoder, TheoryPositions())
    made = outlines(jaws + "\n" + notting, "two.txt", models=models)
    assert len(made) == 2
    assert "shark" in made[0].document.text and "Anna" in made[1].document.text


def test_each_writes_one_outline_per_retelling(tmp_path: Path) -> None:
    source = tmp_path / "ballu.txt"
    source.write_text(seed_text("001"), encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    args = ["outline", str(source), "-o", str(out), "--model", "fake", "--date", "2026-01-01"]
    result = runner.invoke(app, [*args, "--each", "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"ballu-{n}.fountain" for n in range(1, 5)]
    again = runner.invoke(app, [*args, "--each", "-q"])
    assert again.exit_code == 1 and "exists" in again.output  # never overwritten silently
    fused = runner.invoke(app, [*args, "-q"])
    assert fused.exit_code == 0, fused.output
    text = (out / "ballu.fountain").read_text(encoding="utf-8")
    assert "Fused from 4 retellings" in text
