"""Hostile input, faults and signals: every case a fuzz run of the CLI broke once.

The fake model everywhere, so the suite stays fast. Cases that could hang or eat the
machine's memory before their fix (an endless stdin, a FIFO, a killed parent) run the
real command in a new process with a timeout and a memory cap: a regression fails the
test instead of stalling it. The property tests at the end feed arbitrary synopses through
`read` and every writer.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from outliner.cli import app
from outliner.config import Options
from outliner.conformance import PYTHON_PARSERS, expected
from outliner.document import Outline, Place, Setting
from outliner.errors import InputError
from outliner.formats import FORMAT_NAMES, render
from outliner.pipeline import outline as outline_api
from outliner.pipeline import outlines as outlines_api
from outliner.structures import STRUCTURE_NAMES, arrange
from outliner.writers.json import from_json, to_json
from tests.conftest import ROOT, fake_models

runner = CliRunner()
STORY = "Ballu escapes from jail. Ram chases him through the city. Ganga helps Ram.\n"
DRAFT = date(2026, 1, 1)


def run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def outline(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return run("outline", "--model", "fake", "--date", "2026-01-01", *args, stdin=stdin)


def failed_cleanly(result, code: int, fragment: str) -> str:  # type: ignore[no-untyped-def]
    """The run exited with `code` and an error line holding `fragment`, no traceback."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    found = [line for line in errors if fragment in line]
    assert found, result.output
    return found[0]


def story(folder: Path, name: str = "story.txt", text: str = STORY) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GIB = 1 << 30


def _memory_cap() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * GIB, 3 * GIB))


