"""Find and read the synopses a user names: files, folders, or '-' for standard input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from outliner.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
# A synopsis is a few kilobytes; a file 100 times larger is almost surely not one.
MAX_BYTES = 512 * 1024
STDIN = "-"


@dataclass(frozen=True)
class Input:
    name: str  # as shown to the user and on the title page
    path: Path | None  # None for standard input

    @property
    def stem(self) -> str:
        return self.path.stem if self.path is not None else "stdin"


@dataclass(frozen=True)
class Text:
    text: str
    warning: str | None = None  # e.g. decoded with a fallback encoding


def collect(args: list[str]) -> tuple[list[Input], list[tuple[str, str]]]:
    """Inputs in the order given (folders sorted), and (argument, problem) for bad ones."""
    inputs: list[Input] = []
    problems: list[tuple[str, str]] = []
    for arg in args:
        if arg == STDIN:
            inputs.append(Input("<stdin>", None))
            continue
        path = Path(arg)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in TEXT_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append((arg, f"no .txt or .md files in folder {arg}"))
            inputs += [Input(p.name, p) for p in found]
        elif path.is_file():
            inputs.append(Input(path.name, path))
        elif path.exists():
            problems.append((arg, f"{arg} is not a regular file"))
        else:
            problems.append((arg, f"no such file or folder: {arg}"))
    return inputs, problems


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


def read(item: Input, stdin: Callable[[], bytes]) -> Text:
    """The input's text, or an InputError saying in one line why it cannot be outlined."""
    try:
        if item.path is None:
            data = stdin()
        else:
            size = item.path.stat().st_size
            if size > MAX_BYTES:
                raise InputError(
                    f"{item.name}: {size / 1e6:.1f} MB is too large for a synopsis"
                    f" (limit {MAX_BYTES // 1024} KB)"
                )
            data = item.path.read_bytes()
    except OSError as exc:
        raise InputError(f"{item.name}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"{item.name}: too large for a synopsis (limit {MAX_BYTES // 1024} KB)")
    text = decode(data, item.name)
    if not text.text.strip():
        raise InputError(f"{item.name}: the file is empty")
    return text
