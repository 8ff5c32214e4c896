"""The title page's content: the film's title and a logline, from the story itself.

Title, in order: `--title`; a title line in the input; the input file's name
("die_hard.txt" -> "Die Hard", "Beloved (film).txt" -> "Beloved"); else "Untitled".
A file name that is only numbers and hashes ("000_7efbc8fe8c8b2570.txt") names a file,
not a film: it gives no title, and the outline is "Untitled" rather than a made-up one.
A model-made title only on request (`--title auto`).

Logline: "When <inciting incident>, <descriptor> <Protagonist> must <goal>." The incident
is the Opportunity's event (turning point 1), the goal the protagonist's clause at the
Change of Plans (turning point 2) or before the midpoint, both compressed from the parse
like beat lines, so the logline tells nothing the first half does not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from outliner.backends.parser import parse_sentence
from outliner.document import Character, Outline
from outliner.lexicon import is_common_word, strip_possessive
from outliner.stages.compress import (
    LEVELS,
    Names,
    clause_heads,
    parenthesised,
    realise,
    subject_of,
)
from outliner.stages.events import SETTING, importance
from outliner.stages.lines import opens_with_pronoun

if TYPE_CHECKING:
    from spacy.tokens import Token

AUTO = "auto"  # --title auto: ask the model for a title
UNTITLED = "Untitled"
# "(film)", "(1990 film)", "(2004 American film)": Wikipedia's disambiguation.
_FILM_SUFFIX = re.compile(r"\s*\((?:[^()]*\s)?film\)\s*$", re.IGNORECASE)
_SUFFIXES = (".txt", ".md", ".text", ".markdown")
# A leading seed number or a hash: "000_", "7efbc8fe8c8b2570".
_NUMBERS = re.compile(r"^(?:\d+|[0-9a-f]{8,})$", re.IGNORECASE)
_MINOR = frozenset("a an and as at but by for in nor of on or the to vs with".split())


def title_from_source(source: str) -> str | None:
    """A film title from an input file's name, or None when the name is no title."""
    name = source.rsplit("/", 1)[-1]
    for suffix in _SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    name = _FILM_SUFFIX.sub("", name).strip()
    if not name or name.startswith("<"):
        return None  # "<stdin>"
    if " " in name and any(c.isupper() for c in name):
        return name  # "The Back-up Plan": written as a title already
    separator = "_" if "_" in name else " " if " " in name else "-"
    parts = [p for p in name.split(separator) if p]
    while parts and _NUMBERS.match(parts[0]):
        parts.pop(0)  # "000_die_hard" -> "die hard"; "000_7efbc8fe8c8b2570" -> nothing
    if not parts or all(_NUMBERS.match(p) for p in parts):
        return None
    return " ".join(_title_word(p, i, len(parts)) for i, p in enumerate(parts))


def _title_word(word: str, position: int, count: int) -> str:
    if any(c.isupper() for c in word):
        return word  # "McClane", "NYC": as written
    if 0 < position < count - 1 and word in _MINOR:
        return word
    return word[:1].upper() + word[1:]  # "back-up" -> "Back-up"


@dataclass(frozen=True)
class Pitch:
    """What a logline is built from: who, with what descriptor, and the clauses told."""

    protagonist: Character
    descriptor: str


# The one who acts at the Change of Plans is the protagonist when they are nearly as
# present as the most present character ("Holmes" beside "Blackwood" who is talked about
# more; not "Ed" beside "Erin").
NEARLY_AS_PRESENT = 0.75


def protagonist(outline: Outline, names: Names) -> Character | None:
    """The most present character (named, or meant by a pronoun or description the
    resolver placed), unless the one who acts at the Change of Plans is the second most
    present and nearly as present."""
    said = Counter(name for m in outline.mentions for name in m.characters)

    def presence(c: Character) -> int:
        return c.mentions + said[c.name]

    ranked = sorted(outline.characters, key=lambda c: (-presence(c), c.first_sentence))
    if not ranked:
        return None
    tp2 = next((tp.sentence for tp in outline.turning_points if tp.number == 2), None)
    if tp2 is not None and len(ranked) > 1:
        for head in clause_heads(outline.document.doc(tp2))[:1]:
            subject = subject_of(head)
            name = _name_of(subject, tp2, names) if subject is not None else None
            second = ranked[1]
            if name == second.name and presence(second) >= NEARLY_AS_PRESENT * presence(ranked[0]):
                return second
    return ranked[0]


def _name_of(token: object, sentence: int, names: Names) -> str | None:
    from spacy.tokens import Token

    assert isinstance(token, Token)
    if token.tag_ in ("PRP",):
        return names.of_pronoun(sentence, token)
    return names.of_name(token.text)


# Nouns that say only that someone is a person: "man Doe" describes nobody. (spaCy's noun
# chunk gives the noun; whether it tells anything about the person is not in the parse.)
_BARE_PEOPLE = frozenset("man woman person guy boy girl people one".split())


def descriptor(character: Character) -> str:
    """A short descriptor before the name: the noun of its description ("a notorious
    gangster who ..." -> "notorious gangster"), else its role word, else nothing."""
    if character.description:
        doc = parse_sentence(character.description)
        chunk = next(iter(doc.noun_chunks), None)
        if chunk is not None and chunk.root.pos_ == "NOUN" and chunk.start == 0:
            kept = [t for t in chunk if t.dep_ != "det"]
            text = "".join(t.text_with_ws for t in kept).strip()
            if kept and len(kept) <= 4 and text.lower() not in _BARE_PEOPLE:
                return text  # "gangster", "Ram's girlfriend"; not a bare "man"
    if character.role:
        return character.role.lower() if character.role.islower() else character.role
    return ""


