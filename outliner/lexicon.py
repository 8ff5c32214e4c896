"""Word lists and word tests shared by the stages: names, role words, places.

Whether a capitalised word is a name or an ordinary word at the start of a sentence
("Meanwhile", "Things") is decided with wordfreq's English frequencies: a maintained
library whose data ships in the package, so nothing is fetched at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from outliner.document import Setting

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


# Places a synopsis names, with the scene-heading location they normalise to and whether
# the place is inside or outside. Longer phrases first so that "police station" wins
# over "station".
PLACE_WORDS: tuple[tuple[str, str, Setting], ...] = (
    ("police station", "POLICE STATION", Setting.INT),
    ("train station", "TRAIN STATION", Setting.INT),
    ("courtroom", "COURT", Setting.INT),
    ("court", "COURT", Setting.INT),
    ("jail", "JAIL", Setting.INT),
    ("prison", "PRISON", Setting.INT),
    ("lair", "LAIR", Setting.INT),
    ("hideout", "HIDEOUT", Setting.INT),
    ("den", "DEN", Setting.INT),
    ("base", "BASE", Setting.INT),
    ("headquarters", "HEADQUARTERS", Setting.INT),
    ("house", "HOUSE", Setting.INT),
    ("home", "HOME", Setting.INT),
    ("apartment", "APARTMENT", Setting.INT),
    ("mansion", "MANSION", Setting.INT),
    ("palace", "PALACE", Setting.INT),
    ("castle", "CASTLE", Setting.INT),
    ("hospital", "HOSPITAL", Setting.INT),
    ("office", "OFFICE", Setting.INT),
    ("school", "SCHOOL", Setting.INT),
    ("church", "CHURCH", Setting.INT),
    ("temple", "TEMPLE", Setting.INT),
    ("hotel", "HOTEL", Setting.INT),
    ("motel", "MOTEL", Setting.INT),
    ("restaurant", "RESTAURANT", Setting.INT),
    ("bar", "BAR", Setting.INT),
    ("nightclub", "NIGHTCLUB", Setting.INT),
    ("club", "CLUB", Setting.INT),
    ("casino", "CASINO", Setting.INT),
    ("bank", "BANK", Setting.INT),
    ("warehouse", "WAREHOUSE", Setting.INT),
    ("factory", "FACTORY", Setting.INT),
    ("laboratory", "LABORATORY", Setting.INT),
    ("lab", "LABORATORY", Setting.INT),
    ("cell", "CELL", Setting.INT),
    ("truck", "TRUCK", Setting.INT_EXT),
    ("car", "CAR", Setting.INT_EXT),
    ("ship", "SHIP", Setting.INT_EXT),
    ("boat", "BOAT", Setting.INT_EXT),
    ("train", "TRAIN", Setting.INT_EXT),
    ("plane", "PLANE", Setting.INT_EXT),
    ("street", "STREET", Setting.EXT),
    ("road", "ROAD", Setting.EXT),
    ("highway", "HIGHWAY", Setting.EXT),
    ("village", "VILLAGE", Setting.EXT),
    ("town", "TOWN", Setting.EXT),
    ("city", "CITY", Setting.EXT),
    ("farm", "FARM", Setting.EXT),
    ("forest", "FOREST", Setting.EXT),
    ("jungle", "JUNGLE", Setting.EXT),
    ("desert", "DESERT", Setting.EXT),
    ("beach", "BEACH", Setting.EXT),
    ("river", "RIVER", Setting.EXT),
    ("mountain", "MOUNTAIN", Setting.EXT),
    ("park", "PARK", Setting.EXT),
    ("market", "MARKET", Setting.EXT),
    ("cemetery", "CEMETERY", Setting.EXT),
    ("battlefield", "BATTLEFIELD", Setting.EXT),
)

# Places named without an article are still places: "escapes from jail", "goes home".
# Every other place word needs a determiner or an owner before it ("the bank", "Raghu's
# truck"), which keeps verbs and adjectives ("to train", "to park") out.
BARE_PLACES: frozenset[str] = frozenset(
    {"jail", "prison", "court", "home", "school", "hospital", "church", "college"}
)

_PLACES = frozenset(word for word, _, _ in PLACE_WORDS if " " not in word)
