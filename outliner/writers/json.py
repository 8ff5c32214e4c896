"""The whole Outline model as JSON, with a versioned JSON Schema, and back again.

Generic over the frozen dataclasses of outliner.document: it walks their fields and type
hints, so a field someone adds to the model is written, read and described with no change
here. Rendering an outline read back from JSON gives byte-identical files.

Envelope: {"schema": SCHEMA_ID, "version": VERSION, "structure": ..., "outline": {...},
"arrangement": [...]}; "arrangement" (acts and structure beats) is derived, for readers,
and ignored on reading.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import Any

from outliner.document import Outline
from outliner.errors import InputError
from outliner.structures import DEFAULT_STRUCTURE, STRUCTURE_NAMES, arrange
from outliner.writers.screenplay import ACT_WORDS

SCHEMA_ID = "https://outliner.invalid/schema/outline-1.json"
# Bump on any change that old readers cannot take (a renamed or removed field). New
# optional fields keep the version: readers fill defaults for missing ones.
VERSION = 1
# `render` reads JSON outlines up to this size: one is about ten times its synopsis.
MAX_BYTES = 32 * 1024 * 1024
# Longer whole numbers are refused before Python converts them (which is slow).
MAX_DIGITS = 100


def stored_fields(kind: Any) -> tuple[dataclasses.Field[Any], ...]:
    """A model type's fields that JSON holds: all but the in-memory ones (the parse)."""
    return tuple(f for f in dataclasses.fields(kind) if not f.metadata.get("transient"))


