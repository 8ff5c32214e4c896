"""Name runs -> characters: canonical names, aliases, roles, descriptions; actors kept apart.

The method is rules over the capitalised name runs of names.py:

1. A run is a *candidate* unless it is an initial, a capitalised ordinary word that only
   opens sentences ("Meanwhile", "Things"), a group ("Arquillians"), or an actor
   (in parentheses after a character, after "played by", or a given cast actor).
2. Runs are gathered into people: a full name ("Ram Kumar Sinha") and its parts ("Ram",
   "Ram Sinha") are one person; "X alias Y" and 'X "Y"' join two names; spelling variants
   (Ballu/Balu, Roshida/Rosida/Roshiba) join through variants.py.
3. A person is kept when the text treats them as one: they act (a verb follows), own
   something ("Ballu's"), carry a role ("Inspector Ram"), are named ("a woman named
   Malti"), or are a rare word the synopsis keeps capitalised. Places and things
   ("in Chicago", "the Orca") lose: their mentions follow place prepositions and articles,
   and a name once called a thing ("the planet Krypton", "Forks, a small town") stays one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from outliner.document import Character, Sentence
from outliner.lexicon import ROLE_WORDS, is_common_word, is_possessive, zipf
from outliner.story.describe import describe
from outliner.story.names import NameRun, name_runs
from outliner.story.variants import are_variants

# Words before a run that mark a place or a thing rather than a person.
_PLACE_PREPOSITIONS = frozenset(
    "in at from into near across through towards toward outside inside around".split()
)
_ARTICLES = frozenset("the a an".split())
# Words after a run that show a person acting: "Ballu escapes", "Ram is", "Ganga, who".
_AUXILIARIES = frozenset(
    """is was has had does did will would can could cannot must should may might who
    tells asks says""".split()
)
_NAMING = re.compile(r"\b(?:named|called|nicknamed|alias|aka)\s*$", re.IGNORECASE)
_PLAYED_BY = re.compile(r"\b(?:played|portrayed|voiced) by\s*$", re.IGNORECASE)
# Words that are never a person's name on their own, however they are capitalised.
_NOT_NAMES = frozenset(
    """the a an and but or if when while after before then meanwhile later however
    i he she they we you it his her their its our this that these those there here
    god mr mrs ms dr""".split()
)
# A name this frequent as an English word ("Will", "Hope", "Sweet") must act twice.
ORDINARY_ZIPF = 4.5
# A capital after a lower-case letter, except in Mc/Mac/De/La/Le names ("McHale").
_CAMEL = re.compile(r"^(?!Mc|Mac|De|La|Le|Di|Van|O')[A-Za-z]*[a-z][A-Z]|[A-Z]{2,}-[a-z]")
_CALENDAR = frozenset(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday christmas easter""".split()
)
# Function words: capitalised inside a run, they make it a title, not a name.
_TITLE_WORDS = frozenset(
    """the a an of and or with that this you you've your me my is are be it to
    in on at for from by""".split()
)
_GROUP_ENDINGS = ("ians", "ans", "ese", "ites", "ists")
_NOT_GROUP_ENDINGS = ("eese",)  # "Reese" is a name, "Chinese" a people
# Capitalised only because they open a sentence: "So Ram", "Following Roshida's death".
_OPENING_WORDS = frozenset(
    """the a an so can could will would should both for following after before when while as
    since because though although once until unless if then now soon later meanwhile
    eventually finally suddenly also even only just still yet not no with without upon
    during despite on in at by from to of into back there here this that these those
    what where why how who whom which one two three all some many most every each do
    does did you you're i i'm we he she they it""".split()
)
# Nouns before a name that make it a person: "his boss Roshiba", "her son Ballu".
PERSON_NOUNS = frozenset(
    """boss friend partner mentor sweetheart fiance fiancee lover guardian assistant
    servant neighbour neighbor rival enemy criminal gangster officer guard colleague
    cousin child baby kid man woman girl boy wife husband son daughter mother father
    brother sister girlfriend boyfriend uncle aunt grandmother grandfather nephew niece
    widow bride groom mom dad student teacher doctor lawyer henchman sidekick
    grandson granddaughter stepfather stepmother stepson stepdaughter stepbrother
    stepsister halfbrother halfsister brotherinlaw sisterinlaw grandma grandpa twin
    classmate roommate housemate coworker employee employer landlord landlady tenant
    client patient prisoner inmate convict thief killer murderer hitman assassin
    mobster dealer hooker prostitute maid butler housekeeper nanny chauffeur driver
    bodyguard secretary accountant manager supervisor reporter journalist writer
    director producer actor actress singer dancer photographer painter priest nun
    pastor bishop nurse orderly surgeon scientist professor researcher historian
    psychiatrist psychologist therapist soldier pilot sailor cop detective agent
    informant accomplice associate ally suitor admirer stranger member leader
    businessman businesswoman executive publicist editor waitress waiter bartender
    owner caretaker counselor counsellor coach lieutenant sergeant deputy pupil""".split()
)


