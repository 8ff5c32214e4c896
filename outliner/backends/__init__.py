"""Model backends: summarizers and sentence encoders, behind small interfaces.

Nothing here imports torch or transformers at module level; the real backends import
them when a model is loaded, so that `outliner --help` stays instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from outliner.prompts import Task


class Summarizer(Protocol):
    name: str

    def summarise(self, task: Task, passages: Sequence[str]) -> list[str]:
        """One raw model reply per passage (the summarise stage cleans and checks them)."""
        ...

    def score(self, task: Task, texts: Sequence[str]) -> list[float]:
        """How well each text reads as an answer of the task: its tokens' mean
        log-probability after the task's example answers (no passage), higher is better."""
        ...
