"""Name runs -> characters: canonical names, aliases, roles, descriptions and actors.

Every name run (names.py) is weighed with what spaCy's parse says about it, as evidence
for a person or for a thing, never one signal as the verdict (the small model's entity
recogniser calls "Ganga" a place and "Roshida" a product, so its reading of a name counts
once, however often the name is mentioned):

- for a person: the subject of a verb (people act); an owner ("Ballu's mother", not
  "Alzheimer's disease"); a title ("Inspector Ram"); an actor in parentheses; a relative
  "who"; a noun for a person it is in apposition to, is named by or equated with ("his
  girlfriend Ganga", "a woman named Malti", "Ballu is a gangster", "Morris, a member of
  the gang");
- for a thing: the object of a place preposition ("in Chicago"); a noun for a thing in
  the same relations ("the planet Krypton", "Forks, a small town", "a nightclub called
  Encounters", "the answer is Aramis"); a name ending in one ("Verona Beach"); someone
  owning it ("his Ford Gran Torino", "Darcy's Pemberley"); owning a capitalised noun
  ("Valentine's Day"); an acronym ("FBI"); a family or a people ("the Claskys", "the Eloi
  are"); a capitalised common noun with an article ("the Bug");
- a name listed with people ("Carlisle, Esme, and Jasper") takes their side.

Runs are gathered into people first: a full name ("Ram Kumar Sinha") and its parts, "X
alias Y", 'X "Y" Z', names given by verbs ("Lehnsherr, now known as Magneto": see
identities.py) and spelling variants (variants.py) are one person. A person is kept when
the evidence for a person outweighs the evidence for a thing, and does more than be named
once; a job named once ("an aspiring Egyptologist") is no name, and names that are
ordinary English words must do more still.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from outliner.document import Character, Document, Sentence
from outliner.lexicon import (
    BARE_PEOPLE,
    PERSON_NOUNS,
    THING_NOUNS,
    is_common_word,
    kind_of_noun,
    zipf,
)
from outliner.story.actors import cast
from outliner.story.describe import describe, descriptor, said_after
from outliner.story.identities import link_identities
from outliner.story.names import (
    TITLE_ZIPF,
    NameRun,
    known_names,
    name_runs,
    noun_kind,
)
from outliner.story.variants import are_variants

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Prepositions of place: "in Chicago", "from Robben Island". "to" goes to people as well.
_LOCATIVE = frozenset(
    "in at from into near across through toward towards outside inside around onto".split()
)
# The entity recogniser's verdict on a name (PERSON or another kind) weighs this much,
# however often the name is mentioned: it repeats one reading, right ("Chicago") or
# wrong ("Ganga"); each mention's grammar is evidence of its own.
LABEL_WEIGHT = 0.5
# A name this frequent as an English word ("Will", "Hope", "Sweet") must do more.
ORDINARY_ZIPF = 4.5
__all__ = ["PERSON_NOUNS", "THING_NOUNS", "find_characters"]


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


@dataclass(frozen=True)
class Evidence:
    person: float = 0.0  # from the grammar, the title and the actor
    thing: float = 0.0
    label: str = ""  # what the entity recogniser calls the name

    def __add__(self, other: Evidence) -> Evidence:
        return Evidence(self.person + other.person, self.thing + other.thing, self.label)


def evidence(run: NameRun, doc: Doc) -> Evidence:
    """What one mention's parse says: how much a person, how much a thing."""
    root = doc[run.root]
    person = thing = 0.0
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB":
        person += 1  # "Ballu escapes": people act
    if run.possessive and root.head.text[:1].isupper():
        thing += 1  # "Valentine's Day", "the Lord Chamberlain's Men": part of a title
    elif run.possessive and noun_kind(root.head) != "thing":
        person += 1  # "Ballu's mother"; not "Alzheimer's disease"
    if run.role or run.alias_of is not None:
        person += 1
    if run.actor:
        person += 2  # an actor plays them: nothing is surer
    if any(
        c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children)
        for c in root.children
    ):
        person += 2  # "Ganga, who is employed as a prison guard": who, not which
    kind = noun_kind(descriptor(root))
    person += 2 * (kind == "person")
    thing += 2 * (kind == "thing")
    if root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE:
        thing += 1
    elif _has_article(root):
        # "the" marks things (and "the Joker"); with a common noun ("the Bug") a kind.
        thing += 1.5 if root.tag_ == "NN" else 0.5
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in root.children):
        thing += 1  # "his Ford Gran Torino": people are someone's by a noun ("his wife X")
    if len(run.words) > 1 and kind_of_noun(run.words[-1].lower()) == "thing":
        thing += 1  # "Verona Beach", "Gotham City": a name ending in a noun for a place
    if run.text.isalpha() and run.text.isupper() and len(run.text) > 1:
        thing += 1  # "FBI", "CNS", "NYPD": an acronym names an organisation
    if _is_plural(run, root):
        thing += 1  # "the Claskys", "the Eloi are": a family, a people
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in root.children):
        thing += 1  # "Darcy's Pemberley", "Fordyce's Sermons": a thing someone owns
    return Evidence(person, thing, run.label)


