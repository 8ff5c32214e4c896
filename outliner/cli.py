"""The command line: parse options, call the library, report. Nothing heavy at import."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

# typer 0.29 bundles its own click; its parser raises these classes, not the click package's.
from typer._click import Context as ClickContext
from typer._click.exceptions import NoSuchOption
from typer.core import TyperCommand

from outliner import __version__
from outliner.errors import InputError, OutlinerError, UsageError, printable

if TYPE_CHECKING:
    from outliner import batch
    from outliner.batch import Result

app = typer.Typer(
    name="outliner",
    help=(
        "Turn film synopses into screenplay outlines in Fountain: acts, sequences, beats,"
        " turning points, scene headings and characters, summarised by a local model.\n\n"
        "Start with:  outliner outline synopsis.txt   (writes outlines/synopsis.fountain)"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Help is printed as written: rich markup would eat every "[default: ...]" and the
    # "[ray]" of "outliner[ray]".
    rich_markup_mode=None,
)
eval_app = typer.Typer(
    help="Score outliner's analyses against annotated data (turning points, characters).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")
err = Console(stderr=True, highlight=False)

DEFAULT_OUT = Path("outlines")


def say(message: str, label: str = "", style: str = "") -> None:
    """One line on stderr: a coloured label, then the message exactly as given.

    Messages hold file names, so no markup is read in them and control characters are
    escaped: "[/]" or a newline in a name can neither crash nor split the line.
    """
    line = Text.assemble((label, style), " ") if label else Text()
    err.print(line.append(printable(message)), soft_wrap=True)


def error(message: str) -> None:
    say(message, "error:", "bold red")


def fail(message: str, code: int = 1) -> NoReturn:
    error(message)
    raise typer.Exit(code)


def warn(message: str) -> None:
    say(message, "warning:", "yellow")


class PathsCommand(TyperCommand):
    """A command that takes file names: an unknown option may be a file named "-x"."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as exc:
            hint = (
                "a file whose name starts with '-'? put -- before the file names, or write ./NAME"
            )
            raise NoSuchOption(
                exc.option_name, f"{exc.message} ({hint})", exc.possibilities, exc.ctx
            ) from None


@contextmanager
def user_errors() -> Iterator[None]:
    """OutlinerError -> one line and its exit status; Ctrl-C -> 130. No tracebacks."""
    try:
        yield
    except OutlinerError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"outliner {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Screenplay outlines from film synopses."""


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date must be YYYY-MM-DD, got {value!r}") from None


