"""One name per person across the outline, even when retellings disagree about names.

Two things make a synopsis call one person several names:

- spelling: Ballu/Balu, Roshida/Rosida, Malati/Malti (variants.py says when);
- retellings that disagree: seed 002's opening calls the hero "Raju"; the two retellings
  after it call him "Raghu" and give "Raju" to the heroine's abusive guardian.

Rules, applied per retelling so that one name can mean two people in two retellings:

1. The hero of every retelling is the hero of the film, who leads the longest
   retelling. A retelling's most mentioned
   character (mentioned in at least two sentences, more than anyone else) who is not the
   film's hero, in a retelling that never names the film's hero, is the hero under
   another name there.
2. Two names that never meet in one retelling and look alike (Banku/Banthu: same first
   three letters, edit similarity >= 0.6) are one person told twice.
3. Spelling variants take the canonical spelling.

The text is rewritten with the canonical names (so beats, and the model's lines, name
people one way); the names replaced stay on as the character's aliases.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from outliner.document import Character, Document, Sentence, SentenceKind
from outliner.story.variants import are_variants

LOOSE_SIMILARITY = 0.6


def _word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?=['’]s\b|(?![\w-]))")


def _key_words(character: Character) -> set[str]:
    return {n.split()[0] for n in character.names}


def _mentions(character: Character, sentences: list[Sentence]) -> int:
    patterns = [_word(w) for w in _key_words(character)]
    return sum(any(p.search(s.text) for p in patterns) for s in sentences)


def _loosely_alike(a: str, b: str) -> bool:
    return (
        a[:3].lower() == b[:3].lower()
        and Levenshtein.normalized_similarity(a.lower(), b.lower()) >= LOOSE_SIMILARITY
    )


def renames(
    document: Document, characters: tuple[Character, ...]
) -> tuple[dict[int, dict[str, str]], list[str]]:
    """For each retelling number, the words to replace and their canonical names; and
    notes on where the retellings disagree about who is called what."""
    notes: list[str] = []
    plot = document.plot
    numbers = sorted({s.retelling for s in plot})
    tellings = {n: [s for s in plot if s.retelling == n] for n in numbers}
    table: dict[int, dict[str, str]] = {n: {} for n in numbers}
    # 3. Spelling variants, everywhere.
    for c in characters:
        for word in _key_words(c):
            if word != c.name and " " not in c.name and are_variants(word, c.name):
                for n in numbers:
                    table[n][word] = c.name
    if len(numbers) < 2 or not characters:
        return table, notes
    counts = {n: Counter({c.name: _mentions(c, tellings[n]) for c in characters}) for n in numbers}
    total = Counter({c.name: sum(counts[n][c.name] for n in numbers) for c in characters})
    # The film's hero leads its longest retelling (the others are aligned to it).
    longest = max(numbers, key=lambda n: (len(tellings[n]), -n))
    hero = min(total, key=lambda name: (-counts[longest][name], -total[name], name))
    # 1. Each retelling's hero is the film's hero.
    for n in numbers:
        ranked = counts[n].most_common(2)
        lead, times = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if lead != hero and times >= 2 and times > runner_up and counts[n][hero] == 0:
            table[n][lead] = hero
            notes.append(
                f"Retellings differ: retelling {n} names the hero {lead}, the others {hero};"
                f" {hero} is used."
            )
            counts[n][hero], counts[n][lead] = counts[n][lead], 0
    # 2. Look-alike names that never meet in one retelling.
    names = sorted(total, key=lambda name: (-total[name], name))
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if " " in a or " " in b or not _loosely_alike(a, b):
                continue
            if any(counts[n][a] and counts[n][b] for n in numbers):
                continue
            if not any(counts[n][b] for n in numbers):
                continue
            for n in numbers:
                if counts[n][b]:
                    table[n][b] = a
                    counts[n][a], counts[n][b] = counts[n][a] + counts[n][b], 0
            notes.append(
                f"Retellings differ: {b} and {a} look like one person told twice; {a} is used."
            )
    return table, notes


def rename(document: Document, table: dict[int, dict[str, str]]) -> Document:
    """The document with each retelling's names replaced; the old names kept as aliases."""
    aliases = set(document.aliases)
    sentences = []
    for s in document.sentences:
        text = s.text
        for old, new in sorted(table.get(s.retelling, {}).items()):
            pattern = _word(old)
            if pattern.search(text):
                text = pattern.sub(new, text)
                aliases.add((old, new))
        sentences.append(replace(s, text=text))
    return replace(document, sentences=tuple(sentences), aliases=tuple(sorted(aliases)))


def with_aliases(
    characters: tuple[Character, ...], aliases: tuple[tuple[str, str], ...]
) -> tuple[Character, ...]:
    """Add the names the text no longer shows (they were replaced) to their characters."""
    out = []
    taken = {c.name for c in characters}  # "Raju" the guardian keeps his name to himself
    for c in characters:
        extra = {old for old, new in aliases if new == c.name and old not in taken}
        extra -= {c.name, *c.aliases}
        if extra:
            c = replace(c, aliases=tuple(sorted({*c.aliases, *extra})))
        out.append(c)
    return tuple(out)


# Jobs a retelling may give a character; two retellings giving different ones disagree.
OCCUPATIONS = frozenset(
    """inspector guard officer constable detective sergeant captain agent cop doctor nurse
    lawyer judge teacher student dancer singer driver soldier pilot journalist reporter
    priest thief smuggler businessman""".split()
)


def _occupations(name: str, text: str) -> set[str]:
    """'prison guard Ganga', 'inspector Ganga', 'Ganga, who is employed as a prison guard'."""
    found = set()
    escaped = re.escape(name)
    for match in re.finditer(rf"\b(\w+)\s+(?:\w+\s+)?{escaped}\b", text):
        before = text[match.start() : match.end() - len(name)].lower().split()
        found |= {w for w in before if w in OCCUPATIONS}
    for match in re.finditer(rf"\b{escaped},\s+((?:[\w-]+\s+){{0,8}}?[\w-]+)[,.;]", text):
        found |= {w for w in match.group(1).lower().split() if w in OCCUPATIONS}
    return found


def differences(document: Document, characters: tuple[Character, ...]) -> list[str]:
    """Notes where retellings give a character different jobs (a contradiction kept)."""
    told = (SentenceKind.PLOT, SentenceKind.RETOLD)
    plot = [s for s in document.sentences if s.kind in told]
    numbers = sorted({s.retelling for s in plot})
    notes = []
    for c in characters:
        said: dict[str, list[int]] = {}
        for n in numbers:
            jobs = set().union(*(_occupations(c.name, s.text) for s in plot if s.retelling == n))
            if len(jobs) == 1:
                said.setdefault(jobs.pop(), []).append(n)
        if len(said) > 1:
            parts = [
                f"{_article(job)} {job} in {_retellings(ns)}"
                for job, ns in sorted(said.items(), key=lambda kv: kv[1])
            ]
            notes.append(f"Retellings differ: {c.name} is {'; '.join(parts)}.")
    return notes


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _retellings(numbers: list[int]) -> str:
    return f"retelling{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"
