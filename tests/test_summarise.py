from datetime import date

import pytest

from outliner.backends.fake import FakeSummarizer
from outliner.config import Options
from outliner.diagnostics import Code
from outliner.document import LineOrigin
from outliner.pipeline import outline
from outliner.prompts import Task
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


def test_failed_lines_fall_back_and_are_counted() -> None:
    def reply(task: Task, passage: str) -> str:
        return "Dorothy flies to Oz." if task is Task.BEAT else "A made up line about Toto."

    result = outline(
        seed_text("000"),
        "000.txt",
        Options(draft_date=date(2026, 1, 1)),
        fake_models(FakeSummarizer(reply)),
    )
    assert all(beat.origin is LineOrigin.FALLBACK for beat in result.beats)
    fallbacks = [d for d in result.diagnostics if d.code is Code.BEAT_LINE_FALLBACK]
    assert len(fallbacks) == len(result.beats)
    assert all("Dorothy" not in beat.line for beat in result.beats)
    assert result.title_page is not None
    assert result.title_page.logline_origin is LineOrigin.FALLBACK
    assert result.title_page.title == "Ballu"  # the hero, not the model's invention
    assert result.title_page.title_origin is LineOrigin.FALLBACK


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