def to_data(value: Any) -> Any:
    """Plain JSON data for a model value (dataclass, enum, date, tuple, scalar)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in stored_fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    return value


def to_json(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> str:
    arrangement = [
        {"act": d.number, "parts": [{"name": p.name, "beats": list(p.beats)} for p in d.parts]}
        for d in arrange(outline, structure)
    ]
    envelope = {
        "schema": SCHEMA_ID,
        "version": VERSION,
        "structure": structure,
        "outline": to_data(outline),
        "arrangement": arrangement,
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"


def from_data(kind: Any, data: Any, where: str = "outline") -> Any:
    """Rebuild a value of type `kind` from JSON data; InputError names the bad field."""
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        inner = next(o for o in options if o is not type(None))
        return from_data(inner, data, where)
    if origin is tuple:
        if not isinstance(data, list):
            raise InputError(f"{where}: expected a list")
        item = typing.get_args(kind)[0]
        return tuple(from_data(item, v, f"{where}[{i}]") for i, v in enumerate(data))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected an object")
        hints = typing.get_type_hints(kind)
        values = {}
        for f in stored_fields(kind):
            if f.name in data:
                values[f.name] = from_data(hints[f.name], data[f.name], f"{where}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise InputError(f"{where}: missing field {f.name!r}")
        return kind(**values)
    try:
        if isinstance(kind, type) and issubclass(kind, Enum):
            return kind(data)
        if kind is date:
            return date.fromisoformat(data)
    except (ValueError, TypeError):
        raise InputError(f"{where}: invalid value {data!r}") from None
    expected = {int: (int,), float: (int, float), str: (str,), bool: (bool,)}.get(kind)
    if expected is None or not isinstance(data, expected) or (kind is int and data is True):
        raise InputError(f"{where}: expected {getattr(kind, '__name__', kind)}, got {data!r}")
    if isinstance(data, float) and not math.isfinite(data):
        raise InputError(f"{where}: expected a finite number, got {data!r}")
    if isinstance(data, str) and not _encodable(data):
        raise InputError(f"{where}: holds a lone surrogate ({ascii(data)[:60]})")
    return float(data) if kind is float else data


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def from_json(text: str, name: str = "input") -> tuple[Outline, str]:
    """The Outline and structure of an outliner JSON file; InputError if it is not one."""
    try:
        envelope = json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except ValueError as exc:  # from _whole_number
        raise InputError(f"{name}: not valid JSON ({exc})") from None
    except RecursionError:
        raise InputError(f"{name}: not valid JSON (nested too deeply)") from None
    if not isinstance(envelope, dict) or envelope.get("schema") != SCHEMA_ID:
        raise InputError(f"{name}: not an outliner JSON outline (see `outliner schema`)")
    if envelope.get("version") != VERSION:
        raise InputError(f"{name}: schema version {envelope.get('version')!r}, expected {VERSION}")
    structure = envelope.get("structure", DEFAULT_STRUCTURE)
    if structure not in STRUCTURE_NAMES:
        raise InputError(f"{name}: unknown structure {structure!r}")
    try:
        outline = from_data(Outline, envelope.get("outline"), "outline")
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name}: inconsistent outline ({exc})") from None
    problem = next(broken_rules(outline), None)
    if problem is not None:
        raise InputError(f"{name}: {problem}")
    return outline, structure


def _whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number of {len(digits)} digits")
    return int(digits)


def broken_rules(outline: Outline) -> Iterator[str]:
    """What breaks the model's rules that the types alone do not state: every index in
    range, beats numbered in order, five turning points numbered 1 to 5, acts the writers
    can name. A JSON file edited by hand is checked before any writer reads it."""
    sentences = _Range(len(outline.document.sentences), "sentences")
    beats = _Range(len(outline.beats), "beats")
    for i, s in enumerate(outline.document.sentences):
        if s.retells is not None:
            yield from sentences.check(f"document.sentences[{i}].retells", s.retells)
    for i, r in enumerate(outline.document.retellings):
        yield from sentences.check_all(f"document.retellings[{i}].sentences", r.sentences)
    for i, c in enumerate(outline.characters):
        yield from sentences.check(f"characters[{i}].first_sentence", c.first_sentence)
    for i, m in enumerate(outline.mentions):
        yield from sentences.check(f"mentions[{i}].sentence", m.sentence)
    for i, p in enumerate(outline.places):
        yield from sentences.check_all(f"places[{i}].sentences", p.sentences)
    numbers = [tp.number for tp in outline.turning_points]
    if numbers != [1, 2, 3, 4, 5]:
        yield f"outline.turning_points: five turning points numbered 1 to 5 expected, got {numbers}"
    for i, tp in enumerate(outline.turning_points):
        yield from sentences.check(f"turning_points[{i}].sentence", tp.sentence)
    for i, beat in enumerate(outline.beats):
        if beat.index != i:
            yield f"outline.beats[{i}].index: {beat.index}, expected {i} (beats in order)"
        yield from sentences.check_all(f"beats[{i}].sentences", beat.sentences)
        for j, tp in enumerate(beat.turning_points):
            where = f"outline.beats[{i}].turning_points[{j}]"
            if not 1 <= tp.number <= 5:
                yield f"{where}.number: {tp.number} is no turning point (1 to 5)"
            yield from sentences.check(f"beats[{i}].turning_points[{j}].sentence", tp.sentence)
    for i, act in enumerate(outline.acts):
        if not 1 <= act.number <= len(ACT_WORDS):
            yield f"outline.acts[{i}].number: {act.number} is no act (1 to {len(ACT_WORDS)})"
        for j, q in enumerate(act.sequences):
            yield from beats.check_all(f"acts[{i}].sequences[{j}].beats", q.beats)


@dataclasses.dataclass(frozen=True)
class _Range:
    """Valid indices into a list of the outline: 0 to size - 1."""

    size: int
    of: str

    def check(self, where: str, value: int) -> Iterator[str]:
        if not 0 <= value < self.size:
            yield f"outline.{where}: {value} is out of range (there are {self.size} {self.of})"

    def check_all(self, where: str, values: tuple[int, ...]) -> Iterator[str]:
        for k, value in enumerate(values):
            yield from self.check(f"{where}[{k}]", value)


def _schema_of(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        return {"anyOf": [_schema_of(o, defs) for o in typing.get_args(kind)]}
    if origin is tuple:
        return {"type": "array", "items": _schema_of(typing.get_args(kind)[0], defs)}
    if kind is type(None):
        return {"type": "null"}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        name = kind.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(kind)
            fields = stored_fields(kind)
            defs[name] = {
                "type": "object",
                "description": " ".join((kind.__doc__ or name).split()),
                "properties": {f.name: _schema_of(hints[f.name], defs) for f in fields},
                "required": [
                    f.name
                    for f in fields
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                ],
            }
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(kind, type) and issubclass(kind, Enum):
        return {"enum": [m.value for m in kind]}
    if kind is date:
        return {"type": "string", "format": "date"}
    return {"type": {int: "integer", float: "number", str: "string", bool: "boolean"}[kind]}


def schema() -> str:
    """The JSON Schema (draft 2020-12) of outliner's JSON outlines."""
    defs: dict[str, Any] = {}
    outline = _schema_of(Outline, defs)
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"outliner JSON outline, version {VERSION}",
        "description": (
            "A screenplay outline made by outliner: the whole typed model (document,"
            " characters, places, turning points, beats, acts, title page, diagnostics)."
            " Sentence indices count from 0 in document.sentences; beat indices in"
            " outline.beats. 'arrangement' groups beats by the chosen structure; empty"
            " parts are structure beats the synopsis does not support."
        ),
        "type": "object",
        "required": ["schema", "version", "structure", "outline"],
        "properties": {
            "schema": {"const": SCHEMA_ID},
            "version": {"const": VERSION},
            "structure": {"enum": list(STRUCTURE_NAMES)},
            "outline": outline,
            "arrangement": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "act": {"type": "integer"},
                        "parts": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "name": {"type": "string"},
                                    "beats": {"type": "array", "items": {"type": "integer"}},
                                },
                            },
                        },
                    },
                },
            },
        },
        "$defs": defs,
    }
    return json.dumps(document, indent=2) + "\n"
