"""Commentary: sentences that talk about the film rather than tell its story.

Synopses pasted from fan sites mix the story with remarks about it: its theme
("Crime, punishment and rehabilitation is the theme of this movie"), comparisons
("A similar question was asked by Victor Hugo in Les Miserables"), questions to the
reader ("Will his own wife acknowledge the sincerity of his reform?") and production
remarks ("the mirch and masala has truly Indianised this film"). They stay out of the
beats and go into a note at the top of the outline.

Wikipedia-style narration ("The film opens with Ballu in jail") tells the story and stays.
"""

from __future__ import annotations

import re
from dataclasses import replace

from outliner.document import Document, SentenceKind

# Narration names "the film" and its audience too ("The film takes place in 1936", "the
# studio audience"), so only the phrases that step outside the story count.
_ABOUT_THE_FILM = re.compile(
    r"""(?:
        \bthis\s+(?:film|movie|picture)\b
      | \btheme\s+of\s+(?:this|the)\s+(?:film|movie|story)\b
      | \bthe\s+theme\s+is\b
      | \b(?:broadly|loosely)\s+(?:derived|based|inspired)\b
      | \bsimilar\s+(?:question|story|theme|plot|tale)\b
      | \bthe\s+question\s+(?:one|we|you)\s+asks?\b
      | \band\s+the\s+viewers?\b
      | \bLes\s+Mis[eé]rables\b | \bVictor\s+Hugo\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def is_commentary(text: str) -> bool:
    """A question to the reader, or a sentence about the film, its theme or its making.

    A question inside quotation marks is a character speaking, not the synopsis asking.
    """
    asks = text.rstrip().endswith("?") and not re.search(r"[\"“”]", text)
    return asks or _ABOUT_THE_FILM.search(text) is not None


def mark_commentary(document: Document) -> Document:
    """The document with commentary sentences marked, unless that would leave no plot."""
    sentences = tuple(
        replace(s, kind=SentenceKind.COMMENTARY)
        if s.kind is SentenceKind.PLOT and is_commentary(s.text)
        else s
        for s in document.sentences
    )
    if not any(s.kind is SentenceKind.PLOT for s in sentences):
        return document
    return replace(document, sentences=sentences)
