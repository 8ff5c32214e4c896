"""Pronouns and descriptions -> the characters they mean, where the text makes it clear.

The resolver reads the story's sentences in order, as a reader does, and keeps track of
who is in view (a salience model after Lappin & Leass 1994, over spaCy's parse):

- Every name, pronoun and description it has resolved puts its referent in view, with a
  weight for its part in the clause (a subject counts most) that halves with every
  sentence that passes.
- A pronoun's candidates are the referents in view that agree with it: in number (he,
  she -> one person; they, the two -> a group named together, "Raghu and Malti"), in
  gender (learned from the pronouns used near a name and from nouns such as "his wife
  Malati", "Mrs."), and in binding ("Ram kills him": not Ram; "himself": the subject).
- A subject pronoun usually goes on with the subject before it ("Ballu does not speak,
  and he promises"; "Ballu escapes. He ..."); a possessive, with its own clause's
  subject ("Ram visits his girlfriend").
- Descriptions: "his wife" or "Raju's wife" is whoever the text introduced as that
  person's wife ("his wife Malati"); "the inspector" is the one character who is an
  inspector ("Inspector Mathur"); "the detectives", the characters who are.
- People without a name ("Ballu's mother", "a young man", "the police") are in view too:
  a pronoun that may as well mean one of them is left unresolved. A pronoun resolves
  only when its best candidate is a character and clearly ahead of the next one.

Public helpers, for the stages and writers:

- `resolve(document, characters)` -> (mentions, characters with their gender): called
  by the analyse stage; the mentions go to `Outline.mentions`.
- `opening_mention(outline, index)`: the mention a sentence opens with, if resolved.
- `opens_unresolved(outline, index)`: whether a sentence opens with a third-person
  pronoun or group phrase ("He", "They", "The two") the resolver left unresolved.
- `name_opening(outline, index, text=None, start=0)`: a sentence's text (or a shorter
  text cut from it, such as a beat-line candidate starting at character `start` of the
  sentence) with its opening pronoun replaced by the name(s): "He becomes enraged" ->
  "Ballu becomes enraged", "His mother dies" -> "Ballu's mother dies", "They marry" ->
  "Raghu and Malti marry".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from outliner.document import Character, Document, Mention, Sentence
from outliner.story.genders import (
    Observation,
    learn_genders,
    merge,
    name_votes,
    nearby_votes,
    resolved_votes,
)
from outliner.story.kinship import Knowledge
from outliner.story.openings import name_opening, names_text, opening_mention, opens_unresolved
from outliner.story.referring import (
    COLLECTIVE_NOUNS,
    Expression,
    Referent,
    character_names,
    clause_verb,
    expressions,
    function,
    in_main_clause,
    is_subject,
    story_parts,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["name_opening", "names_text", "opening_mention", "opens_unresolved", "resolve"]

# How much a mention puts its referent in view, by its part in the clause.
WEIGHTS = {"subject": 1.0, "object": 0.7, "possessor": 0.5, "other": 0.5}
MAIN_CLAUSE = 1.2  # a mention in the main clause counts more
DECAY = 0.5  # per sentence
WINDOW = 3  # sentences back that still count
CONTINUITY = 0.6  # a subject pronoun going on with the subject before it
OWN_SUBJECT = 2.0  # a possessive meaning its own clause's subject
CATAPHORA = 0.4  # "After his release, Raghu ...": the main subject after the pronoun
UNKNOWN_GENDER = 0.4  # a character of unknown gender is a weaker candidate for he/she
REPEAT = 0.1  # what each further mention of a referent in view adds
THING = 0.5  # things are seldom what "they" means in a story told about people
IMPLICIT = 0.5  # a group only brought together counts less than one named together
RATIO = 2.0  # the best candidate must score this many times the next one
MINIMUM = 0.1  # and at least this much (a phrase that counts people, "the two": no minimum)


@dataclass(frozen=True)
class _Reference:
    position: int  # the sentence's place in the story
    token: int
    referent: Referent
    weight: float
    part: str  # "subject", "object", "possessor" or "other" (see referring.function)
    main: bool

    @property
    def subject(self) -> bool:
        return self.part == "subject"


@dataclass
class _State:
    """What the reader knows at a point of the story."""

    genders: dict[str, str]
    blind: bool  # genders not learned yet: no character is a weaker candidate for it
    order: dict[str, int]  # character -> order of first appearance
    known: Knowledge  # roles and relations learned so far
    references: list[_Reference] = field(default_factory=list)
    groups: dict[int, Referent] = field(default_factory=dict)  # this sentence's "X and Y"
    observations: list[Observation] = field(default_factory=list)  # read gender-blind

    def character(self, name: str) -> Referent:
        return Referent(name, (name,), self.genders.get(name))

    def group(self, members: Iterable[Referent]) -> Referent:
        names = sorted({n for m in members for n in m.characters}, key=self.order.__getitem__)
        return Referent("+".join(names), tuple(names), plural=True)


def _reference(position: int, token: Token, referent: Referent) -> _Reference:
    part = function(token)
    main = in_main_clause(token)
    weight = WEIGHTS[part] * (MAIN_CLAUSE if main else 1.0)
    return _Reference(position, token.i, referent, weight, part, main)


def _agrees(expression: Expression, referent: Referent) -> bool:
    if expression.plural != referent.plural:
        return False
    if expression.count is not None and referent.characters:
        return len(referent.characters) == expression.count
    gender = expression.gender
    return gender is None or referent.gender is None or referent.gender == gender


def referent_of(token: Token, referents: dict[int, Referent]) -> Referent | None:
    """Who a token means, looking through the phrase: "Catholic priest Father Janovich"
    (the noun whose name is Janovich), "Walt, who has him ..." (who is Walt)."""
    if token.i in referents:
        return referents[token.i]
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
        return referents.get(token.head.head.i)
    for child in token.children:
        if child.dep_ in ("appos", "compound", "flat") and child.i in referents:
            return referents[child.i]
    return None


def _binder(doc: Doc, token: Token) -> Token | None:
    """The subject a non-reflexive pronoun cannot mean ("Ram kills him"), or the one a
    reflexive must ("Ram hurts himself"). "get him to talk": "him" is the object of get."""
    verb = clause_verb(token)
    if token.dep_ == "nsubj" and "Case=Acc" in str(token.morph) and verb.head.i != verb.i:
        verb = clause_verb(verb.head)
    subject = subject_of(verb)
    return subject if subject is not None and subject.i != token.i else None


def _candidates(
    state: _State,
    position: int,
    doc: Doc,
    expression: Expression,
    referents: dict[int, Referent],
    found: list[Expression],
) -> dict[str, tuple[Referent, float]]:
    """Referents in view that agree with the expression, with their scores; never one
    the binding rules rule out ("Ram kills him", "he looks at Ram's face")."""
    token = doc[expression.head]
    scores: dict[str, tuple[Referent, float]] = {}
    binder = _binder(doc, token) if expression.kind == "pronoun" else None
    bound = referent_of(binder, referents) if binder is not None and binder.i < token.i else None
    for ref in state.references:
        distance = position - ref.position
        if distance > WINDOW or (distance == 0 and ref.token >= expression.start):
            continue
        referent = ref.referent
        if not _agrees(expression, referent):
            continue
        if expression.count is not None and referent.sort != "person":
            continue  # "the two", "the duo": people, counted
        if _is_bound(referent, bound, state.groups.get(binder.i) if binder else None) and (
            _bound_away(expression, token)
        ):
            continue  # "Ram kills him": him is not Ram
        score = ref.weight * DECAY**distance * (THING if referent.sort == "thing" else 1.0)
        if referent.gender is None and expression.gender is not None and not state.blind:
            score *= UNKNOWN_GENDER  # "the chauffeur", a character never called he or she
        # A referent is as much in view as its most prominent recent mention; the
        # others add a little (a sum would let the film's hero outweigh any clause).
        previous = scores.get(referent.key, (referent, 0.0))[1]
        scores[referent.key] = (referent, max(previous, score) + REPEAT * min(previous, score))
    for key, bonus in _bonuses(state, position, doc, expression, referents, bound):
        if key in scores:
            referent, score = scores[key]
            scores[key] = (referent, score + bonus)
    if expression.plural:
        for group, score in _pairs(state, position, expression):
            if group.key not in scores:
                scores[group.key] = (group, score)
    cataphor = _cataphor(doc, token, referents)
    if cataphor is not None and _agrees(expression, cataphor):
        referent, score = scores.get(cataphor.key, (cataphor, 0.0))
        scores[cataphor.key] = (referent, score + CATAPHORA)
    for name in _named_below(doc, expression, found):
        scores.pop(name, None)
    return scores


def _named_below(doc: Doc, expression: Expression, found: list[Expression]) -> set[str]:
    """Characters a subject pronoun cannot mean: those named later inside its own clause
    ("when he looks at McMurphy's face": he is not McMurphy; "he says McMurphy left").
    Binding theory's Principle C: a name is never bound by a pronoun above it."""
    token = doc[expression.head]
    if expression.kind != "pronoun" or token.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    below = {t.i for t in token.head.subtree}
    return {
        e.character
        for e in found
        if e.kind == "name" and e.character is not None and e.start > token.i and e.head in below
    }


