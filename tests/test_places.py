"""Places and scene headings read from the parse (outliner.story.places).

Each rule has a test that fails when it is broken: non-places stay out, an owner is
spelt as the characters list spells them, a plain mention after a specific one is that
place, a sentence with no place carries the one before (marked), INT./EXT. only with
evidence, and the headings written are read as scene headings by all five parsers.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from outliner.config import Options
from outliner.conformance import disagreements, expected, node_missing, parse_all
from outliner.document import Character, Outline, Place, Setting
from outliner.errors import InputError
from outliner.pipeline import outline
from outliner.stages.analyse import analyse
from outliner.stages.read import read
from outliner.story.evaluate_places import is_correct, load_gold
from outliner.story.places import find_places
from outliner.writers.fountain import scene_heading, to_fountain
from outliner.writers.json import to_json
from tests.conftest import ROOT, fake_models

DATA = ROOT / "tests" / "data" / "places"


def _places(text: str, characters: tuple[Character, ...] = ()) -> tuple[Place, ...]:
    return find_places(read(text), characters)


PEOPLE = tuple(Character(name) for name in ("Mara", "Tomas", "Ram"))


def _setting_of(text: str) -> dict[int, tuple[str, bool]]:
    """Each sentence's heading and whether it is carried."""
    out = {}
    for place in _places(text, PEOPLE):
        out.update(dict.fromkeys(place.sentences, (place.heading, False)))
        out.update(dict.fromkeys(place.carried, (place.heading, True)))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Ram is in love with Ganga.",
        "Ram's reputation is in tatters.",
        "Ganga, in an attempt to restore Ram's name, goes undercover.",
        "Mara breaks two rules in the process.",
        "Ballu calls Ram on his mobile phone.",
        "Ballu hides a cell phone in his sock.",
        "Tomas joins the police.",
        "Mara works for the FBI.",
        "Mara wants to train hard. Tomas will park nearby.",
        "Tomas is in trouble with the Navy.",
    ],
)
def test_non_places_give_no_heading(text: str) -> None:
    assert _places(text) == ()


def test_places_where_the_story_is_not_give_no_heading() -> None:
    """A plan, a question, what someone says, a negation, a past before the story."""
    for text in (
        "Mara wants to move to the city.",
        "They argue over whether to take Tomas to a hospital.",
        "Mara tells the crowd that she will be leaving the hotel.",
        "Tomas does not go to school.",
        "Mara had grown up on a farm.",
    ):
        assert _places(text) == (), text


def test_entities_and_place_nouns_after_locative_words_are_places() -> None:
    places = _places(
        "Cameron, a new student at Padua High School, is given a tour. "
        "Kat walks in the garden maze. Clarice travels to Memphis. "
        "The police storm the warehouse. Patrick takes Kat home."
    )
    assert [p.name for p in places] == [
        "PADUA HIGH SCHOOL",
        "GARDEN MAZE",
        "MEMPHIS",
        "WAREHOUSE",
        "HOME",
    ]


def test_an_owner_is_spelt_as_the_characters_list_spells_them() -> None:
    roshida = Character("Roshida", aliases=("Rosida",))
    places = _places(
        "Ballu flees to Rosida's lair. Later Ballu reaches Roshida's lair.", (roshida,)
    )
    assert [(p.name, p.sentences) for p in places] == [("ROSHIDA'S LAIR", (0, 1))]


def test_a_plain_mention_after_a_specific_one_is_that_place() -> None:
    places = _places(
        "Cameron, a new student at Padua High School, is given a tour. Later Cameron sits in the "
        "school. "
        "Terrorists storm the Nakatomi Tower. The next day McClane hides in the building."
    )
    assert [(p.name, p.sentences) for p in places] == [
        ("PADUA HIGH SCHOOL", (0, 1)),
        ("NAKATOMI TOWER", (2, 3)),
    ]


def test_a_room_is_written_inside_the_named_building_the_story_is_in() -> None:
    places = _places("Will visits Anna at the Ritz Hotel. She invites him into her room.")
    assert [p.heading for p in places] == ["RITZ HOTEL", "INT. RITZ HOTEL - ROOM"]


def test_a_sentence_without_a_place_carries_the_setting_before_until_the_story_moves() -> None:
    settings = _setting_of(
        "Mara and Tomas reach an abandoned warehouse. They argue. Tomas hits Mara. "
        "The next day, Mara calls Ram."
    )
    assert settings == {0: ("WAREHOUSE", False), 1: ("WAREHOUSE", True), 2: ("WAREHOUSE", True)}


def test_another_thread_ends_the_carrying() -> None:
    settings = _setting_of("Mara hides in the barn. She waits. Meanwhile, Ram buys a gun.")
    assert settings == {0: ("INT. BARN", False), 1: ("INT. BARN", True)}


