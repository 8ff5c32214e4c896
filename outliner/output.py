"""Write outlines safely: never a half-written file, never an overwritten one unasked.

The output folder is checked before a run and created only when the first file is
written, so a run that fails leaves no empty folder behind. Files get the mode the
user's umask gives any new file (or, with --force, the mode of the file they replace).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from outliner.errors import OutputError


def check_dir(path: Path) -> None:
    """Fail in one line now if files cannot be written into `path` later; create nothing."""
    if path.exists() and not path.is_dir():
        raise OutputError(f"output folder {path} is a file, not a folder")
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent  # the folder `path` would be created in
    if not existing.is_dir():
        raise OutputError(f"cannot create output folder {path}: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {existing} is not writable")


def ensure_dir(path: Path) -> None:
    """Create the output folder if needed; fail in one line if it cannot hold files."""
    check_dir(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {path}: {exc.strerror or exc}") from exc


def check_free(path: Path, force: bool) -> None:
    if path.is_dir():  # --force would not help: say so now, not after it is given
        raise OutputError(f"{path} is a folder; move it or write to another folder (-o)")
    if path.exists() and not force:
        raise OutputError(f"{path} exists; use --force to overwrite it")


def write_atomic(path: Path, text: str | bytes, force: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    Text is written as UTF-8 with "\n" line ends; bytes (a PDF) as they are.
    """
    check_free(path, force)
    data = text.encode("utf-8") if isinstance(text, str) else text
    mode = _mode_for(path)
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
            os.fchmod(handle.fileno(), mode)  # temporary files are made 0600
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


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask
