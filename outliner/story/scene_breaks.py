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

# Adverbs that jump in time or cut to another thread: "Later", "Meanwhile".
JUMP_ADVERBS = frozenset(
    {"later", "earlier", "meanwhile", "afterwards", "afterward", "subsequently", "eventually"}
)
# Nouns of a stretch of time: "That night", "The next day", "Three months later".
TIME_NOUNS = frozenset(
    """season month year week weekend day night morning evening afternoon hour minute
    time""".split()
)
# Words that make a time noun a moment of the story: "that night", "the next day";
# not "in time" or "at the time".
TIME_MARKERS = frozenset(
    """that this next following same later earlier after one few several two three four
    five some""".split()
)


def root_of(doc: Doc) -> Token | None:
    return next((t for t in doc if t.dep_ == "ROOT"), None)


def _clause_verb(token: Token) -> Token:
    """The verb whose clause `token` belongs to."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def time_jump(doc: Doc) -> bool:
    """'The next day, ...', 'That night', 'Some time later, ...', 'Meanwhile, ...',
    'Seasons pass': a time phrase of the main clause (the root's, or a verb joined to
    it), or time passing as the sentence's own event."""
    root = root_of(doc)
    if root is None:
        return False
    main = {root.i, *(c.i for c in root.children if c.dep_ == "conj")}
    if root.lemma_ in ("pass", "go") and any(
        c.dep_ == "nsubj" and c.lemma_ in TIME_NOUNS for c in root.children
    ):
        return True
    for token in doc[: root.i]:  # the story's time is set before its main verb
        if _clause_verb(token).i not in main or token.dep_ in ("dobj", "nsubj", "attr"):
            continue
        if token.lower_ in JUMP_ADVERBS and token.dep_ == "advmod":
            return True
        if token.lemma_ in TIME_NOUNS and (
            token.ent_type_ in ("DATE", "TIME")
            or any(c.lower_ in TIME_MARKERS or c.lower_ in JUMP_ADVERBS for c in token.subtree)
        ):
            return True
    return False


# Calls and letters: the people are apart, each somewhere the text does not say.
CALL_VERBS = frozenset({"call", "phone", "telephone", "text", "email", "radio"})
CALL_NOUNS = frozenset({"phone", "telephone", "cellphone", "call", "voicemail", "letter"})


def at_a_distance(doc: Doc) -> bool:
    """'Nick calls Dwayne', 'Dwayne gets a call from Nick', 'on his phone', 'Judy writes
    to Scottie': a phone call or a letter (the annotation's rule: no setting)."""
    for verb in main_verbs(doc):
        if verb.lemma_ in CALL_VERBS and not any(c.dep_ in ("oprd", "xcomp") for c in verb.children):
            return True  # not "calls him a liar"
        if verb.lemma_ == "write" and any(c.lower_ == "to" for c in verb.children):
            return True
    return any(t.lemma_ in CALL_NOUNS and t.dep_ in ("dobj", "pobj") for t in doc)


def summarises(doc: Doc) -> bool:
    """'They spend the entire day together', 'Scottie frequents the places that Madeleine
    visited': time spent or a habit, summed up (no setting)."""
    for verb in main_verbs(doc):
        if verb.lemma_ == "frequent":
            return True
        if verb.lemma_ == "spend" and any(
            c.dep_ in ("dobj", "npadvmod") and c.lemma_ in TIME_NOUNS for c in verb.children
        ):
            return True
    return False


# Verbs of finding something out: the sentence tells what someone learns, not a scene
# ("Nick learns that Catherine has a troubled history").
KNOWING_VERBS = frozenset(
    "learn discover realize realise deduce identify understand".split()
)


def finds_out(doc: Doc) -> bool:
    """'Nick learns that Catherine has a troubled history', 'Scottie identifies the setting
    of the nightmare': what someone finds out is no scene of its own (unless told by
    someone there: "learns from Gertrude that ...")."""
    root = root_of(doc)
    return (
        root is not None
        and root.lemma_ in KNOWING_VERBS
        and not any(c.dep_ == "prep" and c.lower_ == "from" for c in root.children)
    )


# Verbs by which someone joins the scene the story is in: "Mr. Pink arrives".
JOINING_VERBS = frozenset(
    "arrive appear reappear enter join come return step show burst walk run rush".split()
)
# Verbs by which the people of a scene leave it: the story goes on somewhere else.
LEAVING_VERBS = frozenset({"leave", "flee", "depart", "escape", "storm"})


# Words that point back at the place the story is in: "Once there", "at the location".
POINTING_BACK = frozenset({"location", "place", "spot", "premises"})


def points_back(doc: Doc) -> bool:
    """'moved there', 'after arriving at the location': the place the story is already in."""
    for token in doc:
        if token.lower_ in ("there", "here") and token.dep_ == "advmod":
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
    """'A police officer arrives', 'Joe reappears': someone comes to where the story is
    (not "comes before Parliament": somewhere else, named or not)."""
    return any(
        v.lemma_ in JOINING_VERBS and not any(c.dep_ == "prep" and c.lower_ not in ("in", "back") for c in v.children)
        for v in main_verbs(doc)
    )


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
