"""Referring expressions in one sentence's parse: names, pronouns, group phrases, descriptions.

Everything here reads spaCy's parse of the sentence (tags, morphology, dependencies);
nothing re-splits or guesses from capitals. The resolver (outliner.story.pronouns) walks
these expressions in story order and decides who each pronoun or description means.

- A *name* is a character's name or alias, matched token by token (spaCy's PhraseMatcher).
- A *pronoun* is a third-person personal pronoun (tag PRP or PRP$): he, him, his, himself,
  she, her, hers, herself, they, them, their, theirs, themselves. spaCy's morphology gives
  its gender, number, case and reflexivity.
- A *group phrase* counts people: "the two", "the duo", "the pair", "the couple",
  "the three", "both of them".
- A *description* is a noun phrase headed by a noun for a person: "his wife", "Raju's
  boss", "the inspector", "the detectives", "a young woman".

The word lists below are where the parser has no answer: en_core_web_sm knows that
"wife" is a noun, not that it names a woman, nor that "inspector" names a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from outliner.document import Document, Sentence, SentenceKind

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

# Nouns (lemmas) for a person of one gender; titles too ("Mrs. Robinson", "Father Lawrence").
FEMALE_NOUNS = frozenset(
    """woman girl lady wife mother mom mum mommy daughter sister aunt niece grandmother
    grandma granddaughter girlfriend fiancee bride widow queen princess actress waitress
    stepmother stepdaughter stepsister mrs ms miss madam madame nun hostess heroine
    landlady businesswoman policewoman housewife maid mistress duchess empress godmother
    daughter-in-law mother-in-law sister-in-law""".split()
)
MALE_NOUNS = frozenset(
    """man boy gentleman husband father dad daddy son brother uncle nephew grandfather
    grandpa grandson boyfriend fiance groom widower king prince actor waiter stepfather
    stepson stepbrother mr sir lord duke emperor priest monk businessman policeman
    landlord godfather hero son-in-law father-in-law brother-in-law""".split()
)
# Nouns for a person of either gender: kin, companions, jobs, parts people play.
PERSON_NOUNS = (
    FEMALE_NOUNS
    | MALE_NOUNS
    | frozenset(
        """person child kid baby teenager teen youth adult parent sibling cousin twin
    spouse partner lover friend companion sweetheart mate roommate classmate colleague
    coworker neighbor neighbour boss mentor protege rival enemy ally accomplice sidekick
    henchman guardian ward heir student pupil teacher tutor coach principal doctor nurse
    surgeon psychiatrist psychologist therapist patient lawyer attorney judge juror
    officer cop policeman detective inspector sergeant lieutenant captain chief agent
    sheriff deputy guard soldier pilot sailor marine commander general colonel major
    criminal gangster thief killer murderer assassin hitman mobster dealer prisoner
    inmate convict suspect victim witness hostage kidnapper stranger visitor guest host
    owner employer employee manager assistant secretary servant butler driver
    chauffeur bodyguard reporter journalist writer author editor photographer painter
    artist singer dancer musician director producer star model student scientist
    professor researcher historian archaeologist explorer hunter fisherman farmer
    worker clerk banker businessman executive president mayor governor senator
    minister ambassador official leader member client customer fan admirer suitor date
    roommate orphan pastor bishop reverend preacher vampire werewolf ghost robot alien
    android cyborg creature monster stalker donor couple duo pair""".split()
    )
)
# Nouns for groups of people a plural pronoun may mean: "the police ... they".
COLLECTIVE_NOUNS = frozenset(
    """police gang family team squad crew group army party band staff class crowd mob
    couple family""".split()
)
# "the two", "the duo", "both of them": how many people the phrase counts.
GROUP_WORDS = {"two": 2, "three": 3, "four": 4, "duo": 2, "pair": 2, "couple": 2, "trio": 3}
# Third-person personal pronouns: (gender, plural). spaCy's morphology has no gender for
# "they", and tags "her" as PRP or PRP$ by its use; the word decides the rest.
PRONOUNS: dict[str, tuple[str | None, bool]] = {
    "he": ("male", False),
    "him": ("male", False),
    "his": ("male", False),
    "himself": ("male", False),
    "she": ("female", False),
    "her": ("female", False),
    "hers": ("female", False),
    "herself": ("female", False),
    "they": (None, True),
    "them": (None, True),
    "their": (None, True),
    "theirs": (None, True),
    "themselves": (None, True),
}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
# Dependencies through which a word shares the function of the phrase it belongs to:
# "Ram and Ganga arrive" (conj), "his wife Malati" (appos), "Inspector Ram" (compound).
_PHRASE_DEPS = frozenset({"conj", "appos", "compound", "flat", "nmod"})
# Prepositions after which an -ing verb's subject is the object before them.
_OBJECT_CONTROL = frozenset({"of", "from", "into", "for"})
_QUOTES = frozenset({'"', "“", "”"})


@dataclass(frozen=True)
class Expression:
    """A referring expression: where it is and what the parse says about it."""

    kind: str  # "name", "pronoun", "group", "description", "thing" (a plural noun phrase)
    start: int  # token span [start, end) in the sentence's Doc
    end: int
    head: int  # the token that stands for the phrase in the parse
    text: str
    character: str | None = None  # a name: whose it is
    gender: str | None = None  # "male", "female" or None (unknown)
    plural: bool = False
    count: int | None = None  # a group phrase: how many
    noun: str | None = None  # a description: its head noun's lemma
    owner: int | None = None  # a description: the token of its possessor ("his", "Raju")
    definite: bool = False  # "the"/"his"/"Raju's" rather than "a"
    reflexive: bool = False
    possessive: bool = False


@lru_cache(maxsize=64)
def _matcher(names: tuple[tuple[str, str], ...]) -> PhraseMatcher:
    from spacy.matcher import PhraseMatcher

    from outliner.backends.parser import nlp

    pipeline = nlp()
    matcher = PhraseMatcher(pipeline.vocab, attr="ORTH")
    for name, character in names:
        matcher.add(character, [pipeline.make_doc(name)])
    return matcher


def name_spans(doc: Doc, names: Sequence[tuple[str, str]]) -> list[tuple[Span, str]]:
    """Where the sentence names a character: (token span, character), longest first wins."""
    from spacy.util import filter_spans

    if not names:
        return []
    matches = _matcher(tuple(names))(doc)
    owner = {(start, end): doc.vocab.strings[key] for key, start, end in matches}
    spans = filter_spans([doc[start:end] for _, start, end in matches])
    return [(s, owner[(s.start, s.end)]) for s in spans]


def inside_quotes(doc: Doc) -> set[int]:
    """Tokens between quotation marks: speech, whose pronouns speak for the speaker."""
    inside, quoted = False, set()
    for token in doc:
        if token.text in _QUOTES:
            inside = not inside if token.text == '"' else token.text == "“"
        elif inside:
            quoted.add(token.i)
    return quoted


def phrase_head(token: Token) -> Token:
    """The token that stands for the phrase this one belongs to in its clause: "Ram and
    Ganga", "his wife Malati", "Inspector Ram", "a girl named Chrissie"."""
    while token.head.i != token.i:
        if token.dep_ in _PHRASE_DEPS:
            token = token.head
        elif naming(token):
            token = token.head.head
        else:
            break
    return token


