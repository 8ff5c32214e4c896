"""Outline many inputs in one process: the models load once, one bad input stops nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from outliner import inputs as inputs_mod
from outliner.config import Options
from outliner.diagnostics import Diagnostic
from outliner.document import Outline
from outliner.errors import ModelError, OutlinerError
from outliner.inputs import Input
from outliner.output import check_free, write_atomic

FOUNTAIN = ".fountain"
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

    @property
    def ok(self) -> bool:
        return self.error is None


def output_paths(
    items: list[Input], out_dir: Path, suffix: str = FOUNTAIN
) -> dict[Input, Path | str]:
    """Where each input's outline goes, or why it cannot go anywhere (a name clash)."""
    taken: dict[Path, Input] = {}
    plan: dict[Input, Path | str] = {}
    for item in items:
        target = out_dir / f"{item.stem}{suffix}"
        if target in taken:
            plan[item] = f"{item.name}: same output name as {taken[target].name} ({target})"
        else:
            taken[target] = item
            plan[item] = target
    return plan


def run(
    items: list[Input],
    options: Options,
    outline: Callable[[str, str, Options], Outline],
    render: Render | dict[str, Render],
    out_dir: Path | None,
    force: bool = False,
    stdin: Callable[[], bytes] = lambda: b"",
) -> Iterator[Result]:
    """Outline each input in turn; `out_dir` None keeps the text in memory (for --stdout).

    `render` maps file suffixes to writers (one file per suffix); a single writer means
    ".fountain". `outline` is only called for inputs that could be read, so the models
    load lazily.
    """
    renders = render if isinstance(render, dict) else {FOUNTAIN: render}
    plans = {
        suffix: output_paths(items, out_dir, suffix) if out_dir is not None else {}
        for suffix in renders
    }
    for item in items:
        result = Result(item)
        try:
            targets = [plan.get(item) for plan in plans.values()]
            for target in targets:
                if isinstance(target, str):
                    raise OutlinerError(target)
                if target is not None:
                    check_free(target, force)  # fail before the slow part, not after
            text = inputs_mod.read(item, stdin)
            if text.warning:
                result.warnings.append(text.warning)
            made = outline(text.text, item.name, options)
            result.diagnostics = made.diagnostics
            # Render every format before writing any: a failing writer leaves no files.
            rendered = [write(made) for write in renders.values()]
            result.text = rendered[0]
            for target, data in zip(targets, rendered, strict=True):
                if isinstance(target, Path):
                    write_atomic(target, data, force)
                    result.outputs.append(target)
            result.output = result.outputs[0] if result.outputs else None
        except (ModelError, KeyboardInterrupt):
            raise  # no input can be outlined without the model
        except OutlinerError as exc:
            result.error = str(exc)
        except Exception as exc:  # one broken input must not stop the others
            if os.environ.get("OUTLINER_DEBUG"):
                raise
            result.error = f"{item.name}: internal error: {type(exc).__name__}: {exc}"
        yield result