def _pairs(state: _State, position: int, expression: Expression) -> list[tuple[Referent, float]]:
    """Groups no one named together, for "they" and "the two": the characters a recent
    sentence brings together ("Edward tells Vivian ... The two make love")."""
    out = []
    for distance in (0, 1):
        refs = [
            r
            for r in state.references
            if r.position == position - distance
            and len(r.referent.characters) == 1
            and r.part != "possessor"  # not a passing "Walt's"
            and (distance or r.token < expression.start)
        ]
        people = {r.referent.key: r for r in refs}
        wanted = expression.count or len(people)
        if len(people) == wanted and 2 <= wanted <= 3:
            group = state.group(r.referent for r in people.values())
            weight = min(r.weight for r in people.values())
            out.append((group, IMPLICIT * weight * DECAY**distance))
    return out


def _is_bound(referent: Referent, bound: Referent | None, group: Referent | None) -> bool:
    """Whether the referent is the clause's subject, or one of a coordinated subject."""
    if bound is not None and referent.key == bound.key:
        return True
    if group is None or not referent.characters:
        return False
    return referent.key == group.key or set(referent.characters) <= set(group.characters)


def _bound_away(expression: Expression, token: Token) -> bool:
    """Whether the clause's subject is ruled out: for a pronoun that is an argument
    ("Ram kills him"), and for a possessive in the predicate ("Ballu is his friend")."""
    return not expression.possessive or token.head.dep_ == "attr"


