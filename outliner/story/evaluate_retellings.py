"""How often retelling detection is wrong, measured on TRIPOD's train synopses.

TRIPOD holds one synopsis per film (its _1, _2 rows repeat one text), so there are no
real retellings to find; what it measures is the harm a false detection would do:

- as given: each synopsis as its file reads (some have real paragraphs) -> how many are
  wrongly taken for several retellings;
- in three paragraphs: each synopsis cut into three paragraphs (a continuation, not a
  retelling) -> the same count;
- two films: each synopsis followed by the next film's, one per paragraph -> how many
  files are split into two films.

The seeds give the positive cases: 001 (a logline and four retellings) and 002 (an
opening and two retellings run together); their tests are in tests/test_retellings.py.

    python -m outliner.story.evaluate_retellings --data ../shared/data/tripod
"""

from __future__ import annotations

import argparse
from pathlib import Path

from outliner.backends.encoder import MiniLMEncoder
from outliner.document import Document
from outliner.stages.read import read
from outliner.story.commentary import mark_commentary
from outliner.story.evaluate import load_synopses
from outliner.story.retellings import find_retellings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="TRIPOD folder")
    args = parser.parse_args(argv)
    encoder = MiniLMEncoder()

    def detect(text: str) -> Document:
        document = mark_commentary(read(text))
        vectors = encoder.encode([s.text for s in document.plot])
        return find_retellings(document, vectors)

    films = load_synopses(args.data / "synopses_train.csv")
    names = sorted(films)
    given = split = two = 0
    for i, name in enumerate(names):
        text = films[name]
        given += bool(detect(text).retellings)
        sentences = [s.text for s in read(" ".join(text.split("\n"))).plot]
        k = len(sentences) // 3
        thirds = [sentences[:k], sentences[k : 2 * k], sentences[2 * k :]]
        split += bool(detect("\n".join(" ".join(t) for t in thirds)).retellings)
        other = " ".join(films[names[(i + 1) % len(names)]].split("\n"))
        found = detect(" ".join(text.split("\n")) + "\n" + other).retellings
        two += len({r.film for r in found}) == 2
    n = len(names)
    print(f"films {n}")
    print(f"one synopsis, as given:        {given} taken for retellings")
    print(f"one synopsis, three paragraphs: {split} taken for retellings")
    print(f"two films in one file:          {two} of {n} split into two films")


if __name__ == "__main__":
    main()
