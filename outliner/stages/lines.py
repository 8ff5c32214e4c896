"""What makes a beat line (or a logline) acceptable, read off its parse.

Shared by the summarise stage (to choose among candidates) and `make eval-beats` (to
count failures), so that the tool is measured by the rules it follows:
- one sentence with a finite verb and its subject (no fragment, not cut mid-phrase);
- no opening pronoun (its referent would be in another line);
- not a copy of a long source sentence;
- no capitalised word the synopsis lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from outliner.lexicon import WORD, is_capitalised, is_common_word, strip_possessive

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from outliner.document import Outline

# A copy of a source sentence this short is already a beat line.
SHORT_SENTENCE = 12
MAX_BEAT_WORDS = 15
MAX_LOGLINE_WORDS = 35
# Closed class: third-person pronouns and "the two" open a line whose referent is elsewhere.
OPENING_PRONOUNS = frozenset(
    "he she they it him her them his its their hers theirs this these those both".split()
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
# Tags a line cannot end on: a determiner, preposition, conjunction, "to", a possessive.
_DANGLING = frozenset({"DT", "IN", "CC", "TO", "PRP$", "POS", "WDT", "WP", "WRB", "HYPH"})
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


def words(line: str) -> list[str]:
    return WORD.findall(line)


def normalised(text: str) -> str:
    """Lowercase words only: how two texts are compared for copying."""
    return " ".join(w.lower() for w in WORD.findall(text))


def copied(line: str, sources: Iterable[str]) -> bool:
    """The line is a source sentence of more than SHORT_SENTENCE words, word for word."""
    mine = normalised(line)
    return any(
        normalised(s) == mine and len(words(s)) > SHORT_SENTENCE for s in sources if s.strip()
    )


def verbatim(line: str, sources: Iterable[str]) -> bool:
    """The line is a source sentence word for word, whatever its length."""
    mine = normalised(line)
    return any(normalised(s) == mine for s in sources)


def opens_with_pronoun(line: str) -> bool:
    first = WORD.findall(line)[:2]
    if not first:
        return False
    if [w.lower() for w in first] == ["the", "two"]:
        return True
    return first[0].lower() in OPENING_PRONOUNS


def invented_names(line: str, synopsis_words: set[str]) -> list[str]:
    """Capitalised words of `line` that look like names and do not occur in the synopsis."""
    out = []
    for position, match in enumerate(WORD.finditer(line)):
        word = strip_possessive(match.group())
        if not is_capitalised(word) or word.lower() in synopsis_words:
            continue
        if position == 0 and is_common_word(word):
            continue  # "Later", "Meanwhile": an ordinary word opening the sentence
        out.append(word)
    return out


def fragment(doc: Doc) -> str | None:
    """Why a parsed line is not a whole sentence, or None.

    A whole sentence has a finite verb at its root (or a finite auxiliary under it) with
    a subject, and does not end on a word that needs another after it.
    """
    tokens = [t for t in doc if not t.is_punct]
    if len(tokens) < 2:
        return "fewer than two words"  # "Harcourt dies." is whole
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return "more than one sentence"
    root = roots[0]
    if root.pos_ not in ("VERB", "AUX"):
        return f"no verb at its root ({root.text})"
    chain = [root, *(c for c in root.children if c.dep_ in ("aux", "auxpass"))]
    if not any(t.tag_ in _FINITE for t in chain):
        return f"no finite verb ({root.text})"
    if not any(c.dep_ in _SUBJECTS for c in root.children):
        return f"no subject for {root.text}"
    marks = [c for c in root.children if c.dep_ == "mark" and c.i < root.i]
    if marks:
        return f"a subordinate clause alone ({marks[0].text} ...)"
    if tokens[-1].tag_ in _DANGLING:
        return f"ends on {tokens[-1].text!r}"
    if lost_its_noun(tokens[-1]):
        return f"ends on an adjective without its noun ({tokens[-1].text})"
    return None


# The name a line's character names stand in for when its syntax is checked.
PLAIN_NAME = "John"


def with_plain_names(line: str, names: Iterable[str]) -> str:
    """The line with every character name as one plain English name: the small parser
    reads an unfamiliar name at the head of a line as a verb or a noun ("Sykes catches up
    with Harcourt": no subject; "Kat forgives Patrick": no verb), and whether a line is a
    whole sentence does not depend on who is in it."""
    ordered = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not ordered:
        return line
    pattern = r"(?<![\w'’])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w])"
    return re.sub(pattern, PLAIN_NAME, line)


def lost_its_noun(token: Token) -> bool:
    """An adjective standing where its noun should ("run by steely." from "run by steely,
    unyielding Nurse Ratched"); "of their own" is whole."""
    return token.pos_ == "ADJ" and token.dep_ in ("pobj", "dobj") and token.lower_ != "own"


def line_problems(
    line: str, doc: Doc, sources: Iterable[str], synopsis_words: set[str]
) -> list[str]:
    """Every rule a beat line breaks (empty: a good line by these rules)."""
    problems = []
    count = len(words(line))
    if count > MAX_BEAT_WORDS:
        problems.append(f"{count} words > {MAX_BEAT_WORDS}")
    if opens_with_pronoun(line):
        problems.append("opens with a pronoun")
    if copied(line, sources):
        problems.append("copies a long source sentence")
    why = fragment(doc)
    if why:
        problems.append(f"a fragment: {why}")
    names = invented_names(line, synopsis_words)
    if names:
        problems.append(f"names {', '.join(names)}, not in the synopsis")
    return problems


_ACTOR = re.compile(r"\(([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)\)")


def has_parenthesis(line: str) -> bool:
    """A parenthesis in a line is an aside or a cast note ("(Sanjay Dutt)"): never wanted."""
    return "(" in line or _ACTOR.search(line) is not None


def midpoint(outline: Outline) -> int:
    """The index of the last sentence a logline may tell: the Point of No Return (TP3),
    else the middle plot sentence."""
    tps = [tp for tp in outline.turning_points if tp.number == 3]
    if tps:
        return tps[0].sentence
    plot = outline.document.plot
    return plot[len(plot) // 2].index if plot else 0


def logline_problems(line: str, doc: Doc, outline: Outline) -> list[str]:
    """Every logline rule `line` breaks: one sentence of at most 35 words that names a
    leading character, is no copy, holds no cast note and tells nothing past the midpoint
    (each of its verbs is one the story uses up to the Point of No Return)."""
    problems = []
    count = len(words(line))
    if count > MAX_LOGLINE_WORDS:
        problems.append(f"{count} words > {MAX_LOGLINE_WORDS}")
    sources = [s.text for s in outline.document.sentences]
    if verbatim(line, sources):
        problems.append("a copied sentence")
    if has_parenthesis(line) or any(c.actor and c.actor in line for c in outline.characters):
        problems.append("an actor's name or an aside")
    why = fragment(doc)
    if why:
        problems.append(f"a fragment: {why}")
    leads = sorted(outline.characters, key=lambda c: (-c.mentions, c.first_sentence))[:2]
    if leads and not any(n in line for c in leads for n in c.names):
        problems.append("names no leading character")
    early = midpoint(outline)
    told = {
        t.lemma_.lower()
        for s in outline.document.plot
        if s.index <= early
        for t in outline.document.doc(s)
        if t.pos_ == "VERB"
    }
    later = [
        t.text
        for t in doc
        if t.pos_ == "VERB" and t.lemma_.lower() not in told and t.lemma_.lower() != "must"
    ]
    if later:
        problems.append(f"tells what the first half does not: {', '.join(later)}")
    return problems
