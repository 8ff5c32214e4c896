"""Word lists and word tests shared by the stages: names, role words, kinds of nouns.

Whether a capitalised word is a name or an ordinary word at the start of a sentence
("Meanwhile", "Things") is decided with wordfreq's English frequencies: a maintained
library whose data ships in the package, so nothing is fetched at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words of this Zipf frequency or more are ordinary English words (e.g. "police" 5.3,
# "ram" 4.2); names are rarer ("Ganga" 2.9, "Ballu" 1.6). A common word counts as a name
# only when the synopsis keeps capitalising it inside sentences.
COMMON_WORD_ZIPF = 3.5

# Role words and honorifics: "Inspector Ram", "Seth Dhaniram". Never names on their own.
ROLE_WORDS: frozenset[str] = frozenset(
    """agent aunt boss brother captain chief colonel commissioner constable corporal dad
    deputy detective doctor dr father general governor grandfather grandmother inspector
    judge king lady lieutenant lord lt madam major mayor miss mom mother mr mrs ms officer
    police president prince princess private professor prof queen sergeant sgt seth sheriff
    sir sister uncle""".split()
)

# Nouns for people and for things. The small pipeline has no word meanings (no vectors,
# no WordNet): whether "girlfriend" or "town" names a person is lexical knowledge, given
# here by lemma.
PERSON_NOUNS = frozenset(
    """boss friend partner mentor sweetheart fiance fiancee lover assistant servant neighbour
    neighbor rival enemy criminal gangster officer guard colleague cousin child baby kid man
    woman girl boy wife husband son daughter mother father brother sister girlfriend
    boyfriend uncle aunt grandmother grandfather nephew niece widow bride groom mom dad
    student teacher doctor lawyer sidekick grandson granddaughter stepfather stepmother
    stepson stepdaughter twin classmate roommate coworker employee employer landlord
    landlady tenant client patient prisoner inmate convict thief killer murderer assassin
    mobster dealer prostitute maid butler housekeeper nanny chauffeur driver bodyguard
    secretary accountant manager supervisor reporter writer director producer actor actress
    singer dancer photographer painter priest nun pastor nurse surgeon professor soldier
    pilot sailor cop detective agent informant accomplice associate ally suitor admirer
    stranger member leader executive editor waitress waiter bartender owner caretaker
    counselor coach lieutenant sergeant deputy pupil person inspector captain robot
    ghost dog cat horse creature alien vampire family""".split()
)
THING_NOUNS = frozenset(
    """ship vessel spaceship starship spacecraft boat yacht submarine plane aircraft jet car
    truck vehicle planet moon town city village hometown suburb neighborhood neighbourhood
    estate island country state county province region river lake mountain company
    corporation firm business club nightclub bar restaurant hotel casino drug rifle gun
    revolver pistol weapon song film movie show series sitcom album book novel play magazine
    newspaper band system program computer virus disease room suite building tower house
    mansion school street festival party game quiz question answer brand store shop
    organization agency network station people tribe species comedy tragedy drama musical
    opera cartoon poem""".split()
)
_PERSON_ENDINGS = ("man", "woman", "ist", "ian")  # "fisherman", "scientist", "librarian"


# Nouns that say only that someone is a person: "man Doe" describes nobody. (The parse
# gives the noun; whether it tells anything about the person is not in it.)
BARE_PEOPLE = frozenset("man woman person guy boy girl people one".split())


def kind_of_noun(lemma: str) -> str | None:
    """'person' for "girlfriend" or "fisherman", 'thing' for "town", else None."""
    if lemma in PERSON_NOUNS or lemma.rstrip(".") in ROLE_WORDS:
        return "person"
    if lemma in THING_NOUNS or lemma in _PLACES:
        return "thing"
    return "person" if len(lemma) > 5 and lemma.endswith(_PERSON_ENDINGS) else None


WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
POSSESSIVE = re.compile(r"(?<=\w)['’]s?$")


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def is_common_word(word: str) -> bool:
    return zipf(word) >= COMMON_WORD_ZIPF


def strip_possessive(word: str) -> str:
    return POSSESSIVE.sub("", word)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


# Nouns for places: a name ending in one is a place ("Verona Beach"), not a person. Scene
# headings read places from the parse (outliner.story.places, with its own table of place
# nouns by kind); this short list is the one the character finder was measured with.
_PLACES = frozenset(
    """courtroom court jail prison lair hideout den base headquarters house home apartment
    mansion palace castle hospital office school church temple hotel motel restaurant bar
    nightclub club casino bank warehouse factory laboratory lab cell truck car ship boat
    train plane street road highway village town city farm forest jungle desert beach river
    mountain park market cemetery battlefield""".split()
)
