"""Places and scene settings: one spelling per place, and where each plot sentence is.

Mentions come from the parse (outliner.story.place_mentions). Each place gets one
spelling: its name as written ("Padua High School"), an owner as the characters list
spells them ("Rosida's lair" -> ROSHIDA'S LAIR), and a plain mention after a specific one
of the same kind is that place ("the school" after "Padua High School"). A room named
inside the building or vehicle the story is in is written as screenplays write it: ORCA -
CABIN, RITZ HOTEL - ROOM. A plain "house", "car" or "cell" in a synopsis that has several
(his, hers), "a building" or "the city" says no place a heading can name: no heading.

Each plot sentence has at most one setting, and none is better than a wrong one. Its
own, when it names one: the place of its main action, where something happens or
someone arrives. Otherwise the setting carries from the sentence before while the parse
shows the same scene going on (the same people, a pronoun, someone arriving, "there"),
until the story moves: a time jump, a phone call, another thread, a summary, people
leaving. A sentence that only tells what someone finds out gets no setting; a sentence in
the simple past inside a story told in the present is backstory and gets none either. A
city frames a story but is no scene's place: it is never carried.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from outliner.document import Character, Document, Mention, Place, Setting
from outliner.story.place_mentions import (
    UNREAL_VERBS,
    Found,
    Reader,
    Role,
    past_form,
    read_sentence,
)
from outliner.story.place_nouns import BUILDING_WORDS, OWNED_KINDS, Kind, kind_of, same_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# --- One spelling per place ---------------------------------------------------------


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


def _same_name(a: str, b: str) -> bool:
    """'CAESAR'S PALACE' and 'CAESARS PALACE'; 'ENCOUNTERS' and 'ENCOUNTERS CLUB'; or one
    owner's place of one kind ("ROSHIDA'S BASE", "ROSHIDA'S LAIR", the kinds checked
    by the caller)."""
    x, y = (set(n.replace("'S", "").replace(" - ", " ").split()) for n in (a, b))
    if "'S " in a and "'S " in b and a.split("'S ")[0] == b.split("'S ")[0]:
        return True
    return bool(x & y) and (x <= y or y <= x)


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
            entry.vague = container is None and self._vague(found)
            self.entries.append(entry)
        if found.setting is not None:
            entry.settings.add(found.setting)
        if entry in self._recent:
            self._recent.remove(entry)
        self._recent.append(entry)
        return entry

    def _vague(self, found: Found) -> bool:
        if found.specific:
            return False
        if found.kind in OWNED_KINDS:
            return found.kind in self.contested
        return found.kind in BUILDING_WORDS or found.kind_class is Kind.AREA

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
        recent = list(reversed(self._recent))
        if container is not None:
            return next((e for e in recent if e.within is container and e.kind == found.kind), None)
        if found.fresh or found.unowned:
            return None  # "a building", "her apartment": not the last one named
        if found.specific:
            exact = next((e for e in recent if e.name == found.name), None)
            # One kind only: "NEW YORK AIRPORT" is not "NEW YORK".
            return exact or next(
                (
                    e
                    for e in recent
                    if e.specific and e.kind == found.kind and _same_name(e.name, found.name)
                ),
                None,
            )
        # A plain mention is the last place of its kind: "the school", "the building".
        return next(
            (
                e
                for e in recent
                if e.within is None  # not a room of another building
                and (
                    e.kind == found.kind
                    or (found.kind in BUILDING_WORDS and e.kind_class is Kind.BUILDING)
                )
            ),
            None,
        )


# --- Where a scene goes on or ends: one sentence's parse ----------------------------
# The word lists stand in for what spaCy does not tag: that "later" jumps in time, that
# "flee" leaves, that "calls" speaks from afar.

# Adverbs that jump in time or cut to another thread: "Later", "Meanwhile".
JUMP_ADVERBS = frozenset(
    {"later", "earlier", "meanwhile", "afterwards", "afterward", "subsequently", "eventually"}
)
# Nouns of a stretch of time: "That night", "The next day", "Three months later".
TIME_NOUNS = frozenset(
    "season month year week weekend day night morning evening afternoon hour minute time".split()
)
# Words that make a time noun a moment of the story: "that night", "the next day",
# "the morning after"; not "in time" or "at the time".
TIME_MARKERS = frozenset(
    """that this next following same later earlier after one few several two three four
    five some""".split()
)
# Calls and letters: the people are apart, each somewhere the text does not say.
CALL_VERBS = frozenset({"call", "phone", "telephone", "text", "email", "radio"})
CALL_NOUNS = frozenset({"phone", "telephone", "cellphone", "call", "voicemail", "letter"})
# Verbs of finding something out: "Nick learns that Catherine has a troubled history".
KNOWING_VERBS = frozenset("learn discover realize realise deduce identify understand".split())
# Verbs by which someone joins the scene the story is in: "Mr. Pink arrives".
JOINING_VERBS = frozenset(
    "arrive appear reappear enter join come return step show burst walk run rush".split()
)
# Verbs by which the people of a scene leave it: the story goes on somewhere else.
LEAVING_VERBS = frozenset({"leave", "flee", "depart", "escape", "storm"})
# Words that point back at the place the story is in: "Once there", "at the location".
POINTING_BACK = frozenset({"location", "place", "spot", "premises"})


def root_of(doc: Doc) -> Token | None:
    return next((t for t in doc if t.dep_ == "ROOT"), None)


def main_verbs(doc: Doc) -> list[Token]:
    """The verbs that carry the main clause's action: "manages to escape", "and flees"."""
    root = root_of(doc)
    if root is None:
        return []
    return [root, *(c for c in root.children if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB")]


def _clause_verb(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def time_jump(doc: Doc) -> bool:
    """'The next day, ...', 'That night', 'Some time later, ...', 'Meanwhile, ...',
    'Seasons pass': a time phrase before the main verb, in its clause (or a verb joined to
    it), or time passing as the sentence's own event."""
    root = root_of(doc)
    if root is None:
        return False
    if root.lemma_ in ("pass", "go") and any(
        c.dep_ == "nsubj" and c.lemma_ in TIME_NOUNS for c in root.children
    ):
        return True
    main = {root.i, *(c.i for c in root.children if c.dep_ == "conj")}
    for token in doc[: root.i]:
        if _clause_verb(token).i not in main or token.dep_ in ("dobj", "nsubj", "attr"):
            continue
        if token.lower_ in JUMP_ADVERBS and token.dep_ == "advmod":
            return True
        if token.lemma_ in TIME_NOUNS and (
            token.ent_type_ in ("DATE", "TIME")
            or any(c.lower_ in TIME_MARKERS or c.lower_ in JUMP_ADVERBS for c in token.subtree)
        ):
            return True
    return False


def at_a_distance(doc: Doc) -> bool:
    """'Nick calls Dwayne', 'Dwayne gets a call from Nick', 'on his phone', 'Judy writes
    to Scottie': a phone call or a letter (the annotation's rule: no setting)."""
    for verb in main_verbs(doc):
        if verb.lemma_ in CALL_VERBS and not any(
            c.dep_ in ("oprd", "xcomp") for c in verb.children
        ):
            return True  # not "calls him a liar"
        if verb.lemma_ == "write" and any(c.lower_ == "to" for c in verb.children):
            return True
    return any(t.lemma_ in CALL_NOUNS and t.dep_ in ("dobj", "pobj") for t in doc)


def summarises(doc: Doc) -> bool:
    """'They spend the entire day together', 'Scottie frequents the places that Madeleine
    visited': time spent or a habit, summed up (no setting)."""
    return any(
        verb.lemma_ == "frequent"
        or (
            verb.lemma_ == "spend"
            and any(
                c.dep_ in ("dobj", "npadvmod") and c.lemma_ in TIME_NOUNS for c in verb.children
            )
        )
        for verb in main_verbs(doc)
    )


def finds_out(doc: Doc) -> bool:
    """'Nick learns that Catherine has a troubled history', 'Scottie identifies the setting
    of the nightmare': what someone finds out is no scene of its own (unless told by
    someone there: "learns from Gertrude that ...")."""
    root = root_of(doc)
    return (
        root is not None
        and root.lemma_ in KNOWING_VERBS
        and not any(c.dep_ == "prep" and c.lower_ == "from" for c in root.children)
    )


def joins(doc: Doc) -> bool:
    """'A police officer arrives', 'Joe reappears': someone comes to where the story is
    (not "comes before Parliament": somewhere else, named or not)."""
    return any(
        v.lemma_ in JOINING_VERBS
        and not any(c.dep_ == "prep" and c.lower_ not in ("in", "back") for c in v.children)
        for v in main_verbs(doc)
    )


def leaves(doc: Doc) -> bool:
    """'They flee', 'Will leaves': the main verb takes the scene's people away (with an
    object, the place left is named, and read as such)."""
    return any(
        v.lemma_ in LEAVING_VERBS and not any(c.dep_ == "dobj" for c in v.children)
        for v in main_verbs(doc)
    )


def points_back(doc: Doc) -> bool:
    """'moved there', 'how he got here', 'at the location': the place the story is in."""
    for token in doc:
        if token.lower_ in ("there", "here") and token.dep_ == "advmod":
            return True
        if (
            token.lemma_ in POINTING_BACK
            and token.dep_ in ("pobj", "dobj")
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
            and not any(
                c.dep_ in ("amod", "compound", "poss", "prep", "relcl") for c in token.children
            )
        ):
            return True
    return False


def acts_on_someone_there(doc: Doc) -> bool:
    """'Beth visits him': a pronoun object is someone the scene has just named."""
    return any(
        c.dep_ in ("dobj", "dative") and c.lower_ in ("him", "her", "them")
        for verb in main_verbs(doc)
        for c in verb.children
    )


def someone_appears(doc: Doc) -> bool:
    """'A woman is drowning', 'A monster jumps out': someone new, where the story is (not
    "A local historian explains that ...": what is told)."""
    root = root_of(doc)
    return (
        root is not None
        and root.lemma_ not in UNREAL_VERBS
        and any(
            c.dep_ == "nsubj"
            and c.pos_ == "NOUN"
            and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
            for c in root.children
        )
    )


def told_in_past(doc: Doc) -> bool:
    """The main verb is in the simple past (as the word shows: the tagger calls "storm"
    VBD now and then)."""
    root = root_of(doc)
    return root is not None and past_form(root)


def told_in_present(docs: list[Doc]) -> bool:
    """Whether a synopsis tells its story in the present tense, as most do ("Ballu
    escapes"): then a sentence in the simple past tells what happened before."""
    tags = [root.tag_ for root in map(root_of, docs) if root is not None]
    past = sum(told_in_past(doc) for doc in docs)
    # "storm" tagged VBD without the past's form counts as the present it is
    present = sum(tag in ("VBZ", "VBP", "VBD") for tag in tags) - past
    return present > 2 * past


# --- Walking the plot -------------------------------------------------------------


def _primary(found: list[Found]) -> Found:
    """A sentence's own setting: the place of its main action, where something happens or
    someone goes (the highest clause first, then the first named; a place only left
    counts when nothing else is named)."""
    for candidates in (
        [f for f in found if f.role is not Role.FROM and not f.nested],
        [f for f in found if f.role is not Role.FROM],
        found,
    ):
        if candidates:
            return min(candidates, key=lambda f: (f.depth, f.position))
    raise ValueError("no place")


class Continuity:
    """Walks the plot in order, giving each sentence its own setting or a carried one.

    The scene is the current place with the people and things it has named. A sentence
    that names no place stays in it when the parse shows the same scene going on: its
    subject is a pronoun or something the scene has mentioned ("the driver"); it acts
    with someone the scene has named or on "him" or "her"; someone arrives or appears;
    or it points back ("there"). It leaves the scene on a time jump, a call, a summary,
    when it goes to someone new ("he confronts Beth"), and after everyone leaves.
    """

    def __init__(self, reader: Reader, contested: frozenset[str] = frozenset()) -> None:
        self.reader = reader
        self.gazetteer = Gazetteer(contested)
        self.current: _Entry | None = None
        self.people: set[str] = set()  # the characters the scene has named
        self.words: set[str] = set()  # the nouns the scene has used
        self.before: set[str] = set()  # the characters the sentence before named

    def add(self, index: int, doc: Doc, in_present: bool = False) -> None:
        people = self.reader.people(doc)
        if in_present and told_in_past(doc):
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
        scene's people or things ("they", "the two", "the driver")."""
        root = root_of(doc)
        if root is None:
            return set()
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.pos_ in ("PRON", "NUM") for c in subjects):
            return None
        if any(c.pos_ == "NOUN" and c.lemma_ in self.words for c in subjects):
            return None
        return self.reader.people(t for c in subjects for t in c.subtree)

    def _participants(self, doc: Doc) -> set[str]:
        """The characters the main clause's verbs act with: subjects, objects, the agent
        of a passive ("gives Nick the code", "is shot by Chango")."""
        roles = ("nsubj", "nsubjpass", "dobj", "dative", "agent")
        return self.reader.people(
            t
            for verb in main_verbs(doc)
            for c in verb.children
            if c.dep_ in roles
            for t in c.subtree
        )

    def _meets_someone_new(self, doc: Doc) -> bool:
        """'he confronts Beth', 'Edward meets with Mr. Morse': the main verb goes to someone
        the scene has not named, so the story is somewhere else (not "Beth visits him";
        not "Mr. Blonde has taken a police officer hostage": brought in by someone there)."""
        if joins(doc):
            return False
        meets = [
            c
            for v in main_verbs(doc)
            if v.lemma_ == "meet"
            for c in v.children
            if c.lower_ == "with"
        ]
        heads = [c for v in main_verbs(doc) for c in v.children if c.dep_ == "dobj"]
        heads += [g for c in meets for g in c.children]
        objects = self.reader.people(
            t
            for h in heads
            for t in (h, *(c for c in h.children if c.dep_ in ("compound", "conj")))
        )
        if not objects or objects & self.people:
            return False
        return self._subject(doc) is None or bool(meets)

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
        stays = (
            self._subject(doc) is None
            or bool(self._participants(doc) & self.people)
            or acts_on_someone_there(doc)
            or someone_appears(doc)
            or joins(doc)
            or points_back(doc)
        ) and not self._meets_someone_new(doc)
        moved = at_a_distance(doc) or summarises(doc) or (time_jump(doc) and not points_back(doc))
        if not stays or moved:
            self._leave()  # a new scene, or another thread, somewhere unnamed
            return
        if self.current.kind_class is Kind.AREA or finds_out(doc):
            return  # a city frames the story; what someone learns is no scene
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
