"""Outline many inputs: plan the outputs, read the inputs, let an engine outline, write.

The main process does every read and write (atomic, no clobbering without --force); the
engine (engines.py) only turns texts into Outlines, here or elsewhere. One bad input stops
nothing; a model that cannot load stops everything (no input could succeed).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from outliner import inputs as inputs_mod
from outliner.config import Options
from outliner.diagnostics import Diagnostic
from outliner.document import Outline
from outliner.engines import Done, Engine, Job
from outliner.errors import ModelError, OutlinerError
from outliner.inputs import Input
from outliner.output import check_free, ensure_dir, write_atomic

FOUNTAIN = ".fountain"
MANIFEST = "manifest.jsonl"
Render = Callable[[Outline], "str | bytes"]


@dataclass
class Result:
    item: Input
    output: Path | None = None  # the first file written
    outputs: list[Path] = field(default_factory=list)
    text: str | bytes | None = None  # the first format's output (kept for --stdout)
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


def output_paths(
    items: list[Input], out_dir: Path, suffix: str = FOUNTAIN
) -> dict[Input, Path | str]:
    """Where each input's outline goes, or why it cannot go anywhere (a name clash)."""
    taken: dict[Path, Input] = {}
    plan: dict[Input, Path | str] = {}
    for item in items:
        target = out_dir / f"{item.stem}{suffix}"
        if target in taken:
            plan[item] = (
                f"{taken[target].where} and {item.where}: same output name {target};"
                " rename one, or outline them into different folders (-o)"
            )
        else:
            taken[target] = item
            plan[item] = target
    return plan


def up_to_date(item: Input, targets: list[Path], model_time: float) -> bool:
    """--resume: every output exists and is newer than its input and the model."""
    if item.path is None or not targets or not all(t.is_file() for t in targets):
        return False
    made = min(t.stat().st_mtime for t in targets)
    return made >= item.path.stat().st_mtime and made >= model_time


def run(
    items: list[Input],
    options: Options,
    engine: Engine,
    render: Render | dict[str, Render],
    out_dir: Path | None,
    force: bool = False,
    stdin: inputs_mod.Reader = lambda _size: b"",
    resume_after: float | None = None,
) -> Iterator[Result]:
    """Outline each input; `out_dir` None keeps the text in memory (for --stdout).

    `render` maps file suffixes to writers (one file per suffix); a single writer means
    ".fountain". With `resume_after` (the model's modification time), inputs whose outputs
    are newer than both the input and the model are skipped. Results come as they finish.
    """
    renders = render if isinstance(render, dict) else {FOUNTAIN: render}
    plans = [
        output_paths(items, out_dir, suffix) if out_dir is not None else {} for suffix in renders
    ]
    jobs: list[Job] = []
    results: dict[int, Result] = {}
    targets: dict[int, list[Path]] = {}
    for index, item in enumerate(items):
        result = Result(item)
        try:
            planned = [plan[item] for plan in plans if item in plan]
            clash = next((t for t in planned if isinstance(t, str)), None)
            if clash is not None:
                raise OutlinerError(clash)
            paths = [t for t in planned if isinstance(t, Path)]
            if resume_after is not None and up_to_date(item, paths, resume_after):
                result.skipped, result.outputs = True, paths
                result.output = paths[0]
                yield result
                continue
            for path in paths:
                check_free(path, force)  # fail before the slow part, not after
            text = inputs_mod.read(item, stdin)
        except OutlinerError as exc:
            result.error = str(exc)
            yield result
            continue
        if text.warning:
            result.warnings.append(text.warning)
        results[index], targets[index] = result, paths
        jobs.append(Job(index, item.name, text.text, options))

    for done in engine.run(jobs):
        if done.fatal:
            raise ModelError(done.error or "the model cannot be loaded")
        index = done.job.index
        yield _finish(results[index], done, targets[index], list(renders.values()), force)


def _finish(
    result: Result, done: Done, targets: list[Path], renders: list[Render], force: bool
) -> Result:
    result.seconds = done.seconds
    if done.outline is None:
        result.error = done.error or f"{result.item.name}: failed"
        return result
    made = (done.outline, *done.more)
    result.diagnostics = tuple(d for outline in made for d in outline.diagnostics)
    if len(made) > 1:
        # Several films (or --each): film.fountain becomes film-1.fountain, film-2.fountain.
        targets = [
            t.with_name(f"{t.stem}-{n}{t.suffix}") for n in range(1, len(made) + 1) for t in targets
        ]
    try:
        # Render every format before writing any: a failing writer leaves no files.
        rendered = [write(outline) for outline in made for write in renders]
        texts = [t for t in rendered[:: len(renders)] if isinstance(t, str)]
        # --stdout: several outlines one after another, a page break (===) between them.
        result.text = "\n===\n\n".join(texts) if len(texts) > 1 else rendered[0]
        for target in targets:
            check_free(target, force)
        if targets:
            ensure_dir(targets[0].parent)  # made now that there is a file to put in it
        for target, data in zip(targets, rendered, strict=False):
            write_atomic(target, data, force)
            result.outputs.append(target)
        result.output = result.outputs[0] if result.outputs else None
    except OutlinerError as exc:
        result.error = str(exc)
    except Exception as exc:  # a writer's bug must not stop the other inputs
        if os.environ.get("OUTLINER_DEBUG"):
            raise
        result.error = f"{result.item.name}: internal error: {type(exc).__name__}: {exc}"
    return result


class Manifest:
    """One JSON line per input and run, appended as results arrive (a crash loses none).

    The file is opened for the first line whose folder exists, so a run that writes
    nothing (an early interrupt, every input failed before the folder was made) leaves no
    manifest. A failed write (a full disk) is kept in `error`, the lines written before it
    stay and no empty or half-written line is left.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: str | None = None
        self._pending: list[str] = []
        self._handle: TextIO | None = None
        self._created = False
        self._good_size = 0  # bytes known to be on disk

    def add(self, result: Result) -> None:
        record = {
            "input": str(result.item.path) if result.item.path else result.item.name,
            "output": str(result.output) if result.output else None,
            "status": result.status,
            "seconds": round(result.seconds, 3),
            "diagnostics": [str(d) for d in result.diagnostics],
            "error": result.error,
        }
        self._pending.append(json.dumps(record, ensure_ascii=False) + "\n")
        self._flush()

    def close(self) -> None:
        self._flush()
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None

    def _flush(self) -> None:
        if self.error is not None or not self._pending or not self.path.parent.is_dir():
            return
        try:
            if self._handle is None:
                self._created = not self.path.exists()
                self._handle = self.path.open("a", encoding="utf-8")
                self._good_size = self._handle.tell()
            self._handle.write("".join(self._pending))
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._good_size = self._handle.tell()
            self._pending.clear()
        except OSError as exc:
            self.error = f"cannot write the manifest {self.path}: {exc.strerror or exc}"
            self._roll_back()

    def _roll_back(self) -> None:
        """Close, cut off a half-written line, and remove a manifest left empty."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()  # its flush may fail again: the disk is still full
            self._handle = None
        with contextlib.suppress(OSError):
            if self.path.is_file():
                os.truncate(self.path, self._good_size)
            if self._created and self._good_size == 0:
                self.path.unlink()
