"""A sentence's opening, for the outline: who its opening pronoun means, and its name.

A beat must read on its own, so its first action line (and its beat line) never opens
with a pronoun whose referent sits in the beat before: the beat cutter does not start a
beat on a sentence that opens with an unresolved pronoun (`opens_unresolved`), and the
writers show the name for a resolved one (`name_opening`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from outliner.document import Mention
from outliner.story.referring import GROUP_WORDS, PRONOUNS, expressions

if TYPE_CHECKING:
    from outliner.document import Outline


def _opening(text: str) -> int:
    """Where the text's first word starts, past opening quotes and brackets."""
    return next((i for i, ch in enumerate(text) if ch.isalnum()), len(text))


def opening_mention(outline: Outline, index: int) -> Mention | None:
    """The resolved mention the sentence opens with ("He", "His wife", "The two")."""
    start = _opening(outline.sentence(index).text)
    at = [m for m in outline.mentions if m.sentence == index and m.start == start]
    # "His wife": the description, not its possessive alone, is what the line opens with.
    return max(at, key=lambda m: m.end - m.start, default=None)


def opens_unresolved(outline: Outline, index: int) -> bool:
    """Whether the sentence opens with a third-person pronoun or group phrase ("He",
    "Their", "The two") that the resolver left unresolved."""
    if opening_mention(outline, index) is not None:
        return False
    doc = outline.document.doc(index)
    first = next((t for t in doc if not t.is_punct), None)
    if first is None:
        return False
    return any(e.start == first.i and e.kind in ("pronoun", "group") for e in expressions(doc, []))


def names_text(names: tuple[str, ...]) -> str:
    """'Ballu'; 'Raghu and Malti'; 'Kat, Bianca and Cameron'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def name_opening(outline: Outline, index: int, text: str | None = None, start: int = 0) -> str:
    """`text` (by default sentence `index`'s own) with its opening pronoun replaced by the
    name(s) the resolver found for it; unchanged when it opens otherwise. `start` is
    where `text` begins in the sentence, for a text cut from it (a beat-line candidate
    "he escapes from jail" taken from character 42 on)."""
    sentence = outline.sentence(index).text
    text = sentence[start:] if text is None else text
    begins = start + _opening(text)
    at = [m for m in outline.mentions if m.sentence == index and m.start == begins]
    # "His wife leaves" -> "Raju's wife leaves": the pronoun, not the description, goes.
    mention = min(at, key=lambda m: m.end - m.start, default=None)
    if mention is None or not _replaceable(mention.text):
        return text  # "The inspector arrives" says who already
    offset = mention.start - start
    written = sentence[mention.start : mention.end]
    if text[offset : offset + len(written)] != written:
        return text  # the text no longer holds the mention as the sentence wrote it
    name = _spelled(mention, written)
    return text[:offset] + name + text[offset + len(written) :]


def _replaceable(written: str) -> bool:
    """A pronoun or a group phrase ("the two", "both of them"), not a description."""
    words = written.lower().split()
    return (
        words[0] in PRONOUNS
        or words[0] == "both"
        or (len(words) == 2 and words[0] == "the" and words[1] in GROUP_WORDS)
    )


def _spelled(mention: Mention, written: str) -> str:
    """The name(s) in place of the mention: a possessive stays one ("His" -> "Ballu's",
    "his wife" -> "Malati"), and a lower-case opening keeps the sentence's case."""
    names = names_text(mention.characters)
    if written.lower() in ("his", "her", "their", "hers", "theirs"):
        names += "'" if names.endswith("s") else "'s"
    return names
