from outliner.document import Outline
from outliner.stages.analyse import analyse
from outliner.stages.read import read
from tests.conftest import seed_text


def _analyse(text: str) -> Outline:
    return analyse(Outline(read(text)))


def test_characters_of_seed_000() -> None:
    outline = _analyse(seed_text("000"))
    by_name = {c.name: c for c in outline.characters}
    assert {"Ballu", "Ram", "Ganga", "Roshida"} <= set(by_name)
    assert by_name["Ram"].role == "Inspector"
    assert by_name["Ballu"].first_sentence == 0
    assert by_name["Ballu"].mentions > by_name["Roshida"].mentions
    assert "Inspector" not in by_name and "Meanwhile" not in by_name


def test_actors_in_parentheses_are_not_characters() -> None:
    outline = _analyse(seed_text("001"))
    names = {n for c in outline.characters for n in c.names}
    assert "Ballu" in names
    assert not {"Sanjay", "Dutt", "Jackie", "Shroff", "Madhuri", "Dixit"} & {
        part for n in names for part in n.split()
    }
    ram = next(c for c in outline.characters if c.name == "Ram")
    assert "Ram Kumar Sinha" in ram.aliases


def test_common_words_opening_a_sentence_are_not_names() -> None:
    outline = _analyse("Things get worse for Mara. Meanwhile Mara runs. Later Mara hides.")
    assert [c.name for c in outline.characters] == ["Mara"]
