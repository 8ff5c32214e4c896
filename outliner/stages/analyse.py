"""Analyse: find the characters and places a synopsis names, and who its pronouns mean.

Commentary sentences (about the film, not its story) are marked first and left out of
the plot. Characters, with aliases, roles and descriptions, come from outliner.story;
pronouns and descriptions are resolved to them (outliner.story.pronouns), which also
gives each character a gender; places and each sentence's setting come from the parse
(outliner.story.places), reading the resolved pronouns ("his cell" is Ballu's).
"""

from __future__ import annotations

from dataclasses import replace

from outliner.diagnostics import Code, Diagnostic
from outliner.document import Character, Document, Outline, SentenceKind
from outliner.story.places import find_places


def find_characters(document: Document) -> tuple[Character, ...]:
    """The characters of the story the document tells (see outliner.story.characters)."""
    from outliner.story.characters import find_characters as find_people

    return find_people(document, document.story)


def analyse(outline: Outline) -> Outline:
    """Mark commentary, then find the characters (outliner.story) and places of the plot."""
    from outliner.story.actors import without_actors
    from outliner.story.cast import with_aliases
    from outliner.story.commentary import mark_commentary
    from outliner.story.pronouns import resolve

    document = mark_commentary(outline.document)
    characters = with_aliases(find_characters(document), document.aliases)
    document = without_actors(document)
    mentions, characters = resolve(document, characters)
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
        places=find_places(document, characters, mentions),
        diagnostics=outline.diagnostics + left_out,
    )