@app.command(cls=PathsCommand)
def outline(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Synopsis files, folders (every .txt/.md inside), or - for standard input.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the .fountain files [default: outlines/].",
            show_default=False,
        ),
    ] = None,
    stdout: Annotated[
        bool, typer.Option("--stdout", help="Print the outline instead of writing a file.")
    ] = False,
    model: Annotated[
        str,
        typer.Option(
            "--model",
            "-m",
            help="A registered model (see `outliner models`), a local transformers"
            " directory (causal LM or seq2seq summarizer), or a cached hub id.",
        ),
    ] = "gemma-3-270m",
    beats: Annotated[
        int | None,
        typer.Option(
            "--beats",
            "-b",
            min=1,
            max=200,
            help="About this many beats [default: one per two plot sentences, 8 to 30].",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            "-t",
            help="Title for the title page [default: a title line in the input, else the"
            " file's name, else Untitled]; 'auto' asks the model for one.",
            show_default=False,
        ),
    ] = None,
    draft_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Draft date [default: today]; fix it for reproducible files.",
            show_default=False,
        ),
    ] = None,
    each: Annotated[
        bool,
        typer.Option(
            "--each",
            help="Outline every retelling in a file apart (film-1.fountain, film-2...)"
            " instead of fusing them into one story.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Overwrite existing outlines.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only errors and the summary.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes (each loads the model once; up to the number of cores).",
        ),
    ] = 1,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Skip inputs whose outline exists and is newer than the input and the model.",
        ),
    ] = False,
    manifest: Annotated[
        bool,
        typer.Option(
            "--manifest/--no-manifest",
            help="For batch runs (several inputs, -j, --resume, ray): append one JSON line"
            " per input (status, seconds, diagnostics) to DIR/manifest.jsonl.",
        ),
    ] = True,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="local (this machine, -j workers) or ray (Ray tasks; pip install"
            " 'outliner[ray]').",
        ),
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            metavar="ADDRESS",
            help="Ray cluster to use with --engine ray [default: start a local one].",
            show_default=False,
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-F",
            help="fountain, fdx, pdf, html, json or md; repeat it, or give all"
            " [default: fountain].",
            show_default=False,
        ),
    ] = None,
    structure: Annotated[
        str,
        typer.Option(
            "--structure",
            "-s",
            help="Label and group the beats by: three-act, five-tp, save-the-cat,"
            " heros-journey or eight-sequences.",
        ),
    ] = "three-act",
) -> None:
    """Outline synopses: one file per input and format, named after the input.

    \b
    Examples:
      outliner outline seeds/                      # every .txt/.md in seeds/ -> outlines/
      outliner outline film.txt -o drafts --force  # overwrite drafts/film.fountain
      cat film.txt | outliner outline - --stdout   # read stdin, print the outline
      outliner outline film.txt -F fdx -F pdf      # film.fdx for Final Draft, film.pdf
      outliner outline retold.txt --each           # retold-1.fountain, one per retelling
      outliner outline film.txt -F all -s save-the-cat  # every format, Save the Cat beats
      outliner outline corpus/ -j 2 --resume       # two workers; skip finished outlines
      outliner outline corpus/ --engine ray --ray-address auto   # on a running Ray cluster
    """
    with user_errors():
        from outliner.formats import check_structure, parse_formats

        chosen = (parse_formats(formats), check_structure(structure))
        run = Run(jobs, resume, manifest, engine, ray_address)
        _outline(
            paths,
            output,
            stdout,
            model,
            beats,
            title,
            parse_date(draft_date),
            force,
            quiet,
            chosen,
            run,
            each=each,
        )


@dataclass(frozen=True)
class Run:
    """How a batch runs (not what it makes): workers, resuming, manifest, engine."""

    jobs: int = 1
    resume: bool = False
    manifest: bool = True
    engine: str = "local"
    ray_address: str | None = None


def _outline(
    paths: list[str],
    output: Path | None,
    stdout: bool,
    model: str,
    beats: int | None,
    title: str | None,
    draft_date: date | None,
    force: bool,
    quiet: bool,
    chosen: tuple[tuple[str, ...], str] = (("fountain",), "three-act"),
    run: Run = Run(),
    each: bool = False,
) -> None:
    from outliner import batch
    from outliner.config import Options
    from outliner.engines import engine_for
    from outliner.inputs import collect
    from outliner.output import check_dir

    if stdout and output is not None:
        raise UsageError("give either --stdout or --output, not both")
    if stdout and run.resume:
        raise UsageError("--resume needs output files, not --stdout")
    engine_ = engine_for(run.engine, model, run.jobs, run.ray_address, _loading(model, quiet))
    items, problems = collect(paths)
    for _, message in problems:
        error(message)
    if stdout and len(items) + len(problems) > 1:
        raise UsageError("--stdout takes a single input")
    formats, structure = chosen
    if stdout and (len(formats) > 1 or "pdf" in formats):
        raise UsageError("--stdout prints one text format; write pdf or several formats to files")
    if title is not None and len(items) > 1:
        warn("--title applies to every input")
    out_dir = None if stdout else (output or DEFAULT_OUT)
    if out_dir is not None and items:
        check_dir(out_dir)  # created with the first file written: a failed run leaves none

    options = Options(beats=beats, title=title, draft_date=draft_date, each=each)
    resume_after = None
    if run.resume:
        from outliner.backends.registry import model_time

        resume_after = model_time(model)
    renders = _renders(formats, structure)

    manifest = None
    batch_run = len(items) > 1 or run.resume or run.jobs > 1 or run.engine == "ray"
    if run.manifest and out_dir is not None and items and batch_run:
        manifest = batch.Manifest(out_dir / batch.MANIFEST)
    results = []
    try:
        with _progress(len(items), quiet) as advance:
            for result in batch.run(
                items,
                options,
                engine_,
                renders,
                out_dir,
                force,
                sys.stdin.buffer.read,  # called with the size limit: never reads without end
                resume_after,
            ):
                results.append(result)
                advance(result.item.name)
                if manifest is not None:
                    manifest.add(result)
                _report(result, quiet, stdout)
    finally:
        if manifest is not None:
            manifest.close()

    failed = problems + [(r.item.name, r.error) for r in results if r.error]
    manifest_error = manifest.error if manifest is not None else None
    if manifest_error is not None:
        error(manifest_error)
    _summary(results, failed, out_dir)
    if failed or manifest_error:
        raise typer.Exit(1)


