"""The title page's content: the film's title and a logline, from the story itself.

Title, in order: `--title`; a title line in the input; the input file's name
("die_hard.txt" -> "Die Hard", "Beloved (film).txt" -> "Beloved"); else "Untitled".
A file name that is only numbers and hashes ("000_7efbc8fe8c8b2570.txt") names a file,
not a film: it gives no title, and the outline is "Untitled" rather than a made-up one.
A model-made title only on request (`--title auto`).

Logline: "When <inciting incident>, <descriptor> <Protagonist> must <goal>." The incident
is the Opportunity's event (turning point 1) that happened (no modal, no backstory); the
goal an aim the protagonist states or is given nearest the Change of Plans (turning point
2), before the midpoint. With no aim stated, the main clause is what the protagonist does
there instead, never an invented "must". A protagonist who acts in the incident is
introduced there ("When gangster Ballu escapes from jail, he ..."). All parts are
compressed from the parse like beat lines, so the logline tells nothing the first half
does not.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from outliner.backends.parser import parse_sentence
from outliner.document import Character, Outline
from outliner.lexicon import BARE_PEOPLE, is_common_word, strip_possessive
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


MAX_DESCRIPTOR_WORDS = 4


def _describes(noun: Token) -> bool:
    """A common noun that says more than that someone is a person ("man Doe" describes
    nobody; "Clarice" is a name the tagger took for a noun)."""
    return noun.lower_ not in BARE_PEOPLE and noun.text.islower()


def descriptor(character: Character) -> str:
    """A short descriptor before the name: the head noun of its description with the
    words before it ("a former slave living on ..." -> "former slave", "Bianca's outcast
    older sister"), else its role word when that is a common noun, else nothing."""
    if character.description:
        doc = parse_sentence(character.description)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is not None and root.tag_ == "NN" and _describes(root):
            kept = [t for t in doc[root.left_edge.i : root.i + 1] if t.dep_ not in ("det", "punct")]
            while kept and (
                sum(t.dep_ != "case" for t in kept) > MAX_DESCRIPTOR_WORDS
                or kept[0].dep_ == "case"
                or kept[0].tag_ == "PRP$"
            ):
                kept.pop(0)  # at most four words, never opening on "'s" or a bare "his"
            text = "".join(t.text_with_ws for t in kept).strip()
            opens = kept[0] if kept else None
            if opens is not None and opens.i == 0 and opens.pos_ != "PROPN":
                return text[:1].lower() + text[1:]  # "Private investigator" opened a sentence
            return text
    role = character.role
    if role and is_common_word(role.rstrip(".")) and not role.endswith("."):
        return role.lower()  # "Inspector Ram" -> "inspector"; not "Dr." nor a first name
    return ""


# Verbs that report: what they say is not something the speaker does ("Erin says that Ed
# told her ..."), so they make no logline turn. Lexical, as INTENT below.
_REPORTS = frozenset("admit ask claim confide explain insist reveal say tell".split())


def _clauses(outline: Outline, sentence: int, names: Names, subject: str | None) -> list[str]:
    """The sentence's strongest clause that happened (with `subject`: the strongest that
    character acts in) as text at each pruning level."""
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
        if subject is not None and (not _acts(head) or head.lemma_.lower() in _REPORTS):
            continue  # "is sent", "says that ...": nothing the protagonist sets out to do
        if _backstory(head) or _supposed(head):
            continue  # "had escaped years earlier", "will be deported": not the incident
        skip = parenthesised(doc)
        for level in LEVELS:
            text = realise(doc, sentence, head, who, level, skip, False, names)
            if text and text not in out and not opens_with_pronoun(text) and _ends_whole(text):
                out.append(text)
    return out


# Verbs that state an aim: what their complement says is the goal ("decides to find
# Ballu", "vows to avenge her", "agrees to help Reggie"). The parse gives the complement
# (xcomp), not which verbs aim, so they are listed, read by lemma.
INTENT = frozenset(
    """agree aim attempt decide determine enlist hope intend need offer plan promise resolve
    seek set strive swear try volunteer vow want""".split()
)
# Verbs by which someone gives another their goal: "Starling is assigned to interview
# Lecter", "Crawford asks Starling to interview Lecter", "this motivates Cameron to find a
# boy". Lexical knowledge as above.
ASSIGN = frozenset(
    """ask assign charge commission convince dispatch force hire instruct motivate order
    persuade prompt recruit send task urge""".split()
)
# Of those, the ones that give a goal only when said of the one who receives it: "Nick is
# forced to flee" sets Nick a course, "forcing Nick to flee" tells what happens to him.
_ONLY_PASSIVE = frozenset({"force", "send", "dispatch"})


def _aimed(head: Token) -> list[tuple[Token, Token]]:
    """(who, aim) pairs the clause sets: its subject and the infinitive it states as
    an aim or receives as a task; or, for a task given to another, that other."""
    lemma = head.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in head.children)
    if lemma not in INTENT and lemma not in ASSIGN:
        return []
    if lemma in _ONLY_PASSIVE and not passive:
        return []
    given = lemma in ASSIGN and not passive  # "asks Maya to ...": the aim is Maya's
    verbs = [c for c in head.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
    if given:
        # "asks Starling to interview": the parser hangs the infinitive on the noun.
        nouns = [c for c in head.children if c.dep_ in ("dobj", "xcomp") and c.pos_ == "PROPN"]
        verbs += [v for n in nouns for v in n.children if v.dep_ == "xcomp" and v.pos_ == "VERB"]
    out = []
    for aim in verbs:
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in aim.children):
            continue  # "tells Jack that he ...": a report, not an aim
        if given:
            who = next((c for c in aim.children if c.dep_ == "nsubj"), None)
            who = who or next((c for c in head.children if c.dep_ in ("dobj", "xcomp")), None)
        else:
            who = subject_of(head)
        if who is not None:
            out.append((who, aim))
    return out