# Nouns before a name that make it a thing or a place: "the vessel Keldysh".
THING_NOUNS = frozenset(
    """ship vessel spaceship starship spacecraft boat yacht submarine plane aircraft jet
    car truck planet moon town city village hometown suburb neighborhood neighbourhood
    estate island country state county province region river lake mountain company
    corporation firm business club nightclub bar restaurant hotel casino drug rifle gun
    revolver pistol weapon song film movie show series sitcom album book novel play
    magazine newspaper band system program computer virus disease""".split()
)
_NAMING_WORDS = frozenset("named called nicknamed".split())
# ", a member of the gang", ", one of Romeo's cousins", ", the supervisor at ...".
_APPOSITION = re.compile(
    r"^,\s+(?:a|an|the|his|her|their|its|one of(?: the| his| her| their)?)\s+([^,.;:()]*)"
)


@dataclass
class _Person:
    """Runs gathered as one person while characters are built."""

    names: Counter[str] = field(default_factory=Counter)  # full surface forms
    words: set[str] = field(default_factory=set)
    runs: list[NameRun] = field(default_factory=list)

    def add(self, run: NameRun) -> None:
        self.names[run.text] += 1
        self.words.update(run.words)
        self.runs.append(run)

    def absorb(self, other: _Person) -> None:
        self.names.update(other.names)
        self.words |= other.words
        self.runs.extend(other.runs)


def _is_participle_opener(run: NameRun, raw: str) -> bool:
    """'Saddened, she leaves', 'Knowing Beth is ...': a participle opening the sentence."""
    first = run.words[0].lower()
    if not (run.initial and len(first) >= 6 and first.endswith(("ed", "ing"))):
        return False
    # A participle has an English verb inside: know-ing, sadden-ed, hop(e)-ing, anger-ed.
    # "Alfred" has none.
    stem = first[:-3] if first.endswith("ing") else first[:-2]
    if max(zipf(stem), zipf(stem + "e"), zipf(first[:-1])) < 2.0:
        return False
    return len(run.words) > 1 or raw[run.end : run.end + 1] == ","


def _drop_opening_word(run: NameRun, raw: str) -> NameRun:
    """'So Ram' -> 'Ram': a sentence's first word is capitalised whatever it is."""
    if _is_participle_opener(run, raw) and len(run.words) == 1:
        return replace(run, words=("",))  # dropped by _is_candidate
    opener = run.words[0].lower() in _OPENING_WORDS or _is_participle_opener(run, raw)
    if run.initial and len(run.words) > 1 and opener:
        # The name itself is the sentence's second word: capitalised for its own sake.
        start = run.start + len(run.words[0]) + 1
        before = (*run.before, run.words[0])  # "In Chicago": the opener is context
        return replace(run, words=run.words[1:], start=start, initial=False, before=before)
    return run