def _report(result: Result, quiet: bool, stdout: bool) -> None:
    for message in result.warnings:
        warn(message)
    if not quiet:
        for diagnostic in result.diagnostics:
            warn(f"{result.item.name}: {diagnostic}")
    if result.error:
        error(result.error)
    elif stdout and isinstance(result.text, str):
        sys.stdout.write(result.text)


def _renders(formats: tuple[str, ...], structure: str) -> dict[str, batch.Render]:
    """File suffix -> writer for each chosen format, all in the chosen structure."""
    from functools import partial

    from outliner.formats import extension, render

    return {extension(f): partial(render, name=f, structure=structure) for f in formats}


def _loading(model: str, quiet: bool) -> Callable[[], AbstractContextManager[object]]:
    """A spinner while the models load in this process (they load on first use only)."""
    return lambda: nullcontext() if quiet else err.status(Text(f"Loading {printable(model)}…"))


@contextmanager
def _progress(total: int, quiet: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr when there are several inputs."""
    if total < 2 or quiet or not err.is_terminal:
        yield lambda _name: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("Outlining", total=total)
        yield lambda name: progress.update(
            task, advance=1, description=f"Outlined {escape(printable(name))}"
        )


def _summary(results: list[Result], failed: list[tuple[str, str]], out_dir: Path | None) -> None:
    """The closing lines: what was written, then each failed input (name: why)."""
    from outliner.diagnostics import Code

    written = [r for r in results if r.ok]
    fallbacks = sum(1 for r in written for d in r.diagnostics if d.code is Code.BEAT_LINE_FALLBACK)
    beats = "" if not written else f"; {fallbacks} beat line(s) fell back to the source sentence"
    where = f" to {out_dir}/" if out_dir is not None and written else ""
    line = f"{len(written)} outline(s) written{where}{beats}"
    skipped = sum(1 for r in results if r.skipped)
    if skipped:
        line += f"; {skipped} up to date (skipped)"
    if failed:
        line += f"; {len(failed)} input(s) failed:"
    say(line)
    for name, message in failed:
        named = message.startswith(printable(name))
        say(f"  {message}" if named else f"  {name}: {message}")


@app.command()
def models() -> None:
    """List the registered summarization models and whether each is ready to load."""
    with user_errors():
        from outliner.backends.registry import is_ready, summarizers

        for spec in summarizers().values():
            state = "ready" if is_ready(spec) else "not prepared (run: outliner prepare)"
            default = " (default)" if spec.default else ""
            aliases = f" [aliases: {', '.join(spec.aliases)}]" if spec.aliases else ""
            typer.echo(f"{spec.name}{default}: {state}\n    {spec.description}{aliases}")


@app.command()
def prepare(
    model: Annotated[str, typer.Argument(help="Registered model name.")] = "gemma-3-270m",
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even if the cache is fine.")
    ] = False,
    verify: Annotated[
        bool, typer.Option("--verify", help="Check every byte of the cache (slower).")
    ] = False,
) -> None:
    """Build a model's ready-to-load cache under models/cache/ (once; later runs reuse it)."""
    with user_errors():
        from outliner.backends import gguf_cache
        from outliner.backends.registry import lookup
        from outliner.errors import ModelError

        spec = lookup(model)
        if spec is None:
            raise ModelError(f"unknown model {model!r} (see `outliner models`)")
        if spec.source != "gguf-package":
            typer.echo(f"{spec.name} needs no preparation")
            return
        path = gguf_cache.prepare(spec, force=force, verify=verify, report=say)
        typer.echo(f"{spec.name} is ready in {os.path.relpath(path)}")


@app.command()
def bench(
    model: Annotated[str, typer.Option("--model", "-m", help="Model to measure.")] = "gemma-3-270m",
    seeds: Annotated[
        Path, typer.Option("--seeds", help="Folder of synopses measured first.")
    ] = Path("seeds"),
    tripod: Annotated[
        Path | None,
        typer.Option(
            "--tripod",
            help="TRIPOD CSV to draw the fixed sample from [default:"
            " ../shared/data/tripod/synopses_train.csv when present].",
            show_default=False,
        ),
    ] = None,
    sample: Annotated[
        int, typer.Option("--sample", min=0, help="TRIPOD films in the fixed sample.")
    ] = 20,
    cold_runs: Annotated[
        int, typer.Option("--cold-runs", min=0, help="New-process runs on the first seed.")
    ] = 2,
    naive: Annotated[
        bool,
        typer.Option(
            "--naive/--no-naive",
            help="Also time one generate() per beat without the prefix cache (slow).",
        ),
    ] = True,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where the figures go, as JSON.")
    ] = Path("bench/latest.json"),
) -> None:
    """Measure speed and memory: cold start, warm per synopsis, per stage, tokens/s, naive ratio.

    \b
    Figures, not pass/fail; the targets are printed beside them. Takes a few minutes.
    Examples:
      outliner bench                          # seeds + 20 TRIPOD films -> bench/latest.json
      outliner bench --sample 0 --no-naive    # the seeds only, quick
    """
    with user_errors():
        from outliner import bench as b

        default_csv = Path("../shared/data/tripod/synopses_train.csv")
        csv_path = (
            tripod if tripod is not None else (default_csv if default_csv.is_file() else None)
        )
        if tripod is not None and not tripod.is_file():
            raise UsageError(f"no TRIPOD CSV at {tripod}")
        items = b.samples(seeds, csv_path, sample)
        if not items:
            raise UsageError(f"nothing to measure: no .txt files in {seeds}")
        from outliner.pipeline import Models

        report = b.Report(b.machine(), model)
        if cold_runs:
            say(f"cold: {cold_runs} new process(es) on {items[0].name}…")
            report.cold = b.cold(seeds / items[0].name, model, cold_runs)
        started = time.perf_counter()
        models = Models.load(model)
        report.load_s = time.perf_counter() - started
        from outliner.pipeline import outline as outline_api

        outline_api(items[0].text, items[0].name, models=models)  # warm-up: lazy loads
        with _progress(len(items), False) as advance:
            report.warm = b.warm(models, items, advance)
        if naive:
            with _progress(len(items), False) as advance:
                report.naive = b.naive(models, items, advance)
        report.peak_rss_mb = b.peak_rss_mb()
        _print_bench(report)
        from outliner.output import ensure_dir, write_atomic

        ensure_dir(output.parent)
        write_atomic(output, b.to_json(report), force=True)
        say(f"figures written to {output}")