def _parallel(doc: Doc, token: Token, referents: dict[int, Referent]) -> Referent | None:
    """'kill him and his mother': a possessive beside a pronoun means the same person;
    'the two of them', 'both of them': the group the phrase counts."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i in referents:
        counted = referents[token.head.head.i]
        return counted if counted.plural and counted.characters else None
    noun = token.head
    if token.dep_ != "poss" or noun.dep_ != "conj":
        return None
    sibling = noun.head
    if sibling.tag_ != "PRP" or sibling.lower_ not in ("him", "her", "them"):
        return None
    return referents.get(sibling.i)


def _bonuses(
    state: _State,
    position: int,
    doc: Doc,
    expression: Expression,
    referents: dict[int, Referent],
    bound: Referent | None,
) -> list[tuple[str, float]]:
    """Subject continuity and a possessive's own subject."""
    token = doc[expression.head]
    if expression.possessive and bound is not None and token.head.dep_ != "attr":
        if _controlled(doc, token):
            return []  # "asks Scottie to follow his wife": whose wife is open
        other = _object_before(doc, token, referents)
        if other is not None and other.key != bound.key and _agrees(expression, other):
            # "chastising him for his greed": the object is as likely as the subject.
            return [(bound.key, OWN_SUBJECT), (other.key, OWN_SUBJECT)]
        return [(bound.key, OWN_SUBJECT)]
    if function(token) != "subject" or not is_subject(token):
        return []  # "makes him work": no subject going on
    earlier = [r for r in state.references if r.position == position and r.token < token.i]
    subjects = [r for r in earlier if r.subject and _agrees(expression, r.referent)]
    if subjects:
        told = _addressee(doc, token, referents)
        if told is not None and _agrees(expression, told):
            # "Cole suggests to Crowe that he should ...": either may be meant.
            return [(subjects[-1].referent.key, CONTINUITY), (told.key, CONTINUITY)]
        return [(subjects[-1].referent.key, CONTINUITY)]
    before = [
        r
        for r in state.references
        if r.position == position - 1 and r.subject and _agrees(expression, r.referent)
    ]
    main = [r for r in before if r.main] or before
    return [(main[0].referent.key, CONTINUITY)] if main else []


