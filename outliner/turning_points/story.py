"""Who is in each sentence of a synopsis, read from the parse: the characters named or
acting, and the main characters (for the turning points' `ent` features).

Self-contained on purpose (the character finder elsewhere may change): characters here
are name phrases only, no coreference beyond one rule for "he"/"she".

- A *name phrase* is a proper noun that spaCy tags PERSON, NORP or ORG (a group can act
  as one: "the Soviets") or leaves untyped (the small model misses names like "Mac" or
  "Sherlock"), with its compound parts. Its keys are its alphabetic proper nouns
  ("Sherlock Holmes": Sherlock, Holmes).
- A key that only ever appears together with a more frequent key is the same person
  ("Sherlock" only in "Sherlock Holmes" is Holmes).
- *Centrality*: the number of sentences in which a character is a subject or an object
  of a verb, plus half the sentences in which they are only mentioned. The main
  characters are the three most central.
- A subject "he"/"she" is the most recent character subject (a centering rule: synopses
  keep their subject from one sentence to the next); other pronouns are left alone.

An earlier version read more of the story here (the protagonist as agent or patient, the
antagonist, deaths, captures and betrayals, how good or bad an event is for the
protagonist, backstory, the last confrontation): repeated cross-validation found them no
help beyond the spread of the folds, so they went (the model card lists the figures).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words of harm, capture, betrayal, discovery, victory and conflict: spaCy tags some of them
# as nouns or adjectives ("his death", "the attack", "a hostage"), which then take part in
# the sentence like a verb (who is on either side of them counts toward centrality).
EVENT_WORDS = frozenset(
    """die kill murder shoot stab poison execute drown assassinate slay strangle behead
    perish suffocate massacre slaughter death dead corpse funeral suicide
    capture kidnap abduct arrest imprison seize trap catch detain jail ambush corner
    subdue apprehend confine lock hostage prisoner captive
    betray deceive trick frame double-cross dupe manipulate lie cheat abandon desert
    dump blackmail betrayal
    expose reveal discover uncover learn realize unmask confess admit recognize suspect
    accuse
    defeat win escape rescue save free overpower triumph succeed reunite marry foil
    thwart vanquish outwit survive
    fight confront battle duel attack face chase pursue struggle clash challenge storm
    assault wrestle""".split()
)

SUBJECTS = frozenset({"nsubj", "csubj"})
OBJECTS = frozenset({"dobj", "iobj", "dative", "nsubjpass", "oprd"})
# Entity types a character's name may carry: people, and the groups that act as one
# ("the Soviets", "the FBI"); spaCy's small model leaves some names untyped.
NAME_TYPES = frozenset({"PERSON", "NORP", "ORG", ""})
PRONOUNS = frozenset({"he", "she"})


# ---------------------------------------------------------------- names


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.ent_type_ in NAME_TYPES and token.text.isalpha()


def _phrase_heads(doc: Doc) -> list[Token]:
    """Name tokens that head their phrase (not a compound part of a longer name)."""
    return [t for t in doc if _is_name(t) and not (t.dep_ == "compound" and _is_name(t.head))]


def _phrase_keys(head: Token) -> tuple[str, ...]:
    parts = [c for c in head.children if c.dep_ == "compound" and _is_name(c)]
    return tuple(sorted({t.text for t in (*parts, head)}))


def _conjuncts(token: Token) -> list[Token]:
    """The token and the tokens joined to it by "and": "Holmes and Watson"."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


# ---------------------------------------------------------------- one synopsis


@dataclass
class Cast:
    """Each surface key mapped to its character, and who the story is about."""

    person: dict[str, str]  # key -> character (its most frequent key)
    centrality: Counter[str]
    main: tuple[str, ...]  # the three most central characters


def _keys_of(token: Token, person: dict[str, str], last: str | None) -> set[str]:
    """The characters a subject or object token stands for (conjuncts included)."""
    out: set[str] = set()
    for t in _conjuncts(token):
        if _is_name(t):
            out.update(person.get(k, k) for k in _phrase_keys(t))
        elif t.lower_ in PRONOUNS and t.dep_ in SUBJECTS and last is not None:
            out.add(last)
    return out