def _print_bench(report: object) -> None:
    from rich.table import Table

    from outliner.bench import TARGETS, Report

    assert isinstance(report, Report)
    table = Table("synopsis", "sent.", "beats", "warm s", "stages (s)", "tok/s", box=None)
    for run in report.warm:
        stages = " ".join(f"{k[:5]} {v:.2f}" for k, v in run.stages.items() if v >= 0.01)
        rate = run.new_tokens / run.generation_s if run.generation_s else 0.0
        table.add_row(
            Text(run.name[:32]),
            str(run.sentences),
            str(run.beats),
            f"{run.seconds:.2f}",
            stages,
            f"{rate:.0f}",
        )
    Console().print(table)
    summary = report.summary()
    lines = [f"model {report.model}; load {summary['load_s']:.1f} s"]
    if "warm_s" in summary:
        lines.append(
            f"warm median {summary['warm_s']:.2f} s per synopsis (target ≤ {TARGETS['warm_s']:g});"
            f" {summary['tokens_per_s']:.0f} generated tokens/s; scoring candidate lines"
            f" {summary['score_s']:.2f} s ({summary['score_rows']:.0f} lines) per synopsis"
        )
    if "cold_s" in summary:
        lines.append(
            f"cold median {summary['cold_s']:.2f} s (target ≤ {TARGETS['cold_s']:g});"
            f" cold peak memory {summary['cold_peak_rss_mb']:.0f} MB"
        )
    lines.append(
        f"peak memory of this process {summary['peak_rss_mb']:.0f} MB"
        f" (target ≤ {TARGETS['peak_rss_mb']:.0f})"
    )
    if "speedup" in summary:
        lines.append(
            f"beat generation: naive {summary['naive_beats_s']:.1f} s, batched"
            f" {summary['batched_beats_s']:.1f} s: {summary['speedup']:.1f}x faster;"
            f" {summary['naive_same_lines']:.0f}/{summary['naive_lines']:.0f} lines identical"
        )
    for line in lines:
        typer.echo(line)


