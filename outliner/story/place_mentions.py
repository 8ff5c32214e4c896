"""Place mentions: where one sentence's parse says something happens, and at what place.

A place is mentioned where the parse says a setting is: a noun phrase that is the object
of a locative preposition ("at Padua High School", "in the garden maze", "into his
basement"), or of a verb of motion ("enters the shop", "storm the warehouse"), or "home"
after a verb ("takes Kat home"), or a gathering that is the sentence's subject ("The
business dinner does not end well"). The phrase is a place when spaCy calls it a
facility, a geopolitical entity or a location (FAC, GPE, LOC), or when its head noun is a
place noun (outliner.story.place_nouns: the parser has no semantic classes for common
nouns). So "in love", "in tatters", "on the phone" and "the police" never are.

Only places in clauses that tell the story's scenes count: not a plan ("wants to move to
Paris"), a question ("whether to take him to a hospital"), what someone says ("claims that
he will lead them to the bodies"), a negation, a description ("Reggie, who is in
prison"), a job or a school ("enrols her in a private school"), or a past before the
story's ("had grown up in Ohio", "Lau, who has fled to Hong Kong", a simple past inside a
sentence told in the present). spaCy parses the clauses but tags none of this, so lemma
lists stand in for it.

INT. or EXT. is given only where the text says it: a room is inside, a street outside;
for a building or a vehicle the preposition or the verb decides ("in the house", "enters
the bank" INT.; "outside the chapel", "surround the house" EXT.; "at the hotel" neither);
a city, a country or a party is neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from outliner.document import Character, Mention, Setting
from outliner.story.place_nouns import (
    GATHERINGS,
    NAMING_ADJECTIVES,
    PART_SETTING,
    Kind,
    kind_of,
    same_kind,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Role(StrEnum):
    """What a sentence does at a place."""

    AT = "at"  # it happens there: "in the kitchen", "at the party"
    TO = "to"  # someone goes there: "to the hospital", "enters the shop"
    FROM = "from"  # someone leaves it: "from jail", "flees the chapel"


@dataclass(frozen=True)
class Found:
    """One mention of a place in one sentence."""

    sentence: int  # index into Document.sentences
    position: int  # the head token's index in the sentence, for order
    name: str  # as a heading writes it: "PADUA HIGH SCHOOL", "ROSHIDA'S LAIR"
    kind: str | None  # the head noun, one word per kind ("lab" -> "laboratory")
    specific: bool  # a name, an owner or a modifier: more than "the school"
    role: Role
    setting: Setting | None  # what this mention says about INT./EXT.
    nested: bool = False  # inside another place's phrase: "a restaurant in San Diego"
    depth: int = 0  # clauses below the main one (see clause_depth)
    fresh: bool = False  # "a building": a place not met before
    unowned: bool = False  # "her apartment" with "her" not resolved: whose, unknown

    @property
    def part(self) -> bool:
        """A part of a building or vehicle named alone: "the deck", "the roof"."""
        return self.kind in PART_SETTING and not self.specific

    @property
    def kind_class(self) -> Kind | None:
        return kind_of(self.kind) if self.kind else None


# --- Which clauses tell the story's scenes ------------------------------------------

# A place under these verbs is not where the story is: plans, offers, questions, what
# is said, learnt or believed.
UNREAL_VERBS = frozenset(
    """want plan hope intend wish threaten refuse decide offer suggest propose ask invite
    urge beg persuade convince promise agree consider dream need expect order arrange
    argue encourage advise plot scheme vow say tell claim announce explain reveal insist
    warn inform admit state declare learn discover realize realise believe think know
    remember recall recount describe mention confess report imagine suspect assume
    deny""".split()
)
# Nouns of the same kind: "his hopes of going to college", "a plot to rob a bank".
UNREAL_NOUNS = frozenset(
    """hope plan dream intention idea chance desire offer promise threat wish goal ambition
    suggestion proposal invitation attempt plot scheme memory""".split()
)
UNREAL_MODALS = frozenset({"will", "would", "could", "might", "should", "shall", "'ll", "'d"})
# Verbs that tie someone to a place as a member or a worker: "works at a restaurant".
AFFILIATION_VERBS = frozenset(
    "enrol enroll register study work teach employ hire admit accept graduate".split()
)
# Dependencies that open a clause below another.
CLAUSES = frozenset({"advcl", "relcl", "acl", "xcomp", "ccomp", "pcomp", "csubj", "parataxis"})


def governor(token: Token) -> Token:
    """The verb a phrase hangs on ('went' in 'went to the bank'), or the root."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def past_form(verb: Token) -> bool:
    """A simple past the word shows: the tagger calls "storm" or "set" VBD now and then."""
    return verb.tag_ == "VBD" and verb.lower_ != verb.lemma_.lower()