def test_int_and_ext_only_with_evidence() -> None:
    def heading(text: str) -> str:
        (place,) = _places(text)
        return place.heading

    assert heading("Mara waits at the hotel.") == "HOTEL"
    assert heading("Mara waits in the hotel.") == "INT. HOTEL"
    assert heading("Mara enters the bank.") == "INT. BANK"
    assert heading("Mara waits outside the chapel.") == "EXT. CHAPEL"
    assert heading("Mara hides in the kitchen.") == "INT. KITCHEN"
    assert heading("Mara walks on the beach.") == "EXT. BEACH"
    assert heading("Mara lives in Paris.") == "PARIS"
    assert heading("Mara dances at the party.") == "PARTY"


def test_one_place_said_to_be_inside_and_outside_is_both() -> None:
    (place,) = _places("Mara waits outside the house. Then Mara runs into the house.")
    assert place.setting is Setting.INT_EXT


def test_beats_carry_a_setting_and_say_so_in_json() -> None:
    text = (
        "Mara and Tomas reach an abandoned warehouse. They argue about the money. "
        "They fight over the gun. They shout at each other."
    )
    result = outline(text, "t.txt", Options(beats=4, draft_date=date(2026, 1, 1)), fake_models())
    assert [b.place.name if b.place else None for b in result.beats] == ["WAREHOUSE"] * 4
    assert [b.place_carried for b in result.beats] == [False, True, True, True]
    beats = json.loads(to_json(result))["outline"]["beats"]
    assert [b["place_carried"] for b in beats] == [False, True, True, True]


def test_headings_without_int_or_ext_are_forced_in_fountain() -> None:
    assert scene_heading(Place("PADUA HIGH SCHOOL")) == ".PADUA HIGH SCHOOL"
    assert scene_heading(Place("JAIL", Setting.INT)) == "INT. JAIL"
    assert Place("PADUA HIGH SCHOOL").heading == "PADUA HIGH SCHOOL"  # fdx, pdf, html, md


def test_all_five_parsers_read_every_kind_of_heading() -> None:
    missing = node_missing()
    assert missing is None, missing
    text = (
        "Cameron is a new student at Padua High School. Kat hides in the kitchen. "
        "Kat walks on the beach. Patrick drives to Seattle. They wait outside the chapel. "
        "Patrick climbs into his car."
    )
    result = outline(text, "t.txt", Options(beats=6, draft_date=date(2026, 1, 1)), fake_models())
    headings = [scene_heading(b.place) for b in result.beats if b.place]
    assert any(h.startswith(".") for h in headings) and any(h.startswith("INT.") for h in headings)
    assert any(h.startswith("EXT.") for h in headings)
    (seen,) = parse_all([to_fountain(result)])
    assert disagreements(seen, expected(result)) == []


def test_a_heading_contains_a_gold_match_case_insensitively() -> None:
    assert is_correct("PADUA HIGH SCHOOL", ("school",))
    assert is_correct("KAT'S CAR", ("kat’s car",))
    assert not is_correct("HOTEL", ("school", "Padua"))


def test_the_annotated_settings_are_well_formed() -> None:
    gold = load_gold([DATA / "settings.jsonl"])
    assert len(gold) == 338 and len({g.film for g in gold}) == 10
    assert all(bool(g.match) == (g.setting is not None) for g in gold)
    assert all(g.int_ext in (None, "INT", "EXT", "INT/EXT") for g in gold)
    assert not any(g.named_here and g.setting is None for g in gold)


def test_a_malformed_settings_line_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"film": "X"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        load_gold([bad])


def test_analyse_finds_places_with_the_characters() -> None:
    result = analyse(Outline(read("Ballu escapes from jail. Ballu hides in Roshida's lair.")))
    assert [p.name for p in result.places] == ["JAIL", "ROSHIDA'S LAIR"]


def test_a_past_sentence_in_a_story_told_in_the_present_is_backstory() -> None:
    settings = _setting_of(
        "Mara lives with Tomas. Mara works hard. In college, Mara met Ram in a bar. "
        "Tomas waits in the kitchen."
    )
    assert settings == {3: ("INT. KITCHEN", False)}


def test_people_leaving_end_the_scene() -> None:
    settings = _setting_of("Mara hides in the barn. Then she flees. She runs. She hides.")
    assert settings == {0: ("INT. BARN", False), 1: ("INT. BARN", True)}


def test_a_plural_owner_takes_the_bare_apostrophe() -> None:
    names = {p.name for p in _places("Annie drives to her parents' lake house.")}
    assert "PARENTS' LAKE HOUSE" in names, names