@app.command(cls=PathsCommand)
def render(
    source: Annotated[Path, typer.Argument(help="An outline written with --format json.")],
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format", "-F", help="Formats to write (as for `outline`).", show_default=False
        ),
    ] = None,
    structure: Annotated[
        str | None,
        typer.Option(
            "--structure",
            "-s",
            help="Structure to group by [default: the one stored in the JSON].",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder [default: beside SOURCE].", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", "-f", help="Overwrite existing files.")] = False,
) -> None:
    """Write other formats from a JSON outline, without running any model.

    \b
    Examples:
      outliner render outlines/film.json --format fdx      # outlines/film.fdx
      outliner render film.json -F all -s heros-journey -o out
    """
    with user_errors():
        from outliner.formats import check_structure, extension, parse_formats
        from outliner.formats import render as render_one
        from outliner.inputs import named, no_stdin, read
        from outliner.output import check_dir, check_free, ensure_dir, write_atomic
        from outliner.writers.json import MAX_BYTES, from_json

        chosen = parse_formats(formats)
        if structure is not None:
            check_structure(structure)
        text = read(named(str(source)), no_stdin, MAX_BYTES, synopsis=False).text
        made, stored = from_json(text, source.name)
        out_dir = output or source.parent
        check_dir(out_dir)
        targets = [out_dir / f"{source.stem}{extension(f)}" for f in chosen]
        if source.resolve() in {t.resolve() for t in targets}:
            raise UsageError(f"{source} would overwrite itself; give --output")
        for target in targets:
            check_free(target, force)  # all or nothing: refuse before writing any
        rendered = [render_one(made, f, structure or stored) for f in chosen]
        ensure_dir(out_dir)
        for target, data in zip(targets, rendered, strict=True):
            write_atomic(target, data, force)
            typer.echo(f"wrote {target}")