def _intentions(outline: Outline, sentence: int, names: Names, hero: str) -> list[str]:
    """Goals the sentence gives the protagonist: what they set out to do or are set to
    do ("Ram decides to find Ballu", "Ram is sent to find Ballu" -> "find Ballu"), at
    each pruning level."""
    doc = outline.document.doc(sentence)
    out: list[str] = []
    for head in clause_heads(doc):
        if _backstory(head):
            continue
        for who, aim in _aimed(head):
            if _name_of(who, sentence, names) != hero:
                continue
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


def _supposed(head: Token) -> bool:
    """A clause under a modal ("will be deported", "can only date"): what may happen is no
    event yet."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)


def _ends_whole(text: str) -> bool:
    """Whether a told clause ends on a word, not on an abbreviation cut from what it
    introduced ("Andrew's mother Annie a.k.a.")."""
    last = text.rstrip(".").rsplit(" ", 1)[-1]
    return "." not in last


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
    """Loglines after the template, one per way of telling the incident and the goal:
    "When <incident>, <who> must <goal>." when the first half states the protagonist's
    aim; else "When <incident>, <who> <what they do at the Change of Plans>." (that turning
    point is where the goal is set), rather than a goal the text does not state."""
    hero = protagonist(outline, names)
    points = {tp.number: tp.sentence for tp in outline.turning_points}
    if hero is None or 1 not in points:
        return []
    incidents = [
        _lower_first(t.rstrip("."), names)
        for t in _clauses(outline, points[1], names, None)
        if _tells_enough(t.rstrip("."), MIN_INCIDENT_WORDS)
    ]
    # The goal: an aim the protagonist states or is given after the Opportunity, the
    # nearest to the Change of Plans first, and no further past it than half way to the
    # midpoint (a later aim is a step on the way, not what the story is about).
    last = points.get(3, points[1])
    change = points.get(2, last)
    latest = change + (last - change) // 2
    goal_sentences = sorted(
        (s.index for s in outline.document.plot if points[1] < s.index <= latest),
        key=lambda i: (abs(i - change), i),
    )
    goals: list[str] = []
    for index in goal_sentences:
        for goal in _intentions(outline, index, names, hero.name):
            if goal not in goals and _tells_enough(goal, MIN_GOAL_WORDS):
                goals.append(goal)
    # Without a stated aim: what the protagonist does at the Change of Plans, or the
    # nearest sentence to it in which they act.
    turns: list[str] = []
    for index in goal_sentences if not goals else ():
        turns = _turns(outline, index, names, hero.name)
        if turns:
            break
    label = descriptor(hero)
    who = f"{label} {hero.name}" if label else hero.name
    out = []
    for incident in incidents[:3]:
        opener, subject = _introduce(incident, hero, who)
        out += [f"When {opener}, {subject} must {goal}." for goal in goals[:3]]
        out += [f"When {opener}, {subject} {turn}." for turn in turns[:3]]
    return out


def _turns(outline: Outline, sentence: int, names: Names, hero: str) -> list[str]:
    """What the protagonist does in the sentence, without their name ("Sykes teams up
    with Francisco." -> "teams up with Francisco"), at each pruning level."""
    out = []
    for told in _clauses(outline, sentence, names, hero):
        if told.startswith(hero + " ") and _tells_enough(told, MIN_INCIDENT_WORDS):
            out.append(told[len(hero) + 1 :].rstrip("."))
    return out


_SUBJECT_PRONOUN = {"female": "she", "male": "he"}


def _introduce(incident: str, hero: Character, who: str) -> tuple[str, str]:
    """The incident and the main clause's subject. When the protagonist acts in the
    incident, they are introduced there and the main clause says "he" or "she": "When
    police detective Sykes loses his partner, he must ..." rather than naming him twice."""
    pronoun = _SUBJECT_PRONOUN.get(hero.gender or "")
    if pronoun and incident.startswith(hero.name + " "):
        return who + incident[len(hero.name) :], pronoun
    return incident, who


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
    named = any(text.startswith(name + " ") for name in names.canonical)  # "Paul D. finds"
    if named or names.of_name(first) or not is_common_word(first):
        return text
    return text[:1].lower() + text[1:]