def clause_depth(token: Token) -> int:
    """How many clauses down from the main one a place phrase is: 0 in the main clause
    ("Starling travels to the hospital"), 1 in "..., where she is led to his quarters";
    a phrase that describes a noun counts one more ("footage of them at his house")."""
    depth, node, steps = 0, token, 0
    if token.head.pos_ == "ADP" and token.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        depth += 1
    while node.head.i != node.i and steps < 40:
        depth += node.dep_ in CLAUSES
        node, steps = node.head, steps + 1
    return depth


def is_scene(token: Token) -> bool:
    """Whether the phrase `token` heads is where the story happens, as told. Every clause
    above it is looked at: "tells the crowd that Anna will be leaving the UK"."""
    verb = governor(token)
    if any(c.dep_ == "neg" for c in verb.children) or _backstory(verb) or _describes(verb):
        return False
    node = verb
    for _ in range(40):
        if node.pos_ in ("VERB", "AUX") and not _told_as_real(node):
            return False
        if node.pos_ == "NOUN" and node.lemma_ in UNREAL_NOUNS:
            return False
        if node.head.i == node.i:
            return True
        node = node.head
    return True


def _backstory(verb: Token) -> bool:
    """A simple past inside a sentence told in the present: what happened before ("the
    thief who used them to check into the hotel")."""
    root = next((t for t in verb.doc if t.dep_ == "ROOT"), verb)
    return past_form(verb) and root.tag_ in ("VBZ", "VBP") and verb.i != root.i


def _describes(verb: Token) -> bool:
    """A clause that says what someone or something is ("Reggie, who is in prison", "the
    money, stashed in the trunk"), or whom someone works for or studies with."""
    if verb.lemma_ in AFFILIATION_VERBS:
        return True
    if verb.dep_ == "relcl" and verb.lemma_ == "be":
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _told_as_real(verb: Token) -> bool:
    children = list(verb.children)
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "without"):
        # "instead of going to the airport", "without going home"
        preposition = verb.head
        if preposition.lower_ == "without" or any(
            t.lower_ in ("instead", "rather") for t in (preposition.head, *preposition.children)
        ):
            return False
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in children):
        return False
    if any(c.dep_ == "aux" and c.text in UNREAL_MODALS for c in children):
        return False  # lowercase only: "Will" opening a sentence is a name
    perfect = {c.lower_ for c in children if c.dep_ == "aux"} & {"had", "has", "have"}
    passive = any(c.dep_ == "auxpass" for c in children)
    if verb.tag_ == "VBN" and (
        "had" in perfect or (perfect and verb.dep_ != "ROOT" and not passive)
    ):
        # "had grown up in Ohio", "Lau, who has fled to Hong Kong", "(deduces) Blackwood
        # has conducted a ceremony in the sewers": before the story's moment (not "finds
        # it has been dragged into the building": where it is now)
        return False
    # What is said or planned follows its verb ("claims that he will lead them to the
    # bodies"); a clause before it is the parser hanging "...; he claims" on it.
    return not (
        verb.dep_ in ("xcomp", "ccomp")
        and verb.head.lemma_ in UNREAL_VERBS
        and verb.i > verb.head.i
    )


# --- How a sentence relates to a noun phrase ----------------------------------------

