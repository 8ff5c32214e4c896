"""`make eval-beats`: how beat lines, loglines and titles fare on a fixed TRIPOD sample.

Sample rule (fixed, stated, not tuned): TRIPOD's train films sorted by name, every fourth
one from the first (films[0::4]: 21 of 84). Each is outlined with the real model from its
raw synopsis, as a file named after the film ("Beloved (film).txt"), so the title rule is
measured too. Over all beats it prints the share of lines that are a source sentence word
for word (and of those, copies of sentences over 12 words), that open with a pronoun, that
are fragments, that name a capitalised word the synopsis lacks, the median and maximum
words, and where the lines come from; per film, the title and whether the logline passes
its checks. Everything goes to a JSON file as well, so that runs compare.

    python -m outliner.evaluate_beats --data ../shared/data/tripod --out bench/beats.json
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from outliner.backends.parser import parse
from outliner.document import Outline
from outliner.lexicon import WORD
from outliner.stages import lines
from outliner.story.evaluate import load_synopses

EVERY = 4


def sample(films: dict[str, str]) -> list[str]:
    return sorted(films)[0::EVERY]


def judge_sample(films: dict[str, str], count: int = 5, start: int = 2) -> list[str]:
    """Films for a judged before/after reading: none of the eval's (every 4th from the
    first), spread over the list (films[start::16], start not a multiple of 4). Each round
    of changes is judged on a new start: a judge's remarks on one sample guide the next
    change, so that sample is no longer a fair test of it."""
    return sorted(films)[start::16][:count]


def beat_records(outline: Outline) -> list[dict[str, Any]]:
    document = outline.document
    sources = [s.text for s in document.sentences]
    synopsis_words = {w.lower() for w in WORD.findall(document.text)}
    from outliner.stages.summarise import model_coverage

    characters = [n for c in outline.characters for n in c.names]
    docs = parse(lines.with_plain_names(b.line, characters) for b in outline.beats)
    records = []
    for beat, doc in zip(outline.beats, docs, strict=True):
        records.append(
            {
                "beat": beat.index + 1,
                "line": beat.line,
                "origin": beat.origin.value,
                "words": len(lines.words(beat.line)),
                "verbatim": lines.verbatim(beat.line, sources),
                "copied": lines.copied(beat.line, sources),
                "pronoun": lines.opens_with_pronoun(beat.line),
                "fragment": lines.fragment(doc),
                "invented": lines.invented_names(beat.line, synopsis_words),
                # The verb of the beat's main event (the turning point's, else the gravest)
                # is in the line: a proxy for "states the main event", read by lemma.
                "main_event": model_coverage(outline, beat, beat.line)[0] == 1.0,
                "source": [outline.sentence(i).text for i in beat.sentences],
            }
        )
    return records


def film_record(film: str, outline: Outline) -> dict[str, Any]:
    page = outline.title_page
    logline = page.logline if page else ""
    problems = lines.logline_problems(logline, parse([logline])[0], outline) if logline else []
    return {
        "film": film,
        "title": page.title if page else "",
        "title_origin": page.title_origin.value if page else "",
        "logline": logline,
        "logline_origin": page.logline_origin.value if page else "",
        "logline_ok": bool(logline) and not problems,
        "logline_problems": problems,
        "beats": beat_records(outline),
    }


def summary(films: list[dict[str, Any]]) -> dict[str, Any]:
    beats = [b for f in films for b in f["beats"]]
    n = max(1, len(beats))
    counts = [b["words"] for b in beats]
    origins = Counter(b["origin"] for b in beats)
    return {
        "films": len(films),
        "beats": len(beats),
        "verbatim": sum(b["verbatim"] for b in beats) / n,
        "copied_over_12_words": sum(b["copied"] for b in beats) / n,
        "pronoun_openers": sum(b["pronoun"] for b in beats) / n,
        "fragments": sum(bool(b["fragment"]) for b in beats),
        "invented_names": sum(bool(b["invented"]) for b in beats),
        "main_event_told": sum(b["main_event"] for b in beats) / n,
        "median_words": statistics.median(counts) if counts else 0,
        "max_words": max(counts, default=0),
        "over_15_words": sum(c > lines.MAX_BEAT_WORDS for c in counts) / n,
        "origins": {k: v / n for k, v in sorted(origins.items())},
        "loglines_ok": sum(f["logline_ok"] for f in films),
    }


def report(result: dict[str, Any]) -> str:
    s = result["summary"]
    out = [f"{'film':<44} {'title':<34} logline"]
    for f in result["films"]:
        ok = "ok" if f["logline_ok"] else "FAIL: " + "; ".join(f["logline_problems"])
        out.append(f"{f['film'][:44]:<44} {f['title'][:34]:<34} {ok}")
    origins = ", ".join(f"{k} {v:.0%}" for k, v in s["origins"].items())
    out += [
        "",
        f"{s['beats']} beats over {s['films']} films (sample: {result['sample_rule']})",
        f"verbatim source sentences   {s['verbatim']:.1%}  (target <= 5%;"
        f" copies of sentences over 12 words {s['copied_over_12_words']:.1%})",
        f"opening with a pronoun      {s['pronoun_openers']:.1%}  (target <= 2%)",
        f"fragments                   {s['fragments']}  (target 0)",
        f"invented names              {s['invented_names']}  (target 0)",
        f"main event's verb told      {s['main_event_told']:.1%}",
        f"words: median {s['median_words']}, max {s['max_words']},"
        f" over 15: {s['over_15_words']:.1%}  (targets <= 12, <= 22)",
        f"lines from                  {origins}",
        f"loglines passing checks     {s['loglines_ok']} of {s['films']}",
    ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="TRIPOD folder")
    parser.add_argument("--out", type=Path, default=Path("bench/beats.json"))
    parser.add_argument("--model", default=None, help="summarizer [default: gemma-3-270m]")
    parser.add_argument(
        "--limit", type=int, default=0, help="only the first N films (a quick look)"
    )
    parser.add_argument(
        "--judge",
        type=Path,
        default=None,
        help="also outline the judged sample (films[2::16], none of the eval's) into DIR as"
        " Fountain, for a blind before/after reading",
    )
    parser.add_argument(
        "--judge-from",
        type=int,
        default=2,
        help="where the judged sample starts in the sorted films"
        " (2: the first round's; 10: the second's)",
    )
    args = parser.parse_args(argv)
    if args.judge_from % 4 == 0:
        parser.error("--judge-from must not be a multiple of 4: those films are the eval's")

    from outliner.config import Options
    from outliner.pipeline import Models, outline

    films = load_synopses(args.data / "synopses_train.csv")
    chosen = sample(films)[: args.limit or None]
    models = Models.load(args.model)
    if args.judge is not None:  # first: a short run still leaves the judged sample whole
        from datetime import date

        from outliner.writers.fountain import to_fountain

        args.judge.mkdir(parents=True, exist_ok=True)
        for film in judge_sample(films, start=args.judge_from):
            made = outline(films[film], f"{film}.txt", Options(draft_date=date(2026, 1, 1)), models)
            (args.judge / f"{film}.fountain").write_text(to_fountain(made), encoding="utf-8")
            print(f"judged sample: {film}", flush=True)
    records = []
    result: dict[str, Any] = {}
    for film in chosen:
        made = outline(films[film], f"{film}.txt", Options(), models)
        records.append(film_record(film, made))
        print(f"outlined {film}", flush=True)
        result = {
            "sample_rule": f"TRIPOD train films sorted by name, every {EVERY}th from the first",
            "model": models.summarizer.name,
            "summary": summary(records),
            "films": records,
        }
        # Written after every film: an interrupted run still compares on the films it did.
        args.out.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
        args.out.write_text(text, encoding="utf-8")
    print(report(result), end="")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
