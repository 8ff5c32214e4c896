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
