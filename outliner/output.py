"""Write outlines safely: never a half-written file, never an overwritten one unasked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from outliner.errors import OutputError


def ensure_dir(path: Path) -> None:
    """Create the output folder if needed; fail in one line if it cannot hold files."""
    if path.exists() and not path.is_dir():
        raise OutputError(f"output folder {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {path}: {exc.strerror or exc}") from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {path} is not writable")


def check_free(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputError(f"{path} exists; use --force to overwrite it")
    if path.exists() and path.is_dir():
        raise OutputError(f"{path} is a folder")


def write_atomic(path: Path, text: str | bytes, force: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    Text is written as UTF-8 with "\n" line ends; bytes (a PDF) as they are.
    """
    check_free(path, force)
    data = text.encode("utf-8") if isinstance(text, str) else text
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(
            "wb",
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        ) as handle:
            tmp_name = handle.name
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp_name, path)
        else:
            os.link(tmp_name, path)  # fails if the file appeared meanwhile: never clobber
            os.unlink(tmp_name)
        tmp_name = None
    except FileExistsError as exc:
        raise OutputError(f"{path} exists; use --force to overwrite it") from exc
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