def _verdict(person: _Person, weights: list[Evidence]) -> bool | None:
    """A person (True), a thing (False: there is evidence of one), or unknown."""
    if _keep(person, weights):
        return True
    return False if sum(e.thing for e in weights) > 0 else None


def _listed(run: NameRun, doc: Doc, verdicts: dict[tuple[int, int], bool | None]) -> Evidence:
    """'Carlisle, Esme, Alice and Jasper', 'his family, Carlisle, ...': a name listed with
    people is a person, one listed with places ("in Casper, Wyoming") a place. The
    others' verdicts come from a first reading without lists."""
    conjuncts = [*doc[run.root].conjuncts, *_appositions(doc[run.root])]
    votes = [verdicts.get((run.sentence, c.i)) for c in conjuncts]
    kinds = [noun_kind(c) for c in conjuncts]
    balance = votes.count(True) - votes.count(False) + kinds.count("person")
    balance -= kinds.count("thing")
    return Evidence(person=1) if balance > 0 else Evidence(thing=1) if balance < 0 else Evidence()


def _appositions(root: Token) -> list[Token]:
    """'in Casper, Wyoming': the parser makes the second name an apposition."""
    head = root.head if root.dep_ == "appos" else None
    return [*(c for c in root.children if c.dep_ == "appos"), *([head] if head else [])]


def _is_plural(run: NameRun, root: Token) -> bool:
    """A plural name with an article ("the Claskys", "the Elois' apathy") or a name alone
    as the subject of a plural verb ("the Eloi are"): many, not one person."""
    if root.tag_ == "NNPS" and _has_article(root):
        return True
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if run.text.endswith("s") and _has_article(root) and after is not None and after.text == "'":
        return True
    listed = root.conjuncts or root.doc[max(root.left_edge.i - 1, 0)].lower_ in (",", "and")
    return not listed and root.dep_ == "nsubj" and root.head.tag_ == "VBP"


def _has_article(root: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in root.children)


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


def _is_institution(person: _Person, weights: list[Evidence]) -> bool:
    """'Robben Island', 'Sarah Lawrence College', 'Scotland Yard': every mention is
    several words ending in an ordinary English word, and nothing but the entity
    recogniser says it is a person. People are called by one name now and then."""
    if any(r.actor or r.role for r in person.runs) or any(e.person >= 2 for e in weights):
        return False
    return all(len(r.words) > 1 and zipf(r.words[-1]) >= TITLE_ZIPF for r in person.runs)


def _label(weights: list[Evidence]) -> str:
    """The recogniser's reading of a name: its most frequent label, if one leads."""
    labels = Counter(e.label for e in weights if e.label).most_common(2)
    tied = len(labels) == 2 and labels[0][1] == labels[1][1]
    return labels[0][0] if labels and not tied else ""


