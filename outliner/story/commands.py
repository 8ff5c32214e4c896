"""The work behind `outliner characters` and `outliner eval characters` (the CLI is thin)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from outliner.document import Character
from outliner.errors import InputError
from outliner.stages.read import read
from outliner.story.characters import find_characters
from outliner.story.evaluate import Report, evaluate, load_casts, load_synopses


def characters_of(text: str) -> tuple[Character, ...]:
    document = read(text)
    if not document.plot:
        raise InputError("no synopsis sentences found")
    return find_characters(document.plot)


def as_records(characters: tuple[Character, ...]) -> list[dict[str, object]]:
    return [
        {
            "name": c.name,
            "aliases": list(c.aliases),
            "role": c.role,
            "description": c.description,
            "mentions": c.mentions,
        }
        for c in characters
    ]


def characters_json(characters: tuple[Character, ...]) -> str:
    return json.dumps(as_records(characters), ensure_ascii=False, indent=2) + "\n"


def characters_table(characters: tuple[Character, ...]) -> str:
    lines = []
    for c in characters:
        role = f" ({c.role})" if c.role else ""
        aliases = f"  aka {', '.join(c.aliases)}" if c.aliases else ""
        description = f" — {c.description}" if c.description else ""
        lines.append(f"{c.name}{role}{description}  [{c.mentions} mentions]{aliases}")
    return "\n".join(lines) + "\n"


def evaluate_characters(
    synopses_csv: Path,
    cast_tsv: Path,
    literal: bool = False,
    progress: Callable[[str], None] = lambda _film: None,
) -> Report:
    for path in (synopses_csv, cast_tsv):
        if not path.is_file():
            raise InputError(f"no such file: {path}")
    try:
        synopses = load_synopses(synopses_csv)
        casts = load_casts(cast_tsv)
    except (KeyError, UnicodeDecodeError) as exc:
        raise InputError(f"not TRIPOD synopses and cast files ({exc})") from exc
    if not synopses or not casts:
        raise InputError("no films found in the synopses or the cast file")
    return evaluate(
        synopses,
        casts,
        # TRIPOD's raw synopses hold one sentence per line, some cut wrongly ("Mr.\nPink"):
        # the text is read as one paragraph and segmented afresh.
        lambda text: list(find_characters(read(" ".join(text.split())).plot)),
        progress,
        literal,
    )


def report_text(report: Report, verbose: bool = False) -> str:
    lines = []
    if verbose:
        for film in report.films:
            matched = {p for p, _ in film.matched}
            found = {c for _, c in film.matched}
            lines.append(
                f"{film.film}: extra {[p for p in film.predicted if p not in matched]}"
                f" missed {[c for c in film.present if c not in found]}"
                + (f" actors {film.actors}" if film.actors else "")
            )
    lines.append(
        f"films {len(report.films)}  precision {report.precision:.3f}"
        f"  recall {report.recall:.3f}  F1 {report.f1:.3f}"
        f"  (macro F1 {report.macro_f1:.3f})  actors predicted {report.actors}"
    )
    return "\n".join(lines) + "\n"
