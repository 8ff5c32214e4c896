import re
from datetime import date

import pytest

from outliner.backends.fake import FakeSummarizer
from outliner.config import Options
from outliner.diagnostics import Code
from outliner.document import LineOrigin
from outliner.pipeline import outline
from outliner.prompts import Task
from outliner.stages.lines import copied, opens_with_pronoun
from outliner.stages.summarise import clean, compress, misplaced_names, problem
from tests.conftest import fake_models, seed_text

SYNOPSIS = "Ballu is arrested by Inspector Ram. Ballu escapes from the jail."
WORDS = {w.lower() for w in SYNOPSIS.replace(".", "").split()}
NAMES = {"Ballu", "Ram"}


def _problem(line: str, task: Task = Task.BEAT, passage: str = SYNOPSIS) -> str | None:
    return problem(clean(line), task, passage, WORDS, NAMES)


def test_clean_keeps_one_sentence_on_one_line() -> None:
    assert (
        clean(' "ballu escapes from jail. Then he runs."\nPassage: x') == "Ballu escapes from jail."
    )
    assert clean("  \n") == ""


@pytest.mark.parametrize(
    "line,why",
    [
        ("", "empty"),
        ("Passage: Ballu escapes.", "repeated the prompt"),
        ("Ballu escapes from the jail " + "again and " * 20, "too long"),
        ("Ballu.", "too short"),
        ("Ballu escapes with Dorothy from the jail.", "names Dorothy"),
        ("Ballu / Ballu / Ballu / Ram escapes.", "repeats ballu"),
        ("Ballu steals a spaceship and flies to Mars orbit.", "names Mars"),
        ("Ballu steals a spaceship and flies away quickly.", "does not support"),
        ("Ram escapes from the jail.", "Ram escapes"),
    ],
)
def test_lines_that_fail_a_check(line: str, why: str) -> None:
    reason = _problem(line)
    assert reason is not None and why in reason


@pytest.mark.parametrize(
    "line",
    [
        "Ballu escapes from the jail.",
        "Ballu is arrested by Inspector Ram.",
        "Later Ballu escapes from jail.",
    ],
)
def test_faithful_lines_pass(line: str) -> None:
    assert _problem(line) is None


def test_misplaced_names_catch_swapped_roles() -> None:
    passage = "Ram kills Roshida and Ballu escapes. Ballu installs himself as the new boss."
    names = {"Ram", "Roshida", "Ballu"}
    assert misplaced_names("Ram installs himself as the new boss.", passage, names) == [
        "Ram installs"
    ]
    assert misplaced_names("Ballu installs himself as boss.", passage, names) == []


def test_compress_keeps_the_main_clause() -> None:
    assert (
        compress(
            "Ganga, afraid of the police (and the press), stops them, while Ram waits outside.", 24
        )
        == "Ganga, afraid of the police, stops them."
    )
    long = " ".join(["word"] * 40) + "."
    assert len(compress(long, 24).split()) == 24
    assert compress("the end", 24) == "The end."


def test_compress_cuts_a_long_sentence_where_a_clause_ends() -> None:
    sentence = (
        "Ballu manages to escape to Roshida's base where Roshida promises to help Ballu "
        "escape but betrays him and attempts to kill him and his mother."
    )
    assert compress(sentence, 24) == (
        "Ballu manages to escape to Roshida's base where Roshida promises to help Ballu "
        "escape but betrays him and attempts to kill him."
    )
    # No clause boundary in reach: never end on a function word.
    assert compress("one two three four five six seven of the house", 8) == (
        "One two three four five six seven."
    )


def test_unfaithful_model_lines_lose_to_compressions() -> None:
    def reply(task: Task, passage: str) -> str:
        return "Dorothy flies to Oz." if task is Task.BEAT else "A made up line about Toto."

    result = outline(
        seed_text("000"),
        "000.txt",
        Options(draft_date=date(2026, 1, 1)),
        fake_models(FakeSummarizer(reply)),
    )
    assert all(beat.origin is not LineOrigin.MODEL for beat in result.beats)
    assert all("Dorothy" not in beat.line for beat in result.beats)
    compressed = [b for b in result.beats if b.origin is LineOrigin.COMPRESSED]
    assert len(compressed) >= len(result.beats) - 1  # one beat tells only "She ..." clauses
    fallbacks = [d for d in result.diagnostics if d.code is Code.BEAT_LINE_FALLBACK]
    assert len(fallbacks) == len(result.beats) - len(compressed)
    assert result.title_page is not None
    assert result.title_page.title == "Untitled"  # the file name is no title; no invention
    assert result.title_page.title_origin is LineOrigin.FALLBACK


