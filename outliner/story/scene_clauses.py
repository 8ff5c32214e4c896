"""Which clauses of a sentence tell the story's scenes, read from the parse.

A place named in a clause is where the story is only when that clause tells what
happens, as it happens: not a plan ("wants to move to Paris"), a question ("whether to
take him to a hospital"), what someone says or learns ("reveals that they came from a
chapel"), a negation, a description ("Reggie, who is in prison"; "John is head chef at a
restaurant"), a job or a school ("enrols her in a private school"), or a past before the
story's ("had grown up in Ohio"; the simple past inside a sentence told in the present).
spaCy parses the clauses but tags none of this, so these lemma lists stand in for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# A place under these verbs is not where the story is: plans, offers, questions, what
# is said, learnt or believed. (spaCy's parse gives the clause; whether it happened is
# not a thing it tags, so these lemmas stand in for it.)
UNREAL_VERBS = frozenset(
    """want plan hope intend wish threaten refuse decide offer suggest propose ask invite
    urge beg persuade convince promise agree consider dream need expect order arrange
    argue encourage advise plot scheme vow say tell claim announce explain reveal insist
    warn inform admit state declare learn discover realize realise believe think know
    remember recall recount describe mention confess report imagine suspect assume
    deny""".split()
)
# Nouns of the same kind: "his hopes of going to college", "a plan to fly to Paris".
UNREAL_NOUNS = frozenset(
    """hope plan dream intention idea chance desire offer promise threat wish goal ambition
    suggestion proposal invitation attempt plot scheme memory""".split()
)
UNREAL_MODALS = frozenset({"will", "would", "could", "might", "should", "shall", "'ll", "'d"})

# Verbs that tie someone to a place as a member or a worker, not as a scene: "enrols her
# in a private school", "works at a restaurant".
AFFILIATION_VERBS = frozenset(
    "enrol enroll register study work teach employ hire admit accept graduate".split()
)


def governor(token: Token) -> Token:
    """The verb a place phrase hangs on ('went' in 'went to the bank'), or the root."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


# Dependencies that open a clause below another: a place under one is a step further
# from what the sentence is about.
CLAUSES = frozenset({"advcl", "relcl", "acl", "xcomp", "ccomp", "pcomp", "csubj", "parataxis"})


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
    """Whether the place phrase `token` heads is where the story happens, as told: not a
    plan, a question, a report, a negation or a time before the story's. Every clause
    above the phrase is looked at: "tells the crowd that Anna will be leaving the UK"."""
    verb = governor(token)
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if _backstory(verb) or _describes(verb):
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
    past = verb.tag_ == "VBD" and verb.lower_ != verb.lemma_.lower()  # not "storm", "set"
    return past and root.tag_ in ("VBZ", "VBP") and verb.i != root.i


def _describes(verb: Token) -> bool:
    """A clause that says what someone or something is: "Reggie, who is in prison", "the
    money, stashed in the trunk of his car"; or whom someone works for or studies with:
    "enrols her in a private school"."""
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
    if verb.tag_ == "VBN" and ("had" in perfect or (perfect and verb.dep_ != "ROOT" and not passive)):
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
