"""Load a summarizer on a background thread while the story is read.

A cold start spends seconds importing torch and transformers and reading the model's
weights, and seconds more parsing the synopsis, encoding its sentences and finding its
structure; none of the latter needs the summarizer. So the summarizer loads beside them
and the first call that needs it waits for it. Load errors surface at that call, as the
same ModelError (the caller still sees a model that cannot load, before any file is
written).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from outliner.backends import Summarizer
from outliner.prompts import Task

# transformers is not safe to load from two threads at once: its lazily imported names
# ("cannot import name 'AutoModel'") and from_pretrained's process-wide state (default
# dtype, init hooks). Every import of it and every model load holds this lock.
LOADING = threading.RLock()


class BackgroundSummarizer:
    """A summarizer being made by `make` on a daemon thread (a process that stops early,
    on bad input or a signal, does not wait for it)."""

    def __init__(
        self,
        name: str,
        make: Callable[[], Summarizer],
        before: Callable[[], object] | None = None,
    ) -> None:
        self.name = name
        self._made: Summarizer | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, args=(make, before), daemon=True)
        self._thread.start()

    def _load(self, make: Callable[[], Summarizer], before: Callable[[], object] | None) -> None:
        try:
            if before is not None:
                before()  # what the caller needs sooner (the sentence encoder)
            self._made = make()
        except BaseException as exc:  # handed to the thread that needs the model
            self._error = exc

    def ready(self) -> Summarizer:
        """The summarizer, once loaded; its load error, raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._made is not None
        return self._made

    def summarise(self, task: Task, passages: Sequence[str]) -> list[str]:
        return self.ready().summarise(task, passages)

    def score(self, task: Task, texts: Sequence[str]) -> list[float]:
        return self.ready().score(task, texts)

    def __getattr__(self, attribute: str) -> Any:
        # What a backend offers beyond the protocol (model, tokenizer, stats for `bench`).
        return getattr(self.ready(), attribute)
