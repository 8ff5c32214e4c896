"""Find and read the synopses a user names: files, folders, or '-' for standard input.

Every read is capped before it starts (at most the limit + 1 bytes, standard input too)
and takes regular files only, so a device (/dev/zero), a FIFO or an endless pipe gets a
one-line refusal instead of a hang or a memory error.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path

from outliner.errors import InputError, printable

TEXT_SUFFIXES = (".txt", ".md")
# A synopsis is a few kilobytes; a file 100 times larger is almost surely not one.
MAX_BYTES = 512 * 1024
STDIN = "-"

# Reads `size` bytes at most, like sys.stdin.buffer.read.
Reader = Callable[[int], bytes]


@dataclass(frozen=True)
class Input:
    name: str  # as shown to the user and on the title page (control characters escaped)
    path: Path | None  # None for standard input

    @property
    def stem(self) -> str:
        return self.path.stem if self.path is not None else "stdin"

    @property
    def where(self) -> str:
        """The path as given (escaped), to tell apart inputs that share a name."""
        return printable(str(self.path)) if self.path is not None else self.name


@dataclass(frozen=True)
class Text:
    text: str
    warning: str | None = None  # e.g. decoded with a fallback encoding


def collect(args: list[str]) -> tuple[list[Input], list[tuple[str, str]]]:
    """Inputs in the order given (folders sorted), each file once however often it is
    named, and (argument, problem) for bad ones."""
    inputs: list[Input] = []
    problems: list[tuple[str, str]] = []
    seen: set[Hashable] = set()

    def add(item: Input, identity: Hashable) -> None:
        if identity not in seen:
            seen.add(identity)
            inputs.append(item)

    for arg in args:
        if arg == STDIN:
            add(Input("<stdin>", None), STDIN)
            continue
        path = Path(arg)
        try:
            info = path.stat()
        except OSError as exc:
            problems.append((arg, _unreachable(path, exc)))
            continue
        if stat.S_ISDIR(info.st_mode):
            found = _text_files(path)
            if not found:
                problems.append((arg, f"{printable(arg)}: no .txt or .md files in the folder"))
            for file in found:
                add(Input(printable(file.name), file), _identity(file))
        elif stat.S_ISREG(info.st_mode):
            add(Input(printable(path.name), path), _identity(path))
        else:
            problems.append((arg, f"{printable(arg)} is not a regular file"))
    return inputs, problems


def _text_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in TEXT_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _identity(path: Path) -> Hashable:
    """One file however it is named (twice, through its folder, through a link)."""
    info = path.stat()
    return (info.st_dev, info.st_ino)


def _unreachable(path: Path, exc: OSError) -> str:
    shown = printable(str(path))
    if isinstance(exc, FileNotFoundError):
        broken = path.is_symlink()
        return f"{shown}: {'broken symbolic link' if broken else 'no such file or folder'}"
    return f"{shown}: {exc.strerror or exc}"  # e.g. "Too many levels of symbolic links"


def decode(data: bytes, name: str) -> Text:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252, saying so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Text(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: broken UTF-16 text") from exc
    if b"\x00" in data or _control_share(data) > 0.05:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return Text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return Text(text, f"{name}: not valid UTF-8; read as {label} (check accented letters)")
    raise InputError(f"{name}: cannot decode the text")  # pragma: no cover - latin-1 always works


def _control_share(data: bytes) -> float:
    sample = data[:4096]
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def read(item: Input, stdin: Reader, limit: int = MAX_BYTES, synopsis: bool = True) -> Text:
    """The input's text, or an InputError saying in one line why it cannot be outlined.

    A synopsis must hold words (a letter at least): punctuation alone outlines to nothing.
    """
    try:
        data = stdin(limit + 1) if item.path is None else _read_file(item, limit)
    except FileNotFoundError as exc:
        raise InputError(f"{item.name}: no such file or folder") from exc
    except OSError as exc:
        raise InputError(f"{item.name}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise InputError(f"{item.name}: too large (limit {limit // 1024} KB)")
    text = decode(data, item.name)
    if not text.text.strip():
        raise InputError(f"{item.name}: the file is empty")
    if synopsis:
        require_words(text.text, item.name)
    return text


def require_words(text: str, name: str) -> None:
    """A synopsis holds a letter at least: punctuation alone outlines to empty lines."""
    if not any(c.isalpha() for c in text):
        raise InputError(f"{name}: no words to outline, only punctuation or symbols")


def _read_file(item: Input, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file.

    Opened without blocking and checked on the open file: a FIFO would otherwise block
    the open until a writer comes, and a device (/dev/zero) reads forever.
    """
    assert item.path is not None
    fd = os.open(item.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{item.name} is not a regular file")
        if info.st_size > limit:
            raise InputError(
                f"{item.name}: {info.st_size / 1e6:.1f} MB is too large (limit {limit // 1024} KB)"
            )
        return handle.read(limit + 1)


def named(arg: str) -> Input:
    """The input one command-line argument names: a file, or '-' for standard input."""
    return Input("<stdin>", None) if arg == STDIN else Input(printable(arg), Path(arg))


def no_stdin(_size: int) -> bytes:
    """For commands that read files only."""
    return b""
