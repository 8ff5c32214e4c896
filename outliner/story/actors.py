"""Actors in parentheses: "Ballu (Sanjay Dutt)" names the cast, not the story.

A synopsis names an actor in parentheses after the character: "(Sanjay Dutt)", "(Caan)",
"(played by A, B and C)", "Lex and Tim (Ariana Richards and Joseph Mazzello)". The
convention is the synopsis writers', not English grammar, so it is read from the shape of
the words: the parser has no notion of a cast list. The actor becomes the character's
`actor` (a cast note in the outline), and the parentheses leave the text that beats,
action lines and the model read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import takewhile
from typing import TYPE_CHECKING

from outliner.document import Document
from outliner.story.names import NAME_LABELS, PARTICLES, NameRun, known_names, name_runs, noun_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PLAYED_BY = re.compile(r"^(?:played|portrayed|voiced) by\s+", re.IGNORECASE)
_ACTOR_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


@dataclass(frozen=True)
class Parenthesis:
    """Actors in parentheses: "(Sanjay Dutt)", "(played by A and B)"."""

    name_end: int  # where the name before it ends (quote and possessive aside)
    start: int  # character offsets of what to remove from the sentence
    end: int
    actors: tuple[str, ...]


def cast(runs: list[NameRun], doc: Doc) -> list[NameRun]:
    """The runs with the actor named in parentheses right after them, if any."""
    actors = {p.name_end: p for p in parentheses(doc, frozenset(r.end for r in runs))}
    runs = [
        replace(r, actor=actors[r.end].actors[0])
        if r.end in actors and len(actors[r.end].actors) == 1
        else r
        for r in runs
    ]
    return _pair_actors(runs, actors, doc)


def _pair_actors(runs: list[NameRun], actors: dict[int, Parenthesis], doc: Doc) -> list[NameRun]:
    """'Lex and Tim (Ariana Richards and Joseph Mazzello)': the names before the
    parentheses take their actors in order, when there are as many of each."""
    for paren in actors.values():
        if len(paren.actors) < 2:
            continue
        before = [r for r in runs if r.end <= paren.start]
        group = before[-len(paren.actors) :]
        gaps = [doc.text[a.end : b.start] for a, b in zip(group, group[1:], strict=False)]
        if len(group) == len(paren.actors) and all(_ACTOR_SEPARATOR.fullmatch(g) for g in gaps):
            for run, actor in zip(group, paren.actors, strict=True):
                runs[runs.index(run)] = replace(run, actor=actor)
    return runs


def _is_actor_name(part: str) -> bool:
    """'Sanjay Dutt', 'Max von Sydow', 'Lee J. Cobb', "D'Onofrio"; not 'RIO' (an acronym)."""
    words = part.split()
    if not 1 <= len(words) <= 4 or (len(words) == 1 and words[0].isupper()):
        return False
    return all(w[:1].isupper() or w in PARTICLES for w in words) and words[-1][:1].isupper()


def parentheses(doc: Doc, names_end: frozenset[int] = frozenset()) -> list[Parenthesis]:
    """Parentheses that hold actors. Right after a name (`names_end`: where the sentence's
    names end, a closing quote or a possessive aside: '"Catch" (Jim Caviezel)') any
    capitalised words are actors, "(Caan)" too; elsewhere a full name is ("a janitor
    (Brian Doyle-Murray)"), unless the entity recogniser calls it a place or an
    organisation. "(Savion Glover, named after American artist Man Ray)" loses the actor
    and keeps the rest."""
    found = []
    for match in re.finditer(r"\(([^()]*)\)", doc.text):
        before = doc.text[: match.start()].rstrip()
        inside = _PLAYED_BY.sub("", match.group(1).strip())
        parts = [p.strip() for p in _ACTOR_SEPARATOR.split(inside) if p.strip()]
        names = list(takewhile(_is_actor_name, parts))
        name_end = len(re.sub(r"(?:['’]s)?[\"”'’]?$", "", before))
        if not names or not (name_end in names_end or _full_names(doc, match, names)):
            continue
        if len(names) == len(parts):
            found.append(Parenthesis(name_end, len(before), match.end(), tuple(names)))
        elif len(names) == 1:  # "(Savion Glover, named after ...)": the gloss stays
            rest = re.match(rf"\(\s*{re.escape(names[0])}\s*,\s*", doc.text[match.start() :])
            if rest:
                start, end = match.start() + 1, match.start() + rest.end()
                found.append(Parenthesis(name_end, start, end, (names[0],)))
    return found


def _full_names(doc: Doc, match: re.Match[str], names: list[str]) -> bool:
    """Full names ("(Brian Doyle-Murray)", "(played by ...)") that the entity recogniser
    does not call a place, unless a noun for a person comes before ("a woman (Thandie
    Newton)")."""
    played = _PLAYED_BY.match(match.group(1).strip()) is not None
    if not played and not all(len(n.split()) > 1 for n in names):
        return False
    start = match.start() + match.group(0).index(names[0])
    before = [t for t in doc if t.idx < match.start()]
    if before and noun_kind(before[-1]) == "person":
        return True
    return not any(
        start <= t.idx < start + len(names[0]) and t.ent_type_ in NAME_LABELS - {"PERSON"}
        for t in doc
    )


def without_actors(document: Document) -> Document:
    """The document with the actors in parentheses after names taken out of every
    sentence ("Ballu (Sanjay Dutt), a criminal" -> "Ballu, a criminal"): actors belong in
    the cast notes, never in a beat or an action line. A rewritten sentence is parsed
    again when a later stage first asks for it."""
    docs = {s.index: document.doc(s) for s in document.sentences}
    known = known_names(list(docs.values()))
    sentences = []
    for s in document.sentences:
        ends = frozenset(r.end for r in name_runs(s.index, docs[s.index], known))
        cuts = parentheses(docs[s.index], ends)
        text = s.text
        for cut in sorted(cuts, key=lambda p: -p.start):
            text = text[: cut.start] + text[cut.end :]
        sentences.append(replace(s, text=text) if text != s.text else s)
    return replace(document, sentences=tuple(sentences))