def _controlled(doc: Doc, token: Token) -> bool:
    """Whether the clause's subject is someone else's object ("asks Scottie to follow")."""
    binder = _binder(doc, token)
    return binder is not None and binder.dep_ in ("dobj", "dative")


def _object_before(doc: Doc, token: Token, referents: dict[int, Referent]) -> Referent | None:
    """The object of the possessive's clause, when it comes before the possessive."""
    verb = clause_verb(token)
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.i < token.i and child.i in referents:
            return referents[child.i]
    return None


def _addressee(doc: Doc, token: Token, referents: dict[int, Referent]) -> Referent | None:
    """Who is told, when the pronoun's clause is what someone tells them: "tells Ram that
    he", "suggests to Crowe that he", "convinces Ganga that she"."""
    verb = clause_verb(token)
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return None
    for child in verb.head.children:
        if child.dep_ in ("dobj", "dative") and child.i in referents:
            return referents[child.i]
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            for object_ in child.children:
                if object_.dep_ == "pobj" and object_.i in referents:
                    return referents[object_.i]
    return None


def _cataphor(doc: Doc, token: Token, referents: dict[int, Referent]) -> Referent | None:
    """'After his release, Raghu promises': the main clause's subject after the pronoun,
    when the pronoun stands in a phrase put before it."""
    root = doc[token.i].sent.root
    subject = subject_of(root)
    if (
        subject is None
        or subject.i <= token.i
        or token.i in range(subject.left_edge.i, subject.right_edge.i + 1)
    ):
        return None
    return referents.get(subject.i)


def _choose(scores: dict[str, tuple[Referent, float]], minimum: float = MINIMUM) -> Referent | None:
    """The best candidate when it is a character clearly ahead of every other one."""
    ranked = sorted(scores.values(), key=lambda rs: (-rs[1], rs[0].key))
    if not ranked:
        return None
    best, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if not best.characters or score < minimum or score < RATIO * second:
        return None
    return best


def _description_referent(
    state: _State, doc: Doc, expression: Expression, referents: dict[int, Referent], key: str
) -> Referent:
    """Who a description means: a named relation ("his wife" -> Malati), the one
    character with that role ("the inspector"), or someone without a name."""
    noun = expression.noun or ""
    sort = "collective" if noun in COLLECTIVE_NOUNS else "person"
    if expression.owner is not None:
        owner = referents.get(expression.owner)
        if owner is not None and len(owner.characters) == 1:
            named = state.known.related(owner.characters[0], noun)
            if len(named) == 1 and not expression.plural:
                return state.character(named[0])
            if len(named) > 1 and expression.plural:  # "his friends" -> Max and Bella
                return state.group(state.character(n) for n in named)
        owner_key = owner.key if owner is not None else doc[expression.owner].lower_
        return Referent(f"{noun} of {owner_key}", (), expression.gender, expression.plural, sort)
    if expression.definite:
        holders = sorted(state.known.holders(noun), key=state.order.__getitem__)
        if len(holders) == 1 and not expression.plural:
            return state.character(holders[0])
        if len(holders) > 1 and expression.plural:
            return state.group(state.character(h) for h in holders)
        return Referent(f"the {noun}", (), expression.gender, expression.plural, sort)
    return Referent(key, (), expression.gender, expression.plural, sort)


def _observe(state: _State, gender: str, scores: dict[str, tuple[Referent, float]]) -> None:
    """Keep a he/she's candidates, read gender-blind, for learning genders (`_em`)."""
    people = [(r, s) for r, s in scores.values() if not r.plural and s > 0]
    if people:
        state.observations.append((gender, people))


def _coordination(doc: Doc, token: Token, referents: dict[int, Referent]) -> list[Referent]:
    """'Raghu and Malti', 'Kat, Bianca and Cameron': the conjuncts' referents when this
    token is the last of them and every conjunct is someone."""
    if token.dep_ != "conj":
        return []
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    members = [first, *(t for t in first.subtree if t.dep_ == "conj" and _joined(t, first))]
    if max(m.i for m in members) != token.i:
        return []
    found = [referents.get(m.i) for m in members]
    return [r for r in found if r is not None] if all(found) else []


def _joined(token: Token, first: Token) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.i == first.i


