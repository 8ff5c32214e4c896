"""A deterministic fake summarizer for fast tests: no weights, no torch."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from outliner.prompts import Task

_CLAUSE = re.compile(r"[,;:]\s")


class FakeSummarizer:
    """Replies with the passage's first clause (beats), first sentence (logline) or its
    first three words (title). `reply` overrides the answer to test the checks."""

    def __init__(self, reply: Callable[[Task, str], str] | None = None, name: str = "fake") -> None:
        self.name = name
        self.reply = reply
        self.calls: list[tuple[Task, int]] = []
        self.scored: list[tuple[Task, int]] = []

    def summarise(self, task: Task, passages: Sequence[str]) -> list[str]:
        self.calls.append((task, len(passages)))
        return [self._one(task, p) for p in passages]

    def score(self, task: Task, texts: Sequence[str]) -> list[float]:
        """Deterministic stand-in for fluency: shorter words read better, a little."""
        self.scored.append((task, len(texts)))
        return [round(-sum(map(len, t.split())) / max(1, len(t.split())) / 10, 4) for t in texts]

    def _one(self, task: Task, passage: str) -> str:
        if self.reply is not None:
            return self.reply(task, passage)
        first = re.split(r"(?<=[.!?])\s", passage.strip(), maxsplit=1)[0]
        if task is Task.TITLE:
            return " ".join(w.strip(".,;:!?") for w in first.split()[:3]).title()
        if task is Task.LOGLINE:
            return first
        clause = _CLAUSE.split(first, maxsplit=1)[0].rstrip(".!?")
        return " ".join(clause.split()[:14]) + "."