@app.command(cls=PathsCommand)
def check(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE.fountain", help="Fountain files to check.")
    ],
    screenplay: Annotated[
        bool,
        typer.Option(
            "--screenplay", help="A screenplay, not an outline: dialogue is fine if all agree."
        ),
    ] = False,
) -> None:
    """Read Fountain files with five parsers and report where they disagree.

    fountain-py, screenplain, screenplay-tools, fountain-js and afterwriting must find the
    same sections, synopses and scene headings, and no character cue or dialogue (an
    outline has none; --screenplay allows it). Exit status 1 on any disagreement: handy
    after editing an outline by hand.

    \b
    Examples:
      outliner check outlines/film.fountain
      outliner check outlines/*.fountain
    """
    with user_errors():
        from outliner.conformance import KEYS, disagreements, nothing_found, parse_all
        from outliner.inputs import named, no_stdin, read

        items = [named(str(f)) for f in files]
        texts = [read(item, no_stdin, synopsis=False).text for item in items]
        failed = empty = 0
        for item, seen in zip(items, parse_all(texts), strict=True):
            typer.echo(f"{item.name}:")
            for s in seen:
                found = s.error or ", ".join(f"{s.counts[k]} {k.replace('_', ' ')}" for k in KEYS)
                typer.echo(f"  {s.parser:<17} {found}")
            missing = nothing_found(seen, screenplay)
            if missing is not None:
                empty += 1
                error(f"{item.name}: {missing}")
                continue
            problems = disagreements(seen, dialogue_allowed=screenplay)
            failed += bool(problems)
            for problem in problems:
                say(f"{item.name}: {problem}", "disagreement:", "bold red")
        verdicts = []
        if failed:
            verdicts.append(f"{failed} of {len(files)} file(s): the parsers disagree")
        if empty:
            kind = "screenplay" if screenplay else "outline"
            verdicts.append(f"{empty} of {len(files)} file(s) hold no {kind}")
        if verdicts:
            fail("; ".join(verdicts))
        typer.echo(f"{len(files)} file(s): all five parsers agree")


@app.command()
def schema() -> None:
    """Print the JSON Schema of --format json outlines (versioned)."""
    from outliner.writers.json import schema as json_schema

    typer.echo(json_schema(), nl=False)


@app.command("turning-points", cls=PathsCommand)
def turning_points(
    path: Annotated[
        str, typer.Argument(metavar="FILE", help="A synopsis file, or - for standard input.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON list instead of text.")] = False,
) -> None:
    """Find the five turning points of a synopsis with the trained TRIPOD model.

    \b
    Prints, for Opportunity, Change of Plans, Point of No Return, Major Setback and
    Climax: the sentence index (from 0), the model's probability and the sentence.
    Examples:
      outliner turning-points film.txt
      outliner turning-points film.txt --json > film-tps.json
    """
    with user_errors():
        import json
        from dataclasses import asdict

        from outliner.inputs import named, read

        item = named(path)
        text = read(item, sys.stdin.buffer.read).text  # before loading any model

        from outliner.pipeline import _encoder
        from outliner.stages.structure import default_detector
        from outliner.turning_points.api import find

        found = find(text, item.name, _encoder(), default_detector())
        if len({f.index for f in found}) < 5:
            from outliner.diagnostics import Code

            warn(
                f"{Code.TOO_SHORT_FOR_TURNING_POINTS.value} too few sentences for five"
                " distinct turning points; some share a sentence"
            )
        if as_json:
            typer.echo(json.dumps([asdict(f) for f in found], ensure_ascii=False, indent=2))
            return
        for f in found:
            score = "" if f.score is None else f" ({f.score:.2f})"
            typer.echo(f"TP{f.number} {f.label}: sentence {f.index}{score}\n    {f.text}")


