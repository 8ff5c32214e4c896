"""Score scene headings against hand-annotated settings (tests/data/places/).

Each annotated film's TRIPOD sentences (`synopsis_segmented`, each normalised with
" ".join(s.split())) are joined by single spaces and read as any synopsis is: read, then
analyse (commentary, characters, places and their continuity). Every gold sentence gets
the system's heading: the place its own text names as its setting, or the setting it
carries from the sentences before, or none. A gold sentence is matched to the system
sentence its first character falls in.

Definitions:
- A heading is *correct* when its location (the heading without INT./EXT.) contains one
  of the gold sentence's `match` strings: a case-insensitive substring, with curly
  apostrophes made straight on both sides (the annotation's own definition, see
  tests/data/places/README.md).
- Precision = correct / sentences with a predicted heading (a heading where the gold
  says no setting is wrong). Recall = correct / sentences with a gold setting. Both over
  all sentences of all films (micro), with the same two for the sentences whose gold
  setting is stated there (`named_here`) and for those where it is carried.
- INT./EXT. agreement: among sentences with a correct heading where both the system and
  the gold give INT, EXT or INT/EXT, the share where they are the same.
Targets (issue 12): precision >= 0.9, recall >= 0.7. Every error is listed.

    python -m outliner.story.evaluate_places --data ../shared/data/tripod \
        --gold tests/data/places/settings.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from outliner.document import Outline, Place
from outliner.errors import InputError
from outliner.stages.analyse import analyse
from outliner.stages.read import read
from outliner.turning_points.tripod import read_csv


@dataclass(frozen=True)
class Gold:
    film: str
    sentence: int
    setting: str | None
    match: tuple[str, ...]
    int_ext: str | None  # "INT", "EXT", "INT/EXT" or None
    named_here: bool


@dataclass(frozen=True)
class Heading:
    """What the system says of one gold sentence."""

    text: str | None  # the heading: "INT. JAIL", "PADUA HIGH SCHOOL", or None
    location: str | None  # the place's name: "JAIL"
    int_ext: str | None  # "INT", "EXT", "INT/EXT" or None
    carried: bool


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    named: Tally = field(default_factory=Tally)  # gold setting stated in the sentence
    carried: Tally = field(default_factory=Tally)  # gold setting carried from before
    films: dict[str, Tally] = field(default_factory=dict)
    int_ext_both: int = 0
    int_ext_same: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def int_ext_agreement(self) -> float:
        return self.int_ext_same / self.int_ext_both if self.int_ext_both else 0.0


def load_gold(paths: list[Path]) -> list[Gold]:
    gold = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                gold.append(
                    Gold(
                        d["film"],
                        int(d["sentence"]),
                        d.get("setting"),
                        tuple(d.get("match") or ()),
                        d.get("int_ext"),
                        bool(d.get("named_here")),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not a settings line ({exc})") from None
    return gold


def _straight(text: str) -> str:
    return text.replace("’", "'").lower()


def is_correct(location: str, match: tuple[str, ...]) -> bool:
    return any(_straight(m) in _straight(location) for m in match if m)


def _int_ext(place: Place) -> str | None:
    return place.setting.value.replace(".", "") if place.setting else None


def headings(sentences: list[str], film: str) -> list[Heading]:
    """The system's heading for each of these sentences, read together as one synopsis."""
    text = " ".join(sentences)
    document = read(text, film)
    # Where each system sentence starts in the text, to find the one a gold sentence is
    # in (before analyse, which takes actors' names out of the sentences' text).
    starts, position = [], 0
    for s in document.sentences:
        found = text.find(s.text, position)
        starts.append(found if found >= 0 else position)
        position = max(position, found + len(s.text)) if found >= 0 else position
    outline = analyse(Outline(document))
    own = {i: p for p in outline.places for i in p.sentences}
    carried = {i: p for p in outline.places for i in p.carried}
    out, offset = [], 0
    for sentence in sentences:
        index = max((i for i, start in enumerate(starts) if start <= offset), default=0)
        system = document.sentences[index].index
        place = own.get(system) or carried.get(system)
        out.append(
            Heading(
                place.heading if place else None,
                place.name if place else None,
                _int_ext(place) if place else None,
                place is not None and system not in own,
            )
        )
        offset += len(sentence) + 1
    return out


def evaluate(data: Path, gold: list[Gold]) -> Report:
    texts = {
        row.film: [" ".join(s.split()) for s in row.sentences]
        for row in read_csv(data / "synopses_train.csv", require_gold=False)
    }
    by_film: dict[str, list[Gold]] = defaultdict(list)
    for g in gold:
        by_film[g.film].append(g)
    report = Report()
    for film, rows in sorted(by_film.items()):
        if film not in texts:
            raise InputError(f"{film}: not a TRIPOD train film")
        predicted = headings(texts[film], film)
        tally = report.films.setdefault(film, Tally())
        for g in sorted(rows, key=lambda g: g.sentence):
            h = predicted[g.sentence]
            correct = bool(h.location and g.setting and is_correct(h.location, g.match))
            part = report.named if g.named_here else report.carried
            for t in (report.overall, tally, part):
                t.predicted += h.text is not None
                t.gold += g.setting is not None
                t.correct += correct
            if correct and h.int_ext and g.int_ext:
                report.int_ext_both += 1
                report.int_ext_same += h.int_ext == g.int_ext
            if (h.text is not None or g.setting is not None) and not correct:
                said = f"{'~' if h.carried else ''}{h.text}" if h.text else "-"
                wanted = "|".join(g.match) if g.setting else "-"
                report.errors.append(f"{film} #{g.sentence}: {said}  gold {wanted}")
    return report


def _line(name: str, t: Tally) -> str:
    return (
        f"{name:<42} headings {t.predicted:4}  gold {t.gold:4}  correct {t.correct:4}"
        f"  precision {t.precision:.3f}  recall {t.recall:.3f}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="TRIPOD folder")
    parser.add_argument("--gold", type=Path, action="append", required=True)
    parser.add_argument("--quiet", action="store_true", help="figures only, no error list")
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.data, load_gold(args.gold))
    except InputError as exc:
        parser.exit(1, f"error: {exc}\n")
    if not args.quiet:
        print("errors (~ carried; '-' none):")
        for error in report.errors:
            print(f"  {error}")
    for film, tally in report.films.items():
        print(_line(film, tally))
    print(_line("gold named in the sentence", report.named))
    print(_line("gold not named there (carried or none)", report.carried))
    print(_line("all (targets: precision >= 0.9, recall >= 0.7)", report.overall))
    print(
        f"INT./EXT. agreement where both say: {report.int_ext_same}/{report.int_ext_both}"
        f" = {report.int_ext_agreement:.3f}"
    )


if __name__ == "__main__":
    main()
