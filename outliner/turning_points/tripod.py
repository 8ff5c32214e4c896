"""Read TRIPOD's CSV format: movie_name, synopsis_segmented, tp1..tp5.

The sentence segmentation in `[STR_SENT] ... [END_SENT]` markers is used as is (the gold
indices count those sentences from 0), never re-split.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from outliner.errors import InputError

SENTENCE = re.compile(r"\[STR_SENT\](.*?)\[END_SENT\]", re.S)
ANNOTATION_SUFFIX = re.compile(r"_\d+$")
REQUIRED = ("movie_name", "synopsis_segmented")
TP_COLUMNS = ("tp1", "tp2", "tp3", "tp4", "tp5")


@dataclass(frozen=True)
class Row:
    """One annotation set of one film: Film_0, Film_1 ... share the film, not the labels."""

    movie_name: str
    sentences: tuple[str, ...]
    gold: tuple[int, ...] | None  # None when the CSV carries no tp columns

    @property
    def film(self) -> str:
        return film_of(self.movie_name)


def film_of(movie_name: str) -> str:
    """'Jaws (film)_1' -> 'Jaws (film)': annotation sets of one film stay together."""
    return ANNOTATION_SUFFIX.sub("", movie_name)


def segment(text: str) -> tuple[str, ...]:
    return tuple(" ".join(s.split()) for s in SENTENCE.findall(text))


def read_csv(path: Path, require_gold: bool = True) -> list[Row]:
    """All rows of a TRIPOD CSV; any problem is an InputError naming the file and line."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            wanted = REQUIRED + (TP_COLUMNS if require_gold else ())
            missing = [c for c in wanted if c not in columns]
            if missing:
                raise InputError(
                    f"{path}: not a TRIPOD CSV (missing column(s) {', '.join(missing)})"
                )
            has_gold = all(c in columns for c in TP_COLUMNS)
            rows = [_row(path, reader.line_num, record, has_gold) for record in reader]
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc})") from None
    if not rows:
        raise InputError(f"{path}: no rows")
    return rows


def _row(path: Path, line: int, record: dict[str, str], has_gold: bool) -> Row:
    name = (record.get("movie_name") or "").strip()
    sentences = segment(record.get("synopsis_segmented") or "")
    if not name or not sentences:
        raise InputError(f"{path}:{line}: a row without movie_name or [STR_SENT] sentences")
    gold: tuple[int, ...] | None = None
    if has_gold:
        try:
            gold = tuple(int(float(record[c])) for c in TP_COLUMNS)
        except (TypeError, ValueError):
            raise InputError(f"{path}:{line}: tp1..tp5 must be sentence indices") from None
        if any(not 0 <= g < len(sentences) for g in gold):
            raise InputError(
                f"{path}:{line}: a turning point lies outside the {len(sentences)} sentences"
            )
    return Row(name, sentences, gold)