def _clauses(
    outline: Outline, sentence: int, names: Names, subject: str | None, must: bool
) -> list[str]:
    """The sentence's strongest clause (with `subject`: the strongest that character
    acts in) as text at each pruning level."""
    doc = outline.document.doc(sentence)
    heads = sorted(clause_heads(doc), key=lambda h: (-importance(h), h.i))
    out: list[str] = []
    for head in heads:
        if out:
            break
        who = subject_of(head)
        if who is None:
            continue
        if subject is not None and _name_of(who, sentence, names) != subject:
            continue
        if must and (not _acts(head) or _backstory(head)):
            continue  # "must be the only survivor", "must be sent", "must have been": no goal
        skip = parenthesised(doc)
        for level in LEVELS:
            text = realise(doc, sentence, head, who, level, skip, False, names, must=must)
            if text and text not in out and not opens_with_pronoun(text):
                out.append(text)
    return out


# Verbs that state an aim: what their complement says is the goal ("decides to find
# Ballu", "vows to avenge her"). The parse gives the complement (xcomp), not which verbs
# aim, so they are listed, read by lemma.
INTENT = frozenset(
    """aim attempt decide determine hope intend plan promise resolve seek set strive
    swear try vow want""".split()
)


def _intentions(outline: Outline, sentence: int, names: Names, hero: str) -> list[str]:
    """Goals the sentence gives the protagonist: the complement of an aim they state
    ("Ram decides to find Ballu" -> "find Ballu"), at each pruning level."""
    doc = outline.document.doc(sentence)
    out: list[str] = []
    for head in clause_heads(doc):
        if head.lemma_.lower() not in INTENT or _backstory(head):
            continue
        who = subject_of(head)
        if who is None or _name_of(who, sentence, names) != hero:
            continue
        for aim in (c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
            to = {c.i for c in aim.children if c.dep_ == "aux" and c.lower_ == "to"}
            skip = parenthesised(doc) | to
            for level in LEVELS:
                text = realise(doc, sentence, aim, who, level, skip, False, names, must=True)
                goal = _goal(text)
                if goal and goal not in out:
                    out.append(goal)
    return out


def _goal(told: str | None) -> str | None:
    """What follows "must" in a clause realised as a goal ("Ram must find Ballu." ->
    "find Ballu")."""
    body = told.rstrip(".").split(" must ", 1) if told else []
    return body[1] if len(body) == 2 else None


def _backstory(head: Token) -> bool:
    """A clause in the perfect ("had stolen", "has been cutting"): what happened before
    the story's present is no goal. (A plain past is not: some synopses are told in it.)"""
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in head.children)


def _acts(head: Token) -> bool:
    """Whether a clause tells something its subject does: not a state ("is", "seems")
    and not something done to them ("is sent")."""
    if any(c.dep_ == "auxpass" for c in head.children):
        return False
    if head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children):
        return False  # "must be leaving": a state of going, not a goal
    return head.lemma_.lower() not in SETTING


def logline_candidates(outline: Outline, names: Names) -> list[str]:
    """Loglines after the template, one per way of telling the incident and the goal."""
    hero = protagonist(outline, names)
    points = {tp.number: tp.sentence for tp in outline.turning_points}
    if hero is None or 1 not in points:
        return []
    incidents = [
        _lower_first(t.rstrip("."), names)
        for t in _clauses(outline, points[1], names, None, False)
        if _tells_enough(t.rstrip("."), MIN_INCIDENT_WORDS)
    ]
    # The goal: what the protagonist does from the Opportunity to the Change of Plans
    # (or, failing that, to the midpoint), each sentence's strongest clause, shortest form.
    last = points.get(3, points[1])
    change = points.get(2, last)
    goal_sentences = [s.index for s in outline.document.plot if points[1] < s.index <= change]
    goal_sentences += [s.index for s in outline.document.plot if change < s.index <= last]
    goals: list[str] = []
    for index in goal_sentences:  # what the protagonist sets out to do, said as such
        for goal in _intentions(outline, index, names, hero.name):
            if goal not in goals and _tells_enough(goal, MIN_GOAL_WORDS):
                goals.append(goal)
    for index in goal_sentences if not goals else ():
        told = _clauses(outline, index, names, hero.name, True)
        aim = _goal(told[-1]) if told else None
        if aim and aim not in goals and _tells_enough(aim, MIN_GOAL_WORDS):
            goals.append(aim)
        if len(goals) >= 3:
            break
    label = descriptor(hero)
    who = f"{label} {hero.name}" if label else hero.name
    out = []
    for incident in incidents[:3]:
        for goal in goals[:3]:
            out.append(f"When {incident}, {who} must {goal}.")
    return out


# A logline's parts must say something on their own: "When Scottie agrees, ..." or
# "... must rescue her" tells a reader who has not read the synopsis nothing.
MIN_INCIDENT_WORDS = 4  # "Ballu escapes from jail"
MIN_GOAL_WORDS = 2  # "restore Ram's reputation"


def _tells_enough(text: str, least: int) -> bool:
    """At least `least` words, and no personal pronoun the reader cannot place (the
    resolver named the ones it could): "rescue her" is unclear, "restore her reputation"
    (a possessive) and "defend himself" (a reflexive) are not."""
    if len(text.split()) < least:
        return False
    return not any(
        t.tag_ == "PRP" and not t.lower_.endswith(("self", "selves")) for t in parse_sentence(text)
    )


def _lower_first(text: str, names: Names) -> str:
    """Lowercase the first word unless it is a name: "The police attack" -> "the police
    attack" inside a sentence, "Ballu escapes" stays."""
    first = strip_possessive(text.split(" ", 1)[0])
    if names.of_name(first) or not is_common_word(first):
        return text
    return text[:1].lower() + text[1:]
