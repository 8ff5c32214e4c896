"""Outline many inputs: plan the outputs, read the inputs, let an engine outline, write.

The main process does every read and write (atomic, no clobbering without --force); the
engine (engines.py) only turns texts into Outlines, here or elsewhere. One bad input stops
nothing; a model that cannot load stops everything (no input could succeed).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from outliner import inputs as inputs_mod
from outliner.config import Options
from outliner.diagnostics import Diagnostic
from outliner.document import Outline
from outliner.engines import Done, Engine, Job
from outliner.errors import ModelError, OutlinerError, OutputError
from outliner.inputs import Input
from outliner.output import check_free, write_atomic

FOUNTAIN = ".fountain"
MANIFEST = "manifest.jsonl"


@dataclass
class Result:
    item: Input
    output: Path | None = None
    text: str | None = None  # the Fountain text (kept for --stdout)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    diagnostics: tuple[Diagnostic, ...] = ()
    skipped: bool = False  # --resume: the output is already up to date
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.skipped

    @property
    def status(self) -> str:
        return "skipped" if self.skipped else "failed" if self.error else "ok"


def output_paths(items: list[Input], out_dir: Path) -> dict[Input, Path | str]:
    """Where each input's outline goes, or why it cannot go anywhere (a name clash)."""
    taken: dict[Path, Input] = {}
    plan: dict[Input, Path | str] = {}
    for item in items:
        target = out_dir / f"{item.stem}{FOUNTAIN}"
        if target in taken:
            plan[item] = f"{item.name}: same output name as {taken[target].name} ({target})"
        else:
            taken[target] = item
            plan[item] = target
    return plan


def up_to_date(item: Input, target: Path, model_time: float) -> bool:
    """--resume: the output exists and is newer than its input and the model."""
    if item.path is None or not target.is_file():
        return False
    made = target.stat().st_mtime
    return made >= item.path.stat().st_mtime and made >= model_time


def run(
    items: list[Input],
    options: Options,
    engine: Engine,
    render: Callable[[Outline], str],
    out_dir: Path | None,
    force: bool = False,
    stdin: Callable[[], bytes] = lambda: b"",
    resume_after: float | None = None,
) -> Iterator[Result]:
    """Outline each input; `out_dir` None keeps the text in memory (for --stdout).

    With `resume_after` (the model's modification time), inputs whose output is newer than
    both the input and the model are skipped. Results come in the order they finish.
    """
    plan = output_paths(items, out_dir) if out_dir is not None else {}
    jobs: list[Job] = []
    results: dict[int, Result] = {}
    for index, item in enumerate(items):
        result = Result(item)
        try:
            target = plan.get(item)
            if isinstance(target, str):
                raise OutlinerError(target)
            if target is not None:
                if resume_after is not None and up_to_date(item, target, resume_after):
                    result.skipped, result.output = True, target
                    yield result
                    continue
                check_free(target, force)  # fail before the slow part, not after
            text = inputs_mod.read(item, stdin)
        except OutlinerError as exc:
            result.error = str(exc)
            yield result
            continue
        if text.warning:
            result.warnings.append(text.warning)
        results[index] = result
        jobs.append(Job(index, item.name, text.text, options))

    for done in engine.run(jobs):
        if done.fatal:
            raise ModelError(done.error or "the model cannot be loaded")
        yield _finish(results[done.job.index], done, plan, render, force)


def _finish(
    result: Result,
    done: Done,
    plan: dict[Input, Path | str],
    render: Callable[[Outline], str],
    force: bool,
) -> Result:
    result.seconds = done.seconds
    if done.outline is None:
        result.error = done.error or f"{result.item.name}: failed"
        return result
    result.diagnostics = done.outline.diagnostics
    try:
        result.text = render(done.outline)
        target = plan.get(result.item)
        if isinstance(target, Path):
            write_atomic(target, result.text, force)
            result.output = target
    except OutlinerError as exc:
        result.error = str(exc)
    return result


class Manifest:
    """One JSON line per input and run, appended as results arrive (a crash loses none)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._handle = path.open("a", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write the manifest {path}: {exc.strerror}") from exc

    def add(self, result: Result) -> None:
        record = {
            "input": str(result.item.path) if result.item.path else result.item.name,
            "output": str(result.output) if result.output else None,
            "status": result.status,
            "seconds": round(result.seconds, 3),
            "diagnostics": [str(d) for d in result.diagnostics],
            "error": result.error,
        }
        self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()
