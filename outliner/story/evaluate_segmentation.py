"""How well `read` cuts sentences, against TRIPOD's own segmentation; and commentary.

Each train film's gold sentences (`synopsis_segmented`) are joined by single spaces into
one paragraph and read back; a boundary is the position (in characters, spaces ignored)
where a sentence ends. Precision, recall and F1 are over all boundaries of all films, and
every disagreement is listed with its context, so that each can be explained.

TRIPOD's synopses are plot only, so every sentence `mark_commentary` marks in them is a
false alarm: their count is printed too (the target is 0).

    python -m outliner.story.evaluate_segmentation --data ../shared/data/tripod
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from outliner.document import SentenceKind
from outliner.stages.read import read
from outliner.story.commentary import mark_commentary
from outliner.turning_points.tripod import read_csv

CONTEXT = 40


@dataclass(frozen=True)
class Disagreement:
    film: str
    kind: str  # "extra" (read cuts, TRIPOD does not) or "missed"
    context: str  # the text around the boundary, "|" where it is (spaces kept)


@dataclass
class Report:
    films: int = 0
    gold: int = 0
    predicted: int = 0
    agreed: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)
    commentary: list[tuple[str, str]] = field(default_factory=list)  # (film, sentence)

    @property
    def precision(self) -> float:
        return self.agreed / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.agreed / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def boundaries(sentences: list[str]) -> set[int]:
    """Where each sentence ends, counted in non-space characters from the start."""
    out, n = set(), 0
    for sentence in sentences:
        n += len(re.sub(r"\s", "", sentence))
        out.add(n)
    return out


def _context(text: str, boundary: int) -> str:
    """The text around a boundary given in non-space characters, with a "|" at it."""
    seen, position = 0, 0
    while position < len(text) and seen < boundary:
        seen += not text[position].isspace()
        position += 1
    return f"{text[max(0, position - CONTEXT) : position]}|{text[position : position + CONTEXT]}"


def evaluate(data: Path) -> Report:
    report = Report()
    seen: set[str] = set()
    for row in read_csv(data / "synopses_train.csv", require_gold=False):
        if row.film in seen:  # the annotation sets of a film share its text
            continue
        seen.add(row.film)
        gold = list(row.sentences)
        text = " ".join(gold)
        document = mark_commentary(read(text))
        predicted = [s.text for s in document.sentences]
        g, p = boundaries(gold), boundaries(predicted)
        report.films += 1
        report.gold += len(g)
        report.predicted += len(p)
        report.agreed += len(g & p)
        for kind, found in (("extra", p - g), ("missed", g - p)):
            report.disagreements += [
                Disagreement(row.film, kind, _context(text, b)) for b in sorted(found)
            ]
        report.commentary += [
            (row.film, s.text) for s in document.sentences if s.kind is SentenceKind.COMMENTARY
        ]
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="TRIPOD folder")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    report = evaluate(args.data)
    for d in report.disagreements:
        print(f"{d.kind:<6} {d.film}: …{d.context}…")
    for film, sentence in report.commentary:
        print(f"commentary {film}: {sentence}")
    print(
        f"films {report.films}  boundaries: gold {report.gold}, read {report.predicted},"
        f" agreed {report.agreed}  precision {report.precision:.4f}  recall"
        f" {report.recall:.4f}  F1 {report.f1:.4f}  (target >= 0.998)"
    )
    print(f"sentences marked commentary: {len(report.commentary)}  (target 0)")
    if args.json:
        figures = {
            "films": report.films,
            "precision": report.precision,
            "recall": report.recall,
            "f1": report.f1,
            "commentary": len(report.commentary),
            "disagreements": [asdict(d) for d in report.disagreements],
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