def naming(token: Token) -> bool:
    """'a girl named Chrissie': the name the participle gives its noun."""
    verb = token.head
    return token.dep_ == "oprd" and verb.dep_ == "acl" and verb.head.pos_ == "NOUN"


def clause_verb(token: Token) -> Token:
    """The verb (or the root) of the clause a token belongs to."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def subject_of(verb: Token) -> Token | None:
    """A verb's subject, or the subject it shares: "Ram arrives and (Ram) leaves", "Ram
    tries to (Ram) escape", "while (Ram) trying"; "convince Ballu to (Ballu) give up"
    (the object of the verb before an infinitive is its subject)."""
    for _ in range(8):  # a clause chain is short; a loop guard, not a limit that matters
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            # "accuses Crowe of (Crowe) failing him", "stops the police from shooting";
            # "shoots Crowe before (Vincent) turning the gun on himself".
            governor = verb.head.head
            controller = [c for c in governor.children if c.dep_ == "dobj"]
            if verb.head.lower_ in _OBJECT_CONTROL and controller:
                return controller[0]
            verb = governor
            continue
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
            return None
        if verb.dep_ == "acl":  # "his ability to (Crowe) help him"
            return next((c for c in verb.head.children if c.dep_ == "poss"), None)
        if verb.tag_ == "VB" and verb.dep_ != "conj":  # "hires Vivian to (Vivian) stay"
            controller = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
            if controller:
                return controller[0]
        verb = verb.head
    return None


def is_subject(token: Token) -> bool:
    """A subject in the nominative: not "him" in "makes him work"."""
    return token.dep_ in ("nsubj", "nsubjpass") and "Case=Acc" not in str(token.morph)


def in_main_clause(token: Token) -> bool:
    """Whether the token's clause is the sentence's main one (or conjoined to it)."""
    verb = clause_verb(token)
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def function(token: Token) -> str:
    """The part the phrase plays in its clause: subject, object, possessor or other."""
    head = phrase_head(token)
    if head.dep_ in SUBJECT_DEPS:
        return "subject"
    if head.dep_ in OBJECT_DEPS:
        return "object"
    if head.dep_ == "poss":
        return "possessor"
    return "other"


def _pronoun(token: Token) -> Expression | None:
    word = token.lower_
    if token.tag_ not in ("PRP", "PRP$") or word not in PRONOUNS:
        return None
    gender, plural = PRONOUNS[word]
    return Expression(
        "pronoun",
        token.i,
        token.i + 1,
        token.i,
        token.text,
        gender=gender,
        plural=plural,
        reflexive="Reflex=Yes" in str(token.morph) or word.endswith(("self", "selves")),
        possessive=token.tag_ == "PRP$",
    )


def _group(doc: Doc, token: Token) -> Expression | None:
    """'the two', 'the duo', 'both of them'. "The two" before a plural noun counts that
    noun ("the two officers"): the phrase is then a description of it, not a group."""
    word = token.lower_
    if word == "both" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
        following = doc[token.i + 2]
        if following.lower_ == "them":
            return Expression("group", token.i, token.i + 3, token.i, "", count=2, plural=True)
        return None
    if word not in GROUP_WORDS or token.i == 0 or doc[token.i - 1].lower_ != "the":
        return None
    count = GROUP_WORDS[word]
    noun = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if word in ("two", "three", "four") and noun is not None and noun.tag_ == "NNS":
        if noun.lemma_.lower() not in PERSON_NOUNS:
            return None  # "the two countries"
        return Expression("group", token.i - 1, token.i + 2, noun.i, "", count=count, plural=True)
    return Expression("group", token.i - 1, token.i + 1, token.i, "", count=count, plural=True)


def _description(doc: Doc, token: Token, named: set[int]) -> Expression | None:
    """A noun phrase for a person: "his wife", "the inspector", "a young woman"."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or token.i in named:
        return None
    if lemma not in PERSON_NOUNS and lemma not in COLLECTIVE_NOUNS:
        return None
    if token.dep_ in ("compound", "attr", "appos") or any(
        c.dep_ in ("appos", "compound", "flat") and c.i in named for c in token.children
    ):
        return None  # "Inspector Ram", "is a gangster", "his wife Malati": the name's own
    if any(g.i in named and naming(g) for c in token.children for g in c.children):
        return None  # "a girl named Chrissie"
    if token.head.i in named and token.dep_ in _PHRASE_DEPS:
        return None
    left = [c for c in token.lefts if c.dep_ in ("det", "poss", "amod", "compound", "nummod")]
    start = min((c.left_edge.i for c in left), default=token.i)
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    determiner = next((c for c in token.children if c.dep_ == "det"), None)
    definite = owner is not None or (determiner is not None and determiner.lower_ == "the")
    gender = "female" if lemma in FEMALE_NOUNS else "male" if lemma in MALE_NOUNS else None
    plural = token.tag_ == "NNS" or lemma in COLLECTIVE_NOUNS
    return Expression(
        "description",
        start,
        token.i + 1,
        token.i,
        doc[start : token.i + 1].text,
        gender=gender,
        plural=plural,
        noun=lemma,
        owner=owner.i if owner is not None else None,
        definite=definite,
    )


