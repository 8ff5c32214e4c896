"""A one-line description of a character, drawn from the sentence that introduces them.

Synopses introduce people in a few set ways, tried in this order:
- an appositive after the name: "Ballu (Sanjay Dutt), a notorious criminal, ..."
- a copula after the name: "Ballu is a gangster who is arrested by ..."
- a descriptor before the name: "his girlfriend Ganga", "a reformed criminal Raju",
  "a young woman named Malti" (his/her become the owner's name when one precedes).
The description is the synopsis's own words, cut at the clause's end and at 12 words.
"""

from __future__ import annotations

import re

from outliner.story.names import NameRun

MAX_WORDS = 12
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_DETERMINERS = frozenset("a an the his her their".split())
_POSSESSOR = re.compile(r"^[A-Z][\w\-]*['’]s$")
_NAME_BEFORE = re.compile(r"([A-Z][\w\-]+)(?:['’]s)?\b(?!.*\b[A-Z][\w\-]+)")
# Descriptors end in a noun; these words end clauses, not noun phrases.
_NOT_NOUNS = frozenset(
    """to of for with and or but by at in on from as than that who which is was be been
    has had have does did goes gets""".split()
)


def _trim(phrase: str) -> str:
    words = phrase.split()[:MAX_WORDS]
    while len(words) > 2 and words[-1].lower().strip(",") in _NOT_NOUNS | _DETERMINERS:
        words.pop()
    return " ".join(words).rstrip(" ,;:-")


def _appositive(after: str) -> str | None:
    """', a notorious, cunning, and unscrupulous criminal who ...': commas in a list of
    adjectives do not end the phrase; the first comma after three words does."""
    clause = re.split(r"[;.()]", after, maxsplit=1)[0]
    match = re.match(r"^,\s+((?:a|an|the|one|his|her|their)\s.*)", clause)
    if not match:
        match = re.match(r"^\s+(?:is|was|becomes)\s+((?:a|an|the)\s.*)", clause)
    if not match:
        return None
    phrase = ""
    for chunk in match.group(1).split(","):
        phrase = f"{phrase},{chunk}" if phrase else chunk
        # Go on through a list of adjectives ("a notorious, cunning, and ..."), one
        # word per comma; stop at the first comma after a longer phrase.
        if len(phrase.split()) >= 3 and len(chunk.split()) > 1:
            break
    return _trim(phrase)


def _descriptor(before: str) -> str | None:
    """'his girlfriend', 'a reformed criminal', 'Ram's lovely girlfriend' right before the name."""
    words = before.split()
    if words and words[-1] in ("named", "called"):
        words.pop()
    taken: list[str] = []
    while words and len(taken) < 6:
        word = words.pop()
        if word.lower() in _DETERMINERS or _POSSESSOR.match(word):
            if not taken or taken[-1] in _NOT_NOUNS or (words and words[-1] == "of"):
                return None
            owner = _owner(" ".join(words), word)
            return _trim(" ".join([owner, *reversed(taken)]))
        if not re.fullmatch(r"[a-z][\w\-]*", word) or word in _NOT_NOUNS:
            return None
        taken.append(word)
    return None


def _owner(prefix: str, det: str) -> str:
    """'his' -> "Ram's" when a name precedes in the sentence; else 'his'."""
    if det.lower() not in ("his", "her", "their"):
        return det
    match = _NAME_BEFORE.search(prefix)
    return f"{match.group(1)}'s" if match else det


def describe(run: NameRun, sentence: str) -> str | None:
    """The synopsis's words that say who this person is, or None."""
    after = _PARENTHESES.sub("", sentence[run.end :])
    if run.possessive:
        return None  # "Ballu's mother": the phrase describes someone else
    found = _appositive(after)
    if found:
        return found
    before = sentence[: run.start]
    if run.role and run.role in before:  # "Police Inspector Ram": skip the role
        before = before[: before.rfind(run.role)]
    return _descriptor(before) or _parent_of(run, sentence)


_CHILD = re.compile(r"\b(her|his)\s+(son|daughter|child)\s+([A-Z][\w\-]+)")


def _parent_of(run: NameRun, sentence: str) -> str | None:
    """'Aarti is waiting for her son Ballu' -> "Ballu's mother": the subject is the parent."""
    if not run.initial:
        return None
    match = _CHILD.search(sentence, run.end)
    if match is None:
        return None
    parent = "mother" if match.group(1) == "her" else "father"
    return f"{match.group(3)}'s {parent}"