@eval_app.command("tripod")
def eval_tripod(
    csv_path: Annotated[
        Path, typer.Argument(metavar="CSV", help="A CSV in TRIPOD's format.", show_default=False)
    ],
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            metavar="OUT.jsonl",
            help="Also write one JSON object per row with the predicted indices.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Score the turning-point model on annotated synopses (TA, PA, D, x100).

    \b
    The CSV has columns movie_name, synopsis_segmented ([STR_SENT] ... [END_SENT] per
    sentence, used as is) and tp1..tp5. Rows of one film (Film_0, Film_1) are scored
    each; the film-averaged figure is printed too.
    Examples:
      outliner eval tripod synopses_test.csv
      outliner eval tripod synopses_test.csv --predictions predictions.jsonl
    """
    with user_errors():
        from outliner.pipeline import _encoder
        from outliner.turning_points.api import evaluate_csv, write_predictions
        from outliner.turning_points.evaluate import per_film
        from outliner.turning_points.model import DEFAULT_PATH, TurningPointModel
        from outliner.turning_points.tripod import read_csv

        read_csv(csv_path)  # a bad CSV fails here, before any model loads
        model = TurningPointModel.load(DEFAULT_PATH)
        with err.status("Scoring turning points…") as status:
            result = evaluate_csv(
                csv_path,
                _encoder(),
                model.predict,
                lambda name: status.update(Text(f"Scoring {printable(name)}…")),
            )
        for film, scores in per_film(result.named).items():
            typer.echo(f"{film:<50} {scores}")
        typer.echo(f"{'overall (' + str(len(result.rows)) + ' rows)':<50} {result.overall}")
        typer.echo(f"{'film-averaged':<50} {result.by_film}")
        if predictions is not None:
            write_predictions(result, predictions)
            say(f"predictions written to {predictions}")


@app.command(cls=PathsCommand)
def characters(
    path: Annotated[str, typer.Argument(help="A synopsis file, or - for standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON records.")] = False,
) -> None:
    """List the characters a synopsis follows: name, aliases, role, description, mentions,
    and the actor named in parentheses after them.

    \b
    Examples:
      outliner characters seeds/001_00b87c37e72731c0.txt
      outliner characters film.txt --json > characters.json
    """
    with user_errors():
        from outliner.inputs import collect, read
        from outliner.story import commands

        items, problems = collect([path])
        if problems:
            raise InputError(problems[0][1])
        if len(items) != 1:
            raise UsageError("give one synopsis file")
        found = commands.characters_of(read(items[0], sys.stdin.buffer.read).text)
        text = commands.characters_json(found) if as_json else commands.characters_table(found)
        sys.stdout.write(text)


@eval_app.command("characters")
def eval_characters(
    synopses: Annotated[Path, typer.Argument(help="TRIPOD synopses CSV.")],
    cast: Annotated[Path, typer.Argument(help="IMDb cast TSV (movie, actor, character).")],
    bodies: Annotated[
        bool,
        typer.Option(
            "--bodies",
            help="Also outline every film with the fake model and count actor names in"
            " beat and action lines.",
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Per film: extra and missed characters.")
    ] = False,
) -> None:
    """Score the character finder against IMDb casts: precision, recall, F1, actors.

    A cast character is present when one of its name words (3+ letters, not a title) is
    written with a capital in the synopsis, as the issue defines it. "default" reads name
    words as the words that name that character: an unnamed part ("Baltimore Waitress")
    has none, and a word several cast characters share names the first-billed.
    "literal" drops both refinements. Both are printed, for all films, for the half the
    rules were developed on (even alphabetical positions) and for the other half.

    \b
    Example:
      outliner eval characters ../shared/data/tripod/synopses_train.csv \\
          ../shared/data/tripod/cast_train.tsv --bodies
    """
    with user_errors():
        from outliner.story import commands

        result = commands.evaluate_characters(synopses, cast, bodies)
        sys.stdout.write(commands.report_text(result, verbose))


def main() -> None:
    app()
