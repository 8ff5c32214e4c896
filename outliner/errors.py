"""Errors a user can act on. The CLI prints them as one line, never as a traceback."""

from __future__ import annotations


class OutlinerError(Exception):
    """Base class: `str(error)` is the whole message, `exit_code` the process status."""

    exit_code = 1


class InputError(OutlinerError):
    """An input cannot be outlined (missing, empty, binary, too large...)."""


class OutputError(OutlinerError):
    """An outline cannot be written (exists, folder not writable...)."""


class UsageError(OutlinerError):
    """The command line asks for something impossible."""

    exit_code = 2


class ModelError(OutlinerError):
    """A model is unknown, cannot be prepared or cannot be loaded."""

    exit_code = 3


def printable(text: str) -> str:
    """`text` with control and invisible characters written as Python escapes (\\n, \\x1b).

    A file name may hold a newline or a terminal escape; shown through this it can
    neither split a message line nor recolour the terminal.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def one_line(text: str, limit: int = 300) -> str:
    """A library's multi-line message as one line, cut at a sentence end if too long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > 0 else text[:limit].rstrip() + "…"
