"""A Markdown beat sheet: structure beats, turning points and beats with their characters.

Made to be read in a browser or a code review, not opened in a screenwriting app.
"""

from __future__ import annotations

import re

from outliner.document import Beat, Outline
from outliner.structures import DEFAULT_STRUCTURE, arrange
from outliner.writers.screenplay import act_title, beat_title, cast_notes
from outliner.writers.text import flat

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def md_escape(text: str) -> str:
    """Text kept inside its line (no new block) and shown literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat(text))


def characters_in(outline: Outline, beat: Beat) -> list[str]:
    """Characters the beat's sentences name, in the order of the outline's character list."""
    text = " ".join(outline.sentence(i).text for i in beat.sentences)
    return [
        c.name
        for c in outline.characters
        if any(re.search(rf"(?<![\w'’]){re.escape(n)}(?!\w)", text) for n in c.names)
    ]


def to_markdown(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> str:
    page = outline.title_page
    title = page.title if page is not None else outline.document.source
    lines = [f"# {md_escape(title)}", ""]
    if page is not None:
        lines += [
            f"*{md_escape(page.logline)}*",
            "",
            f"Source: {md_escape(page.source)} · Draft date: {page.draft_date.isoformat()}"
            f" · Structure: {structure} · Model: {md_escape(outline.model)}",
            "",
        ]
        cast = cast_notes(outline)
        lines += [*(f"- {md_escape(note)}" for note in cast), ""] if cast else []
    if outline.turning_points:
        lines += ["## Turning points", ""]
        beat_of = {i: beat.index for beat in outline.beats for i in beat.sentences}
        for tp in outline.turning_points:
            where = beat_of.get(tp.sentence)
            at = f"beat {where + 1}" if where is not None else "no beat"
            sentence = md_escape(outline.sentence(tp.sentence).text)
            lines.append(f"{tp.number}. **{tp.label}** ({at}): {sentence}")
        lines.append("")
    for division in arrange(outline, structure):
        lines += [f"## {act_title(division.number).title()}", ""]
        for part in division.parts:
            lines += [f"### {md_escape(part.name)}", ""]
            if not part.beats:
                lines += ["*(empty: nothing in the synopsis supports this beat)*", ""]
            for b in part.beats:
                lines.append(_beat_line(outline, outline.beats[b]))
            if part.beats:
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _beat_line(outline: Outline, beat: Beat) -> str:
    parts = [f"- **{beat_title(beat)}**"]
    if beat.place is not None:
        heading = flat(beat.place.heading).replace("`", "'")  # a ` would end the code span
        parts.append(f"`{heading}`")
    parts.append(md_escape(beat.line))
    tps = ", ".join(f"TP{tp.number} {tp.label}" for tp in beat.turning_points)
    if tps:
        parts.append(f"**[{tps}]**")
    names = characters_in(outline, beat)
    if names:
        parts.append(f"— *{md_escape(', '.join(names))}*")
    return " ".join(parts)
