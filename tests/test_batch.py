"""Batch runs: worker processes, resuming, the manifest, and the engine options."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import SEEDS
from tests.test_cli import invoke, one_line_error


def _outlines(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.fountain"))}


def _manifest(folder: Path) -> list[dict[str, object]]:
    lines = (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_two_workers_write_what_one_process_writes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS:
        (inputs / seed.name).write_bytes(seed.read_bytes())
    (inputs / "empty.txt").write_text("   \n", encoding="utf-8")
    one = invoke(str(inputs), "-o", str(tmp_path / "one"))
    two = invoke(str(inputs), "-o", str(tmp_path / "two"), "-j", "2")
    assert one.exit_code == two.exit_code == 1  # the empty file fails; the others do not
    one_line_error(two, "empty.txt")
    assert "3 outline(s) written" in two.output
    assert _outlines(tmp_path / "two") == _outlines(tmp_path / "one")
    assert len(_outlines(tmp_path / "two")) == len(SEEDS)
    records = _manifest(tmp_path / "two")
    assert sorted(str(r["status"]) for r in records) == ["failed", "ok", "ok", "ok"]
    failed = next(r for r in records if r["status"] == "failed")
    assert str(failed["input"]).endswith("empty.txt") and failed["output"] is None
    assert all(isinstance(r["seconds"], float) for r in records)


def test_resume_skips_up_to_date_outlines_and_redoes_stale_ones(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS[:2]:
        (inputs / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    assert invoke(str(inputs), "-o", str(out)).exit_code == 0
    again = invoke(str(inputs), "-o", str(out), "--resume")
    assert again.exit_code == 0, again.output
    assert "2 up to date (skipped)" in again.output

    stale = out / f"{SEEDS[0].stem}.fountain"
    old = stale.stat().st_mtime - 100
    os.utime(stale, (old, old))  # the input is now newer than its outline
    refused = invoke(str(inputs), "-o", str(out), "--resume")
    assert refused.exit_code == 1  # redoing it would overwrite: needs --force
    one_line_error(refused, "use --force")
    redone = invoke(str(inputs), "-o", str(out), "--resume", "--force")
    assert redone.exit_code == 0
    assert "1 outline(s) written" in redone.output and "1 up to date" in redone.output
    statuses = [r["status"] for r in _manifest(out)]
    assert statuses[-2:] in (["ok", "skipped"], ["skipped", "ok"])


def test_no_manifest(tmp_path: Path) -> None:
    result = invoke(str(SEEDS[0].parent), "-o", str(tmp_path), "--no-manifest")
    assert result.exit_code == 0
    assert not (tmp_path / "manifest.jsonl").exists()


def test_engine_options_are_checked(tmp_path: Path) -> None:
    bad = invoke(str(SEEDS[0]), "-o", str(tmp_path), "--engine", "spark")
    assert bad.exit_code == 2
    one_line_error(bad, "--engine must be one of local, ray")
    lonely = invoke(str(SEEDS[0]), "-o", str(tmp_path), "--ray-address", "auto")
    assert lonely.exit_code == 2
    one_line_error(lonely, "--ray-address needs --engine ray")
    assert invoke(str(SEEDS[0]), "--stdout", "--resume").exit_code == 2
