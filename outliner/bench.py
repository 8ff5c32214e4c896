"""`outliner bench`: how fast and how big, measured on fixed inputs and printed as figures.

Inputs: the files in seeds/ and a fixed sample of TRIPOD train synopses (sentences joined).
Measured, in one run:
- cold: `outliner outline SEED --stdout` as a new process (model cache already built),
  wall time and the child's peak resident memory;
- warm: the Python API in this process with the models loaded once: per-stage and total
  seconds per synopsis, generated tokens per second, this process's peak memory;
- naive: the same beat passages generated the plain way (one `generate()` call per beat, the
  whole few-shot prompt each time, no shared prefix cache, full vocabulary), so the
  speed-up is a ratio from the same machine and minute; also how many lines agree.
No pass/fail: the targets are printed beside the figures.
"""

from __future__ import annotations

import csv
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from outliner.errors import InputError

SAMPLE_SEED = 2026
TARGETS = {"warm_s": 5.0, "cold_s": 10.0, "peak_rss_mb": 2048.0}
SENTENCE = re.compile(r"\[STR_SENT\](.*?)\[END_SENT\]", re.S)


@dataclass(frozen=True)
class Sample:
    name: str
    text: str

    @property
    def sentences(self) -> int:
        return len(re.findall(r"[.!?](?:\s|$)", self.text))


@dataclass
class WarmRun:
    name: str
    sentences: int
    beats: int
    seconds: float
    stages: dict[str, float]
    new_tokens: int
    generation_s: float
    score_rows: int = 0  # candidate lines the model scored
    score_s: float = 0.0  # seconds spent scoring them (inside the summarise stage)


@dataclass
class NaiveRun:
    name: str
    beats: int
    seconds: float
    new_tokens: int
    same_lines: int


@dataclass
class Report:
    machine: dict[str, Any]
    model: str
    load_s: float = 0.0
    cold: list[dict[str, float]] = field(default_factory=list)
    warm: list[WarmRun] = field(default_factory=list)
    naive: list[NaiveRun] = field(default_factory=list)
    peak_rss_mb: float = 0.0

    def summary(self) -> dict[str, float]:
        out: dict[str, float] = {"load_s": self.load_s, "peak_rss_mb": self.peak_rss_mb}
        if self.cold:
            out["cold_s"] = statistics.median(c["seconds"] for c in self.cold)
            out["cold_peak_rss_mb"] = max(c["peak_rss_mb"] for c in self.cold)
        if self.warm:
            out["warm_s"] = statistics.median(w.seconds for w in self.warm)
            out["score_s"] = statistics.median(w.score_s for w in self.warm)
            out["score_rows"] = statistics.median(w.score_rows for w in self.warm)
            tokens = sum(w.new_tokens for w in self.warm)
            out["tokens_per_s"] = tokens / max(1e-9, sum(w.generation_s for w in self.warm))
        if self.naive:
            names = {n.name for n in self.naive}
            fast = sum(w.generation_s for w in self.warm if w.name in names)
            slow = sum(n.seconds for n in self.naive)
            out["naive_beats_s"] = slow
            out["batched_beats_s"] = fast
            out["speedup"] = slow / max(1e-9, fast)
            out["naive_same_lines"] = sum(n.same_lines for n in self.naive)
            out["naive_lines"] = sum(n.beats for n in self.naive)
        return out


