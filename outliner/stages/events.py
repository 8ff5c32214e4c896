"""How much a clause matters to the story: the event its verbs name.

A beat line states the beat's main event: a death, a reveal, a decision, a capture, an
escape, not the clause that sets the scene. spaCy gives every verb's lemma; which lemmas
name turning events is story knowledge no parser has, so it is a word list here, read by
lemma (never by surface form), with the verbs of a clause's chain ("manages to escape",
"attempts to kill") counted as the clause's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Events that turn a story: deaths, violence, reveals, decisions, captures and escapes,
# unions and separations, betrayals and rescues, wins and losses.
TURNING = frozenset(
    """abandon abduct accuse adopt arrest assassinate attack bear betray blackmail blame
    bury capture catch choose confess confront convict crash decide defeat destroy
    die discover divorce drown elope escape execute expose fail fall fight find fire flee
    force free frame hang imprison inherit injure kidnap kill learn leave lose marry
    murder overhear poison propose realise realize rebel refuse reject release rescue
    resign reveal rob sacrifice save seduce sentence shoot spare stab steal succeed
    suicide surrender survive suspect threaten trap unmask vow win wound
    reunite reconcile""".split()
)
# Verbs that set a scene or state a condition rather than tell an event.
SETTING = frozenset(
    """be have live seem appear remain stay wait work own belong consist exist feel know
    look sit stand lie""".split()
)
# Verbs whose complement carries the event: "manages to escape", "tries to kill".
LIGHT = frozenset(
    """attempt begin continue decide manage try start want plan seek hope intend go come
    get help agree refuse promise threaten""".split()
)
# The gravest: deaths and betrayals outrank the other turns of a beat.
GRAVE = frozenset(
    """assassinate betray die drown execute kill murder poison shoot stab suicide""".split()
)
GRAVE_WEIGHT = 3.0
TURNING_WEIGHT = 2.0
ACTION_WEIGHT = 1.0
SETTING_WEIGHT = 0.2


def chain(head: Token) -> list[Token]:
    """The clause's verb and the verbs its complements hold: "manages to escape"."""
    verbs = [head]
    for child in head.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            verbs += chain(child)
    return verbs


def weight(lemma: str) -> float:
    lemma = lemma.lower()
    if lemma in GRAVE:
        return GRAVE_WEIGHT
    if lemma in TURNING:
        return TURNING_WEIGHT
    if lemma in SETTING:
        return SETTING_WEIGHT
    return ACTION_WEIGHT


def importance(head: Token) -> float:
    """The weight of the strongest event the clause's verb chain names; a phrasal "find
    out" or "fall in love" counts as the turning event it is."""
    best = 0.0
    for verb in chain(head):
        best = max(best, weight(verb.lemma_))
    return best