def _is_actor(run: NameRun, actors: set[str], actor_words: set[str]) -> bool:
    return run.text in actors or any(w in actor_words for w in run.words)


def _is_candidate(run: NameRun, raw: str) -> bool:
    words = run.words
    if any(len(w) < 2 or w.lower() in _NOT_NAMES for w in words[:1]):
        return False
    if (
        len(words) == 1
        and words[0].endswith(_GROUP_ENDINGS)
        and not words[0].endswith(_NOT_GROUP_ENDINGS)
        and not run.possessive
    ):
        return False  # "Arquillians", "Americans": groups
    if any(w.lower() in _TITLE_WORDS for w in words[1:]):
        return False  # "You've Lost That Lovin' Feelin'", "Gone With The Wind": a title
    if any(_CAMEL.search(w) for w in words):
        return False  # "MiG", "InGen", "CGI-animated": brands, models, acronyms
    if len(words) == 1 and words[0].lower().rstrip(".") in ROLE_WORDS:
        return False  # "The Queen", "So Major": a role alone names nobody
    if len(words) == 1 and words[0].lower() in _CALENDAR:
        return False
    if len(words) == 1 and words[0].endswith(("ised", "ized")):
        return False  # "has truly Indianised this film": a verb, capitalised
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return False  # "USS", "FBI": acronyms name organisations
    if _PLAYED_BY.search(raw[: run.start]):
        return False
    if run.alias_of is not None:
        return True  # 'Nick "Goose" Bradshaw': a nickname, whatever word it is
    # A sentence's first word is capitalised anyway: an ordinary word there ("Things",
    # "Later") is no name, but a rarer one may be ("Ram chases Ballu").
    return not (run.initial and len(words) == 1 and zipf(words[0]) >= ORDINARY_ZIPF)


def _noun(word: str) -> str:
    """'side-kick' -> 'sidekick', 'ex-wife' -> 'wife', 'cousins' -> 'cousin'."""
    word = word.lower().removeprefix("ex-").replace("-", "")
    return word[:-1] if word.endswith("s") and word[:-1] in PERSON_NOUNS | THING_NOUNS else word


def _after_thing_noun(run: NameRun) -> bool:
    """'the planet Krypton', 'a drug called Jabroka', "Quint's vessel, the Orca"."""
    before = [w.lower() for w in run.before]
    if before and before[-1] in _NAMING_WORDS | _ARTICLES:
        before = before[:-1]
    return bool(before) and _noun(before[-1]) in THING_NOUNS


def _apposition(run: NameRun, raw: str) -> str | None:
    """What a noun phrase after the name says it is: "Morris, a member of the gang" ->
    "person"; "Forks, a small town" -> "thing"."""
    match = _APPOSITION.match(raw[run.end :])
    if match is None:
        return None
    for word in match.group(1).split()[:4]:
        noun = _noun(word)
        if noun in PERSON_NOUNS or noun in ROLE_WORDS:
            return "person"
        if noun in THING_NOUNS:
            return "thing"
    return None


def _called_a_thing(run: NameRun, raw: str) -> bool:
    return _after_thing_noun(run) or _apposition(run, raw) == "thing"


def _after_person_noun(run: NameRun) -> bool:
    """'his boss Roshiba', 'her son Ballu': a noun for a person names the run."""
    if not run.before:
        return False
    # "his side-kick Tiger", "his ex-fiance Brad": hyphens and "ex-" do not matter.
    return _noun(run.before[-1]) in PERSON_NOUNS


