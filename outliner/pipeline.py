"""The outline pipeline: small stages, each taking the Outline and returning a richer one.

    read -> retell -> analyse -> structure -> beats -> summarise

This is the Python API behind the CLI: `outliner.outline(text) -> Outline`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from outliner.backends import Summarizer
from outliner.backends.encoder import MiniLMEncoder, SentenceEncoder
from outliner.config import Options
from outliner.diagnostics import Code, Diagnostic
from outliner.document import Document, Outline
from outliner.errors import InputError
from outliner.inputs import require_words
from outliner.stages.analyse import analyse
from outliner.stages.beats import segment
from outliner.stages.read import read
from outliner.stages.retell import retell
from outliner.stages.structure import TurningPointDetector, structure
from outliner.stages.summarise import summarise
from outliner.story.commentary import mark_commentary

Progress = Callable[[str], None]


@dataclass
class Models:
    """Everything an outline needs from models, loaded once and reused across inputs."""

    summarizer: Summarizer
    encoder: SentenceEncoder
    detector: TurningPointDetector

    @classmethod
    def load(cls, model: str | None = None) -> Models:
        from outliner.backends.registry import DEFAULT_MODEL, load_summarizer
        from outliner.stages.structure import default_detector

        # The models load on a thread while the story is read: first the sentence encoder
        # (needed once the sentences are parsed), then the summarizer (needed last).
        encoder = _encoder()
        summarizer = load_summarizer(
            model or DEFAULT_MODEL, background=True, before=encoder.preload
        )
        return cls(summarizer, encoder, default_detector())


@lru_cache(maxsize=1)
def _encoder() -> MiniLMEncoder:
    """One encoder per process, whatever the summarizer (it loads lazily on first use)."""

    return MiniLMEncoder()


_default_models: Models | None = None


def outline(
    text: str,
    source: str = "synopsis",
    options: Options | None = None,
    models: Models | None = None,
    progress: Progress | None = None,
) -> Outline:
    """Outline one synopsis: its retellings fused into one story. A file holding several
    films (or `options.each`) gives several outlines: this returns the first; see
    `outlines`."""
    return outlines(text, source, options, models, progress)[0]


def outlines(
    text: str,
    source: str = "synopsis",
    options: Options | None = None,
    models: Models | None = None,
    progress: Progress | None = None,
) -> tuple[Outline, ...]:
    """Outline every story a synopsis file holds: one per film, or with `options.each`
    one per retelling. Loads the default models on first use when none are given."""
    global _default_models
    if models is None:
        _default_models = _default_models or Models.load()
        models = _default_models
    options = options or Options()
    step = progress or (lambda _stage: None)

    step("reading")
    require_words(text, source)
    document = mark_commentary(read(text, source, step))
    if not document.plot:
        raise InputError(f"{source}: no synopsis sentences found")
    step("finding retellings")
    stories = retell(document, models.encoder, options.each)
    return tuple(
        _outline(story, embeddings, models, options, step) for story, embeddings in stories
    )


def _outline(
    document: Document,
    embeddings: np.ndarray,
    models: Models,
    options: Options,
    step: Progress,
) -> Outline:
    result = Outline(document, model=models.summarizer.name)
    if len(document.plot) == 1:
        result = result.with_diagnostics(
            Diagnostic(Code.SINGLE_SENTENCE, "the synopsis is a single sentence: one beat")
        )
    if document.retellings:
        result = result.with_diagnostics(
            Diagnostic(
                Code.RETELLINGS_FUSED,
                f"{len(document.retellings)} retellings fused into one story",
            )
        )
    step("analysing")
    result = analyse(result)
    step("finding turning points")
    result = structure(result, models.detector, embeddings)
    step("cutting beats")
    result = segment(result, embeddings, options.beats)
    step(f"summarising {len(result.beats)} beats")
    return summarise(result, models.summarizer, options)