def _read_sentence(
    state: _State, position: int, doc: Doc, names: list[tuple[str, str]]
) -> list[tuple[Expression, Referent | None]]:
    """Resolve a sentence's pronouns and descriptions, putting its referents in view."""
    found = expressions(doc, names)
    referents: dict[int, Referent] = {}
    state.groups = {}
    out: list[tuple[Expression, Referent | None]] = []
    for expression in found:
        token = doc[expression.head]
        key = f"{expression.noun}@{position}:{expression.head}"
        referent: Referent | None
        if expression.kind == "name" and expression.character is not None:
            referent = state.character(expression.character)
        elif expression.kind == "thing":
            referent = Referent(key, (), plural=True, sort="thing")
        elif expression.kind == "description":
            referent = _description_referent(state, doc, expression, referents, key)
        elif expression.reflexive:
            binder = _binder(doc, token)
            referent = referent_of(binder, referents) if binder is not None else None
        else:
            scores = _candidates(state, position, doc, expression, referents, found)
            if state.blind and expression.gender is not None:
                _observe(state, expression.gender, scores)
            # "The couple travels": a phrase that counts people is sure of its kind;
            # any agreeing group however faint in view may be meant.
            minimum = 0.0 if expression.count is not None else MINIMUM
            referent = _parallel(doc, token, referents) or _choose(scores, minimum)
        out.append((expression, referent))
        if referent is None or (state.blind and expression.kind == "pronoun"):
            continue  # read blind, only names put people in view: no guess feeds a guess
        for i in range(expression.start, expression.end):
            referents.setdefault(i, referent)
        referents[expression.head] = referent
        state.references.append(_reference(position, token, referent))
        members = _coordination(doc, token, referents)
        if members:
            group = (
                state.group(members)
                if all(m.characters for m in members)
                else Referent("+".join(m.key for m in members), (), plural=True)
            )
            head = token
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            state.groups[head.i] = group
            state.references.append(_reference(position, head, group))
    state.known.learn(doc, found, referents, state.genders)
    return out


def _pass(
    document: Document, characters: tuple[Character, ...], genders: dict[str, str] | None
) -> tuple[list[tuple[Sentence, Expression, Referent | None]], _State]:
    """Read the story once; `genders` None reads it gender-blind (to learn them)."""
    names = character_names((c.name, c.aliases) for c in characters)
    order = {c.name: i for i, c in enumerate(characters)}
    known = Knowledge.of((c.role, c.name) for c in characters if c.role)
    state = _State(dict(genders or {}), genders is None, order, known)
    results = []
    for part in story_parts(document):
        state.references = []
        for position, sentence in enumerate(part):
            for expression, referent in _read_sentence(
                state, position, document.doc(sentence), names
            ):
                results.append((sentence, expression, referent))
    return results, state


def resolve(
    document: Document, characters: tuple[Character, ...]
) -> tuple[tuple[Mention, ...], tuple[Character, ...]]:
    """The mentions resolved to characters, and the characters with their gender."""
    if not characters:
        return (), characters
    nearby = merge(
        nearby_votes(document, character_names((c.name, c.aliases) for c in characters)),
        name_votes((c.name, c.aliases) for c in characters),
    )
    results, blind = _pass(document, characters, None)
    genders = learn_genders(blind.known.nouns, nearby, blind.observations)
    results, state = _pass(document, characters, genders)
    # Characters still without one: from the pronouns this reading resolved to them.
    more = learn_genders(state.known.nouns, merge(nearby, resolved_votes(results)))
    if any(name not in genders for name in more):
        genders = {**more, **genders}
        results, state = _pass(document, characters, genders)
    mentions = tuple(
        Mention(
            sentence.index,
            _offset(document, sentence, expression.start),
            _end(document, sentence, expression.end),
            expression.text,
            referent.characters,
        )
        for sentence, expression, referent in results
        if referent is not None
        and referent.characters
        and expression.kind in ("pronoun", "group", "description")
    )
    gendered = tuple(replace(c, gender=genders.get(c.name, c.gender)) for c in characters)
    return mentions, gendered


def _offset(document: Document, sentence: Sentence, token: int) -> int:
    return int(document.doc(sentence)[token].idx)


def _end(document: Document, sentence: Sentence, token: int) -> int:
    last = document.doc(sentence)[token - 1]
    return int(last.idx + len(last.text))
