"""Where a scene ends or goes on, read from a sentence's parse.

A sentence that names no place stays in the scene before when the parse shows the same
scene going on, and leaves it when the story moves: a time jump, another thread, people
leaving. These tests read the main verb, its subject and its modifiers; the word lists
stand in for what spaCy does not tag (that "later" jumps in time, that "flee" leaves).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Adverbs of the main verb that jump in time or cut to another thread.
JUMP_ADVERBS = frozenset({"later", "meanwhile", "afterwards", "afterward", "subsequently"})
# "Seasons pass", "Months go by": time passing is the sentence's own event.
TIME_NOUNS = frozenset({"season", "month", "year", "week", "day", "time", "hour"})
# A sentence whose main verb only states what someone is, feels or believes is no scene.
STATIVE_VERBS = frozenset(
    """be seem become remain love hate know believe feel like fear want wish care admire
    resent trust""".split()
)


def root_of(doc: Doc) -> Token | None:
    return next((t for t in doc if t.dep_ == "ROOT"), None)


def time_jump(doc: Doc) -> bool:
    """'The next day, ...', 'Some time later, ...', 'Meanwhile, ...', 'Seasons pass'."""
    root = root_of(doc)
    if root is None:
        return False
    if any(c.dep_ == "advmod" and c.lower_ in JUMP_ADVERBS for c in root.children):
        return True
    if root.lemma_ in ("pass", "go") and any(
        c.dep_ == "nsubj" and c.lemma_ in TIME_NOUNS for c in root.children
    ):
        return True
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or ent.start >= root.i:
            continue
        head = ent.root.head
        if ent.root.dep_ == "npadvmod" and head.i == root.i:
            return True
        if head.dep_ == "prep" and head.head.i == root.i:
            return True  # "On the night of the prom, ..."
    return False


def stative(doc: Doc) -> bool:
    """'Goose is devoted to his wife': the main verb says what someone is or feels."""
    root = root_of(doc)
    return root is not None and root.lemma_ in STATIVE_VERBS


# Verbs by which someone joins the scene the story is in: "Mr. Pink arrives".
JOINING_VERBS = frozenset(
    "arrive appear enter join come return step show burst walk run rush".split()
)
# Verbs by which the people of a scene leave it: the story goes on somewhere else.
LEAVING_VERBS = frozenset({"leave", "flee", "depart", "escape", "storm"})


# Subjects that name the people already in the scene: "the men", "the trio", "the two".
GROUP_NOUNS = frozenset(
    "two three four trio pair couple men women boys girls group detectives friends all both".split()
)


# Words that point back at the place the story is in: "Once there", "at the location".
POINTING_BACK = frozenset({"location", "place", "spot", "premises"})


def points_back(doc: Doc) -> bool:
    """'moved there', 'after arriving at the location': the place the story is already in."""
    for token in doc:
        if token.lower_ == "there" and token.dep_ == "advmod":
            return True
        if (
            token.lemma_ in POINTING_BACK
            and token.dep_ in ("pobj", "dobj")
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
            and not any(
                c.dep_ in ("amod", "compound", "poss", "prep", "relcl") for c in token.children
            )
        ):
            return True
    return False


def main_verbs(doc: Doc) -> list[Token]:
    root = root_of(doc)
    if root is None:
        return []
    # "manages to escape", "and flees": the verbs that carry the main clause's action
    return [root, *(c for c in root.children if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB")]


def leaves(doc: Doc) -> bool:
    """'They flee', 'Will leaves', 'Ballu escapes on the said date': the main verb takes
    the scene's people away (with an object, the place left is named, and read as such)."""
    return any(
        v.lemma_ in LEAVING_VERBS and not any(c.dep_ == "dobj" for c in v.children)
        for v in main_verbs(doc)
    )


def joins(doc: Doc) -> bool:
    return any(v.lemma_ in JOINING_VERBS for v in main_verbs(doc))


def root_tag(doc: Doc) -> str:
    """The main verb's tense tag; a simple past only when the word shows it: the tagger
    calls "storm" or "set" VBD now and then, and "set" may be either."""
    root = root_of(doc)
    if root is None:
        return ""
    return root.tag_ if root.tag_ != "VBD" or past_form(root) else "VBP"


def past_form(verb: Token) -> bool:
    return verb.lower_ != verb.lemma_.lower()


def told_in_present(docs: list[Doc]) -> bool:
    """Whether a synopsis tells its story in the present tense, as most do ("Ballu
    escapes"): then a sentence in the simple past tells what happened before."""
    tags = [root_tag(doc) for doc in docs]
    return sum(t in ("VBZ", "VBP") for t in tags) > 2 * sum(t == "VBD" for t in tags)
