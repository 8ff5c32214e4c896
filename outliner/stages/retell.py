"""Retell: find the retellings a file holds and fuse each film's into one story.

    Document -> [Document, ...]   (one per film; with --each, one per retelling)

Names are made one per person first (outliner.story.cast), then the retellings are
aligned event by event (outliner.story.retellings). A file with one telling passes
through with only its spelling variants evened out.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from outliner.backends.encoder import SentenceEncoder
from outliner.document import Document
from outliner.story.cast import differences, rename, renames
from outliner.story.characters import find_characters
from outliner.story.retellings import find_retellings, fuse, split


def retell(document: Document, encoder: SentenceEncoder, each: bool = False) -> list[Document]:
    """The stories to outline: one fused document per film, or one per retelling."""
    plot = document.plot
    embeddings = encoder.encode([s.text for s in plot])
    document = find_retellings(document, embeddings)
    return [_one_story(part, encoder) for part in split(document, each)]


def _one_story(document: Document, encoder: SentenceEncoder) -> Document:
    table, notes = renames(document, find_characters(document.plot))
    document = rename(document, table)
    if len(document.retellings) > 1:
        plot = document.plot
        vectors = encoder.encode([s.text for s in plot])
        by_index: dict[int, np.ndarray] = {s.index: v for s, v in zip(plot, vectors, strict=True)}
        document = fuse(document, by_index)
        notes += differences(document, find_characters(document.story))
    return replace(document, notes=document.notes + tuple(notes))
