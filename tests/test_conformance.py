"""Five independent Fountain parsers read every outline the same way.

fountain-py, screenplain and screenplay-tools (Python) and fountain-js and afterwriting's
parser (Node, from tools/parsers/) must each find exactly the sections, synopses and scene
headings the Outline holds, and no character cue or dialogue; afterwriting also renders
every outline to PDF. Seeds: the golden files, and fresh outlines made with the fake model
in every structure.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from outliner.config import Options
from outliner.conformance import (
    PARSERS,
    afterwriting_pdf,
    disagreements,
    expected,
    node_missing,
    parse_all,
)
from outliner.document import Outline
from outliner.pipeline import outline
from outliner.structures import STRUCTURE_NAMES
from outliner.writers.fountain import to_fountain
from tests.conftest import GOLDEN, SEEDS, fake_models

GOLDEN_FILES = sorted(GOLDEN.glob("*.fountain"))


@pytest.fixture(scope="module", autouse=True)
def _parsers_installed() -> None:
    # Not a skip: `make test` installs them, and a silent skip would hide a broken setup.
    missing = node_missing()
    assert missing is None, missing


def _fresh() -> list[tuple[str, Outline, str]]:
    made = []
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        result = outline(text, seed.name, Options(draft_date=date(2026, 1, 1)), fake_models())
        made += [(f"{seed.stem}-{s}", result, s) for s in STRUCTURE_NAMES]
    return made


def test_every_parser_agrees_with_the_model_on_fresh_outlines() -> None:
    fresh = _fresh()
    texts = [to_fountain(result, structure) for _, result, structure in fresh]
    problems = []
    for (name, result, structure), seen in zip(fresh, parse_all(texts), strict=True):
        assert [s.parser for s in seen] == list(PARSERS)
        problems += [f"{name}: {p}" for p in disagreements(seen, expected(result, structure))]
    assert problems == []


def test_every_parser_agrees_on_the_golden_outlines() -> None:
    """The golden files were written by the real model: the parsers agree with each other,
    and with what the file itself says (one synopsis per `### Beat` section)."""
    texts = [p.read_text(encoding="utf-8") for p in GOLDEN_FILES]
    problems = []
    for path, text, seen in zip(GOLDEN_FILES, texts, parse_all(texts), strict=True):
        beats = sum(line.startswith("### Beat ") for line in text.splitlines())
        assert all(s.counts["synopses"] == beats for s in seen if s.error is None)
        problems += [f"{path.name}: {p}" for p in disagreements(seen)]
    assert problems == []


def test_the_check_finds_a_misread() -> None:
    """A synopsis under action (valid Fountain) is lost by screenplain: the check says so."""
    text = "Title: T\n\n# ACT ONE\n\nINT. JAIL\n\nBallu sits.\n\n= Ballu waits.\n\nHe waits.\n"
    (seen,) = parse_all([text])
    assert disagreements(seen) == ["screenplain: 0 synopses, expected 1"]
    dialogue = "# ACT ONE\n\nBALLU\nI escape tonight.\n"
    (seen,) = parse_all([dialogue])
    assert any("characters, expected 0" in p for p in disagreements(seen))


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.name[:3])
def test_afterwriting_prints_every_outline(path: Path, tmp_path: Path) -> None:
    target = tmp_path / "outline.pdf"
    assert afterwriting_pdf(path.read_text(encoding="utf-8"), target) is None
    assert target.stat().st_size > 1000


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_afterwriting_prints_fresh_outlines_with_empty_structure_beats(
    seed: Path, tmp_path: Path
) -> None:
    text = seed.read_text(encoding="utf-8")
    result = outline(text, seed.name, Options(draft_date=date(2026, 1, 1)), fake_models())
    target = tmp_path / "outline.pdf"
    assert afterwriting_pdf(to_fountain(result, "save-the-cat"), target) is None
    assert target.stat().st_size > 1000


def test_check_command_passes_an_outline_and_fails_a_misread(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from outliner.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["check", str(GOLDEN_FILES[0])])
    assert result.exit_code == 0, result.output
    assert "all five parsers agree" in result.output
    assert "screenplain       " in result.output and "afterwriting      " in result.output

    edited = tmp_path / "edited.fountain"
    edited.write_text("# ACT ONE\n\nRam waits.\n\n= A synopsis under action.\n\nRAM\nHello.\n")
    result = runner.invoke(app, ["check", str(edited)])
    assert result.exit_code == 1
    assert "screenplain: 0 synopses, expected 1" in result.output
    assert "fountain-js: 1 characters, expected 0" in result.output
    assert result.output.splitlines()[-1] == "error: 1 of 1 file(s): the parsers disagree"
    result = runner.invoke(app, ["check", "--screenplay", str(edited)])
    assert "characters, expected" not in result.output

    result = runner.invoke(app, ["check", str(tmp_path / "missing.fountain")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("error:")
