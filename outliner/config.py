"""What a user can ask of one outline, independent of how they asked (CLI or API)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Options:
    beats: int | None = None  # about this many beats; None: chosen from the length
    title: str | None = None  # overrides a title line in the input and the model's title
    draft_date: date | None = None  # None: today
    each: bool = False  # outline every retelling apart instead of fusing them