def _thing(token: Token) -> Expression | None:
    """A plural noun phrase that names no person ("the lambs", "the plans"): something a
    plural pronoun may mean instead of a group of characters."""
    if token.tag_ != "NNS" or function(token) not in ("subject", "object"):
        return None  # "for 14 years", "with roses": in passing, not what "they" go on with
    return Expression("thing", token.i, token.i + 1, token.i, token.text, plural=True)


def expressions(doc: Doc, names: Sequence[tuple[str, str]]) -> list[Expression]:
    """Every referring expression of a sentence, in token order (quoted speech left out)."""
    quoted = inside_quotes(doc)
    found: list[Expression] = []
    taken: set[int] = set()  # tokens of names, and heads of group phrases
    for span, character in name_spans(doc, names):
        taken.update(range(span.start, span.end))
        found.append(
            Expression("name", span.start, span.end, span.root.i, span.text, character=character)
        )
    named = set(taken)
    for token in doc:
        if token.i in quoted or token.i in taken:
            continue
        expression = (
            _pronoun(token)
            or _group(doc, token)
            or _description(doc, token, named)
            or _thing(token)
        )
        if expression is None:
            continue
        if expression.kind == "group":
            taken.add(expression.head)
            expression = replace(expression, text=doc[expression.start : expression.end].text)
        found.append(expression)
    # "his wife": the possessive first, so that the description knows whose wife.
    return sorted(found, key=lambda e: (e.start, e.end))


@dataclass(frozen=True)
class Referent:
    """Who a mention means: one character, a group of them, or someone without a name."""

    key: str
    characters: tuple[str, ...] = ()  # empty for people (and things) without a name
    gender: str | None = None
    plural: bool = False
    sort: str = "person"  # or "collective" ("the gang"), or "thing" ("the barrels")


def story_parts(document: Document) -> list[list[Sentence]]:
    """The story's sentences in order, one list per retelling (context starts afresh)."""
    told = (SentenceKind.PLOT, SentenceKind.RETOLD)
    parts: dict[int, list[Sentence]] = {}
    for sentence in document.sentences:
        if sentence.kind in told:
            parts.setdefault(sentence.retelling, []).append(sentence)
    return list(parts.values())


def character_names(characters: Iterable[tuple[str, Iterable[str]]]) -> list[tuple[str, str]]:
    """(surface form, character) for every name and alias."""
    return sorted({(n, name) for name, forms in characters for n in (name, *forms)})
