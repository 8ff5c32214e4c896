"""The parse of a document: one spaCy Doc per sentence, kept beside the sentences.

`read` parses each paragraph once and keeps every sentence's part of it; later stages
look a sentence's parse up by its text (as its embedding is looked up), so fusing and
renumbering retellings need no bookkeeping. A sentence whose text a stage rewrote (a name
made canonical) is parsed on its own the first time it is asked for.

The parse never leaves the process: pickled (to return an outline from a worker), it
travels empty, and the JSON writers skip it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Parse:
    """Sentence text -> its spaCy Doc (tokens, tags, lemmas, dependencies, entities)."""

    def __init__(self, docs: Iterable[tuple[str, Doc]] = ()) -> None:
        self._docs: dict[str, Doc] = dict(docs)

    def __getitem__(self, text: str) -> Doc:
        doc = self._docs.get(text)
        if doc is None:
            from outliner.backends.parser import parse_sentence

            doc = self._docs[text] = parse_sentence(text)
        return doc

    def __contains__(self, text: object) -> bool:
        return text in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def __reduce__(self) -> tuple[type[Parse], tuple[()]]:
        return (Parse, ())  # parses stay in the process that made them

    def __repr__(self) -> str:
        return f"Parse({len(self._docs)} sentences)"