def _keep(person: _Person, weights: list[Evidence]) -> bool:
    """Whether the evidence makes this a person (see the module's docstring)."""
    if any(r.actor for r in person.runs):
        return True  # an actor plays them: nothing is surer
    label = _label(weights)
    grammar = sum(e.person for e in weights)
    for_person = grammar + LABEL_WEIGHT * (label == "PERSON")
    for_thing = sum(e.thing for e in weights) + LABEL_WEIGHT * (label not in ("", "PERSON"))
    if for_thing >= for_person or _is_institution(person, weights):
        return False
    once = len({r.sentence for r in person.runs}) == 1
    if once and grammar < 1:
        return False  # named once, doing nothing: a reference ("like Harrison Ford")
    key = _key_word(person)
    if once and person.words == {key} and kind_of_noun(key.lower()) == "person":
        return False  # "an aspiring Egyptologist", "Judge Priest": a job, not a name
    if not all(is_common_word(w) for w in person.words):
        return True  # a name that is no English word ("Aarti", "Philip Henslowe")
    ordinary = zipf(key) >= ORDINARY_ZIPF
    if all(r.initial and len(r.words) == 1 for r in person.runs):
        # Only ever opening sentences, where any word is capitalised: "Disaster strikes"
        # once is no person; "Ram chases Ballu. Ram's girlfriend ..." is.
        return grammar >= (2 if ordinary else 1)
    if ordinary and not any(len(r.words) > 1 or r.role for r in person.runs):
        return for_person >= 1.5  # "Sweet", "Empire": an ordinary word must do more
    return for_person >= 1


def find_characters(
    document: Document, sentences: Iterable[Sentence] | None = None
) -> tuple[Character, ...]:
    """The people these sentences of the document (by default its story) follow, in
    order of first appearance."""
    sentences = tuple(document.story if sentences is None else sentences)
    docs = {s.index: document.doc(s) for s in sentences}
    known = known_names(list(docs.values()))
    runs = [
        r
        for i, doc in docs.items()
        for r in link_identities(doc, cast(name_runs(i, doc, known), doc))
    ]
    actors = {r.actor for r in runs if r.actor}
    people = _group([r for r in runs if r.text not in actors])
    alone = {id(r): evidence(r, docs[r.sentence]) for p in people for r in p.runs}
    # A first verdict on every name alone; then names listed together share theirs.
    verdicts = {
        (r.sentence, r.root): _verdict(p, [alone[id(r)] for r in p.runs])
        for p in people
        for r in p.runs
    }
    characters = []
    for person in people:
        weights = [alone[id(r)] + _listed(r, docs[r.sentence], verdicts) for r in person.runs]
        if _keep(person, weights):
            characters.append(_character(person, docs))
    return tuple(sorted(characters, key=lambda c: (c.first_sentence, c.name)))


def _names_a_person(noun: Token | None) -> bool:
    """A noun for what someone is: "obstetrician", not "time", nor a bare "man"."""
    if noun is None or noun.lemma_.lower() in BARE_PEOPLE:
        return False
    return kind_of_noun(noun.lemma_.lower()) == "person"


def _character(person: _Person, docs: dict[int, Doc]) -> Character:
    name = _canonical(person)
    runs = sorted(person.runs, key=lambda r: (r.sentence, r.start))
    first = runs[0]
    roles = Counter(r.role for r in person.runs if r.role)
    actors = Counter(r.actor for r in person.runs if r.actor)
    # Synopses often name someone before saying who they are ("Nic and Jules ... Nic, an
    # obstetrician, ..."): a later run describes too, but only by an apposition or a
    # copula after the name and with a noun for a person. Nouns before a later name guess
    # at whose ("his wife Madeleine"), and the parser hangs stray nouns on names.
    said = (
        describe(r, docs[r.sentence])
        for r in runs
        if r is first or _names_a_person(said_after(docs[r.sentence][r.root]))
    )
    return Character(
        name=name,
        aliases=tuple(sorted(n for n in person.names if n != name)),
        role=min(roles, key=lambda r: (-roles[r], r)) if roles else None,
        description=next((d for d in said if d), None),
        first_sentence=first.sentence,
        mentions=len({r.sentence for r in person.runs}),
        actor=min(actors, key=lambda a: (-actors[a], a)) if actors else None,
    )
