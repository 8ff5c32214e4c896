"""Name runs: capitalised words in a sentence that may name a person, with their context.

"Police Inspector Ram Kumar Sinha entraps Balaram Prasad alias Ballu" gives the runs
"Ram Kumar Sinha" (role "Inspector") and "Balaram Prasad", "Ballu" (linked as one person by
"alias"). Each run keeps what the next steps need to judge it: the words before it (a
descriptor such as "his girlfriend", or "the"/"in" that mark things and places), the word
after it (a verb suggests a person), and an actor in parentheses right after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from outliner.document import Sentence
from outliner.lexicon import ROLE_WORDS, WORD, is_possessive, strip_possessive

_PARENTHESES = re.compile(r"\(([^()]*)\)")
# "Balaram Prasad alias Ballu", "Jim, also known as Jimbo", 'Ballu "the Bull"'.
_ALIAS_LINK = re.compile(r"^\s*,?\s*(?:alias|aka|a\.k\.a\.|also known as|nicknamed)\s+$")
_QUOTED_LINK = re.compile(r"^\s*[\"“]\s*$")
# 'Nick "Goose" Bradshaw': the name goes on after the quoted nickname.
_AFTER_QUOTE = re.compile(r"^[\"”]\s+$")
# Titles written with a full stop: "Mr. Pink" is one name run.
_ABBREVIATED = frozenset("mr mrs ms dr st prof sgt lt capt col gen det rev".split())
_PARTICLES = frozenset("de van von der den del della di da du le la".split())
_OPENERS = "\"“'‘(-–—:;"


@dataclass(frozen=True)
class NameRun:
    sentence: int
    start: int  # character offsets of the name in the sentence (role words excluded)
    end: int
    words: tuple[str, ...]  # the name's words, possessive removed
    role: str | None  # "Inspector" in "Inspector Ram"
    initial: bool  # the run opens its sentence (or a quotation), capitalised anyway
    before: tuple[str, ...]  # up to four words before the run (role words included), in order
    after: str  # the word after the run, "" at the end
    possessive: bool  # "Ballu's"
    actor: str | None  # "Sanjay Dutt" in "Ballu (Sanjay Dutt)"
    alias_of: int | None = None  # end offset of the run this one is an alias of (same sentence)

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _is_capitalised_word(word: str) -> bool:
    return word[:1].isupper()


def _blank_parentheses(text: str) -> str:
    return _PARENTHESES.sub(lambda m: " " * len(m.group()), text)


def _actor_after(text: str, end: int) -> str | None:
    """Capitalised words in parentheses right after a name: the actor who plays them."""
    match = re.match(r"\s*\(([^()]*)\)", text[end:])
    if not match:
        return None
    inside = match.group(1).strip()
    words = inside.split()
    if len(words) == 1 and words[0].isupper():
        return None  # "Radar Intercept Officer (RIO)": an acronym, not an actor
    if 1 <= len(words) <= 4 and all(
        _is_capitalised_word(w) or w in {"de", "van", "von"} for w in words
    ):
        return inside
    return None


def _opens_sentence(text: str, start: int) -> bool:
    prefix = text[:start].rstrip()
    return not prefix or prefix[-1] in _OPENERS or prefix.endswith((".", "!", "?"))


def _is_particle(text: str, matches: list[re.Match[str]], i: int) -> bool:
    """'de' in "Catherine de Bourgh": a lower-case particle between two name words."""
    if matches[i].group() not in _PARTICLES or not 0 < i < len(matches) - 1:
        return False
    before, after = matches[i - 1], matches[i + 1]
    return (
        _is_capitalised_word(before.group())
        and _is_capitalised_word(after.group())
        and text[before.end() : matches[i].start()] == " "
        and text[matches[i].end() : after.start()] == " "
    )


def name_runs(sentence: Sentence) -> list[NameRun]:
    """Runs of capitalised words joined by single spaces, role words split off the front."""
    raw = sentence.text
    text = _blank_parentheses(raw)
    matches = list(WORD.finditer(text))
    groups: list[list[re.Match[str]]] = []
    for i, match in enumerate(matches):
        if not _is_capitalised_word(match.group()):
            if _is_particle(text, matches, i) and groups and groups[-1]:
                groups[-1].append(match)  # "Catherine de Bourgh", "Viola de Lesseps"
            else:
                groups.append([])
            continue
        if groups and groups[-1]:
            previous = groups[-1][-1]
            gap = text[previous.end() : match.start()]
            # "Mr. Pink" and "Gillian B. Loeb" (a middle initial) are one name run.
            abbreviated = previous.group().lower() in _ABBREVIATED or (
                len(previous.group()) == 1 and previous.group().isupper()
            )
            joined = gap == " " or (gap == ". " and abbreviated)
            if joined and not is_possessive(previous.group()):
                groups[-1].append(match)
                continue
        groups.append([match])

    runs: list[NameRun] = []
    for group in (g for g in groups if g):
        opens = _opens_sentence(text, group[0].start())
        role = None
        while len(group) > 1 and group[0].group().lower().rstrip(".") in ROLE_WORDS:
            role = group.pop(0).group()
        if len(group) == 1 and group[0].group().lower() in ROLE_WORDS:
            continue  # "the Inspector": a role alone names nobody
        first, last = group[0], group[-1]
        words = tuple(strip_possessive(m.group()) for m in group)
        index = matches.index(first)
        before = tuple(m.group() for m in matches[max(0, index - 4) : index])
        following = matches.index(last) + 1
        after = matches[following].group() if following < len(matches) else ""
        runs.append(
            NameRun(
                sentence=sentence.index,
                start=first.start(),
                end=last.start() + len(strip_possessive(last.group())),
                words=words,
                role=role,
                initial=opens and role is None,
                before=before,
                after=after,
                possessive=is_possessive(last.group()),
                actor=_actor_after(raw, last.end()),
            )
        )
    return _link_aliases(raw, runs)


def _link_aliases(text: str, runs: list[NameRun]) -> list[NameRun]:
    """'Balaram Prasad alias Ballu', 'Balaram Prasad "Ballu"': the second names the first."""
    linked = list(runs)
    for i in range(1, len(runs)):
        gap = text[runs[i - 1].end : runs[i].start]
        if _ALIAS_LINK.match(gap) or _QUOTED_LINK.match(gap):
            linked[i] = _with_alias(runs[i], runs[i - 1].end)
        elif _AFTER_QUOTE.match(gap) and linked[i - 1].alias_of is not None:
            linked[i] = _with_alias(runs[i], runs[i - 1].end)
    return linked


def _with_alias(run: NameRun, of: int) -> NameRun:
    return replace(run, alias_of=of)
