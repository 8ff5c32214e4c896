"""Places and scene settings: one spelling per place, and where each plot sentence is.

Mentions come from the parse (outliner.story.place_mentions), only from clauses that tell
the story's scenes (outliner.story.scene_clauses). Each place gets one spelling: its name
as written ("Padua High School"), an owner as the characters list spells them ("Rosida's
lair" -> ROSHIDA'S LAIR), and a plain mention after a specific one of the same kind is
that place ("the school" after "Padua High School", "the building" after the named
tower). A room named inside the building or vehicle the story is in is written as
screenplays write it: ORCA - CABIN, RITZ HOTEL - ROOM.

Each plot sentence has at most one setting. Its own, when it names one: the place of its
main action, where something happens or someone arrives (a place that is only left,
"flees the chapel", counts when nothing else is named). Otherwise the setting carries
from the sentence before (the last place someone went to, or the last scene's place)
while the parse shows the scene going on, until the story moves (outliner.story.
scene_breaks): a time jump, another thread, people leaving. A sentence that only states
what someone is or feels gets no setting but does not end the scene; a sentence in the
simple past inside a story told in the present is backstory and gets none either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from outliner.document import Character, Document, Mention, Place, Setting
from outliner.story.place_mentions import Found, Reader, Role, read_sentence
from outliner.story.scene_clauses import UNREAL_VERBS
from outliner.story.place_nouns import BUILDING_WORDS, Kind, kind_of, same_kind
from outliner.story.scene_breaks import (
    at_a_distance,
    finds_out,
    summarises,
    joins,
    leaves,
    main_verbs,
    points_back,
    root_of,
    root_tag,
    time_jump,
    told_in_present,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class _Entry:
    """A place being collected: its spelling, kind and sentences."""

    name: str
    kind: str | None
    specific: bool
    settings: set[Setting]
    named: list[int]
    carried: list[int]
    within: _Entry | None = None  # the building or vehicle a room is in
    vague: bool = False  # "a house", "her car", "the city": which one, the text does not say

    @property
    def kind_class(self) -> Kind | None:
        return kind_of(self.kind) if self.kind else None

    @property
    def outermost(self) -> _Entry:
        return self.within.outermost if self.within is not None else self


def _words(name: str) -> set[str]:
    return set(name.replace("'S", "").replace(" - ", " ").split())


def _same_name(a: str, b: str) -> bool:
    """'CAESAR'S PALACE' and 'CAESARS PALACE'; 'ENCOUNTERS' and 'ENCOUNTERS CLUB'; or one
    owner's place of one kind ("ROSHIDA'S BASE", "ROSHIDA'S LAIR", the kinds checked
    by the caller)."""
    x, y = _words(a), _words(b)
    if "'S " in a and "'S " in b and a.split("'S ")[0] == b.split("'S ")[0]:
        return True
    return bool(x & y) and (x <= y or y <= x)


# Places a story has many of, each someone's: "the house", "her car" or "a cell" says
# which only with an owner or a name (the annotation leaves such words out when a film
# has two houses). So do the words for any building or any town.
OWNED_KINDS = frozenset(
    "house apartment flat room bedroom car van truck cell office suite trailer".split()
)


def _vague(found: Found, contested: frozenset[str]) -> bool:
    if found.specific:
        return False
    if found.kind in OWNED_KINDS:
        return found.kind in contested
    return found.kind in BUILDING_WORDS or found.kind_class is Kind.AREA


def contested_kinds(docs: Iterable[Doc]) -> frozenset[str]:
    """The kinds of place the synopsis gives two owners or more ("his apartment", "Beth's
    apartment"): for those, a plain "the apartment" does not say which."""
    owners: dict[str, set[str]] = {}
    for doc in docs:
        for token in doc:
            kind = same_kind(token.lemma_)
            if kind not in OWNED_KINDS:
                continue
            for child in token.children:
                if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                    owners.setdefault(kind, set()).add(child.lower_)
    return frozenset(kind for kind, who in owners.items() if len(who) > 1)


class Gazetteer:
    """The story's places, in order of first mention; mentions resolve to one spelling."""

    def __init__(self, contested: frozenset[str] = frozenset()) -> None:
        self.contested = contested
        self.entries: list[_Entry] = []
        self._recent: list[_Entry] = []  # most recently mentioned last

    def resolve(self, found: Found, where: _Entry | None = None) -> _Entry:
        """The place a mention is; `where` is where the story is when it is made."""
        container = self._container(found, where)
        entry = self._match(found, container)
        if entry is None:
            name = f"{container.name} - {found.name}" if container else found.name
            entry = _Entry(name, found.kind, found.specific, set(), [], [], container)
            entry.vague = container is None and _vague(found, self.contested)
            self.entries.append(entry)
        if found.setting is not None:
            entry.settings.add(found.setting)
        if entry in self._recent:
            self._recent.remove(entry)
        self._recent.append(entry)
        return entry

    @staticmethod
    def _container(found: Found, where: _Entry | None) -> _Entry | None:
        """The named building or vehicle a plain room or part is in: the cabin of the
        Orca, the deck of the boat, while the story is there."""
        if where is None or found.specific or not (found.kind_class is Kind.ROOM or found.part):
            return None
        outer = where.outermost
        if outer.specific and outer.kind_class in (Kind.BUILDING, Kind.VEHICLE):
            return outer
        return None

    def _match(self, found: Found, container: _Entry | None = None) -> _Entry | None:
        if container is not None:
            for entry in reversed(self._recent):
                if entry.within is container and entry.kind == found.kind:
                    return entry
            return None
        if found.fresh or found.unowned:
            return None  # "a building", "her apartment": not the last one named
        if found.specific:
            for entry in reversed(self._recent):
                if entry.name == found.name:
                    return entry
            for entry in reversed(self._recent):
                # One kind only: "NEW YORK AIRPORT" is not "NEW YORK".
                if (
                    entry.specific
                    and entry.kind == found.kind
                    and _same_name(entry.name, found.name)
                ):
                    return entry
            return None
        # A plain mention is the last place of its kind: "the school", "the building".
        for entry in reversed(self._recent):
            if entry.within is not None:
                continue  # a room of another building
            if entry.kind == found.kind or (
                found.kind in BUILDING_WORDS and entry.kind_class is Kind.BUILDING
            ):
                return entry
        return None


def _primary(found: list[Found]) -> Found:
    """A sentence's own setting: the place of its main action, where something happens or
    someone goes (the highest clause first, then the first named)."""
    for candidates in (
        [f for f in found if f.role is not Role.FROM and not f.nested],
        [f for f in found if f.role is not Role.FROM],
        found,
    ):
        if candidates:
            return min(candidates, key=lambda f: (f.depth, f.position))
    raise ValueError("no place")


def _acts_on_someone_there(doc: Doc) -> bool:
    """'Beth visits him': a pronoun object is someone the scene has just named."""
    return any(
        c.dep_ in ("dobj", "dative") and c.pos_ == "PRON" and c.lower_ in ("him", "her", "them")
        for verb in main_verbs(doc)
        for c in verb.children
    )


def _someone_appears(doc: Doc) -> bool:
    """'A woman is drowning', 'A monster jumps out': someone new, where the story is."""
    root = root_of(doc)
    return root is not None and root.lemma_ not in UNREAL_VERBS and any(
        c.dep_ == "nsubj"
        and c.pos_ == "NOUN"
        and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
        for c in root.children
    )


class Continuity:
    """Walks the plot in order, giving each sentence its own setting or a carried one.

    The scene is the current place with the people and things it has named; a sentence
    that names no place stays in it when the parse shows the same scene going on: its
    subject is a pronoun or a group ("they", "the men", "the two"), someone the scene has
    named, something it has mentioned ("the driver"), or someone arriving ("Mr. Pink
    arrives"), or it points back ("there", "the location"). It leaves the scene on a time
    jump, when someone else is its subject (another thread), or after someone leaves.
    A region (a city, a country) frames a story but stages no scene: it is not carried.
    """

    def __init__(self, reader: Reader, contested: frozenset[str] = frozenset()) -> None:
        self.reader = reader
        self.gazetteer = Gazetteer(contested)
        self.current: _Entry | None = None
        self.people: set[str] = set()  # the characters the scene has named
        self.words: set[str] = set()  # the nouns the scene has used
        self.before: set[str] = set()  # the characters the sentence before named

    def add(self, index: int, doc: Doc, told_in_present: bool = False) -> None:
        people = self.reader.people(doc)
        if told_in_present and root_tag(doc) == "VBD":
            self.before = people
            return  # the past of a story told in the present: backstory, no scene
        found = list(read_sentence(self.reader, doc, index))
        if found:
            self._named(index, found, doc, people)
        elif self.current is not None:
            self._unnamed(index, doc, people)
        self.before = people

    def _subject(self, doc: Doc) -> set[str] | None:
        """The characters the main clause's subject names; None when it stands for the
        scene's people or things ("they", "the men", "the driver")."""
        root = root_of(doc)
        if root is None:
            return set()
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.pos_ in ("PRON", "NUM") for c in subjects):
            return None
        if any(c.pos_ == "NOUN" and c.lemma_ in self.words for c in subjects):
            return None
        words = [t for c in subjects for t in c.subtree]
        return {self.reader.canonical[t.text] for t in words if t.text in self.reader.canonical}

    def _participants(self, doc: Doc) -> set[str]:
        """The characters the main clause's verbs act with: subjects, objects, the agent
        of a passive, the people met or spoken to ("gives Nick the code", "is shot by
        Chango", "talks with Kate")."""
        roles = ("nsubj", "nsubjpass", "dobj", "dative", "agent")
        words = [
            t
            for verb in main_verbs(doc)
            for child in verb.children
            if child.dep_ in roles
            for t in child.subtree
        ]
        return {self.reader.canonical[t.text] for t in words if t.text in self.reader.canonical}

    def _meets_someone_new(self, doc: Doc) -> bool:
        """'Edward meets with Mr. Morse', 'he confronts Beth': the main verb goes to someone
        the scene has not named, so the story is somewhere else (not "Beth visits him",
        nor "Margaret also meets Gertrude" at the party)."""
        if joins(doc):
            return False
        heads = [
            c
            for verb in main_verbs(doc)
            for c in verb.children
            if c.dep_ == "dobj" or (verb.lemma_ == "meet" and c.lower_ == "with")
        ]
        heads += [g for h in heads if h.dep_ == "prep" for g in h.children]
        objects = [
            t
            for h in heads
            for t in (h, *(c for c in h.children if c.dep_ in ("compound", "conj")))
            if t.text in self.reader.canonical
        ]
        if not objects or {self.reader.canonical[t.text] for t in objects} & self.people:
            return False
        # Someone there may bring someone in ("Mr. Blonde has taken a police officer
        # hostage"); "he confronts Beth", "Edward meets with Mr. Morse" go to them.
        subject = self._subject(doc)
        meets = any(
            v.lemma_ == "meet" and any(c.lower_ == "with" for c in v.children)
            for v in main_verbs(doc)
        )
        return subject is None or meets

    def _named(self, index: int, found: list[Found], doc: Doc, people: set[str]) -> None:
        where = self.current
        entries = [self.gazetteer.resolve(f, where) for f in found]
        # "driving the car along Lakeshore Drive": a place that says which before one
        # that does not
        known = [f for f, e in zip(found, entries, strict=True) if not e.vague]
        primary = _primary(known or found)
        own = entries[found.index(primary)]
        if not own.vague:
            own.named.append(index)
        # Where the story is at the end of the sentence: the last place someone goes to
        # after the main one, in a clause as high; else the main one, unless it was left.
        arrivals = [
            e
            for f, e in zip(found, entries, strict=True)
            if f.role is Role.TO and f.position > primary.position and f.depth <= primary.depth
        ]
        if primary.role is Role.FROM and not arrivals:
            self._leave()  # only left a place: the story goes somewhere unnamed
            return
        self.current = arrivals[-1] if arrivals else own
        if self.current.vague:
            self._leave()  # somewhere the text does not say which
            return
        if self.current is not where:
            # A new scene: its people are those named here, or, when a pronoun is the
            # subject ("they reach a warehouse"), those of the sentence before.
            self.people = people | (self.before if self._subject(doc) is None else set())
            self.words = set()
        self._remember(doc, people)

    def _unnamed(self, index: int, doc: Doc, people: set[str]) -> None:
        assert self.current is not None
        subject = self._subject(doc)
        stays = (
            subject is None
            or bool(self._participants(doc) & self.people)
            or _acts_on_someone_there(doc)
            or _someone_appears(doc)
            or joins(doc)
            or points_back(doc)
        )
        if stays and self._meets_someone_new(doc):
            stays = False
        if not stays or at_a_distance(doc) or (time_jump(doc) and not points_back(doc)):
            self._leave()  # a new scene, or another thread, somewhere unnamed
            return
        if self.current.kind_class is Kind.AREA:
            return  # a city frames the story; it is not a scene's place
        if summarises(doc):
            self._leave()  # time spent or a habit: a summary, and the scene is over
            return
        if finds_out(doc):
            return  # what someone learns: in no scene, but the scene goes on
        self.current.carried.append(index)
        self._remember(doc, people)
        if leaves(doc):
            self._leave()

    def _remember(self, doc: Doc, people: set[str]) -> None:
        self.people |= people
        self.words |= {t.lemma_ for t in doc if t.pos_ == "NOUN"}

    def _leave(self) -> None:
        self.current = None
        self.people, self.words = set(), set()


def find_places(
    document: Document, characters: Iterable[Character] = (), mentions: Iterable[Mention] = ()
) -> tuple[Place, ...]:
    """The plot's places in order of first mention, each with the sentences that name it
    as their setting and the sentences it carries into."""
    docs = [document.doc(sentence) for sentence in document.plot]
    continuity = Continuity(Reader(characters, mentions), contested_kinds(docs))
    present = told_in_present(docs)
    for sentence, doc in zip(document.plot, docs, strict=True):
        continuity.add(sentence.index, doc, present)
    return tuple(
        Place(e.name, _combined(e.settings), tuple(e.named), tuple(e.carried))
        for e in continuity.gazetteer.entries
        if e.named or e.carried
    )


def _combined(settings: set[Setting]) -> Setting | None:
    """INT. or EXT. when every mention that says agrees; INT./EXT. when they differ."""
    if len(settings) > 1 or Setting.INT_EXT in settings:
        return Setting.INT_EXT
    return next(iter(settings), None)