# Prepositions that put an event at a place, or take someone to or from one.
AT_PREPOSITIONS = frozenset(
    """in at inside on aboard near outside within behind around across through throughout
    along beside under upon underneath atop over by up down""".split()
)
# "toward the shore" is a direction, not an arrival: no place.
TO_PREPOSITIONS = frozenset({"to", "into", "onto"})
FROM_PREPOSITIONS = frozenset({"from", "out"})
# Where the preposition itself says inside or outside.
INSIDE_PREPOSITIONS = frozenset({"in", "inside", "into", "within"})
OUTSIDE_PREPOSITIONS = frozenset({"outside"})
# Verbs whose "to" names no journey: "applies to Princeton", "talks to the school".
NOT_JOURNEYS = frozenset(
    """apply write talk speak listen belong attribute reply respond object admit confess
    lie agree refer propose react donate sell give report explain say tell mention announce
    introduce compare relate contribute commit marry engage lose adapt pray owe dedicate
    transfer""".split()
)
# Nouns of going somewhere to be there: "on a date to the opera". (Not "on his way to
# the bank", "during the trip to the house": en route, not there.)
OUTING_NOUNS = frozenset({"date", "visit", "outing", "excursion", "tour"})
# Verbs whose direct object is a place someone goes to, is at, or leaves.
OBJECT_ROLE: dict[str, Role] = {
    **dict.fromkeys(
        """enter reach visit storm raid infiltrate invade approach board attend surround
        besiege occupy""".split(),
        Role.TO,
    ),
    **dict.fromkeys(
        "explore search tour patrol attack rob bomb burgle show hold host throw interrupt".split(),
        Role.AT,
    ),
    **dict.fromkeys("leave flee exit escape evacuate abandon".split(), Role.FROM),
}
# Verbs whose object is a vehicle the scene is in: "while driving the car".
VEHICLE_VERBS = frozenset({"drive", "ride", "steer", "pilot", "fly", "crash", "turn", "sail"})
# Verbs that take you inside, and those that keep you outside.
INSIDE_VERBS = frozenset({"enter", "infiltrate", "board", "storm", "raid", "invade"})
OUTSIDE_VERBS = frozenset({"surround", "besiege", "approach"})


def place_role(token: Token) -> tuple[Role, str] | None:
    """How the sentence relates to the noun phrase `token` heads, and the word that says
    it (a preposition or a verb): None when it is not where anything happens."""
    head = token.head
    if token.dep_ == "pobj" and head.pos_ == "ADP":
        return _preposition_role(token, head.lower_, head.head)
    if token.dep_ == "dobj" and head.lemma_ in OBJECT_ROLE:
        return OBJECT_ROLE[head.lemma_], head.lemma_
    if (
        token.dep_ == "dobj"
        and head.lemma_ in VEHICLE_VERBS
        and kind_of(token.lemma_) is Kind.VEHICLE
    ):
        return Role.AT, head.lemma_
    if token.dep_ in ("conj", "appos") and token.head.i != token.i:
        return place_role(token.head)
    if (
        token.dep_ in ("nsubj", "nsubjpass")
        and head.dep_ == "ROOT"
        and _kind_word(token) in GATHERINGS
    ):
        return Role.AT, head.lemma_  # "The business dinner does not end well"
    return None


def _preposition_role(token: Token, word: str, governor: Token) -> tuple[Role, str] | None:
    # A noun with a subject is a verb the tagger missed ("Jack and Reggie tail him").
    verbal = governor.pos_ in ("VERB", "AUX", "ADV", "ADP") or any(
        c.dep_ == "nsubj" for c in governor.children
    )
    event = kind_of(_kind_word(token)) is Kind.EVENT
    if word == "of" and governor.lower_ in ("out", "outside"):
        # "out of the house", "outside of their hotel"
        return (Role.FROM, "out") if governor.lower_ == "out" else (Role.AT, "outside")
    if word == "by" and (token.head.dep_ == "agent" or not _determined(token)):
        return None  # "killed by a car", "by car": an agent or a means
    if word == "over" and event:
        return None  # "over breakfast", "presiding over the trials": a time, a charge
    if word in AT_PREPOSITIONS:
        return Role.AT, word
    if word == "during" and event:
        return Role.AT, word  # "during the wedding": a gathering is a setting
    if governor.lemma_ in NOT_JOURNEYS:
        return None
    # "directs the detectives to a desert area": the parse may hang it on the object.
    moved = governor.dep_ in ("dobj", "appos") and governor.head.pos_ == "VERB"
    if word in TO_PREPOSITIONS and (verbal or moved or governor.lemma_ in OUTING_NOUNS):
        if any(
            c.dep_ == "nsubj" and kind_of(c.lemma_) in (Kind.BUILDING, Kind.ROOM)
            for c in governor.children
        ):
            return None  # "his house goes to the church": a bequest, not a journey
        return Role.TO, word
    if word in FROM_PREPOSITIONS and verbal:
        if word == "from" and token.ent_type_ == "GPE":
            return None  # "Judy Barton, from Salina, Kansas": where someone is from
        return Role.FROM, word
    return None


