"""The nouns that name a place a scene can happen in, by kind.

spaCy knows a place only when it is a name (FAC, GPE and LOC entities); en_core_web_sm
has no word vectors and no semantic classes, so nothing in the parse says that "diner"
or "basement" is a place and "attempt" or "phone" is not. WordNet would (its noun.location
lexicographer file and the hypernyms of building and room), but no maintained package
ships its data without a download at run time. So this one hand-made table stays: the
head lemmas a scene heading is made of, grouped by what they say about INT./EXT. The
list was drawn up from the nouns that follow a locative preposition in TRIPOD's train
films (outside the ten annotated for the place evaluation) and widened with their kin.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a place noun says about a scene heading."""

    ROOM = "room"  # always inside: INT.
    OUTDOORS = "outdoors"  # always outside: EXT.
    BUILDING = "building"  # either: the preposition decides ("in" INT., "outside" EXT.)
    VEHICLE = "vehicle"  # "in the car" INT.; otherwise unknown
    AREA = "area"  # a city, a country, a region: neither
    EVENT = "event"  # "at the party": a setting, neither inside nor out


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_KINDS: dict[Kind, frozenset[str]] = {
    Kind.ROOM: _words(
        """room bedroom bathroom restroom washroom toilet kitchen basement cellar attic loft
        hallway corridor lobby foyer cell closet ward suite study lounge chamber quarters
        dungeon vault classroom courtroom elevator lift stateroom parlor parlour boardroom
        cockpit morgue mortuary gym gymnasium locker dormitory dorm sauna bunker den
        laboratory lab office studio auditorium hall cafeteria canteen infirmary
        darkroom pantry nursery stairwell staircase interior cave cavern mine tunnel
        sewer sewers tomb crypt cabin coffin bath bathtub"""
    ),
    Kind.OUTDOORS: _words(
        """street road highway freeway motorway alley alleyway avenue boulevard lane square
        plaza park garden yard backyard courtyard lawn field meadow pasture farm ranch
        beach shore coast coastline seashore sea ocean lake river stream creek pond bay
        harbor harbour port dock docks pier wharf marina forest woods jungle desert
        mountain mountains hill hills valley canyon gorge cliff cemetery graveyard
        battlefield bridge drawbridge rooftop roof deck parking lot playground campsite
        racetrack sidewalk pavement crossroads junction border frontier wilderness
        countryside swamp marsh glacier volcano canal waterfront boardwalk maze trail
        ruins scrapyard junkyard railyard quarry seabed riverbank outskirts moor moors
        prairie plain plains savanna tundra orchard vineyard island beachfront
        streets rooftops grounds driveway porch balcony patio terrace doorstep grave"""
    ),
    Kind.BUILDING: _words(
        """house home apartment flat mansion palace castle hotel motel inn hostel lodge
        resort spa hospital clinic sanatorium sanitarium asylum orphanage school college
        university academy seminary church chapel cathedral temple mosque synagogue
        monastery convent abbey prison jail jailhouse penitentiary precinct station
        headquarters hq base bank store shop bookshop bookstore boutique mall supermarket
        market marketplace pharmacy bakery pawnshop pizzeria restaurant diner cafe café
        coffeehouse bar pub tavern saloon nightclub club casino brothel theater theatre
        cinema playhouse museum gallery library warehouse factory mill refinery
        brewery distillery lair hideout hideaway safehouse embassy consulate courthouse
        court airport terminal hangar barn shed cottage villa farmhouse townhouse
        penthouse condo condominium residence manor estate chateau lighthouse
        observatory aquarium stadium arena building skyscraper tower fortress fort
        citadel compound complex facility institute center centre depot garage
        laundromat salon showroom hangout motorhome trailer igloo tent hut shack shelter
        workplace shaft
        mausoleum pyramid shipyard dockyard barracks outpost"""
    ),
    Kind.VEHICLE: _words(
        """car truck lorry van bus coach taxi cab limousine limo train subway tram plane
        airplane aeroplane jet airliner helicopter chopper boat ship yacht submarine
        ferry vessel spaceship spacecraft starship shuttle lifeboat raft canoe ambulance
        cruiser carriage wagon stagecoach caravan rv jeep suv sedan convertible
        motorboat tugboat tanker freighter liner steamer frigate destroyer carrier
        gunship blimp airship balloon pod capsule"""
    ),
    Kind.AREA: _words(
        """city town village hamlet country region planet kingdom colony territory
        neighborhood neighbourhood suburb suburbs district area hometown capital
        metropolis settlement province county nation continent empire downtown
        ghetto slum slums reservation homeland"""
    ),
    Kind.EVENT: _words(
        """party prom wedding funeral ceremony reception banquet ball dance concert
        festival fair carnival premiere conference fundraiser gala picnic auction rally
        parade memorial vigil graduation recital pageant barbecue dinner lunch luncheon
        brunch breakfast set shoot scene opera ballet match game hearing trial drive flight
        voyage cruise ride meeting videoconference mass"""
    ),
}