def _person_evidence(run: NameRun, raw: str) -> int:
    """How clearly this mention treats its name as a person (0 = not at all)."""
    score = 0
    # "Valentine's Day", "Fordyce's Sermons": a possessive inside a proper name is no owner.
    owner = run.possessive and not run.after[:1].isupper()
    if owner or run.role or run.actor or run.alias_of is not None:
        score += 1
    if run.actor:
        score += 1  # "Kevin (Dave Chappelle)": an actor plays them; nothing is surer
    if _NAMING.search(raw[: run.start]) and not _after_thing_noun(run):
        score += 1
    if _apposition(run, raw) == "person":
        score += 1
    if _after_person_noun(run):
        score += 2  # "her son Ben", "orderly Washington": a person, whatever the word
    after = run.after
    if after.endswith("ly") and after.islower():
        # "Carlotta tragically committed", "Mark constantly brags": the verb comes next.
        following = re.match(r"\s+[a-z]+ly\s+([a-z]+)", raw[run.end :])
        after = following.group(1) if following else after
        if after.endswith("ed"):
            after = "did"  # "tragically committed": a verb in the past
    if after and after[0].islower():
        if after in _AUXILIARIES or (
            after.endswith("s") and not after.endswith(("ss", "us")) and zipf(after) < 6
        ):
            score += 1
    follow = raw[run.end :].lstrip()
    if follow.startswith((", who", ", whose", " who")):
        score += 1
    return score


def _place_evidence(run: NameRun) -> float:
    """Mentions after 'in', 'to', 'from' name places; after 'the', things (or 'the Joker');
    after a noun for a thing, things: "the vessel Keldysh", "a nightclub called Encounters"."""
    before = run.before[-1].lower() if run.before and not run.role else ""
    if before in _PLACE_PREPOSITIONS or _after_thing_noun(run):
        return 1.0
    if run.before and is_possessive(run.before[-1]) and run.before[-1][:1].isupper():
        return 1.0  # "Fordyce's Sermons", "Darcy's Pemberley": a thing someone owns
    # 'to' goes to places and to people ("engaged to Mary"); 'the' and 'of' mark things
    # more often than people.
    return 0.5 if before in _ARTICLES or before in ("of", "to") else 0.0


def _group(runs: list[NameRun]) -> list[_Person]:
    """Gather runs into people: full names first, then parts, aliases and variants."""
    people: list[_Person] = []
    by_text: dict[str, _Person] = {}
    # Longest names first, so that "Ram Kumar Sinha" exists before "Ram" looks for it.
    for run in sorted(runs, key=lambda r: (-len(r.words), r.sentence, r.start)):
        person = by_text.get(run.text) or _owner(run, people)
        if person is None:
            person = _Person()
            people.append(person)
        person.add(run)
        by_text[run.text] = person
    people = _join_aliases(people, runs)
    return _join_variants(people)


def _owner(run: NameRun, people: list[_Person]) -> _Person | None:
    """The person a (shorter) name belongs to: 'Ram' and 'Ram Sinha' to 'Ram Kumar Sinha'.

    A first name picks the person it opens; a lone family name shared by several people
    ("Stratford" for Kat and Bianca) is nobody's in particular and stays apart.
    """
    words = set(run.words)
    first = [p for p in people if any(n.split()[0] == run.words[0] for n in p.names)]
    if len(run.words) > 1:
        first = [p for p in first if words <= p.words]
        return first[0] if first else None
    if first:
        return max(first, key=lambda p: sum(p.names.values()))
    holders = [p for p in people if words <= p.words]
    if len(holders) > 1:
        # "David Mills" and his wife "Tracy Mills": "Mills" is the one who is never
        # called by a first name alone ("Tracy" is).
        holders = [p for p in holders if not any(" " not in n for n in p.names)]
    return holders[0] if len(holders) == 1 else None


def _join_aliases(people: list[_Person], runs: list[NameRun]) -> list[_Person]:
    """'Balaram Prasad alias Ballu', 'Nick "Goose" Bradshaw': the runs name one person."""
    owner = {id(r): p for p in people for r in p.runs}
    at_end = {(r.sentence, r.end): r for r in runs}
    for run in runs:
        target = at_end.get((run.sentence, run.alias_of)) if run.alias_of is not None else None
        if target is None:
            continue
        a, b = owner.get(id(run)), owner.get(id(target))
        if a is not None and b is not None and a is not b:
            b.absorb(a)
            for r in a.runs:
                owner[id(r)] = b
            people = [p for p in people if p is not a]
    return people


