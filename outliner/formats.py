"""Output formats: name -> file extension and writer, in one table.

Every writer takes (outline, structure) and returns text, or bytes for PDF. Writers are
imported on first use so that `outliner --help` stays instant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING

from outliner.errors import UsageError
from outliner.structures import DEFAULT_STRUCTURE, STRUCTURE_NAMES

if TYPE_CHECKING:
    from outliner.document import Outline

Writer = Callable[["Outline", str], "str | bytes"]

# name: (extension, "module:function")
FORMATS: dict[str, tuple[str, str]] = {
    "fountain": (".fountain", "outliner.writers.fountain:to_fountain"),
    "fdx": (".fdx", "outliner.writers.fdx:to_fdx"),
    "pdf": (".pdf", "outliner.writers.pdf:to_pdf"),
    "html": (".html", "outliner.writers.html:to_html"),
    "json": (".json", "outliner.writers.json:to_json"),
    "md": (".md", "outliner.writers.md:to_markdown"),
}
FORMAT_NAMES = tuple(FORMATS)
BINARY = frozenset({"pdf"})


def parse_formats(values: Iterable[str] | None) -> tuple[str, ...]:
    """Format names from --format values (repeatable, comma lists, or `all`), in table order."""
    wanted: set[str] = set()
    for value in values or ["fountain"]:
        for name in (v.strip().lower() for v in value.split(",")):
            if name == "all":
                wanted.update(FORMATS)
            elif name in FORMATS:
                wanted.add(name)
            else:
                raise UsageError(
                    f"unknown --format {name!r}; choose from {', '.join(FORMAT_NAMES)} or all"
                )
    return tuple(n for n in FORMAT_NAMES if n in wanted)


def check_structure(name: str) -> str:
    if name not in STRUCTURE_NAMES:
        raise UsageError(f"unknown --structure {name!r}; choose from {', '.join(STRUCTURE_NAMES)}")
    return name


def extension(name: str) -> str:
    return FORMATS[name][0]


def writer(name: str) -> Writer:
    module, function = FORMATS[name][1].split(":")
    found: Writer = getattr(import_module(module), function)
    return found


def render(outline: Outline, name: str, structure: str = DEFAULT_STRUCTURE) -> str | bytes:
    return writer(name)(outline, structure)