def samples(seeds: Path, tripod_csv: Path | None, count: int) -> list[Sample]:
    """The seeds, then `count` TRIPOD films drawn with a fixed seed (first annotation row)."""
    found = [Sample(p.name, p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("*.txt"))]
    if tripod_csv is None or count == 0:
        return found
    try:
        with tripod_csv.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise InputError(f"cannot read {tripod_csv}: {exc.strerror}") from exc
    films: dict[str, str] = {}
    for row in rows:
        film = re.sub(r"_\d+$", "", row.get("movie_name", ""))
        sentences = [s.strip() for s in SENTENCE.findall(row.get("synopsis_segmented", ""))]
        if film and sentences and film not in films:
            films[film] = " ".join(sentences)
    chosen = sorted(random.Random(SAMPLE_SEED).sample(sorted(films), min(count, len(films))))
    return found + [Sample(name, films[name]) for name in chosen]


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def cold(seed: Path, model: str, runs: int) -> list[dict[str, float]]:
    """New processes, one after the other; the children's peak memory is the largest one's."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "outliner",
                "outline",
                str(seed),
                "--stdout",
                "--quiet",
                "--model",
                model,
                "--date",
                "2026-01-01",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise InputError(f"cold run failed: {done.stderr.strip().splitlines()[-1:]}")
        out.append({"seconds": seconds, "peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN)})
    return out


class StageTimer:
    """Seconds per pipeline stage, from the pipeline's progress calls."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._stage = ""
        self._since = time.perf_counter()

    def step(self, stage: str) -> None:
        now = time.perf_counter()
        if self._stage:
            self.stages[self._stage] = self.stages.get(self._stage, 0.0) + now - self._since
        self._stage, self._since = stage.split(" ")[0], now


def warm(models: Any, items: Sequence[Sample], tick: Callable[[str], None]) -> list[WarmRun]:
    from outliner.pipeline import outline

    stats = getattr(models.summarizer, "stats", None)
    runs = []
    for item in items:
        timer = StageTimer()
        tokens0, gen0 = (stats.new_tokens, stats.seconds) if stats else (0, 0.0)
        rows0, score0 = (stats.score_rows, stats.score_seconds) if stats else (0, 0.0)
        started = time.perf_counter()
        made = outline(item.text, item.name, models=models, progress=timer.step)
        timer.step("done")
        seconds = time.perf_counter() - started
        runs.append(
            WarmRun(
                item.name,
                len(made.document.plot),
                len(made.beats),
                seconds,
                timer.stages,
                (stats.new_tokens - tokens0) if stats else 0,
                (stats.seconds - gen0) if stats else 0.0,
                (stats.score_rows - rows0) if stats else 0,
                (stats.score_seconds - score0) if stats else 0.0,
            )
        )
        tick(item.name)
    return runs


def naive(models: Any, items: Sequence[Sample], tick: Callable[[str], None]) -> list[NaiveRun]:
    """One generate() call per beat with the whole prompt: the way a first version does it."""
    import torch

    from outliner.pipeline import outline
    from outliner.prompts import FEW_SHOT, Task

    summarizer = models.summarizer
    model, tok = summarizer.model, summarizer.tokenizer
    shot = FEW_SHOT[Task.BEAT]
    stop = summarizer._newline_ids()
    runs = []
    for item in items:
        made = outline(item.text, item.name, models=models)
        passages = [" ".join(made.sentence(i).text for i in b.sentences) for b in made.beats]
        fast = summarizer.summarise(Task.BEAT, passages)
        started = time.perf_counter()
        lines, tokens = [], 0
        with torch.inference_mode():
            for passage in passages:
                ids = tok(shot.prefix() + shot.body(passage), return_tensors="pt").input_ids
                generated = model.generate(
                    input_ids=ids,
                    attention_mask=torch.ones_like(ids),
                    do_sample=False,
                    max_new_tokens=shot.max_new_tokens,
                    eos_token_id=stop,
                    pad_token_id=tok.pad_token_id,
                )
                new = [t for t in generated[0, ids.shape[1] :].tolist() if t not in stop]
                tokens += len(new)
                lines.append(tok.decode(new, skip_special_tokens=True))
        seconds = time.perf_counter() - started
        same = sum(a.strip() == b.strip() for a, b in zip(fast, lines, strict=True))
        runs.append(NaiveRun(item.name, len(passages), seconds, tokens, same))
        tick(item.name)
    return runs


def machine() -> dict[str, Any]:
    import os
    import platform

    import torch

    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": platform.processor() or platform.machine(),
    }


def to_json(report: Report) -> str:
    data = asdict(report)
    data["summary"] = report.summary()
    data["targets"] = TARGETS
    return json.dumps(data, indent=2) + "\n"
