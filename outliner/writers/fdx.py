"""Write an Outline as a Final Draft document (FDX) that keeps the outline.

fountain-py's and screenplain's FDX writers drop sections and synopses. Like Beat's
exporter, acts and structure beats become `<Paragraph Type="Outline 1|2">` paragraphs and
each beat an `Outline 3` paragraph carrying its one-line summary; scene headings and action
are Scene Heading/Action paragraphs (the heading also carries the summary as its
`<SceneProperties>` summary), and turning points are `<ScriptNote>`s on their sentence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

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


def _paragraph(parent: ET.Element, kind: str, text: str) -> ET.Element:
    paragraph = ET.SubElement(parent, "Paragraph", Type=kind)
    ET.SubElement(paragraph, "Text").text = flat(text)  # XML may not hold control characters
    return paragraph


def _note(paragraph: ET.Element, notes: ET.Element, text: str) -> None:
    """A ScriptNote anchored on the paragraph's text, the way Final Draft stores them."""
    number = str(len(notes) + 1)
    text = flat(text)
    note = ET.SubElement(notes, "ScriptNote", ID=number, Range=f"0,{len(text)}")
    note_paragraph = ET.SubElement(note, "Paragraph")
    ET.SubElement(note_paragraph, "Text").text = text
    paragraph.set("ScriptNoteID", number)  # not read by Final Draft; a pointer for people


def _title_page(root: ET.Element, outline: Outline) -> None:
    page = outline.title_page
    if page is None:
        return
    content = ET.SubElement(ET.SubElement(root, "TitlePage"), "Content")
    lines = [
        page.title,
        "",
        page.credit,
        f"{page.author} with {outline.model}",
        "",
        f"Source: {page.source}",
        f"Draft date: {page.draft_date.isoformat()}",
        "",
        page.logline,
        *([""] + cast_notes(outline) if cast_notes(outline) else []),
    ]
    for line in lines:
        paragraph = ET.SubElement(content, "Paragraph", Alignment="Center")
        ET.SubElement(paragraph, "Text").text = flat(line)


def to_fdx(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> str:
    root = ET.Element("FinalDraft", DocumentType="Script", Template="No", Version="5")
    content = ET.SubElement(root, "Content")
    notes = ET.Element("ScriptNotes")
    capitalised = action_texts(outline)
    for division in arrange(outline, structure):
        _paragraph(content, "Outline 1", act_title(division.number))
        for part in division.parts:
            heading = _paragraph(content, "Outline 2", part.name)
            if not part.beats:
                _note(heading, notes, EMPTY_PART)
            for b in part.beats:
                beat = outline.beats[b]
                _paragraph(content, "Outline 3", f"{beat_title(beat)}: {beat.line}")
                if beat.place is not None:
                    scene = _paragraph(content, "Scene Heading", beat.place.heading)
                    ET.SubElement(scene, "SceneProperties", Title=beat_title(beat)).append(
                        _summary(beat.line)
                    )
                for index in beat.sentences:
                    text = capitalised.get(index, outline.sentence(index).text)
                    paragraph = _paragraph(content, "Action", text)
                    for note in turning_point_notes(outline, index) + retold_notes(outline, index):
                        _note(paragraph, notes, note)
    if len(notes):
        root.append(notes)
    _title_page(root, outline)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n' + body + "\n"


def _summary(line: str) -> ET.Element:
    summary = ET.Element("Summary")
    paragraph = ET.SubElement(summary, "Paragraph")
    ET.SubElement(paragraph, "Text").text = flat(line)
    return summary