def _join_variants(people: list[_Person]) -> list[_Person]:
    """Ballu/Balu, Roshida/Rosida/Roshiba: the same person spelled differently."""
    joined: list[_Person] = []
    for person in sorted(people, key=lambda p: -sum(p.names.values())):
        key = _key_word(person)
        match = next((j for j in joined if are_variants(key, _key_word(j))), None)
        if match is None:
            joined.append(person)
        else:
            match.absorb(person)
    return joined


def _key_word(person: _Person) -> str:
    """The word a person is mostly called by (their first name, usually)."""
    counts: Counter[str] = Counter()
    for name, n in person.names.items():
        counts[name.split()[0]] += n
    return min(counts, key=lambda w: (-counts[w], w))


def _canonical(person: _Person) -> str:
    """The shortest name the synopsis uses most: 'Ram' rather than 'Ram Kumar Sinha'."""
    singles = Counter({n: c for n, c in person.names.items() if " " not in n})
    pool = singles or person.names
    return min(pool, key=lambda n: (-pool[n], len(n), n))


def _is_institution(person: _Person) -> bool:
    """'Robben Island', 'Wayne Enterprises', 'Scotland Yard': every mention is several
    words ending in an ordinary noun. People are called by one name now and then, but
    a surname may be an ordinary word too: "Midge Wood", "Sharon Spencer (Kitty Winn)",
    "his friend Mose Harper", "Detective David Mills" are people all the same."""
    if any(r.actor or r.role or _after_person_noun(r) for r in person.runs):
        return False
    return all(
        len(r.words) > 1 and len(r.words[-1]) > 1 and zipf(r.words[-1]) >= 4.0 for r in person.runs
    )


_LIST_GAP = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+)$")


def _neighbours(
    run: NameRun, raws: dict[int, str], runs_by_sentence: dict[int, list[NameRun]]
) -> list[NameRun]:
    """Runs joined to this one by a comma or 'and': 'Alice, Jasper, and Rosalie'."""
    raw = raws[run.sentence]
    found = []
    for other in runs_by_sentence[run.sentence]:
        if other is run:
            continue
        gap = raw[other.end : run.start] if other.end <= run.start else raw[run.end : other.start]
        if _LIST_GAP.match(gap):
            found.append(other)
    return found


def _listed_with_people(
    run: NameRun, raws: dict[int, str], runs_by_sentence: dict[int, list[NameRun]]
) -> bool:
    """A name in a list of names is a person, unless the list names places:
    'in Bethel, Vermont' and 'to Paris and Rome' are places. A list ends with 'and':
    in "Distraught, Elizabeth flees" the comma follows an opening word, no name."""
    chain, seen = [run], {id(run)}
    for member in chain:  # the whole list, through its neighbours' neighbours
        for other in _neighbours(member, raws, runs_by_sentence):
            if id(other) not in seen:
                seen.add(id(other))
                chain.append(other)
    if len(chain) < 2 or any(_place_evidence(r) >= 1 for r in chain):
        return False
    raw = raws[run.sentence]
    ordered = sorted(chain, key=lambda r: r.start)
    return any("and" in raw[a.end : b.start] for a, b in pairwise(ordered))


def _list_place_evidence(
    run: NameRun, raws: dict[int, str], runs_by_sentence: dict[int, list[NameRun]]
) -> float:
    """'in Casper, Wyoming': a name listed after a place is a place."""
    if _place_evidence(run) >= 1:
        return 0.0
    return (
        1.0
        if any(_place_evidence(r) >= 1 for r in _neighbours(run, raws, runs_by_sentence))
        else 0.0
    )


