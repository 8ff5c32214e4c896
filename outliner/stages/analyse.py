"""Analyse: find the characters and places a synopsis names.

A first, transparent method: characters are capitalised words that are names (rare as
English words, or kept capitalised inside sentences), with role words ("Inspector")
split off and parenthesised actor names left out; places come from a lexicon of settings
("the jail", "Roshida's lair"). Aliases across spellings and retellings are the work
of a later stage.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from outliner.document import Character, Outline, Place, Sentence, SentenceKind
from outliner.lexicon import (
    BARE_PLACES,
    PLACE_WORDS,
    ROLE_WORDS,
    WORD,
    is_capitalised,
    is_common_word,
    is_possessive,
    strip_possessive,
)

_PARENTHESES = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class _Mention:
    words: tuple[str, ...]  # the name's words, role words removed
    role: str | None
    sentence: int
    initial: bool  # the name opens its sentence (capitalised anyway)


def _name_runs(sentence: Sentence) -> list[_Mention]:
    """Runs of capitalised words joined by single spaces, e.g. 'Inspector Ram Kumar Sinha'."""
    text = _PARENTHESES.sub(lambda m: " " * len(m.group()), sentence.text)
    runs: list[_Mention] = []
    current: list[re.Match[str]] = []

    def close() -> None:
        if not current:
            return
        words = [strip_possessive(m.group()) for m in current]
        initial = current[0].start() == _first_word_start(text)
        role = None
        while words and words[0].lower() in ROLE_WORDS:
            role = words.pop(0)
            initial = False
        if words and initial and is_common_word(words[0]) and len(words) == 1:
            words = []
        if words:
            runs.append(_Mention(tuple(words), role, sentence.index, initial))
        current.clear()

    for match in WORD.finditer(text):
        word = match.group()
        if not is_capitalised(word):
            close()
            continue
        if current:
            previous = current[-1]
            if text[previous.end() : match.start()] != " " or is_possessive(previous.group()):
                close()
        current.append(match)
    close()
    return runs


def _first_word_start(text: str) -> int:
    match = WORD.search(text)
    return match.start() if match else -1


def find_characters(sentences: tuple[Sentence, ...]) -> tuple[Character, ...]:
    mentions = [m for s in sentences for m in _name_runs(s)]
    inside = Counter(m.words[0] for m in mentions if not m.initial)
    by_key: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.words[0]].append(mention)

    characters = []
    for key, group in by_key.items():
        if key.lower() in ROLE_WORDS:
            continue
        if is_common_word(key) and inside[key] < 2:
            continue
        aliases = sorted({" ".join(m.words) for m in group if len(m.words) > 1})
        roles = Counter(m.role for m in group if m.role)
        characters.append(
            Character(
                name=key,
                aliases=tuple(aliases),
                role=roles.most_common(1)[0][0] if roles else None,
                first_sentence=min(m.sentence for m in group),
                mentions=len({m.sentence for m in group}),
            )
        )
    return tuple(sorted(characters, key=lambda c: (c.first_sentence, c.name)))


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


def find_places(sentences: tuple[Sentence, ...], names: set[str]) -> tuple[Place, ...]:
    found: dict[str, Place] = {}
    for sentence in sentences:
        for match in _PLACE.finditer(sentence.text):
            word = match.group("place").lower()
            owner = match.group("owner")
            if not (owner or match.group("det") or word in BARE_PLACES):
                continue
            name, setting = _PLACE_INFO[word]
            if owner and owner in names:
                name = f"{owner.upper()}'S {name}"
            place = found.get(name, Place(name, setting))
            if sentence.index not in place.sentences:
                place = replace(place, sentences=place.sentences + (sentence.index,))
            found[name] = place
    return tuple(sorted(found.values(), key=lambda p: (p.sentences[0], p.name)))


def analyse(outline: Outline) -> Outline:
    plot = tuple(s for s in outline.document.sentences if s.kind is SentenceKind.PLOT)
    characters = find_characters(plot)
    names = {n for c in characters for n in (c.name, *c.aliases)}
    return replace(outline, characters=characters, places=find_places(plot, names))
