"""The work behind `outliner characters` and `outliner eval characters` (the CLI is thin)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from outliner.document import Character
from outliner.errors import InputError
from outliner.stages.read import read
from outliner.story.characters import find_characters
from outliner.story.commentary import mark_commentary
from outliner.story.evaluate import (
    Evaluation,
    Report,
    actor_names_in,
    evaluate,
    load_casts,
    load_synopses,
)


def characters_of(text: str) -> tuple[Character, ...]:
    document = mark_commentary(read(text))
    if not document.plot:
        raise InputError("no synopsis sentences found")
    return find_characters(document, document.plot)


def as_records(characters: tuple[Character, ...]) -> list[dict[str, object]]:
    return [
        {
            "name": c.name,
            "aliases": list(c.aliases),
            "role": c.role,
            "description": c.description,
            "mentions": c.mentions,
            "actor": c.actor,
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
        actor = f"  played by {c.actor}" if c.actor else ""
        lines.append(f"{c.name}{role}{description}  [{c.mentions} mentions]{aliases}{actor}")
    return "\n".join(lines) + "\n"


def evaluate_characters(
    synopses_csv: Path,
    cast_tsv: Path,
    bodies: bool = False,
    progress: Callable[[str], None] = lambda _film: None,
) -> Evaluation:
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
    # TRIPOD's raw synopses hold one sentence per line, some cut wrongly ("Mr.\nPink"):
    # the text is read as one paragraph and segmented afresh.
    result = evaluate(
        synopses, casts, lambda text: list(characters_of(_one_paragraph(text))), progress
    )
    if bodies:
        films = [f for f in synopses if f in casts]
        result.actors_in_bodies = sum(
            actor_names_in(_body(_one_paragraph(synopses[f])), casts[f]) for f in films
        )
        result.bodies = len(films)
    return result


def _one_paragraph(text: str) -> str:
    return " ".join(text.split())


def _body(text: str) -> list[str]:
    """The beat lines and action lines of a synopsis's outline, written with the fake
    model (actors are kept out of the text before any model sees it)."""
    from outliner.backends.encoder import HashingEncoder
    from outliner.backends.fake import FakeSummarizer
    from outliner.pipeline import Models, outlines
    from outliner.stages.structure import TheoryPositions

    models = Models(FakeSummarizer(), HashingEncoder(), TheoryPositions())
    texts = []
    for outline in outlines(text, models=models):
        for beat in outline.beats:
            texts.append(beat.line)
            texts.extend(outline.sentence(i).text for i in beat.sentences)
    return texts


def _figures(name: str, report: Report) -> str:
    return (
        f"{name:<28} precision {report.precision:.3f}  recall {report.recall:.3f}"
        f"  F1 {report.f1:.3f}  (macro F1 {report.macro_f1:.3f})"
        f"  actors predicted {report.actors}  unscored {report.unscored}"
    )


def report_text(result: Evaluation, verbose: bool = False) -> str:
    lines = []
    if verbose:
        for film in result.default.films:
            matched = {p for p, _ in film.matched}
            found = {c for _, c in film.matched}
            lines.append(
                f"{film.film}: extra {[p for p in film.predicted if p not in matched]}"
                f" missed {[c for c in film.present if c not in found]}"
                + (f" actors {film.actors}" if film.actors else "")
            )
    dev, check = len(result.development), len(result.check)
    lines.append(
        f"films {len(result.default.films)}: development half {dev} (even alphabetical"
        f" positions, where the rules were written), check half {check} (odd positions)"
    )
    for name, report in (("default", result.default), ("literal", result.literal)):
        lines.append(_figures(f"{name} (all)", report))
        lines.append(_figures(f"{name} (development half)", report.only(result.development)))
        lines.append(_figures(f"{name} (check half)", report.only(result.check)))
    if result.actors_in_bodies is not None:
        lines.append(
            f"actor names in beat and action lines (fake model, {result.bodies} films):"
            f" {result.actors_in_bodies}"
        )
    return "\n".join(lines) + "\n"
