"""The printed outline, as a list of styled blocks that the HTML and PDF writers lay out.

In print, Fountain's sections and synopses vanish; an outline on paper needs them, so
acts, structure beats, beat lines and scene headings are blocks of their own here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from outliner import __version__
from outliner.document import Outline
from outliner.structures import DEFAULT_STRUCTURE, arrange
from outliner.writers.screenplay import (
    EMPTY_PART,
    act_title,
    action_texts,
    beat_title,
    cast_notes,
    retold_notes,
    turning_point_notes,
)
from outliner.writers.text import flat


class Style(StrEnum):
    TITLE = "title"
    META = "meta"  # credit, source, date
    LOGLINE = "logline"
    ACT = "act"
    PART = "part"  # a structure beat or sequence
    EMPTY = "empty"  # a structure beat the synopsis does not support
    BEAT = "beat"  # "Beat N" with its one-line summary
    HEADING = "heading"  # scene heading
    NOTE = "note"  # turning point
    ACTION = "action"


@dataclass(frozen=True)
class Block:
    style: Style
    text: str


def blocks(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> list[Block]:
    out: list[Block] = []
    page = outline.title_page
    if page is not None:
        out += [
            Block(Style.TITLE, page.title),
            Block(Style.META, f"{page.credit} {page.author} {__version__} with {outline.model}"),
            Block(Style.META, f"Source: {page.source} · Draft date: {page.draft_date}"),
            Block(Style.META, f"Structure: {structure}"),
            Block(Style.LOGLINE, page.logline),
            *(Block(Style.META, note) for note in cast_notes(outline)),
        ]
    capitalised = action_texts(outline)
    for division in arrange(outline, structure):
        out.append(Block(Style.ACT, act_title(division.number)))
        for part in division.parts:
            out.append(Block(Style.PART, part.name))
            if not part.beats:
                out.append(Block(Style.EMPTY, EMPTY_PART))
            for b in part.beats:
                beat = outline.beats[b]
                out.append(Block(Style.BEAT, f"{beat_title(beat)}: {beat.line}"))
                if beat.place is not None:
                    out.append(Block(Style.HEADING, beat.place.heading))
                for index in beat.sentences:
                    out += [Block(Style.NOTE, n) for n in turning_point_notes(outline, index)]
                    out.append(
                        Block(Style.ACTION, capitalised.get(index, outline.sentence(index).text))
                    )
                    out += [Block(Style.NOTE, n) for n in retold_notes(outline, index)]
    return [Block(b.style, flat(b.text)) for b in out]  # one line each, no control characters
