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
from typing import TYPE_CHECKING

from outliner.document import Document, SentenceKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Narration names "the film" and its audience too ("The film takes place in 1936", "the
# studio audience"), so only the phrases that step outside the story count. No parser
# knows what a remark about a film is: these phrases are the rule.
_ABOUT_THE_FILM = re.compile(
    r"""(?:
        \bthis\s+(?:film|movie|picture)\b
      | \btheme\s+of\s+(?:this|the)\s+(?:film|movie|story)\b
      | \bthe\s+theme\s+is\b
      | \b(?:broadly|loosely)\s+(?:derived|based|inspired)\b
      | \bsimilar\s+(?:question|story|theme|plot|tale)\b
      | \bthe\s+question\s+(?:one|we|you)\s+asks?\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_QUOTES = re.compile(r"[\"“”]")


def _asks_the_reader(doc: Doc) -> bool:
    """'Can Raju prove ...?', 'Will his own wife acknowledge ...?': a yes-no question
    (it opens with an auxiliary or a modal) that the synopsis asks, outside quotations.
    "Who knows?" (a line of dialogue cut from its quotation) asks nobody in particular."""
    words = [t for t in doc if not t.is_punct]
    if not words or doc.text.rstrip("\"”’') ").endswith("?") is False:
        return False
    return words[0].pos_ == "AUX" or words[0].tag_ == "MD"


def _told_by_a_character(doc: Doc) -> bool:
    """The main clause's subject is a name: "In this film, Raju, 25, lives in Mumbai" is
    the premise, not a remark about the film."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.head.dep_ == "ROOT"
        for t in doc
    )


def is_commentary(sentence: Doc | str) -> bool:
    """A question to the reader, or a sentence about the film, its theme or its making.

    A question inside quotation marks is a character speaking, not the synopsis asking.
    """
    if isinstance(sentence, str):
        from outliner.backends.parser import parse_sentence

        sentence = parse_sentence(sentence)
    doc, text = sentence, sentence.text
    if _QUOTES.search(text):
        return False
    if _asks_the_reader(doc):
        return True
    return _ABOUT_THE_FILM.search(text) is not None and not _told_by_a_character(doc)


def mark_commentary(document: Document) -> Document:
    """The document with commentary sentences marked, unless that would leave no plot."""
    sentences = tuple(
        replace(s, kind=SentenceKind.COMMENTARY)
        if s.kind is SentenceKind.PLOT and is_commentary(document.doc(s))
        else s
        for s in document.sentences
    )
    if not any(s.kind is SentenceKind.PLOT for s in sentences):
        return document
    return replace(document, sentences=sentences)