def _acting(doc: Doc, person: dict[str, str], last: str | None) -> tuple[set[str], str | None]:
    """The characters who act or are acted on in a sentence; `last` is the running subject
    for he/she."""
    agents_of: dict[int, set[str]] = {}
    patients_of: dict[int, set[str]] = {}
    acting: set[str] = set()
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN", "ADJ"):
            continue
        agents: set[str] = set()
        patients: set[str] = set()
        for child in token.children:
            if child.dep_ in SUBJECTS:
                agents |= _keys_of(child, person, last)
            elif child.dep_ in OBJECTS:
                patients |= _keys_of(child, person, last)
            elif child.dep_ == "agent":  # "captured by the Soviets"
                for pobj in child.children:
                    agents |= _keys_of(pobj, person, last)
            elif child.dep_ == "prep":  # "shoots at Blackwood", "escapes from Hamer"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        patients |= _keys_of(pobj, person, last)
        has_subject = any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in token.children)
        # "is captured and taken", "tries to kill": the verb shares its head's subject
        if not has_subject and token.dep_ in ("conj", "xcomp") and token.head.i in agents_of:
            agents |= agents_of[token.head.i]
            if any(c.dep_ == "nsubjpass" for c in token.head.children):
                patients |= patients_of[token.head.i]
        if agents:
            last = sorted(agents)[0] if len(agents) == 1 else last
        if token.pos_ == "VERB" or token.lemma_.lower() in EVENT_WORDS:
            agents_of[token.i], patients_of[token.i] = agents, patients
            acting |= agents | patients
    return acting, last


def _named(doc: Doc, person: dict[str, str]) -> set[str]:
    return {person.get(k, k) for h in _phrase_heads(doc) for k in _phrase_keys(h)}


def cast_of(docs: Sequence[Doc]) -> Cast:
    """The characters of a synopsis and the three most central of them."""
    phrases = [_phrase_keys(h) for doc in docs for h in _phrase_heads(doc)]
    counts = Counter(k for keys in phrases for k in keys)
    person: dict[str, str] = {}
    for key in counts:
        # a key seen only beside a more frequent key is that person ("Sherlock" -> Holmes)
        with_key = [set(keys) - {key} for keys in phrases if key in keys]
        shared = set.intersection(*with_key) if with_key else set()
        better = [k for k in shared if (counts[k], k) > (counts[key], key)]
        person[key] = max(better, key=lambda k: (counts[k], k)) if better else key
    centrality: Counter[str] = Counter()
    last: str | None = None
    for doc in docs:
        acting, last = _acting(doc, person, last)
        # a sentence where they act or are acted on counts twice a mere mention
        for character in acting:
            centrality[character] += 2
        for character in _named(doc, person) - acting:
            centrality[character] += 1
    ranked = sorted(centrality, key=lambda c: (-centrality[c], c))
    return Cast(person, centrality, tuple(ranked[:3]))


def characters_of(docs: Sequence[Doc], cast: Cast) -> list[set[str]]:
    """The characters of each sentence: named, acting or acted on."""
    out = []
    last: str | None = None
    for doc in docs:
        acting, last = _acting(doc, cast.person, last)
        out.append(_named(doc, cast.person) | acting)
    return out


def parse_synopsis(sentences: Sequence[str]) -> list[Doc]:
    """The parse of each sentence of a pre-segmented synopsis (TRIPOD's), made as the
    pipeline makes it: the sentences joined into one paragraph and parsed together, each
    sentence's tokens then cut out as its own Doc."""
    from outliner.backends.parser import parse

    return docs_of(sentences, parse([" ".join(sentences)])[0])


def docs_of(sentences: Sequence[str], doc: Doc) -> list[Doc]:
    """Cut a paragraph's parse into the given sentences (joined by single spaces)."""
    out = []
    start = 0
    for sentence in sentences:
        span = doc.char_span(start, start + len(sentence), alignment_mode="expand")
        out.append(span.as_doc() if span is not None else doc[0:0].as_doc())
        start += len(sentence) + 1
    return out


# ---------------------------------------------------------------- features

CAST_FEATURES = (
    "new_characters",  # characters named for the first time
    "main_present",  # how many of the three main characters are there
)


def cast_features(docs: Sequence[Doc]) -> np.ndarray:
    """(n, 2) features of each sentence (CAST_FEATURES), from the parses of all."""
    cast = cast_of(docs)
    out = np.zeros((len(docs), len(CAST_FEATURES)))
    seen: set[str] = set()
    for i, characters in enumerate(characters_of(docs, cast)):
        out[i] = [len(characters - seen), len(set(cast.main) & characters)]
        seen |= characters
    return out
