"""Ray: a real local Ray instance outlines the seeds with the real model; the files must
equal the single-process golden files byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from outliner.cli import app
from tests.conftest import GOLDEN, GOLDEN_DATE, ROOT, SEEDS

pytest.importorskip("ray")
pytestmark = pytest.mark.model


def test_ray_engine_writes_the_single_process_outlines(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "outline",
            str(ROOT / "seeds"),
            "-o",
            str(tmp_path),
            "--date",
            GOLDEN_DATE,
            "-q",
            "--engine",
            "ray",
        ],
    )
    assert result.exit_code == 0, result.output
    for seed in SEEDS:
        made = (tmp_path / f"{seed.stem}.fountain").read_text(encoding="utf-8")
        assert made == (GOLDEN / f"{seed.stem}.fountain").read_text(encoding="utf-8"), seed.name