# Gatherings: a party or a dinner is a setting even as the subject of its sentence ("The
# business dinner does not end well", "Walt's funeral Mass is celebrated").
GATHERINGS = _words(
    """party prom wedding funeral ceremony reception banquet ball dance concert festival
    fundraiser gala picnic dinner lunch luncheon meeting mass"""
)

KIND_OF: dict[str, Kind] = {word: kind for kind, words in _KINDS.items() for word in words}
KIND_OF["fire escape"] = Kind.OUTDOORS  # a two-word place noun: "escape" alone is no place

# One word per place kind: "the lab" is "the laboratory", "the club" "the nightclub".
SAME_KIND = {
    "lab": "laboratory",
    "nightclub": "club",
    "bookstore": "bookshop",
    "theatre": "theater",
    "centre": "center",
    "cab": "taxi",
    "harbour": "harbor",
    "neighbourhood": "neighborhood",
    "courtroom": "court",
    "courthouse": "court",
    "jailhouse": "jail",
    "airplane": "plane",
    "aeroplane": "plane",
    "limo": "limousine",
    "motorhome": "trailer",
    "sanitarium": "sanatorium",
    "hq": "headquarters",
    "rooftop": "roof",
    "alleyway": "alley",
    "vessel": "boat",
    "ship": "boat",
    "yacht": "boat",
    "hideout": "lair",
    "home": "house",
    "hideaway": "lair",
    "den": "lair",
    "base": "lair",
    "safehouse": "lair",
}

# Places a story has many of, each someone's: "the house", "her car" or "a cell" says
# which only with an owner or a name, when the synopsis has several (the annotation
# leaves such words out when a film has two houses).
OWNED_KINDS = frozenset(
    "house apartment flat room bedroom car van truck cell office suite trailer".split()
)

# Nouns that stand for any building: "the building" after "the Nakatomi Tower" is the tower.
BUILDING_WORDS = frozenset({"building", "facility", "premises", "complex", "property", "compound"})

# Parts of a place: "the roof of the hotel" is the hotel, seen from outside; "the back
# seat of his car", the car from inside. None: the part says neither.
PART_SETTING: dict[str, str | None] = {
    "roof": "EXT",
    "rooftop": "EXT",
    "top": "EXT",
    "front": "EXT",
    "outside": "EXT",
    "exterior": "EXT",
    "doorstep": "EXT",
    "steps": "EXT",
    "gate": "EXT",
    "gates": "EXT",
    "entrance": None,
    "door": None,
    "window": None,
    "edge": None,
    "inside": "INT",
    "interior": "INT",
    "seat": "INT",
    "trunk": "INT",
    "floor": "INT",
    "basement": "INT",
    "back": None,
    "rear": None,
    "side": None,
    "middle": None,
    "end": None,
    "corner": None,
    "bottom": None,
    "base": None,
    "center": None,
    "centre": None,
    "foot": None,
    "grounds": "EXT",
    # "on the day of the hearing", "the night of the prom": the time of a gathering
    "day": None,
    "night": None,
    "eve": None,
    "morning": None,
    "evening": None,
    "deck": "EXT",
    "hull": None,
}

# Adjectives that belong to a place's name rather than describe it: "the high school",
# "the medical center" (capitalised adjectives are part of a name anyway).
NAMING_ADJECTIVES = frozenset(
    {"high", "medical", "elementary", "junior", "secondary", "public", "royal", "national"}
)


def kind_of(lemma: str) -> Kind | None:
    return KIND_OF.get(lemma.lower())


def same_kind(lemma: str) -> str:
    lemma = lemma.lower()
    return SAME_KIND.get(lemma, lemma)