def _keep(
    person: _Person, raws: dict[int, str], runs_by_sentence: dict[int, list[NameRun]]
) -> bool:
    if _is_institution(person):
        return False
    person_score = sum(_person_evidence(r, raws[r.sentence]) for r in person.runs)
    person_score += sum(_listed_with_people(r, raws, runs_by_sentence) for r in person.runs)
    # A mention that shows a person ("the Joker gloats") is no evidence of a thing.
    places = sum(
        _place_evidence(r) for r in person.runs if not _person_evidence(r, raws[r.sentence])
    )
    places += sum(_list_place_evidence(r, raws, runs_by_sentence) for r in person.runs)
    # "the planet Krypton", "Forks, a small town": once called a thing, the name stays
    # one, though it acts later ("Krypton is destroyed", "the Nostromo lands").
    places += sum(2 * _called_a_thing(r, raws[r.sentence]) for r in person.runs)
    # "Alfred Pennyworth burns ...": a second capitalised word is capitalised for itself.
    inside = [r for r in person.runs if not r.initial or len(r.words) > 1]
    key = _key_word(person)
    if places > person_score:
        return False
    if not inside and is_common_word(key):
        # Only ever opening sentences, where any word is capitalised: "Disaster strikes"
        # once is no person; "Ram chases Ballu. Ram's girlfriend ..." is.
        return person_score >= 2
    if person_score == 0:
        # No sign of a person: keep a rare name capitalised inside a sentence ("Philip
        # Henslowe"), not an ordinary word that is merely capitalised.
        return bool(inside) and not all(is_common_word(w) for w in person.words)
    ordinary = zipf(key) >= ORDINARY_ZIPF
    if ordinary and not any(len(r.words) > 1 or r.role for r in person.runs):
        # An ordinary word ("Sweet", "Empire"): it must act, capitalised inside a sentence.
        return bool(inside) and person_score >= 2
    return True


def find_characters(
    sentences: Iterable[Sentence], actors: Iterable[str] = ()
) -> tuple[Character, ...]:
    """The people a synopsis follows, in order of first appearance."""
    sentences = tuple(sentences)
    raws = {s.index: s.text for s in sentences}
    all_runs = [_drop_opening_word(run, s.text) for s in sentences for run in name_runs(s)]
    actor_names = set(actors) | {r.actor for r in all_runs if r.actor}
    # A word of an actor's name is an actor's, unless a character is called by it too:
    # "Oleg Razgul (Oleg Taktarov)", or "Nick (Jesse Eisenberg)" beside "Travis (Nick Swardson)".
    cast_words = {w for r in all_runs if r.actor for w in r.words}
    actor_words = {w for a in actor_names for w in a.split() if len(w) > 2} - cast_words
    runs = [
        r
        for r in all_runs
        if _is_candidate(r, raws[r.sentence]) and not _is_actor(r, actor_names, actor_words)
    ]
    by_sentence: dict[int, list[NameRun]] = {}
    for run in runs:
        by_sentence.setdefault(run.sentence, []).append(run)
    characters = []
    for person in _group(runs):
        if not _keep(person, raws, by_sentence):
            continue
        name = _canonical(person)
        roles = Counter(r.role for r in person.runs if r.role)
        first = min(person.runs, key=lambda r: (r.sentence, r.start))
        characters.append(
            Character(
                name=name,
                aliases=tuple(sorted(n for n in person.names if n != name)),
                role=_role(roles),
                description=describe(first, raws[first.sentence]),
                first_sentence=first.sentence,
                mentions=len({r.sentence for r in person.runs}),
            )
        )
    return tuple(sorted(characters, key=lambda c: (c.first_sentence, c.name)))


def _role(roles: Counter[str]) -> str | None:
    if not roles:
        return None
    word = min(roles, key=lambda r: (-roles[r], r))
    word = word.rstrip(".")
    return word.capitalize() if word.lower() in ROLE_WORDS else word