def test_a_compression_beats_a_copied_model_line() -> None:
    """The model copying its passage's long first sentence loses to a compression of it."""

    def copy(task: Task, passage: str) -> str:
        return re.split(r"(?<=[.!?])\s", passage, maxsplit=1)[0]

    result = outline(seed_text("000"), "000.txt", models=fake_models(FakeSummarizer(copy)))
    sources = [s.text for s in result.document.sentences]
    for beat in result.beats:
        assert not copied(beat.line, sources), beat.line
        assert len(beat.line.split()) <= 15
    long_first = [b for b in result.beats if len(result.sentence(b.sentences[0]).text.split()) > 15]
    assert long_first and all(b.origin is not LineOrigin.MODEL for b in long_first)


def test_no_beat_line_opens_with_a_pronoun() -> None:
    def pronoun(task: Task, passage: str) -> str:
        return "He escapes from the jail."  # faithful words, an opening pronoun

    for seed in ("000", "001", "002"):
        result = outline(seed_text(seed), "x.txt", models=fake_models(FakeSummarizer(pronoun)))
        for beat in result.beats:
            assert not opens_with_pronoun(beat.line), beat.line


def test_every_beat_line_is_short_and_whole() -> None:
    from outliner.backends.parser import parse_sentence
    from outliner.stages.lines import fragment

    for seed in ("000", "002"):
        result = outline(seed_text(seed), "x.txt", models=fake_models())
        for beat in result.beats:
            assert len(beat.line.split()) <= 15, beat.line
            if beat.origin is not LineOrigin.FALLBACK:
                assert fragment(parse_sentence(beat.line)) is None, beat.line


def test_the_same_input_gives_the_same_lines() -> None:
    from outliner.writers.fountain import to_fountain

    runs = [
        to_fountain(
            outline(
                seed_text("000"),
                "die_hard.txt",
                Options(draft_date=date(2026, 1, 1)),
                fake_models(),
            )
        )
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_given_titles_win_and_skip_the_model() -> None:
    summarizer = FakeSummarizer()
    result = outline(
        "# The Escape\nBallu escapes from jail. Ram is angry.",
        "x.txt",
        models=fake_models(summarizer),
    )
    assert result.title_page is not None and result.title_page.title == "The Escape"
    assert result.title_page.title_origin is LineOrigin.GIVEN
    assert Task.TITLE not in [task for task, _ in summarizer.calls]
    result = outline("Ballu escapes from jail.", "x.txt", Options(title="Mine"), fake_models())
    assert result.title_page is not None and result.title_page.title == "Mine"


def test_all_beats_of_a_synopsis_go_to_the_model_in_one_call() -> None:
    summarizer = FakeSummarizer()
    result = outline(seed_text("002"), "002.txt", models=fake_models(summarizer))
    assert summarizer.calls[0] == (Task.BEAT, len(result.beats))
    # And every candidate of every beat is scored in one call.
    assert summarizer.scored[0][0] is Task.BEAT and len(summarizer.scored) <= 2


def test_a_pronoun_standing_for_the_wrong_person_is_caught() -> None:
    from outliner.backends.parser import parse_sentence
    from outliner.document import Character, Outline
    from outliner.stages.compress import Names
    from outliner.stages.read import read
    from outliner.stages.summarise import swapped_subject

    source = "Ballu surrenders himself and swears that Ganga is innocent."
    made = Outline(read(source), characters=(Character("Ballu"), Character("Ganga")))
    names = Names(made)
    docs = [parse_sentence(source)]
    wrong = parse_sentence("Ballu surrenders and swears that he is innocent.")
    assert swapped_subject(wrong, docs, names) is not None
    right = parse_sentence("Ballu swears that Ganga is innocent.")
    assert swapped_subject(right, docs, names) is None


def test_a_line_is_read_as_a_sentence_whoever_is_in_it() -> None:
    """The small parser takes "Sykes" for a verb and "requisitions" for a noun; with the
    names made plain the line is whole, and a real fragment stays one."""
    from outliner.backends.parser import parse_sentence
    from outliner.stages.lines import fragment, with_plain_names

    cast = ["Sykes", "Harcourt"]
    for line in (
        "Sykes catches up with Harcourt near a fishing pier.",
        "Sykes requisitions a powerful .454 Casull revolver for a sidearm.",
    ):
        assert fragment(parse_sentence(line)) is not None  # what the plain reading fixes
        assert fragment(parse_sentence(with_plain_names(line, cast))) is None
    assert fragment(parse_sentence(with_plain_names("Catching up with Harcourt.", cast)))
    assert with_plain_names("Sykes' gun and Harcourt's men", cast) == "John' gun and John's men"
