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

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
POSSESSIVE = re.compile(r"(?<=\w)['’]s?$")


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def is_common_word(word: str) -> bool:
    return zipf(word) >= COMMON_WORD_ZIPF


def is_possessive(word: str) -> bool:
    return bool(POSSESSIVE.search(word))


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