def cli(*args: str, stdin: object = subprocess.DEVNULL, timeout: float = 60):  # type: ignore[no-untyped-def]
    """The real command in a new process, at most 3 GB and `timeout` seconds."""
    return subprocess.run(
        [sys.executable, "-m", "outliner", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_memory_cap,
        env={**os.environ, "OUTLINER_TEST_MODELS": "1"},
        check=False,
    )


@cache
def made() -> Outline:
    return outline_api(STORY, "story.txt", Options(draft_date=DRAFT), fake_models())


# -- 1. rich markup in paths ------------------------------------------------------------


@pytest.mark.parametrize(
    "command,code", [("outline", 1), ("characters", 1), ("check", 1), ("render", 1)]
)
def test_markup_in_a_missing_path_is_printed_as_written(command: str, code: int) -> None:
    args = ["--model", "fake"] if command == "outline" else []
    result = run(command, *args, "x[/]y.txt")
    failed_cleanly(result, code, "x[/]y.txt")


def test_markup_in_the_output_folder_is_printed_as_written(tmp_path: Path) -> None:
    result = outline(str(story(tmp_path)), "-o", str(tmp_path / "o[/]ut"))
    assert result.exit_code == 0, result.output
    assert f"to {tmp_path / 'o[/]ut'}/" in result.output


def test_a_file_named_like_markup_keeps_its_name(tmp_path: Path) -> None:
    empty = tmp_path / "[red]film.txt"
    empty.write_text("")
    failed_cleanly(outline(str(empty), "-o", str(tmp_path)), 1, "[red]film.txt: the file is empty")


# -- 2, 3. endless and blocking inputs: a size cap before reading, regular files only ------


@pytest.mark.parametrize(
    "args,device,fragment",
    [
        (["outline", "-", "--stdout", "--model", "fake"], "/dev/zero", "too large"),
        (["characters", "-"], "/dev/zero", "too large"),
        (["turning-points", "-"], "/dev/zero", "too large"),
        (["check", "/dev/zero"], None, "not a regular file"),
        (["turning-points", "/dev/urandom"], None, "not a regular file"),
        (["characters", "/dev/urandom"], None, "not a regular file"),
        (["render", "/dev/zero"], None, "not a regular file"),
    ],
)
def test_endless_inputs_are_read_no_further_than_the_limit(
    args: list[str], device: str | None, fragment: str
) -> None:
    with open(device or os.devnull, "rb") as stdin:
        done = cli(*args, stdin=stdin)
    assert done.returncode == 1, done.stderr
    assert fragment in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("command", ["check", "render", "turning-points", "characters", "outline"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / ("f.json" if command == "render" else "f.txt")
    os.mkfifo(fifo)
    done = cli(command, str(fifo), timeout=30)
    assert done.returncode == 1, done.stderr
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_check_applies_the_size_limit(tmp_path: Path) -> None:
    big = story(tmp_path, "big.fountain", "= line\n\n" * 100_000)
    failed_cleanly(run("check", str(big)), 1, "too large")


# -- 4. render of a damaged or hostile JSON outline ------------------------------------


def _damaged(change) -> str:  # type: ignore[no-untyped-def]
    data = json.loads(to_json(made()))
    change(data["outline"])
    return json.dumps(data)


def _set(path: str, value: object):  # type: ignore[no-untyped-def]
    """A change that sets outline[path] (dotted, with list indices) to `value`."""

    def change(outline: dict) -> None:  # type: ignore[type-arg]
        *parents, last = path.split(".")
        node: object = outline
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]  # type: ignore[index]
        node[int(last) if isinstance(node, list) else last] = value  # type: ignore[index]

    return change


SENTINEL = 987654321  # replaced in the JSON text by what json.dumps cannot write


def _place(sentences: list[int]):  # type: ignore[no-untyped-def]
    place = {"name": "YARD", "setting": "EXT.", "sentences": sentences}
    return lambda outline: outline.update(places=[place])


DAMAGED_JSON = {  # case: (JSON text, fragment of the error line)
    "nested arrays": (lambda: "[" * 100_000 + "]" * 100_000, "not valid JSON"),
    "5000 digits": (
        lambda: _damaged(_set("beats.0.sentences.0", SENTINEL)).replace(str(SENTINEL), "7" * 5000),
        "not valid JSON",
    ),
    "sentence 999999": (lambda: _damaged(_set("beats.0.sentences.0", 999999)), "out of range"),
    "sentence -1": (lambda: _damaged(_set("beats.0.sentences.0", -1)), "out of range"),
    "turning point 9": (lambda: _damaged(_set("turning_points.0.number", 9)), "turning point"),
    "beat turning point 0": (
        lambda: _damaged(_set("beats.0.turning_points", [{"number": 0, "sentence": 0}])),
        "turning point",
    ),
    "three turning points": (
        lambda: _damaged(lambda o: o.update(turning_points=o["turning_points"][:3])),
        "five turning points",
    ),
    "infinite score": (lambda: _damaged(_set("turning_points.0.score", float("inf"))), "score"),
    "score 1e400": (
        lambda: _damaged(_set("turning_points.0.score", SENTINEL)).replace(str(SENTINEL), "1e400"),
        "score",
    ),
    "beat index": (lambda: _damaged(_set("beats.0.index", 7)), "beats[0].index"),
    "act 6": (lambda: _damaged(_set("acts.0.number", 6)), "acts[0].number"),
    "sequence beat 99": (lambda: _damaged(_set("acts.0.sequences.0.beats", [99])), "out of range"),
    "place sentence 99": (lambda: _damaged(_place([99])), "out of range"),
    "lone surrogate": (lambda: _damaged(_set("beats.0.line", "a\ud800b")), "surrogate"),
}


@pytest.mark.parametrize("case", list(DAMAGED_JSON))
def test_render_rejects_a_damaged_outline_in_one_line(tmp_path: Path, case: str) -> None:
    text, fragment = DAMAGED_JSON[case]
    source = tmp_path / "film.json"
    source.write_text(text(), encoding="utf-8")
    failed_cleanly(run("render", str(source), "-F", "fountain", "-F", "md"), 1, fragment)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.json"]


# -- 5, 15. a full disk, an interrupt: no traceback, no empty manifest, no empty folder -----


def test_a_full_disk_under_the_manifest_is_one_error_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.jsonl").symlink_to("/dev/full")  # every write: no space left on device
    result = outline(str(story(tmp_path, "a.txt")), str(story(tmp_path, "b.txt")), "-o", str(out))
    failed_cleanly(result, 1, "No space left on device")
    assert (out / "a.fountain").is_file() and (out / "b.fountain").is_file()


def test_an_early_interrupt_leaves_no_manifest_and_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr("outliner.inputs.read", interrupted)
    out = tmp_path / "out"
    result = outline(str(story(tmp_path, "a.txt")), str(story(tmp_path, "b.txt")), "-o", str(out))
    failed_cleanly(result, 130, "interrupted")
    assert not out.exists()


def test_a_failing_run_leaves_no_output_folder(tmp_path: Path) -> None:
    empty = story(tmp_path, "empty.txt", "")
    for args in ([str(tmp_path / "missing.txt")], [str(empty), str(tmp_path / "missing.txt")]):
        out = tmp_path / "out"
        result = outline(*args, "-o", str(out))
        assert result.exit_code == 1, result.output
        assert not out.exists(), sorted(p.name for p in out.iterdir())


def test_the_manifest_still_records_failures_beside_outlines(tmp_path: Path) -> None:
    empty = story(tmp_path, "empty.txt", "")
    out = tmp_path / "out"
    result = outline(str(empty), str(story(tmp_path)), "-o", str(out))
    assert result.exit_code == 1, result.output
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["status"] for line in lines) == ["failed", "ok"]


# -- 6. a file named twice --------------------------------------------------------------


def test_a_file_named_twice_is_outlined_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    path = story(tmp_path / "in")
    for args in ([str(path), str(path)], [str(path.parent), str(path)]):
        out = tmp_path / f"out{len(args[0])}"
        result = outline(*args, "-o", str(out), "--no-manifest")
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in out.iterdir()) == ["story.fountain"]


