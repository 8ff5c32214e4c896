"""Analyse: find the characters and places a synopsis names, and who its pronouns mean.

Commentary sentences (about the film, not its story) are marked first and left out of
the plot. Characters, with aliases, roles and descriptions, come from outliner.story;
pronouns and descriptions are resolved to them (outliner.story.pronouns), which also
gives each character a gender; places come from a lexicon of settings ("the jail",
"Roshida's lair").
"""

from __future__ import annotations

import re
from dataclasses import replace

from outliner.diagnostics import Code, Diagnostic
from outliner.document import Character, Document, Outline, Place, Sentence, SentenceKind
from outliner.lexicon import BARE_PLACES, PLACE_WORDS, ROLE_WORDS

_PARENTHESES = re.compile(r"\([^()]*\)")


def find_characters(document: Document) -> tuple[Character, ...]:
    """The characters of the story the document tells (see outliner.story.characters)."""
    from outliner.story.characters import find_characters as find_people

    return find_people(document, document.story)


def _place_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w, _, _ in PLACE_WORDS)
    owner = r"(?P<owner>[A-Z][\w\-]*)['’]s\s+"
    determiner = r"(?P<det>the|a|an|his|her|their|its|our|my|your|this|that)\s+"
    return re.compile(
        rf"(?:{owner}|{determiner}(?:[a-z]+\s+)?)?(?<![\w\-])(?P<place>{words})(?![\w\-])",
        re.IGNORECASE,
    )


_PLACE = _place_pattern()
_PLACE_INFO = {word: (name, setting) for word, name, setting in PLACE_WORDS}


def _modifies_a_person(text: str, end: int) -> bool:
    """'a prison guard', 'the police inspector': the place word describes a person."""
    from outliner.story.characters import PERSON_NOUNS

    following = re.match(r"\s+([a-z]+)", text[end:])
    return following is not None and (
        following.group(1) in PERSON_NOUNS or following.group(1) in ROLE_WORDS
    )


def find_places(
    sentences: tuple[Sentence, ...],
    names: set[str],
    canonical: dict[str, str] | None = None,
) -> tuple[Place, ...]:
    """Settings the sentences name, one spelling each: an owner's name is the character's
    canonical name, so "Rosida's lair" and "Roshida's lair" are one ROSHIDA'S LAIR."""
    canonical = canonical or {}
    found: dict[str, Place] = {}
    for sentence in sentences:
        for match in _PLACE.finditer(sentence.text):
            word = match.group("place").lower()
            owner = match.group("owner")
            if not (owner or match.group("det") or word in BARE_PLACES):
                continue
            if _modifies_a_person(sentence.text, match.end()):
                continue
            name, setting = _PLACE_INFO[word]
            if owner and owner in names:
                name = f"{canonical.get(owner, owner).upper()}'S {name}"
            place = found.get(name, Place(name, setting))
            if sentence.index not in place.sentences:
                place = replace(place, sentences=place.sentences + (sentence.index,))
            found[name] = place
    return tuple(sorted(found.values(), key=lambda p: (p.sentences[0], p.name)))


def analyse(outline: Outline) -> Outline:
    """Mark commentary, then find the characters (outliner.story) and places of the plot."""
    from outliner.story.actors import without_actors
    from outliner.story.cast import with_aliases
    from outliner.story.commentary import mark_commentary
    from outliner.story.pronouns import resolve

    document = mark_commentary(outline.document)
    characters = with_aliases(find_characters(document), document.aliases)
    document = without_actors(document)
    plot = document.plot
    mentions, characters = resolve(document, characters)
    names = {n for c in characters for n in (c.name, *c.aliases)}
    left_out = tuple(
        Diagnostic(
            Code.COMMENTARY_LEFT_OUT, "commentary sentence left out of beats", sentence=s.index
        )
        for s in document.sentences
        if s.kind is SentenceKind.COMMENTARY
    )
    return replace(
        outline,
        document=document,
        characters=characters,
        mentions=mentions,
        places=find_places(plot, names, {n: c.name for c in characters for n in c.names}),
        diagnostics=outline.diagnostics + left_out,
    )
