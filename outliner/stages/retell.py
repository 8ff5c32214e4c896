"""Retell: find the retellings a file holds and fuse each film's into one story.

    Document -> [(Document, plot embeddings), ...]   (one per film; with --each, one per
                                                      retelling)

Names are made one per person first (outliner.story.cast), then the retellings are
aligned event by event (outliner.story.retellings). A file with one telling passes
through with only its spelling variants evened out. The plot's sentence embeddings come
along, so that later stages need not encode the sentences again.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from outliner.backends.encoder import SentenceEncoder
from outliner.document import Document
from outliner.story.cast import differences, rename, renames
from outliner.story.characters import find_characters
from outliner.story.retellings import find_retellings, fuse, split

Story = tuple[Document, np.ndarray]  # a document and its plot sentences' embeddings


def retell(document: Document, encoder: SentenceEncoder, each: bool = False) -> list[Story]:
    """The stories to outline: one fused document per film, or one per retelling."""
    texts = [s.text for s in document.plot]
    embeddings = encoder.encode(texts)
    document = find_retellings(document, embeddings)
    by_text = dict(zip(texts, embeddings, strict=True))
    return [_one_story(part, encoder, by_text) for part in split(document, each)]


def _one_story(
    document: Document, encoder: SentenceEncoder, by_text: dict[str, np.ndarray]
) -> Story:
    table, notes = renames(document, find_characters(document, document.plot))
    document = rename(document, table)
    renamed = [s.text for s in document.plot if s.text not in by_text]
    if renamed:
        by_text = by_text | dict(zip(renamed, encoder.encode(renamed), strict=True))
    if len(document.retellings) > 1:
        document = fuse(document, {s.index: by_text[s.text] for s in document.plot})
        notes += differences(document, find_characters(document, document.story))
    document = replace(document, notes=document.notes + tuple(notes))
    return document, np.array([by_text[s.text] for s in document.plot])
