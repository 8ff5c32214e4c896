from datetime import date

import pytest
from fountain import ElementType, FountainParser

from outliner.config import Options
from outliner.pipeline import outline
from outliner.writers.fountain import action, escape, to_fountain
from tests.conftest import fake_models, seed_text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ballu escapes.", "Ballu escapes."),
        ("INT. JAIL is where it starts.", "!INT. JAIL is where it starts."),
        ("BALLU!", "!BALLU!"),
        ("= not a synopsis", "!= not a synopsis"),
        ("# not a section", "!# not a section"),
        ("[[not a note]] here", "![ [not a note] ] here"),
        ("CUT TO:", "!CUT TO:"),
        ("(aside) he runs.", "!(aside) he runs."),
        ("Ext of the house is red.", "!Ext of the house is red."),
    ],
)
def test_action_is_never_read_as_another_element(text: str, expected: str) -> None:
    assert action(text) == expected


def test_escape_only_pairs_of_emphasis_markers() -> None:
    assert escape("000_abc.txt") == "000_abc.txt"
    assert escape("a *b* c") == "a \\*b\\* c"
    assert escape("x /* y") == "x / * y"


def _outline(seed: str) -> str:
    result = outline(
        seed_text(seed), f"{seed}.txt", Options(draft_date=date(2026, 1, 1)), fake_models()
    )
    return to_fountain(result)


@pytest.mark.parametrize("seed", ["000", "001", "002"])
def test_fountain_parses_into_the_intended_elements(seed: str) -> None:
    text = _outline(seed)
    parser = FountainParser()
    assert parser.validate(text) == []
    doc = parser.parse(text)
    kinds = [e.type for e in doc.elements]
    assert ElementType.CHARACTER not in kinds and ElementType.DIALOGUE not in kinds
    sections = [e for e in doc.elements if e.type is ElementType.SECTION]
    assert [e.text for e in sections if e.metadata.get("level") == 1] == [
        "ACT ONE",
        "ACT TWO",
        "ACT THREE",
    ]
    assert kinds.count(ElementType.SYNOPSIS) >= 8
    notes = [e.text.strip("[]") for e in doc.elements if e.type is ElementType.NOTE]
    assert sum(n.startswith("Turning point") for n in notes) == 5
    assert any(n.startswith("Character: ") for n in notes)  # the character list
    kinds = ("Turning point", "Empty", "Character: ", "Commentary", "Fused from", "Also told in")
    kinds += ("Retellings differ: ", "Cast: ")
    assert all(n.startswith(kinds) for n in notes), notes
    assert doc.metadata["title"] and doc.metadata["source"] == f"{seed}.txt"
    assert doc.metadata["draft date"] == "2026-01-01"


def test_blank_line_around_every_structural_line() -> None:
    lines = _outline("000").split("\n")
    body = lines[lines.index("") + 1 :]
    for i, line in enumerate(body):
        if line.startswith(("#", "=", "[[", "INT.", "EXT.")):
            assert body[i - 1] == "" and body[i + 1] == "", line


def test_names_are_capitalised_at_first_appearance_only() -> None:
    text = _outline("000")
    assert "BALLU is a gangster who is arrested by Inspector RAM." in text
    assert text.count("BALLU") == 1
    assert "GANGA" in text and text.count("GANGA") == 1


def test_the_synopsis_follows_its_scene_heading() -> None:
    text = _outline("000")
    assert "INT. JAIL\n\n= " in text
