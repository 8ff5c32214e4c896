"""The pronoun resolver: one test per rule, the outline's use of it, and the eval's scoring.

The characters are given by hand (as the character finder would give them), so each
test checks the resolver alone. The sentences are ones spaCy's small English model parses
as a reader would; a rule is only as good as the parse it reads.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from outliner.document import Character, Document, Mention, Outline, Sentence
from outliner.pipeline import outlines
from outliner.stages.beats import UNRESOLVED_OPENING_PENALTY, _gains
from outliner.stages.read import read
from outliner.story.evaluate_pronouns import (
    Gold,
    Report,
    matches,
    name_words,
    score_film,
    shared_words,
)
from outliner.story.genders import name_gender
from outliner.story.pronouns import name_opening, names_text, opens_unresolved, resolve
from outliner.writers.screenplay import action_texts
from tests.conftest import SEEDS, fake_models


def _resolve(text: str, *names: str) -> tuple[dict[tuple[int, str], tuple[str, ...]], Outline]:
    """{(sentence, mention text): characters} and the outline holding them."""
    document = read(text)
    mentions, characters = resolve(document, tuple(Character(n) for n in names))
    found = {(m.sentence, m.text): m.characters for m in mentions}
    return found, Outline(document, characters=characters, mentions=mentions)


def test_a_subject_pronoun_goes_on_with_the_subject_before_it() -> None:
    found, _ = _resolve(
        "Ravi arrests Ballu at the station. He wants the name of the boss.", "Ravi", "Ballu"
    )
    assert found[(1, "He")] == ("Ravi",)


def test_gender_is_learned_from_the_pronouns_near_a_name_and_decides() -> None:
    found, outline = _resolve(
        "Ganga cries because she is alone. Ganga says that she loves Ravi. Ravi is angry and"
        " he leaves. Ravi meets Ganga at the station. She tells him about the gang.",
        "Ravi",
        "Ganga",
    )
    genders = {c.name: c.gender for c in outline.characters}
    assert genders == {"Ravi": "male", "Ganga": "female"}
    # The subject before "She" is Ravi, but she is a woman: Ganga.
    assert found[(4, "She")] == ("Ganga",)
    assert found[(4, "him")] == ("Ravi",)


def test_a_first_name_of_one_sex_gives_the_gender_when_the_story_does_not() -> None:
    assert name_gender(["Irene Adler"]) == "female"
    assert name_gender(["Dr. Beth Garner"]) == "female"  # past the title
    assert name_gender(["Gavin", "Gavin Elster"]) == "male"
    assert name_gender(["Chris"]) is None  # given to men and women
    assert name_gender(["Thao"]) is None  # too rare in the census to tell
    assert name_gender(["Ballu"]) is None
    # Without names of one sex, "She" goes on with the subject before it; with them,
    # the woman is meant.
    found, _ = _resolve("Ravi meets Ballu at the station. She smiles.", "Ravi", "Ballu")
    assert found[(1, "She")] == ("Ravi",)
    found, outline = _resolve("Gavin meets Irene at the station. She smiles.", "Gavin", "Irene")
    assert found[(1, "She")] == ("Irene",)
    assert {c.name: c.gender for c in outline.characters} == {"Gavin": "male", "Irene": "female"}
    # The story's own pronouns outvote the name.
    _, outline = _resolve(
        "Irene cries because he is alone. Irene says that he loves Ravi. Irene hides and he"
        " waits. Irene leaves and he runs.",
        "Irene",
        "Ravi",
    )
    assert {c.name: c.gender for c in outline.characters}["Irene"] != "female"


def test_a_pronoun_object_is_not_its_own_clause_subject_and_a_reflexive_is() -> None:
    found, _ = _resolve(
        "Roshida betrays Ballu. Roshida attacks him. Ballu gives himself up.", "Roshida", "Ballu"
    )
    assert found[(1, "him")] == ("Ballu",)
    assert found[(2, "himself")] == ("Ballu",)


def test_a_possessive_means_its_own_clause_subject() -> None:
    found, _ = _resolve("Ravi visits his girlfriend.", "Ravi")
    assert found[(0, "his")] == ("Ravi",)


def test_an_apposition_names_a_relation_that_possessive_descriptions_then_mean() -> None:
    found, outline = _resolve(
        "Raju lives happily with his wife Malati. One day his wife leaves him."
        " Later Raju's wife comes back.",
        "Raju",
        "Malati",
    )
    assert found[(1, "his wife")] == ("Malati",)  # his = Raju, Raju's wife = Malati
    assert found[(2, "Raju's wife")] == ("Malati",)
    assert {c.name: c.gender for c in outline.characters}["Malati"] == "female"
    # The introduction itself ("his wife Malati") is the name's, not a mention of it.
    assert (0, "his wife") not in found


def test_a_role_description_means_the_one_character_with_that_role() -> None:
    found, _ = _resolve(
        "Inspector Mathur arrests Raghu. The inspector beats him.", "Mathur", "Raghu"
    )
    assert found[(1, "The inspector")] == ("Mathur",)
    assert found[(1, "him")] == ("Raghu",)


def test_they_and_the_two_mean_characters_named_together() -> None:
    found, _ = _resolve("Raghu and Malti fell in love. They married soon after.", "Raghu", "Malti")
    assert found[(1, "They")] == ("Raghu", "Malti")
    found, _ = _resolve("Raghu meets Malti at the market. The two fall in love.", "Raghu", "Malti")
    assert found[(1, "The two")] == ("Raghu", "Malti")
    # A phrase that counts people means the only couple in view, however faint.
    found, _ = _resolve(
        "Ravi talks with Raghu and Malti. Malti is happy. Ballu is angry. The couple travels"
        " to Goa.",
        "Raghu",
        "Malti",
        "Ballu",
        "Ravi",
    )
    assert found[(3, "The couple")] == ("Raghu", "Malti")


def test_a_pronoun_that_may_mean_someone_without_a_name_is_left_unresolved() -> None:
    found, _ = _resolve(
        "Ballu's mother finds Ballu, however she is followed by Ravi.", "Ballu", "Ravi"
    )
    assert (0, "she") not in found
    found, _ = _resolve("A young man attacks Ravi. He runs away.", "Ravi")
    assert (1, "He") not in found


def test_quoted_speech_is_left_alone() -> None:
    found, _ = _resolve('Ravi meets Ballu. Ravi says "he is a liar".', "Ravi", "Ballu")
    assert (1, "he") not in found


def test_name_opening_shows_the_name_for_an_opening_pronoun() -> None:
    _, outline = _resolve(
        "Raghu and Malti fell in love. They married soon after. Ravi arrests Ballu at the"
        " station. He wants the name of the boss. His wife leaves him.",
        "Raghu",
        "Malti",
        "Ravi",
        "Ballu",
    )
    assert name_opening(outline, 1) == "Raghu and Malti married soon after."
    assert name_opening(outline, 3) == "Ravi wants the name of the boss."
    assert name_opening(outline, 4).startswith("Ravi's wife")
    assert name_opening(outline, 2) == outline.sentence(2).text  # opens with a name
    # A text cut from the sentence: where it starts in the sentence says which mention.
    assert name_opening(outline, 3, "He wants the boss.", 0) == "Ravi wants the boss."
    assert names_text(("Kat", "Bianca", "Cameron")) == "Kat, Bianca and Cameron"


def test_opens_unresolved() -> None:
    _, outline = _resolve(
        "The soldiers caught Ballu and Ravi at the market. They took them to the camp.",
        "Ballu",
        "Ravi",
    )
    assert opens_unresolved(outline, 1)  # "They": the soldiers, or Ballu and Ravi?
    assert not opens_unresolved(outline, 0)


def test_the_beat_cutter_never_opens_a_beat_on_an_unresolved_pronoun() -> None:
    text = (
        "Ballu is a gangster in the city. The soldiers caught Ballu and Ravi at the market."
        " They took them to the camp. Ballu escapes from the jail at night."
        " Ganga helps Ballu in the forest. Ballu falls in love with Ganga."
    )
    models = fake_models()
    for target in (2, 4, 6):
        outline = outlines(text, models=models, options=None)[0]
        outline = _recut(outline, target)
        starts = {beat.sentences[0] for beat in outline.beats}
        assert 2 not in starts, target  # "They took them ..." cannot open a beat
        assert all(not opens_unresolved(outline, i) for i in starts)


def _recut(outline: Outline, target: int) -> Outline:
    from outliner.stages.beats import segment

    embeddings = fake_models().encoder.encode([s.text for s in outline.document.plot])
    return segment(replace(outline, beats=(), acts=()), embeddings, target)


def test_the_penalty_sits_in_the_gains() -> None:
    plot = [Sentence(0, "A.", 0), Sentence(1, "He goes.", 0)]
    import numpy as np

    plain = _gains(plot, np.zeros((0, 0)), {}, set())
    penalised = _gains(plot, np.zeros((0, 0)), {}, set(), frozenset({1}))
    assert plain[0] - penalised[0] == pytest.approx(UNRESOLVED_OPENING_PENALTY)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_no_beat_of_a_seed_opens_with_an_unresolved_pronoun(seed) -> None:  # type: ignore[no-untyped-def]
    models = fake_models()
    for outline in outlines(seed.read_text(encoding="utf-8"), models=models):
        shown = action_texts(outline)
        for beat in outline.beats:
            first = beat.sentences[0]
            assert not opens_unresolved(outline, first), outline.sentence(first).text
            line = shown.get(first, outline.sentence(first).text)
            word = line.split()[0].lower()
            assert word not in {"he", "she", "they", "his", "her", "their"}, line


def test_the_first_action_line_of_a_beat_shows_the_name() -> None:
    _, outline = _resolve(
        "Ballu is a gangster. Ballu escapes from the jail. He becomes enraged.", "Ballu"
    )
    from outliner.document import Beat

    outline = replace(outline, beats=(Beat(0, (0, 1)), Beat(1, (2,))))
    shown = action_texts(outline)
    assert shown[2] == "Ballu becomes enraged."
    assert shown[0].startswith("BALLU is")  # first appearance, in capitals


# --- the eval's scoring ----------------------------------------------------------------


def _gold(sentence: int, start: int, text: str, kind: str, *names: str) -> Gold:
    return Gold("Film", sentence, start, start + len(text), text, kind, names or None)


def test_name_words_and_shared_family_names() -> None:
    assert name_words("Mr. Bixler") == {"Bixler"}
    assert name_words("Thomas J. Sennett") == {"Thomas", "Sennett"}
    assert shared_words(["Kat Stratford", "Bianca Stratford", "Cameron James"]) == {"Stratford"}
    assert matches([{"Kat"}, {"Bianca"}], [{"Bianca"}, {"Kat"}])
    assert not matches([{"Kat"}], [{"Kat"}, {"Bianca"}])  # a group needs every member
    assert not matches([{"Cameron"}], [{"Bianca"}])


def test_scoring_a_tiny_film_by_hand() -> None:
    sentences = [
        "Kat Stratford meets Bianca Stratford and Cameron James.",
        "She likes him and they talk to the two of them.",
        "Their father is angry.",
    ]
    document = Document("t", tuple(Sentence(i, s, 0) for i, s in enumerate(sentences)))
    characters = (
        Character("Kat", ("Kat Stratford",)),
        Character("Bianca", ("Bianca Stratford",)),
        Character("Cameron", ("Cameron James",)),
    )
    mentions = (
        Mention(1, 0, 3, "She", ("Kat",)),  # correct
        Mention(1, 10, 13, "him", ("Bianca",)),  # wrong: Bianca shares only "Stratford"
        Mention(1, 18, 22, "they", ("Kat", "Bianca")),  # wrong: one member missing
        # "the two": a phrase; it aligns by overlap ("the two of them")
        Mention(1, 31, 46, "the two of them", ("Bianca", "Cameron")),
        Mention(2, 0, 5, "Their", ("Kat",)),  # gold: unnamed (their father's) -> an error
    )
    outline = Outline(document, characters=characters, mentions=mentions)
    golds = [
        _gold(1, 0, "She", "person", "Kat Stratford"),
        _gold(1, 10, "him", "person", "Cameron James"),
        _gold(1, 18, "they", "person", "Kat Stratford", "Bianca Stratford", "Cameron James"),
        _gold(1, 31, "the two", "person", "Bianca Stratford", "Cameron James"),
        _gold(1, 42, "them", "person", "Bianca Stratford", "Cameron James"),  # unresolved
        _gold(2, 0, "Their", "unnamed"),
    ]
    report = score_film("Film", sentences, outline, golds)
    assert [o.correct for o in report.outcomes] == [True, False, False, True, False, False]
    assert Report.accuracy(report.outcomes) == (2, 5)
    assert Report.unresolved(report.select(["person"])) == (1, 5)
    assert report.extra == [] and report.misaligned == []


def test_a_sentence_cut_differently_is_reported() -> None:
    document = Document("t", (Sentence(0, "One. Two.", 0),))
    report = score_film("Film", ["One.", "Two."], Outline(document), [])
    assert [(i, text) for _, i, text in report.misaligned] == [(0, "One."), (1, "Two.")]


def test_a_sentence_read_with_other_spaces_keeps_its_mentions() -> None:
    # read writes "'Slag'," for "'Slag' ,": the gold's offsets move onto our text.
    gold_text = "They call him 'Slag' , and he laughs ."
    ours = "They call him 'Slag', and he laughs."
    document = Document("t", (Sentence(0, ours, 0),))
    outline = Outline(
        document, characters=(Character("Sam"),), mentions=(Mention(0, 26, 28, "he", ("Sam",)),)
    )
    gold = _gold(0, gold_text.index("he laughs"), "he", "person", "Sam")
    report = score_film("Film", [gold_text], outline, [gold])
    assert report.misaligned == [] and [o.correct for o in report.outcomes] == [True]


def test_a_sentence_read_without_its_actors_keeps_its_mentions() -> None:
    # The analyse stage takes "(Jesse Eisenberg)" out: the gold's offsets move onto ours,
    # and a mention inside the parentheses has nowhere to go (unresolved).
    gold_text = "Nick (Jesse Eisenberg) says he is late (for him)."
    ours = "Nick says he is late (for him)."
    document = Document("t", (Sentence(0, ours, 0),))
    mentions = (Mention(0, 10, 12, "he", ("Nick",)), Mention(0, 26, 29, "him", ("Nick",)))
    outline = Outline(document, characters=(Character("Nick"),), mentions=mentions)
    golds = [
        _gold(0, gold_text.index("he is"), "he", "person", "Nick"),
        _gold(0, gold_text.index("him"), "him", "person", "Nick"),
    ]
    report = score_film("Film", [gold_text], outline, golds)
    assert report.misaligned == [] and [o.correct for o in report.outcomes] == [True, True]
    # A sentence that differs otherwise is not ours.
    report = score_film("Film", ["Nick says he is early."], outline, golds[:1])
    assert len(report.misaligned) == 1


def test_a_subject_pronoun_is_not_a_name_inside_its_own_clause() -> None:
    """Principle C: in "he looks at McMurphy's face" or "he says that McMurphy has
    changed", he is not McMurphy, however much McMurphy is in view: the other man is."""
    for text in (
        "McMurphy is taken upstairs. McMurphy lies in his bed and Bromden sees him. "
        "When he looks closely at McMurphy's face, Bromden is horrified.",
        "McMurphy returns at night and Bromden waits. He says that McMurphy has changed.",
        "McMurphy and Bromden plan an escape. McMurphy is taken away. He later sees McMurphy.",
    ):
        found, _ = _resolve(text, "McMurphy", "Bromden")
        assert [v for (_, t), v in found.items() if t.lower() == "he"] == [("Bromden",)], text
