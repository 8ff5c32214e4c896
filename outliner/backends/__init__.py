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
