"""The title page: titles from file names, loglines after the template, nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from outliner.backends.fake import FakeSummarizer
from outliner.backends.parser import parse_sentence
from outliner.config import Options
from outliner.document import LineOrigin
from outliner.pipeline import outline
from outliner.prompts import Task
from outliner.stages.lines import logline_problems
from outliner.stages.titles import title_from_source
from outliner.writers.fountain import to_fountain
from tests.conftest import fake_models, seed_text


@pytest.mark.parametrize(
    "source,title",
    [
        ("die_hard.txt", "Die Hard"),
        ("the_lord_of_the_rings.md", "The Lord of the Rings"),
        ("Beloved (film).txt", "Beloved"),
        ("Alien Nation (1988 film).txt", "Alien Nation"),
        ("The Back-up Plan.txt", "The Back-up Plan"),
        ("the_back-up_plan.txt", "The Back-up Plan"),
        ("10 Things I Hate About You.txt", "10 Things I Hate About You"),
        ("000_die_hard.txt", "Die Hard"),
        ("000_7efbc8fe8c8b2570.txt", None),
        ("7efbc8fe8c8b2570", None),
        ("<stdin>", None),
    ],
)
def test_titles_from_file_names(source: str, title: str | None) -> None:
    assert title_from_source(source) == title


TEXT = "Ballu escapes from jail. Ram chases Ballu. Ram catches Ballu at the border."


def test_title_order_option_then_heading_then_file_name_then_untitled() -> None:
    def title(text: str, source: str, given: str | None = None) -> tuple[str, LineOrigin]:
        page = outline(text, source, Options(title=given), fake_models()).title_page
        assert page is not None
        return page.title, page.title_origin

    assert title(TEXT, "die_hard.txt", "Mine") == ("Mine", LineOrigin.GIVEN)
    assert title("# The Escape\n" + TEXT, "die_hard.txt") == ("The Escape", LineOrigin.GIVEN)
    assert title(TEXT, "die_hard.txt") == ("Die Hard", LineOrigin.FILE_NAME)
    assert title(TEXT, "000_7efbc8fe8c8b2570.txt") == ("Untitled", LineOrigin.FALLBACK)


def test_a_model_title_only_on_request() -> None:
    summarizer = FakeSummarizer()
    outline(TEXT, "die_hard.txt", models=fake_models(summarizer))
    assert Task.TITLE not in [task for task, _ in summarizer.calls]
    page = outline(TEXT, "x.txt", Options(title="auto"), fake_models()).title_page
    assert page is not None and page.title_origin is LineOrigin.MODEL
    assert page.title == "Ballu Escapes From"  # the fake's three words, marked as the model's


def test_the_title_page_holds_no_diagnostics() -> None:
    def reply(task: Task, passage: str) -> str:
        return "Dorothy flies to Oz." if task is Task.BEAT else "A made up line about Toto."

    result = outline(
        seed_text("000"),
        "000_7efbc8fe8c8b2570.txt",
        Options(draft_date=date(2026, 1, 1), title="auto"),
        fake_models(FakeSummarizer(reply)),
    )
    assert result.diagnostics  # they exist: in JSON and on stderr
    page = to_fountain(result).split("\n\n", 1)[0]
    keys = [line.split(":", 1)[0] for line in page.splitlines() if not line.startswith(" ")]
    assert keys == ["Title", "Credit", "Author", "Source", "Draft date", "Notes"]
    notes = [line.strip() for line in page.splitlines() if line.startswith(" ")]
    assert result.title_page is not None and notes == [result.title_page.logline]
    for word in ("generated", "fell back", "check", "working title", "model"):
        assert word not in page.split("Notes:", 1)[1].lower()


def test_the_logline_follows_the_template_and_passes_its_checks() -> None:
    result = outline(seed_text("000"), "000.txt", Options(), fake_models())
    page = result.title_page
    assert page is not None and page.logline_origin is LineOrigin.TEMPLATE
    logline = page.logline
    # "When <incident>, <descriptor> <Protagonist> must <goal>." or, with no aim stated,
    # "When <incident>, <who> <what they do at the Change of Plans>."
    assert logline.startswith("When ") and ", " in logline and logline.endswith(".")
    assert "gangster Ballu" in logline  # the protagonist, with a descriptor
    assert len(logline.split()) <= 35
    assert logline_problems(logline, parse_sentence(logline), result) == []
    # Nothing past the midpoint: the climax's events are not in it.
    assert "surrender" not in logline and "Roshida" not in logline


@pytest.mark.parametrize(
    ("part", "least", "enough"),
    [
        ("Scottie agrees", 4, False),  # tells a newcomer nothing
        ("Ballu escapes from jail", 4, True),
        ("rescue her", 2, False),  # who is "her"?
        ("restore her reputation", 2, True),
        ("realize he is obsessed with himself", 2, False),
        ("restore Ram's reputation", 2, True),
    ],
)
def test_a_logline_part_must_say_something_on_its_own(part: str, least: int, enough: bool) -> None:
    from outliner.stages.titles import _tells_enough

    assert _tells_enough(part, least) is enough


def test_a_logline_given_in_the_input_is_used_as_it_is() -> None:
    from outliner.backends.encoder import MiniLMEncoder
    from outliner.pipeline import Models
    from outliner.stages.structure import TheoryPositions

    # Telling the logline from the retellings needs the real (small) sentence encoder.
    models = Models(FakeSummarizer(), MiniLMEncoder(), TheoryPositions())
    result = outline(seed_text("001"), "001.txt", Options(), models)
    assert result.title_page is not None
    assert result.title_page.logline_origin is LineOrigin.GIVEN
    assert seed_text("001").startswith(result.title_page.logline)


def test_the_protagonist_is_the_most_present_counting_pronouns() -> None:
    from outliner.document import Outline
    from outliner.stages.analyse import analyse
    from outliner.stages.compress import Names
    from outliner.stages.read import read
    from outliner.stages.titles import protagonist

    text = (
        "Erin Brockovich, a single mother, looks for a job. Erin meets the lawyer Ed Masry. "
        "Ed refuses to hire her. Ed laughs at Erin. Ed shrugs. Ed leaves for lunch. Erin "
        "finds medical records in a file. She visits her neighbour. She calls her son. She "
        "wins the case."
    )
    made = analyse(Outline(read(text, "x.txt")))
    named = {c.name: c.mentions for c in made.characters}
    assert named["Ed"] > named["Erin"]  # by names alone Ed would lead
    hero = protagonist(made, Names(made))
    assert hero is not None and hero.name == "Erin"


@pytest.mark.parametrize(
    ("sentence", "acts"),
    [
        ("John must be the only survivor.", False),
        ("Hooker is sent to Chicago.", False),
        ("Mike befriends his children.", True),
    ],
)
def test_a_goal_is_something_the_protagonist_does(sentence: str, acts: bool) -> None:
    from outliner.stages.titles import _acts

    doc = parse_sentence(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert _acts(root) is acts


def test_a_logline_goal_is_what_the_protagonist_sets_out_to_do() -> None:
    """ "Ram decides to find Ballu" gives the goal "find Ballu", not "decide to find ...";
    an aim someone else states gives Ram none."""
    from outliner.document import Outline
    from outliner.stages.analyse import analyse
    from outliner.stages.compress import Names
    from outliner.stages.read import read
    from outliner.stages.titles import _intentions

    made = analyse(
        Outline(
            read(
                "Ram Kumar is a police officer. Ram decides to find Ballu at the base. "
                "Ganga vows to protect Ballu from the police.",
                "x.txt",
            )
        )
    )
    names = Names(made)
    assert "find Ballu at the base" in _intentions(made, 1, names, "Ram")
    assert _intentions(made, 2, names, "Ram") == []
    assert _intentions(made, 0, names, "Ram") == []


def test_a_logline_has_no_backstory_goal_and_no_bare_person_descriptor() -> None:
    from outliner.backends.parser import parse_sentence
    from outliner.document import Character
    from outliner.stages.titles import _backstory, descriptor

    doc = parse_sentence("Doe has been cutting the skin of his victims.")
    assert _backstory(next(t for t in doc if t.dep_ == "ROOT"))
    doc = parse_sentence("Doe cuts the skin of his victims.")
    assert not _backstory(next(t for t in doc if t.dep_ == "ROOT"))
    from outliner.stages.titles import _acts

    doc = parse_sentence("Starling is leaving the office.")
    assert not _acts(next(t for t in doc if t.dep_ == "ROOT"))
    assert descriptor(Character("Doe", description="a man who kills")) == ""
    assert descriptor(Character("Stanley", description="a luckless clerk")) == "luckless clerk"


def test_a_goal_may_be_one_the_protagonist_is_given() -> None:
    """ "Maya is assigned to interview Lecter" and "Crawford asks Maya to find the killer"
    both give Maya a goal; "forcing Nick to flee" gives Nick none."""
    from outliner.document import Outline
    from outliner.stages.analyse import analyse
    from outliner.stages.compress import Names
    from outliner.stages.read import read
    from outliner.stages.titles import _intentions

    made = analyse(
        Outline(
            read(
                "Maya Kovac is an FBI trainee. Maya is assigned to interview Lecter in "
                "prison. Crawford asks Maya to find the killer. The alarm goes off, "
                "forcing Nick to flee the bank. Nick Brandt hides.",
                "x.txt",
            )
        )
    )
    names = Names(made)
    assert "interview Lecter in prison" in _intentions(made, 1, names, "Maya")
    assert "find the killer" in _intentions(made, 2, names, "Maya")
    assert _intentions(made, 2, names, "Crawford") == []
    assert _intentions(made, 3, names, "Nick") == []


def test_a_protagonist_who_acts_in_the_incident_is_introduced_there() -> None:
    from outliner.document import Character
    from outliner.stages.titles import _introduce

    ballu = Character("Ballu", gender="male")
    assert _introduce("Ballu escapes from jail", ballu, "gangster Ballu") == (
        "gangster Ballu escapes from jail",
        "he",
    )
    assert _introduce("Ram arrests Ballu", ballu, "gangster Ballu") == (
        "Ram arrests Ballu",
        "gangster Ballu",
    )
    unknown = Character("Ballu")  # no pronoun to say him by: named twice
    assert _introduce("Ballu escapes", unknown, "gangster Ballu")[1] == "gangster Ballu"


@pytest.mark.parametrize(
    ("description", "role", "expected"),
    [
        ("Bianca's outcast older sister", None, "Bianca's outcast older sister"),
        ("a former slave living on the outskirts of Cincinnati", None, "former slave"),
        ("his girlfriend", None, "girlfriend"),  # whose is said by the name after it
        ("Private investigator", None, "private investigator"),  # it opened a sentence
        ("San Francisco cop", None, "San Francisco cop"),
        ("Clarice", None, ""),  # a first name the tagger took for a noun
        ("three nomadic vampires", None, ""),  # many, not one
        (None, "Dr.", ""),  # a title, not what someone is
        (None, "Inspector", "inspector"),
    ],
)
def test_a_descriptor_is_the_head_noun_with_its_words_before(
    description: str | None, role: str | None, expected: str
) -> None:
    from outliner.document import Character
    from outliner.stages.titles import descriptor

    assert descriptor(Character("X", description=description, role=role)) == expected


def test_an_incident_is_something_that_happened() -> None:
    """A modal clause ("will be deported") is what may happen; a clause cut on an
    abbreviation ("Annie a.k.a.") is not whole."""
    from outliner.backends.parser import parse_sentence
    from outliner.stages.titles import _ends_whole, _supposed

    def root(text: str) -> object:
        return next(t for t in parse_sentence(text) if t.dep_ == "ROOT")

    assert _supposed(root("Margaret will be deported to Canada."))
    assert not _supposed(root("Margaret is deported to Canada."))
    assert not _ends_whole("Margaret meets Andrew's mother Annie a.k.a.")
    assert _ends_whole("Margaret meets Andrew's mother Annie.")
