"""Write an Outline as Fountain that every app reads the same way.

Rules from DESIGN.md, checked against seven parsers: a blank line before and after every
section, synopsis, note and scene heading; action never all capitals and never opening
like another element (a leading `!` forces it); no boneyard; the logline in `Notes:`.
A beat's synopsis follows its scene heading, as in the Fountain spec's own example, so
apps attach it to that scene.

Two parser quirks shape the layout (tests/test_conformance.py checks five parsers):
- screenplain attaches a synopsis only to the section or scene heading right above it and
  reads any other `= line` as action; so every beat opens with its own `### Beat N`
  section, and its synopsis always sits right under that section or its scene heading.
- fountain-js starts a new title-page key at any indented `Words:` line; so no line of
  the Notes value may open with words and a colon.
"""

from __future__ import annotations

import re

from outliner import __version__
from outliner.document import Outline, Place, SentenceKind, TitlePage
from outliner.structures import DEFAULT_STRUCTURE, arrange
from outliner.writers.screenplay import (
    act_title,
    action_texts,
    beat_title,
    cast_notes,
    retold_notes,
    story_notes,
)
from outliner.writers.text import flat

_SCENE_HEADING = re.compile(r"^(?:int|ext|est|int\.?/ext|i/e)[. ]", re.IGNORECASE)
_TRANSITION = re.compile(r"^[^a-z]*TO:$")
_SPECIAL_START = tuple("!@#~=.>[(") + (" ", "\t")
_TITLE_KEY = re.compile(r"^([\w ]+):")
# An empty `= ` line is no synopsis to screenplain: a beat without a line says so.
NO_LINE = "(no one-line summary)"


def escape(text: str) -> str:
    """Keep text on its line, and emphasis markers, notes and boneyard literal inside it.

    A newline would start a line of its own (a scene heading, a character cue...): every
    field is flattened first. A lone `*` or `_` cannot open emphasis, so it stays as it
    is ("000_abc.txt"); pairs are escaped with a backslash, as the spec says.
    """
    text = flat(text)
    for marker in ("*", "_"):
        if text.count(marker) > 1:
            text = text.replace(marker, "\\" + marker)
    return text.replace("[[", "[ [").replace("]]", "] ]").replace("/*", "/ *")


def action(text: str) -> str:
    text = escape(text)
    forced = (
        text.startswith(_SPECIAL_START)
        or _SCENE_HEADING.match(text) is not None
        or _TRANSITION.match(text) is not None
        or not re.search(r"[a-z]", text)
    )
    return "!" + text if forced else text


def scene_heading(place: Place) -> str:
    """'INT. JAIL', or a heading forced with a leading '.' when the synopsis says neither
    INT. nor EXT. ('.PADUA HIGH SCHOOL'): every parser reads both as scene headings."""
    return escape(place.heading) if place.setting is not None else f".{escape(place.name)}"


def title_note(text: str) -> str:
    """A Notes line no parser mistakes for a new title-page key (`Words: ...`)."""
    return _TITLE_KEY.sub(r"\1 -", escape(text), count=1)


def title_page(page: TitlePage, model: str) -> str:
    """Screenplay content only: where a line came from, or what fell back, is the JSON's
    and stderr's business (diagnostics), never the title page's."""
    notes = [page.logline] if flat(page.logline).strip() else []
    lines = [
        f"Title: {escape(page.title)}",
        f"Credit: {escape(page.credit)}",
        f"Author: {escape(f'{page.author} {__version__} with {model}')}",
        f"Source: {escape(page.source)}",
        f"Draft date: {page.draft_date.isoformat()}",
        *(["Notes:"] if notes else []),
        *(f"    {title_note(note)}" for note in notes),
    ]
    return "\n".join(lines)


def front_notes(outline: Outline) -> list[str]:
    """Notes after the title page: the characters and their cast, then commentary left
    out of the beats."""
    notes = []
    for c in outline.characters:
        name = c.name + (f", {c.role}" if c.role else "")
        aliases = f", also {', '.join(c.aliases)}" if c.aliases else ""
        description = f": {c.description}" if c.description else ""
        notes.append(f"[[Character: {escape(name + aliases + description)}]]")
    notes.extend(f"[[{escape(note)}]]" for note in cast_notes(outline))
    for note in story_notes(outline):
        notes.append(f"[[{escape(note)}]]")
    for s in outline.document.sentences:
        if s.kind is SentenceKind.COMMENTARY:
            notes.append(f"[[Commentary, left out of the beats: {escape(s.text)}]]")
    return notes


def to_fountain(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> str:
    blocks: list[str] = []
    if outline.title_page is not None:
        blocks.append(title_page(outline.title_page, outline.model))
        blocks.extend(front_notes(outline))
    capitalised = action_texts(outline)
    for division in arrange(outline, structure):
        # A structure beat the synopsis does not support is left out of the Fountain (the
        # JSON and the printable views keep every slot, marked empty).
        parts = [part for part in division.parts if part.beats]
        if not parts:
            continue
        blocks.append(f"# {act_title(division.number)}")
        for part in parts:
            blocks.append(f"## {escape(part.name)}")
            for b in part.beats:
                beat = outline.beats[b]
                blocks.append(f"### {beat_title(beat)}")
                if beat.place is not None:
                    blocks.append(scene_heading(beat.place))
                blocks.append(f"= {escape(beat.line) if flat(beat.line).strip() else NO_LINE}")
                for index in beat.sentences:
                    for tp in beat.turning_points:
                        if tp.sentence == index:
                            blocks.append(f"[[Turning point {tp.number}: {tp.label}]]")
                    text = capitalised.get(index, outline.sentence(index).text)
                    blocks.append(action(text))
                    blocks.extend(f"[[{escape(n)}]]" for n in retold_notes(outline, index))
    return "\n\n".join(blocks) + "\n"