def _determined(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") for c in token.children)


def setting_of(kind: Kind | None, inside: bool, outside: bool) -> Setting | None:
    """INT./EXT. as far as the noun and the preposition or verb say."""
    if kind is Kind.ROOM:
        return Setting.INT
    if kind is Kind.OUTDOORS:
        return Setting.EXT
    if kind in (Kind.BUILDING, Kind.VEHICLE):
        if inside:
            return Setting.INT
        if outside and kind is Kind.BUILDING:
            return Setting.EXT
    return None


def _part_setting(part: str, kind: Kind | None) -> Setting | None:
    said = PART_SETTING.get(part)
    if said is None or kind not in (Kind.BUILDING, Kind.VEHICLE, Kind.ROOM):
        return setting_of(kind, False, False)
    return Setting.INT if said == "INT" else Setting.EXT


# --- What place a noun phrase is, and whose -----------------------------------------

# Entity labels that name places; other entities ("the FBI Academy" is an ORG) are
# places only when their head noun is a place noun.
PLACE_ENTITIES = frozenset({"FAC", "GPE", "LOC"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# Heads that say only "some place": the kind is the modifier's ("a remote desert area").
VAGUE_HEADS = frozenset({"area", "region", "zone", "part", "section", "district"})


def possessive(owner: str, plural: bool) -> str:
    """A heading's owner: "ROSHIDA'S", and a plural common noun with the bare apostrophe
    ("PARENTS'", "GANG MEMBERS'")."""
    return f"{owner.upper()}'" if plural else f"{owner.upper()}'S"


def clean_name(text: str) -> str:
    """A name as a heading writes it: no leading article, no possessive, capitals."""
    words = text.replace("’", "'").split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    name = " ".join(words)
    for suffix in ("'s", "'"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
    return name.strip(" ,.;:").upper()


def _name_words(token: Token) -> list[Token]:
    """A name's words: the token with its compound modifiers, in order ("the high
    school": adjectives that belong to a name count, capitalised ones too)."""
    words = [token]
    for child in token.children:
        naming = child.lower_ in NAMING_ADJECTIVES or (child.is_title and child.i > 0)
        if child.dep_ == "compound" or (child.dep_ == "amod" and naming):
            words += _name_words(child)
    return sorted(words, key=lambda t: t.i)


def _kind_word(token: Token) -> str:
    """The word that says what kind of place a phrase names: its head, or the place noun
    before a vague head ("desert area" is a desert)."""
    if token.lemma_.lower() == "escape" and any(c.lower_ == "fire" for c in token.children):
        return "fire escape"
    if token.lemma_.lower() in VAGUE_HEADS:
        for child in token.children:
            if child.dep_ == "compound" and kind_of(child.lemma_) is not None:
                return child.lemma_.lower()
    return token.lemma_.lower()


def _entity(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _of_object(token: Token) -> Token | None:
    """'the roof of the hotel' -> hotel."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


class Reader:
    """Finds place mentions in a sentence's parse, knowing the characters' names."""

    def __init__(self, characters: Iterable[Character], mentions: Iterable[Mention]) -> None:
        self.canonical: dict[str, str] = {}
        for c in characters:
            for name in c.names:
                self.canonical[name] = c.name
                for word in name.split():
                    self.canonical.setdefault(word, c.name)
        self.resolved = {
            (m.sentence, m.start): m.characters[0] for m in mentions if len(m.characters) == 1
        }

    def people(self, tokens: Iterable[Token]) -> set[str]:
        """The characters these tokens name (by any of their names)."""
        return {self.canonical[t.text] for t in tokens if t.text in self.canonical}

    def owner(self, token: Token, sentence: int) -> str | None:
        """Who owns a place: "Roshida's lair", "his cell" (when the pronoun is resolved),
        spelt as the characters list spells them."""
        for child in token.children:
            if child.dep_ != "poss":
                continue
            if child.pos_ == "PRON":
                return self.resolved.get((sentence, child.idx)) or self._subject_of(token)
            text = " ".join(t.text for t in _name_words(child)).replace("’", "'")
            text = text.removesuffix("'s").removesuffix("'")
            return self.canonical.get(text, text)
        return None

    def _subject_of(self, token: Token) -> str | None:
        """ "Kat finds a guitar in her car": until the pronouns are resolved (Outline.mentions),
        "his" or "her" is the one character who is the subject of the clause."""
        verb = governor(token)
        while verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
            verb = verb.head  # "Boz ... is stabbed at his apartment": the first verb's subject
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1 or subjects[0].pos_ != "PROPN":
            return None
        if any(c.dep_ == "conj" for c in subjects[0].children):
            return None  # "Kat and Bianca ... their house": whose?
        text = " ".join(t.text for t in _name_words(subjects[0]))
        return self.canonical.get(text) or self.canonical.get(subjects[0].text)

    def _given_name(self, token: Token) -> Token | None:
        """'a nightclub called Encounters', "Quint's vessel, the Orca": the name given."""
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.text not in self.canonical:
                return child
            if child.dep_ == "acl" and child.lemma_ in ("call", "name", "know"):
                for named in child.children:
                    if named.dep_ in ("oprd", "attr", "dobj") and named.pos_ == "PROPN":
                        return named
        return None

    def place(
        self, token: Token, sentence: int, role: Role, setting: Setting | None
    ) -> Found | None:
        """The place `token` heads, or None when it is no place."""
        lemma = _kind_word(token)
        kind = kind_of(lemma)
        kind_word = same_kind(lemma) if kind else None
        ent = _entity(token)
        if ent is not None and ent.label_ == "PERSON":
            return None
        if ent is not None and (ent.label_ in PLACE_ENTITIES or kind is not None):
            if clean_name(ent.text).title() in self.canonical or ent.text in self.canonical:
                return None  # the small model calls some names GPE ("Ganga")
            if kind_word is None and ent.label_ == "GPE":
                kind_word = "city"  # a city, a state, a country: it frames, it stages no scene
            return Found(sentence, token.i, clean_name(ent.text), kind_word, True, role, setting)
        if kind is None:
            return self._called(token, sentence, role, setting)
        if token.pos_ == "PROPN" and token.text in self.canonical:
            return None
        given = self._given_name(token)
        if given is not None:
            name = clean_name(" ".join(t.text for t in _name_words(given)))
            return Found(sentence, token.i, name, kind_word, True, role, setting)
        words = _name_words(token)
        owner = self.owner(token, sentence)
        name = clean_name(" ".join(t.text for t in words))
        if owner:
            plural = owner[:1].islower() and owner.endswith("s")  # "her parents' lake house"
            name = f"{possessive(owner, plural)} {name}"
        children = list(token.children)
        unowned = owner is None and any(c.dep_ == "poss" for c in children)
        # "the building where Rachel died" is that building, not the last one named
        described = not unowned and any(c.dep_ == "relcl" for c in children)
        fresh = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in children)
        specific = owner is not None or len(words) > 1 or token.pos_ == "PROPN" or described
        return Found(
            sentence,
            token.i,
            name,
            kind_word,
            specific,
            role,
            setting,
            fresh=fresh,
            unowned=unowned,
        )

    def _called(
        self, token: Token, sentence: int, role: Role, setting: Setting | None
    ) -> Found | None:
        """ "Torchy's, a redneck hangout": a name the parse does not know, said to be a place
        by the place noun beside it."""
        if token.pos_ != "PROPN" or token.text in self.canonical:
            return None
        for child in token.children:
            kind = kind_of(_kind_word(child))
            if child.dep_ == "appos" and child.pos_ == "NOUN" and kind is not None:
                name = clean_name(" ".join(t.text for t in _name_words(token)))
                return Found(sentence, token.i, name, same_kind(child.lemma_), True, role, setting)
        return None

    def of_owner(self, found: Found, of_object: Token | None) -> Found:
        """'the house of Max', 'the house of the gang members': an owner after 'of' (a
        character as the characters list spells them, or people: "GANG MEMBERS' HOUSE")."""
        if of_object is None or found.specific:
            return found
        if of_object.text in self.canonical:
            owner = possessive(self.canonical[of_object.text], plural=False)
        elif of_object.pos_ == "NOUN" and kind_of(of_object.lemma_) is None:
            owner = clean_name(" ".join(t.text for t in _name_words(of_object)))
            owner = possessive(owner, plural=owner.endswith("S"))
        else:
            return found
        return replace(found, name=f"{owner} {found.name}", specific=True)


# --- Mentions that are no scene's place ---------------------------------------------

# Verbs after which a bare "home" is where someone goes: "goes home", "takes Kat home".
HOMING_VERBS = frozenset(
    """go come take bring drive walk send carry escort return head rush run race hurry fly
    ride get arrive""".split()
)
# "in college", "abandoning college" without an article: being a student, not a place.
SCHOOLING = frozenset({"school", "college", "university", "class", "kindergarten"})


def _home(token: Token, sentence: int) -> Found | None:
    """'goes home', 'takes Kat home': the adverb home after a verb of motion."""
    if (
        token.lower_ == "home"
        and token.dep_ in ("advmod", "npadvmod", "dobj")  # "takes Kat home" parses either way
        and token.head.lemma_ in HOMING_VERBS
        and is_scene(token)
    ):
        return Found(
            sentence, token.i, "HOME", "home", False, Role.TO, None, depth=clause_depth(token)
        )
    return None


def _nested(token: Token) -> bool:
    """'a restaurant in downtown San Diego': San Diego only says where the restaurant is."""
    return token.head.pos_ == "ADP" and kind_of(token.head.head.lemma_) is not None


def _describes_someone(token: Token, found: Found) -> bool:
    """'the most indiscreet man in England': a region after a person is no scene; a
    building is ('a new student at Padua High School' is there), unless it says what
    someone is ('John is head chef at a popular restaurant': a job, not a scene)."""
    governor = token.head.head if token.head.pos_ == "ADP" else None
    if governor is None or governor.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if governor.dep_ == "attr":
        return True
    if kind_of(governor.lemma_) is not None:
        return False
    return found.kind_class in (None, Kind.AREA)


def _affiliation(token: Token) -> bool:
    return (
        token.lemma_.lower() in SCHOOLING
        and (token.head.lower_ in ("in", "to", "from", "at") or token.dep_ == "dobj")
        and not _determined(token)
        and not (token.pos_ == "PROPN" or any(c.pos_ == "PROPN" for c in token.children))
    )


def _film_scene(token: Token) -> bool:
    """'in a famous scene' is the film's, 'drive to the scene' says no place; 'the crime
    scene' and 'the scene of the murder' are places."""
    if token.lemma_ != "scene":
        return False
    return not any(c.dep_ == "compound" or c.lower_ == "of" for c in token.children)


def read_sentence(reader: Reader, doc: Doc, sentence: int) -> Iterator[Found]:
    """Every place mention of one sentence where its story happens, in order."""
    for token in doc:
        home = _home(token, sentence)
        if home is not None:
            yield home
            continue
        # The tagger calls a noun an adjective now and then ("at Will's doorstep").
        if token.pos_ not in ("NOUN", "PROPN") and not (
            token.pos_ == "ADJ" and token.dep_ in ("pobj", "dobj")
        ):
            continue
        said = place_role(token)
        if said is None or not is_scene(token):
            continue
        role, word = said
        of_object = _of_object(token)
        if token.lemma_.lower() in PART_SETTING and of_object is not None:
            # "the roof of the hotel": the place is the hotel, and the part says EXT.
            setting = _part_setting(token.lemma_.lower(), kind_of(of_object.lemma_))
            found = reader.place(of_object, sentence, role, setting)
            if found is not None:
                yield replace(found, depth=clause_depth(token))
                continue
        inside = word in INSIDE_PREPOSITIONS or word in INSIDE_VERBS
        outside = word in OUTSIDE_PREPOSITIONS or word in OUTSIDE_VERBS
        setting = setting_of(kind_of(_kind_word(token)), inside, outside)
        found = reader.place(token, sentence, role, setting)
        if found is None or _describes_someone(token, found) or _film_scene(token):
            continue
        if _affiliation(token):
            continue
        found = reader.of_owner(found, of_object)
        yield replace(found, nested=_nested(token), depth=clause_depth(token))
