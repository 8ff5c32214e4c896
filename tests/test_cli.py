"""The command line, with the fake model: exit codes and one-line messages for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outliner.cli import app
from tests.conftest import ROOT, SEEDS

runner = CliRunner()
STORY = "Ballu escapes from jail. Ram chases him through the city. Ganga helps Ram.\n"


def invoke(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(
        app, ["outline", "--model", "fake", "--date", "2026-01-01", *args], input=stdin
    )


def one_line_error(result, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert any(fragment in line for line in errors), result.output


def test_help_is_instant_and_imports_no_torch() -> None:
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom outliner.cli import app\n"
        "r = CliRunner().invoke(app, ['outline', '--help'])\nassert r.exit_code == 0\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n"
        "print(r.output)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "--beats" in done.stdout and "Examples" in done.stdout


def test_outlines_a_folder_into_the_output_folder(tmp_path: Path) -> None:
    result = invoke(str(ROOT / "seeds"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [p.stem + ".fountain" for p in SEEDS] + ["manifest.jsonl"]
    assert "3 outline(s) written" in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nope.txt"), "-o", str(tmp_path))
    assert result.exit_code == 1
    one_line_error(result, "no such file or folder")


def test_folder_without_text_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.pdf").write_bytes(b"%PDF")
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    one_line_error(result, "no .txt or .md files")


@pytest.mark.parametrize(
    "content,fragment",
    [(b"", "empty"), (b"  \n\t \n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary")],
)
def test_unusable_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = invoke(str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    one_line_error(result, fragment)
    assert not (tmp_path / "out" / "bad.fountain").exists()


def test_very_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(STORY * 30000)  # ~2 MB
    result = invoke(str(big), "-o", str(tmp_path))
    assert result.exit_code == 1
    one_line_error(result, "too large")


def test_non_utf8_text_is_read_with_a_warning(tmp_path: Path) -> None:
    latin = tmp_path / "cafe.txt"
    latin.write_bytes("Zoë walks into the café. She orders coffee. Ram arrives.".encode("cp1252"))
    result = invoke(str(latin), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "warning: cafe.txt: not valid UTF-8; read as Windows-1252" in result.output
    assert "Zoë" in (tmp_path / "cafe.fountain").read_text(encoding="utf-8")


def test_single_sentence_gets_a_warning_and_an_outline(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Ballu escapes from jail.")
    result = invoke(str(one), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "W002" in result.output and "W301" in result.output
    assert "= " in (tmp_path / "one.fountain").read_text()


def test_existing_output_is_refused_without_force(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    target = tmp_path / "story.fountain"
    target.write_text("my edits")
    result = invoke(str(story), "-o", str(tmp_path))
    assert result.exit_code == 1
    one_line_error(result, "exists; use --force")
    assert target.read_text() == "my edits"
    result = invoke(str(story), "-o", str(tmp_path), "--force")
    assert result.exit_code == 0
    assert target.read_text().startswith("Title:")


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    result = invoke(str(story), "-o", str(story))
    assert result.exit_code == 1
    one_line_error(result, "is a file, not a folder")


def test_unwritable_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    story = tmp_path / "story.txt"
    story.write_text(STORY)
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: False if "locked" in str(p) and mode & os.W_OK else real_access(p, mode),
    )
    (tmp_path / "locked").mkdir()
    result = invoke(str(story), "-o", str(tmp_path / "locked"))
    assert result.exit_code == 1, result.output
    one_line_error(result, "not writable")


def test_a_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    story = tmp_path / "story.txt"
    story.write_text(STORY)
    out = tmp_path / "out"

    def broken_link(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", broken_link)
    result = invoke(str(story), "-o", str(out))
    assert result.exit_code == 1
    one_line_error(result, "No space left on device")
    assert list(out.iterdir()) == []  # neither the outline nor a temporary file


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = invoke(str(empty), str(tmp_path / "missing.txt"), str(good), "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert (tmp_path / "o" / "good.fountain").exists()
    assert "1 outline(s) written" in result.output and "2 input(s) failed" in result.output


def test_same_output_name_twice_is_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(STORY)
    result = invoke(str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 1
    one_line_error(result, "same output name")


def test_stdin_to_stdout() -> None:
    result = invoke("-", "--stdout", stdin=STORY.encode())
    assert result.exit_code == 0, result.output
    assert "Source: <stdin>" in result.output
    assert "# ACT ONE" in result.output


def test_stdout_takes_one_input(tmp_path: Path) -> None:
    result = invoke(str(ROOT / "seeds"), "--stdout")
    assert result.exit_code == 2
    one_line_error(result, "--stdout takes a single input")


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["--date", "22/11/2026"], "--date must be YYYY-MM-DD"),
        (["--model", "no-such-model"], "unknown model 'no-such-model'"),
        (["--model", "./no/such/dir"], "no model directory"),
    ],
)
def test_bad_options(tmp_path: Path, args: list[str], fragment: str) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    result = invoke(str(story), "-o", str(tmp_path), *args)
    assert result.exit_code in (2, 3), result.output
    one_line_error(result, fragment)


def test_beats_option_and_title(tmp_path: Path) -> None:
    result = invoke(str(SEEDS[0]), "--stdout", "--beats", "5", "--title", "The Escape")
    assert result.exit_code == 0
    assert result.output.count("\n= ") == 5
    assert "Title: The Escape" in result.output


def test_models_lists_the_default() -> None:
    result = runner.invoke(app, ["models"])
    assert result.exit_code == 0
    assert "gemma-3-270m (default)" in result.output
