"""Characters and aliases (outliner/story): seeds, rules, CLI, evaluation."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from outliner.cli import app
from outliner.document import Character
from outliner.stages.read import read
from outliner.story.characters import find_characters
from outliner.story.evaluate import CastMember, name_words, present_cast, score_film
from outliner.story.variants import are_variants
from tests.conftest import ROOT, SEEDS, seed_text

TRIPOD = ROOT.parent / "shared" / "data" / "tripod"


def _characters(text: str) -> dict[str, Character]:
    document = read(text)
    return {c.name: c for c in find_characters(document, document.plot)}


def test_seed_001_variants_are_aliases_and_actors_are_not_characters() -> None:
    found = _characters(seed_text("001"))
    assert {"Ballu", "Ram", "Ganga", "Aarti"} <= set(found)
    assert found["Aarti"].description == "Ballu's mother"
    assert {"Balu", "Balaram Prasad"} <= set(found["Ballu"].aliases)
    assert {"Ram Kumar Sinha", "Ram Sinha"} <= set(found["Ram"].aliases)
    assert found["Ram"].role == "Inspector"
    words = {w for c in found.values() for n in c.names for w in n.split()}
    assert not words & {"Sanjay", "Dutt", "Jackie", "Shroff", "Madhuri", "Dixit"}
    assert "So Ram" not in found and "Things" not in found


def test_seed_000_spellings_of_roshida_are_one_character() -> None:
    found = _characters(seed_text("000"))
    assert set(found) == {"Ballu", "Ram", "Ganga", "Roshida"}
    assert found["Roshida"].aliases == ("Rosida",)
    assert found["Ballu"].description == "a gangster who is arrested by Inspector Ram"
    assert found["Ganga"].description == "Ram's girlfriend"


def test_seed_002_guardian_and_hero_stay_apart_and_malti_is_one() -> None:
    found = _characters(seed_text("002"))
    assert "Malati" in found["Malti"].aliases
    assert "Raghu" in found and "Raju" in found
    assert found["Dhaniram"].role == "Seth"
    assert not any(name.split()[0] in {"Can", "Both", "For"} for name in found)


def test_places_groups_and_institutions_are_not_characters() -> None:
    found = _characters(
        "Mara flies to Chicago. Mara meets Tomas in Chicago. The Arquillians attack. "
        "Tomas escapes from Robben Island. Mara's friend Lena calls the FBI."
    )
    assert set(found) == {"Mara", "Tomas", "Lena"}
    assert found["Lena"].description == "Mara's friend"


def test_spelling_variants() -> None:
    assert are_variants("Roshida", "Roshiba") and are_variants("Balu", "Ballu")
    assert not are_variants("Mary", "Marty") and not are_variants("Raju", "Raghu")


def test_cast_presence_and_matching() -> None:
    cast = [
        CastMember("Roy Scheider", "Martin Brody"),
        CastMember("Lorraine Gary", "Ellen Brody"),
        CastMember("Someone", "Baltimore Waitress"),
        CastMember("Jimmy Stewart", "John 'Scottie' Ferguson"),
    ]
    synopsis = "Brody and Ellen leave Baltimore. Scottie (Stewart) follows them."
    assert name_words("Dr. Ian Malcolm") == {"Ian", "Malcolm"}
    assert present_cast(synopsis, cast) == [
        "Martin Brody",
        "Ellen Brody",
        "John 'Scottie' Ferguson",
    ]
    found = [Character("Brody"), Character("Ellen"), Character("Scottie"), Character("Stewart")]
    score = score_film("Jaws", synopsis, cast, found)
    assert len(score.matched) == 3 and score.actors == ["Stewart"]


runner = CliRunner()


def test_characters_command_json() -> None:
    result = runner.invoke(app, ["characters", str(SEEDS[1]), "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records[0]["name"] == "Ballu"
    assert set(records[0]) == {"name", "aliases", "role", "description", "mentions", "actor"}
    assert records[0]["actor"] == "Sanjay Dutt"


def test_characters_command_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["characters", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_eval_characters_on_tripod_train() -> None:
    result = runner.invoke(
        app,
        [
            "eval",
            "characters",
            str(TRIPOD / "synopses_train.csv"),
            str(TRIPOD / "cast_train.tsv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "films 80" in result.stdout and "F1" in result.stdout
    for line in ("default (development half)", "literal (check half)", "default (all)"):
        assert line in result.stdout


def test_eval_characters_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "characters", str(tmp_path / "a.csv"), "b.tsv"])
    assert result.exit_code == 1 and "no such file" in result.output


def test_a_word_shared_with_an_actor_is_no_actor() -> None:
    cast = [CastMember("Robert Shaw", "Doyle Lonnegan")]
    synopsis = "Gondorff poses as Shaw. Shaw beats Lonnegan."
    score = score_film("The Sting", synopsis, cast, [Character("Shaw")])
    assert score.actors == []


def test_participle_openers_and_lists() -> None:
    found = _characters(
        "Saddened, Mara leaves. Knowing Tomas is away, Mara calls Odile. "
        "Odile introduces Mara to her family, Carlisle, Esme, and Jasper. Tomas returns."
    )
    assert {"Mara", "Tomas", "Odile", "Carlisle", "Esme", "Jasper"} <= set(found)
    assert "Saddened" not in found and "Knowing Tomas" not in found


def test_quoted_nicknames_and_places_listed_after_places() -> None:
    found = _characters(
        'Maverick flies with Nick "Goose" Bradshaw. Goose dies. '
        "They land in Casper, Wyoming, where Maverick waits."
    )
    assert len(found) == 2 and "Maverick" in found
    goose = next(c for c in found.values() if "Goose" in c.names)
    assert {"Nick", "Goose", "Bradshaw"} <= set(goose.names)


def test_commentary_of_seed_002_stays_out_of_the_beats() -> None:
    from outliner.document import SentenceKind
    from outliner.pipeline import outline
    from tests.conftest import fake_models

    result = outline(seed_text("002"), "002.txt", models=fake_models())
    in_beats = " ".join(result.sentence(i).text for b in result.beats for i in b.sentences)
    assert "Les Miserables" not in in_beats and "theme of this movie" not in in_beats
    assert "?" not in in_beats
    commentary = [s for s in result.document.sentences if s.kind is SentenceKind.COMMENTARY]
    assert len(commentary) == 6
    assert any(d.code.value == "W101" for d in result.diagnostics)


def test_wikipedia_narration_is_not_commentary() -> None:
    from outliner.story.commentary import is_commentary

    assert not is_commentary("The film takes place in 1936, at the height of the Depression.")
    assert not is_commentary('She asks him, "What do we do now?"')
    assert is_commentary("Will her feelings for Ram win out in the end?")


def test_places_take_one_spelling_and_skip_people_named_after_them() -> None:
    from outliner.document import Outline
    from outliner.stages.analyse import analyse

    outline = analyse(
        Outline(
            read(
                "A prison guard goes undercover. Ballu flees to Roshida's lair. "
                "Roshida hides there. Roshida waits. Ballu reaches Rosida's lair."
            )
        )
    )
    assert [p.heading for p in outline.places] == ["ROSHIDA'S LAIR"]
    assert outline.places[0].sentences == (1, 4)


def test_a_name_that_only_opens_sentences_is_found_when_it_acts() -> None:
    found = _characters(
        "Ballu escapes. Ram chases Ballu. Ram's girlfriend Ganga helps. Disaster strikes."
    )
    assert set(found) == {"Ballu", "Ram", "Ganga"}


def test_a_character_may_share_a_first_name_with_an_actor() -> None:
    found = _characters(
        "Oleg Marek (Oleg Petrov) robs a bank with Travis Kell (Nikolai Dunn). "
        "Oleg flees. Travis hides."
    )
    assert "Oleg" in found and "Travis" in found
    assert not {"Petrov", "Nikolai", "Dunn"} & {
        w for c in found.values() for n in c.names for w in n.split()
    }


def test_a_name_after_an_opening_word_keeps_the_opening_word_as_context() -> None:
    found = _characters(
        "In Sitka, Mara meets Tomas. Tomas leaves Sitka. The Queen who rules is old."
    )
    assert set(found) == {"Mara", "Tomas"}


def test_an_actor_in_parentheses_makes_an_ordinary_first_name_a_character() -> None:
    found = _characters("Joe hires Kevin (Dave Kopp). Later, Joe brings Kevin along.")
    assert "Kevin" in found


def test_people_whose_surname_is_an_ordinary_word_are_no_institutions() -> None:
    found = _characters(
        "Mara's secretary Vicky Spencer (Kitty Winn) waits. "
        "Later his friend Mose Harper arrives. Tomas escapes from Robben Island."
    )
    assert {"Vicky Spencer", "Mose Harper"} <= set(found)
    assert "Robben Island" not in found


def test_an_acronym_in_parentheses_is_no_actor() -> None:
    from outliner.story.actors import cast, parentheses
    from outliner.story.names import name_runs

    document = read("Goose flies as his Radar Intercept Officer (RIO) today.")
    runs = cast(name_runs(0, document.doc(0)), document.doc(0))
    assert all(r.actor is None for r in runs) and parentheses(document.doc(0)) == []


def test_a_middle_initial_joins_a_name_and_a_shared_surname_finds_its_owner() -> None:
    found = _characters(
        "The Joker kills Commissioner Gillian B. Loeb at dawn. "
        "Detective David Mills arrives with his wife Tracy Mills. Tracy cooks. "
        "Mills shouts at Tracy. Mills runs."
    )
    loeb = next(c for c in found.values() if "Loeb" in " ".join(c.names))
    assert "Gillian" in " ".join(loeb.names) and "Loeb" not in found
    mills = next(c for c in found.values() if "David Mills" in c.names)
    assert "Mills" in mills.names and "Tracy" in found


def test_nouns_for_people_before_a_name_with_hyphens_and_ex() -> None:
    found = _characters(
        "Raghu and his side-kick Tiger help out a stranger. "
        "Later his ex-wife Hope Wood visits Raghu. The fire kills their son Ben."
    )
    assert {"Tiger", "Hope Wood", "Ben"} <= set(found)


def test_a_comma_after_an_opening_word_is_no_list_of_names() -> None:
    found = _characters(
        "Thunderstruck, Mara leaves. Mara cries. Mara, Tomas and Odile dine together."
    )
    assert "Thunderstruck" not in found and {"Mara", "Tomas", "Odile"} <= set(found)


def test_a_name_ending_like_a_people_is_still_a_name() -> None:
    found = _characters("The Chinese attack. Gordon protects Reese, who hides. Reese flees.")
    assert "Reese" in found and "Chinese" not in found


def test_a_possessive_inside_a_proper_name_is_no_owner() -> None:
    found = _characters(
        "Mara waits for Valentine's Day. Tomas reads aloud from Fordyce's Sermons. Mara sleeps."
    )
    assert set(found) == {"Mara", "Tomas"}


def test_a_lower_case_particle_joins_a_name() -> None:
    found = _characters("Mara visits Lady Catherine de Bourgh. Catherine scolds Mara.")
    catherine = found["Catherine"]
    assert "Catherine de Bourgh" in catherine.aliases and "Bourgh" not in found


def test_a_name_called_a_thing_is_no_character() -> None:
    found = _characters(
        "On the dying planet Kryzon, Jor warns the council. Kryzon is destroyed. "
        "Mara moves to Forkton, a small town near the coast. Forkton welcomes her. "
        "They find a nightclub called Encounters. Later Mara meets Quint. "
        "Quint sails his vessel, the Orcana. The Orcana sinks."
    )
    assert set(found) == {"Jor", "Mara", "Quint"}


def test_an_apposition_naming_a_person_makes_a_character() -> None:
    found = _characters(
        "Later, Balthasar, one of Tomas's cousins, learns the news. "
        "Vincent is beaten by Morris, a member of a loan shark family."
    )
    assert {"Balthasar", "Morris"} <= set(found)


def test_an_adverb_between_a_name_and_its_verb() -> None:
    found = _characters(
        "A guide explains that Carlotta Valdes tragically died. "
        "Tomas paints a portrait of Carlotta. Mara buys the painting of Carlotta."
    )
    assert "Carlotta" in found


def test_a_full_name_opening_a_sentence_is_capitalised_for_itself() -> None:
    found = _characters("Mara rests. Alfred Pennyworth burns a letter.")
    assert "Alfred Pennyworth" in found


def test_a_song_title_is_no_character_and_a_queen_keeps_her_title() -> None:
    found = _characters(
        "Mara sings Lost That Groovin Feelin to Tomas. Queen Elizabeth I summons Tomas."
    )
    assert not any("Groovin" in name for name in found)
    assert found["Elizabeth"].role == "Queen"


def test_places_vehicles_companies_festivals_peoples_works_and_answers_are_no_characters() -> None:
    found = _characters(
        "Walt Kowalski polishes his Ford Gran Torino every morning. His neighbour Thao "
        "tries to steal the Gran Torino. Walt and Thao become friends during the Hmong "
        "New Year festival. The Hmong gang attacks Thao's family. Walt works for the "
        "Weyland-Yutani Corporation. Jamal answers the final question on Who Wants to Be "
        "a Millionaire; the answer is Aramis. Jamal checks into the Honeymoon Suite of the "
        "Taj Mahal Palace Hotel. He reads Romeo and Juliet to Latika. The Albanians "
        "threaten Walt. Latika waits at the Victoria Terminus."
    )
    assert set(found) == {"Walt", "Thao", "Jamal", "Latika"}


def test_titles_and_jobs_go_to_the_role_and_a_rank_keeps_its_stop() -> None:
    found = _characters(
        "Hotel Manager John Smith greets the guests. Sgt. Pepper arrests a thief. "
        "Later John Smith calls Pepper, who refuses to come."
    )
    smith = next(c for c in found.values() if "John Smith" in c.names)
    assert not any("Manager" in name for name in smith.names)
    assert smith.role is not None and smith.role.lower() == "hotel manager"
    assert found["Pepper"].role == "Sgt."


def test_an_actor_in_parentheses_is_the_characters_actor() -> None:
    found = _characters(
        "Kat (Julia Stiles) meets Patrick (Heath Ledger). Lex and Tim (Ariana Richards and "
        "Joseph Mazzello) hide. Kat laughs. Patrick sings. Lex runs. Tim falls."
    )
    assert found["Kat"].actor == "Julia Stiles" and found["Patrick"].actor == "Heath Ledger"
    assert found["Lex"].actor == "Ariana Richards" and found["Tim"].actor == "Joseph Mazzello"
    names = {w for c in found.values() for n in c.names for w in n.split()}
    assert not names & {"Julia", "Stiles", "Heath", "Ledger", "Ariana", "Mazzello"}


def test_actor_names_in_texts_are_counted() -> None:
    from outliner.story.evaluate import actor_names_in

    cast = [
        CastMember("Jackie Shroff", "Ram"),
        CastMember("James Caan", "Matthew Sykes"),
        CastMember("Mike Tyson", "Mike Tyson"),
        CastMember("Craig Ferguson", "Himself"),
    ]
    texts = [
        "Ram (Jackie Shroff) arrests Ballu.",
        "Sykes (Caan) leaves.",
        "Mike Tyson and Craig Ferguson sing.",
        "Ram waits.",
    ]
    assert actor_names_in(texts, cast) == 2


def test_halves_and_predictions_without_name_words() -> None:
    from outliner.story.evaluate import halves

    assert halves(["d", "a", "c", "b"]) == (["a", "c"], ["b", "d"])
    cast = [CastMember("Will Smith", "Jay"), CastMember("Tommy Lee Jones", "Kay")]
    score = score_film(
        "MIB", "Kay and Jay meet. K shoots.", cast, [Character("K"), Character("Kay")]
    )
    assert score.unscored == ["K"] and score.predicted == ["Kay"] and score.precision == 1.0


def test_names_given_by_naming_verbs_are_one_person() -> None:
    found = _characters(
        "Present are Orvik, now known as Kestrel, and Dr. Ulmo. Kestrel attacks Ulmo. "
        "Later Selda, now going by the name of Wisp runs away. Wisp meets Brannoc, a "
        'fighter known as "Varg", who heals. Varg saves Wisp. Orvik laughs. '
        "Ulmo, posing as the bookie Tobbe, visits Varg. Agent Pell is actually Hask, "
        "a con man. Hask runs. Pell shouts. Brannoc sleeps. Selda cries. Tobbe smiles."
    )
    assert {"Orvik", "Kestrel"} <= set(_names_of(found, "Kestrel"))
    assert {"Selda", "Wisp"} <= set(_names_of(found, "Wisp"))
    assert {"Brannoc", "Varg"} <= set(_names_of(found, "Varg"))
    assert {"Pell", "Hask"} <= set(_names_of(found, "Hask"))
    assert {"Ulmo", "Tobbe"} <= set(_names_of(found, "Ulmo"))


def test_someone_named_by_another_keeps_their_own_name() -> None:
    found = _characters(
        "Delt names himself as Corvo to protect the truth. Corvo flies. Delt lies. "
        "Delt weeps. Corvo fights. Merrow tells Delt that Nimsy is Corvo's sister."
    )
    assert "Delt" in found and "Corvo" in found and "Corvo" not in found["Delt"].names


def test_an_epithet_and_a_quoted_aka_name_one_person() -> None:
    found = _characters(
        "Informant Grell the Pug (Tim Blane) explains the plan. Tomas meets his grandmother "
        'Annic a.k.a "Gamsy" (Betty Whit). Gamsy and Tomas dance. Grell barks. Grell bites.'
    )
    assert "Pug" in _names_of(found, "Grell") and "Gamsy" in _names_of(found, "Annic")


def test_a_city_of_two_words_opening_a_sentence_is_not_cut() -> None:
    found = _characters(
        "Los Angeles becomes a new home for the aliens. Mara works in Los Angeles. "
        "Mara drives through Los Angeles."
    )
    assert set(found) == {"Mara"}


def test_plural_names_and_capitalised_plural_nouns_are_no_people() -> None:
    found = _characters(
        "Tomas travels for days. Flashbacks show that Tomas was lonely. Outraged by the "
        "Zolis' apathy, Tomas leaves. Tomas learns that the Zoli are little more than "
        "livestock. Flashbacks show Tomas as a boy. The Zoli sing. The Zoli eat the fruit."
    )
    assert set(found) == {"Tomas"}


def _names_of(found: dict[str, Character], name: str) -> tuple[str, ...]:
    """The names of the character called `name` (canonically or as an alias)."""
    return next((c.names for c in found.values() if name in c.names), ())


def test_diseases_jobs_and_regions_are_no_people() -> None:
    found = _characters(
        "In Coridian, Nebraska, Mara tends her grandmother, who suffers from Parkman's "
        "disease. Mara meets Tomas, a librarian and aspiring Sinologist. Tomas calls Mara."
    )
    assert set(found) == {"Mara", "Tomas"}


def test_a_capitalised_common_noun_with_an_article_is_a_kind() -> None:
    found = _characters(
        'Edgar has been killed and his skin used as a disguise by a "Bug", a member of a '
        "giant species. The Bug figures out the plan. Mara arrives just as the Bug kidnaps "
        "Tomas. The Bug arrives at the site. The Bug sheds the skin. Mara stops the Bug. "
        "Tomas taunts the Bug. Mara calls Tomas."
    )
    assert set(found) == {"Mara", "Tomas"}


def test_a_cartoons_maker_is_no_character_and_the_person_known_as_is_one() -> None:
    found = _characters(
        "Mara shows Walter Lantz's cartoon to Tomas. Mara meets Judy Barton. Judy was the "
        'person Tomas knew as "Madeleine Elster". Madeleine kisses Tomas. Judy cries. '
        "Tomas calls Mara."
    )
    assert set(found) == {"Mara", "Tomas", "Judy"}
    assert "Madeleine" in found["Judy"].aliases


def test_a_possessive_opening_a_title_names_no_one() -> None:
    found = _characters("Mara buys a share in the Lord Brindle's Men. Tomas calls Mara.")
    assert set(found) == {"Mara", "Tomas"}


def test_a_description_comes_from_the_first_mention_that_gives_one() -> None:
    """ "Grant and Sattler arrive ... Grant, a paleontologist, ...": Grant is described
    where the text says who he is, not only at his first mention; a clause the parser
    hangs on a name ("At work, Bud catches Fran crying") describes nobody, and nor does a
    noun before a later name, which guesses at whose ("his loan Raghu")."""
    from outliner.document import Outline
    from outliner.stages.analyse import analyse
    from outliner.stages.read import read

    made = analyse(
        Outline(
            read(
                "Grant and Sattler arrive at the park. Grant, a paleontologist, studies "
                "the bones. Sattler stays. Fran works at the office. At work, Bud catches "
                "Fran crying. Bud leaves. Fran stays. Kay comes to claim his loan Raghu.",
                "x.txt",
            )
        )
    )
    described = {c.name: c.description for c in made.characters}
    assert described["Grant"] == "a paleontologist"
    assert described["Fran"] is None