def test_standard_input_named_twice_is_read_once() -> None:
    result = outline("-", "-", "--stdout", stdin=STORY.encode())
    assert result.exit_code == 0, result.output
    assert result.output.count("Title:") == 1


def test_two_inputs_for_one_output_name_are_both_named(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = story(tmp_path / "a"), story(tmp_path / "b")
    result = outline(str(first), str(second), "-o", str(tmp_path / "o"))
    line = failed_cleanly(result, 1, "same output name")
    assert str(first) in line and str(second) in line


# -- 7. workers die with their parent ---------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its entry is left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(40):
        story(inputs, f"s{n:02}.txt", STORY * 20)
    parent = subprocess.Popen(
        [sys.executable, "-m", "outliner", "outline", str(inputs), "-o", str(tmp_path / "out")]
        + ["-j", "2", "--model", "fake", "--quiet"],
        env={**os.environ, "OUTLINER_TEST_MODELS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # the two workers and the resource tracker
            started = _children(parent.pid)
            if len(started) >= 3 or parent.poll() is not None:
                break
            time.sleep(0.2)
        assert len(started) >= 2 and parent.poll() is None, "the workers never started"
        time.sleep(1.0)
        started |= _children(parent.pid)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in started):
            time.sleep(0.2)
        assert not [p for p in started if _alive(p)], "workers outlived their parent"
    finally:
        for pid in started:  # only the processes this test started
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()


# -- 8. injection through newlines and control characters -------------------------------


HOSTILE_LINE = (
    "x\n\nINT. HOUSE - DAY\n\nBOB\nHello there.\n\n# Act\n\n= fake\n\n[[note\n\n/* bone\n"
)


def hostile(base: Outline) -> Outline:
    """Every text field the writers print, given newlines, markup and control characters."""
    place = Place("YARD\n\nALICE\nHi", Setting.EXT, (0,))
    assert base.title_page is not None
    document = base.document
    sentences = tuple(
        replace(s, text=s.text + "\x01\x0c" + HOSTILE_LINE) for s in document.sentences
    )
    characters = tuple(
        replace(c, description=HOSTILE_LINE, role="\x0cboss\x1b[31m") for c in base.characters
    )
    return replace(
        base,
        document=replace(document, sentences=sentences, notes=(HOSTILE_LINE,), source="a\nb"),
        characters=characters,
        beats=tuple(replace(b, line=HOSTILE_LINE, place=place) for b in base.beats),
        title_page=replace(
            base.title_page, title="T\n\nFADE IN:", logline=HOSTILE_LINE, source="a\n\nb"
        ),
        model="m\x00\n",
    )


def fountain_counts(text: str) -> list[dict[str, int]]:
    return [count(text) for count in PYTHON_PARSERS.values()]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def check_writers(result: Outline, structure: str) -> None:
    """Every writer's output reads back as exactly the outline's elements."""
    text = str(render(result, "fountain", structure))
    want = expected(result, structure)
    for seen in fountain_counts(text):
        assert seen == want, text
    ET.fromstring(str(render(result, "fdx", structure)))  # well-formed XML
    divisions = arrange(result, structure)
    md = str(render(result, "md", structure)).splitlines()
    headings = 1 + bool(result.turning_points) + len(divisions)
    headings += sum(len(d.parts) for d in divisions)
    assert sum(line.startswith("#") for line in md) == headings, md
    tags = _Tags()
    tags.feed(str(render(result, "html", structure)))
    assert tags.tags.count("h4") == len(result.beats)
    assert bytes(render(result, "pdf", structure)).startswith(b"%PDF")


@pytest.mark.parametrize("structure", STRUCTURE_NAMES)
def test_newlines_and_markup_in_every_field_make_no_new_elements(structure: str) -> None:
    check_writers(hostile(made()), structure)


@pytest.mark.parametrize("structure", ["three-act", "eight-sequences"])
def test_empty_lines_still_make_their_elements(structure: str) -> None:
    base = made()
    assert base.title_page is not None
    empty = replace(
        base,
        beats=tuple(replace(b, line=" \n ") for b in base.beats),
        title_page=replace(base.title_page, logline="", title="\x01"),
    )
    check_writers(empty, structure)


def test_control_characters_in_a_synopsis_are_normalised_on_read(tmp_path: Path) -> None:
    text = "Ballu\x01 escapes\x0c from jail.\x1b Ram\x7f chases him.\x85 Ganga helps\ufffe Ram.\n"
    source = story(tmp_path, "ctl.txt", text)
    result = outline(str(source), "-o", str(tmp_path), "-F", "fdx", "-F", "fountain")
    assert result.exit_code == 0, result.output
    fdx = (tmp_path / "ctl.fdx").read_text(encoding="utf-8")
    ET.fromstring(fdx)
    fountain = (tmp_path / "ctl.fountain").read_text(encoding="utf-8")
    assert not any(c in fountain + fdx for c in "\x01\x0c\x1b\x7f\x85\ufffe")


def test_render_of_a_json_outline_with_newlines_makes_no_new_elements(tmp_path: Path) -> None:
    source = tmp_path / "film.json"
    source.write_text(to_json(hostile(made())), encoding="utf-8")
    result = run("render", str(source), "-F", "fountain", "-F", "fdx")
    assert result.exit_code == 0, result.output
    back, _ = from_json(source.read_text(encoding="utf-8"))
    text = (tmp_path / "film.fountain").read_text(encoding="utf-8")
    for seen in fountain_counts(text):
        assert seen == expected(back), text
    ET.fromstring((tmp_path / "film.fdx").read_text(encoding="utf-8"))


# -- 9. the user's usual file mode ------------------------------------------------------


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def test_outlines_get_the_users_usual_mode(tmp_path: Path, umask: None) -> None:
    result = outline(str(story(tmp_path)), "-o", str(tmp_path), "-F", "fountain", "-F", "pdf")
    assert result.exit_code == 0, result.output
    for name in ("story.fountain", "story.pdf"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640, name


def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path, umask: None) -> None:
    target = tmp_path / "story.fountain"
    target.write_text("my edits")
    target.chmod(0o604)
    result = outline(str(story(tmp_path)), "-o", str(tmp_path), "--force")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.read_text().startswith("Title:")


# -- 10, 11. no words; a file that holds no outline --------------------------------------


@pytest.mark.parametrize("text", ["!!!\n", "... ?? !!\n\n— — —\n", "= \n# \n"])
@pytest.mark.parametrize("command", ["outline", "characters", "turning-points"])
def test_input_without_words_is_refused(tmp_path: Path, text: str, command: str) -> None:
    source = story(tmp_path, "p.txt", text)
    args = ["--model", "fake", "-o", str(tmp_path)] if command == "outline" else []
    failed_cleanly(run(command, *args, str(source)), 1, "p.txt: no words")
    assert not (tmp_path / "p.fountain").exists()


def test_the_api_refuses_input_without_words() -> None:
    with pytest.raises(InputError, match="no words"):
        outline_api("?! ... ;", "marks.txt", models=fake_models())


def test_check_says_a_plain_synopsis_holds_no_outline(tmp_path: Path) -> None:
    failed_cleanly(run("check", str(story(tmp_path))), 1, "holds no outline")


def test_check_still_passes_an_outline(tmp_path: Path) -> None:
    target = tmp_path / "ok.fountain"
    target.write_text(str(render(made(), "fountain")), encoding="utf-8")
    result = run("check", str(target))
    assert "holds no outline" not in result.output


# -- 12. clear messages -----------------------------------------------------------------


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    line = failed_cleanly(outline(str(loop), "-o", str(tmp_path)), 1, "loop.txt")
    assert "symbolic links" in line and "no such file" not in line
    line = failed_cleanly(run("check", str(loop)), 1, "loop.txt")
    assert "symbolic links" in line


def test_a_folder_where_the_outline_goes_is_not_a_force_problem(tmp_path: Path) -> None:
    (tmp_path / "out" / "story.fountain").mkdir(parents=True)
    for force in ([], ["--force"]):
        result = outline(str(story(tmp_path)), "-o", str(tmp_path / "out"), *force)
        line = failed_cleanly(result, 1, "is a folder")
        assert "--force" not in line


def test_a_model_folder_that_cannot_load_ends_its_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "llama"}')
    (folder / "tokenizer_config.json").write_text('{"tokenizer_class": "PreTrainedTokenizerFast"}')
    result = outline(str(story(tmp_path)), "--stdout", "--model", str(folder))
    line = failed_cleanly(result, 3, "cannot load model")
    assert not line.rstrip().endswith((":", ",", "of")), line


def test_a_file_name_starting_with_a_dash_gets_a_hint(tmp_path: Path) -> None:
    result = outline("-d.txt", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "No such option: -d" in result.output and "--" in result.output.split("-d", 1)[1]
    assert "put -- before" in result.output


def test_a_newline_in_a_file_name_stays_on_the_error_line(tmp_path: Path) -> None:
    odd = tmp_path / "a\nb.txt"
    odd.write_text("")
    failed_cleanly(outline(str(odd), "-o", str(tmp_path)), 1, "a\\nb.txt: the file is empty")
    failed_cleanly(outline(str(tmp_path / "c\nd.txt")), 1, "c\\nd.txt")


# -- 13. help keeps its brackets --------------------------------------------------------


def _commands() -> Iterator[tuple[list[str], Any]]:
    """Every command of the app with its path (`eval tripod`), groups walked into."""
    import typer.main

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        subcommands = getattr(command, "commands", None)  # a group
        if subcommands is None:
            yield path, command
            return
        for name, sub in subcommands.items():
            yield from walk(sub, [*path, name])

    yield from walk(typer.main.get_command(app), [])


def test_help_keeps_every_bracketed_text() -> None:
    for path, command in _commands():
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        shown = "".join(run(*path, "--help").output.split())
        for text in texts:
            for start in [i for i, c in enumerate(text) if c == "["]:
                bracketed = text[start : text.find("]", start) + 1]
                assert "".join(bracketed.split()) in shown, (path, bracketed)
    assert "outliner[ray]" in "".join(run("outline", "--help").output.split())


# -- 14. the summary names each failed input --------------------------------------------


def test_the_summary_lists_each_failed_input_with_its_reason(tmp_path: Path) -> None:
    empty = story(tmp_path, "empty.txt", "")
    missing = tmp_path / "missing.txt"
    result = outline(str(empty), str(missing), str(story(tmp_path)), "-o", str(tmp_path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    summary = next(i for i, line in enumerate(lines) if "2 input(s) failed" in line)
    after = lines[summary + 1 :]
    assert any("empty.txt" in line and "empty" in line for line in after), lines
    assert any("missing.txt" in line and "no such file" in line for line in after), lines


# -- property tests: arbitrary synopses through read and every writer --------------------

MARKUP = [
    "INT. HOUSE - DAY",
    "EXT. ROAD",
    "int. kitchen",
    "BOB",
    "@bob",
    "BOB (V.O.)",
    "= a synopsis",
    "# Act",
    "### beat",
    "[[a note]]",
    "/* boneyard",
    "*/",
    ">centred<",
    "> TO:",
    "CUT TO:",
    "===",
    "~lyrics",
    "!forced",
    ".SLUG",
    "Title: Nope",
    "Notes: none",
    "    indented",
    "***bold italic***",
    "_under_ and *star*",
    "\\",
    "\x01\x0c\x1b\x7f",
    "",
    "  ",
    "\t",
    "Ballu escapes from jail.",
    "Ram chases Ballu through the city and Ganga helps Ram.",
    "Mrs. Rao meets Dr. Smith at 5 p.m. in the U.S. embassy.",
]
line = st.one_of(
    st.sampled_from(MARKUP),
    st.text(max_size=60),
    st.text(st.characters(codec="utf-8"), min_size=200, max_size=1200),
    st.lists(st.sampled_from(MARKUP), min_size=1, max_size=4).map(" ".join),
)
synopses = st.lists(line, min_size=1, max_size=10).map("\n".join)


@cache
def _models():  # type: ignore[no-untyped-def]
    return fake_models()


def outlined(text: str, source: str) -> tuple[Outline, ...]:
    """The outlines, or () when the text is refused with a clear InputError."""
    try:
        return outlines_api(text, source, Options(draft_date=DRAFT), _models())
    except InputError as exc:
        assert "\n" not in str(exc)
        return ()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(text=synopses, source=st.text(max_size=20), structure=st.sampled_from(STRUCTURE_NAMES))
def test_any_synopsis_gives_files_every_parser_reads_as_the_outline(
    text: str, source: str, structure: str
) -> None:
    for result in outlined(text, source or "synopsis"):
        check_writers(result, structure)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(text=synopses, structure=st.sampled_from(STRUCTURE_NAMES))
def test_any_json_outline_renders_to_the_same_bytes(text: str, structure: str) -> None:
    for result in outlined(text, "synopsis.txt"):
        stored = to_json(result, structure)
        back, named = from_json(stored)
        assert named == structure
        for name in FORMAT_NAMES:
            assert render(back, name, structure) == render(result, name, structure), name


def test_the_ci_hypothesis_profile_cannot_flake() -> None:
    profile = settings.get_profile("ci")
    assert profile.derandomize and profile.database is None and profile.deadline is None
    assert profile.max_examples <= 100


def test_the_hostile_suite_is_part_of_make_test() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "pytest" in target and "-m" not in target.split("pytest", 1)[1]
