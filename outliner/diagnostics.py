"""Diagnostics: values with a stable code and a severity, never exceptions.

Stages record what they noticed (a beat line that fell back to its source, a synopsis
too short for five turning points); the CLI prints them and JSON output keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Code(StrEnum):
    """Stable codes. Add new ones at the end of their block; never renumber."""

    # input
    FALLBACK_DECODING = "W001"
    SINGLE_SENTENCE = "W002"
    # story analysis
    COMMENTARY_LEFT_OUT = "W101"
    RETELLINGS_FUSED = "W102"
    # structure
    TOO_SHORT_FOR_TURNING_POINTS = "W301"
    # summaries
    BEAT_LINE_FALLBACK = "W201"
    LOGLINE_FALLBACK = "W202"
    TITLE_FALLBACK = "W203"


SEVERITY: dict[Code, Severity] = dict.fromkeys(Code, Severity.WARNING) | {
    Code.RETELLINGS_FUSED: Severity.INFO
}


@dataclass(frozen=True)
class Diagnostic:
    code: Code
    message: str
    beat: int | None = None
    sentence: int | None = None

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.code]

    def __str__(self) -> str:
        where = f"beat {self.beat + 1}: " if self.beat is not None else ""
        return f"{self.code.value} {where}{self.message}"
