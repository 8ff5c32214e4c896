"""Cross-check a Fountain file with five independent parsers.

An outline is only useful if every app reads it the same way. Each parser reports how many
sections, synopses and scene headings it found, and whether it took any line for a
character cue or dialogue (an outline has none). Three parsers are Python (fountain-py,
screenplain, screenplay-tools); two are JavaScript (fountain-js, and aw-parser, the parser
of afterwriting), run with Node from tools/parsers/ (installed by `make install`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from outliner.document import Outline
from outliner.structures import DEFAULT_STRUCTURE, arrange

KEYS = ("sections", "synopses", "scene_headings", "characters", "dialogue")
PARSERS = ("fountain-py", "screenplain", "screenplay-tools", "fountain-js", "afterwriting")


@dataclass(frozen=True)
class Seen:
    """What one parser found in a file; `error` when it could not run or crashed."""

    parser: str
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def parsers_dir() -> Path:
    """tools/parsers/ of the source tree, or $OUTLINER_PARSERS_DIR."""
    configured = os.environ.get("OUTLINER_PARSERS_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1] / "tools" / "parsers"


def _fountain_py(text: str) -> dict[str, int]:
    from fountain import FountainParser

    kinds = Counter(e.type.value for e in FountainParser().parse(text).elements)
    return {
        "sections": kinds["section"],
        "synopses": kinds["synopsis"],
        "scene_headings": kinds["scene_heading"],
        "characters": kinds["character"] + kinds["dual_dialogue"],
        "dialogue": kinds["dialogue"] + kinds["dual_dialogue"],
    }


def _screenplain(text: str) -> dict[str, int]:
    from screenplain.parsers.fountain import parse_lines

    paragraphs = parse_lines(text.splitlines())
    kinds = Counter(type(p).__name__ for p in paragraphs)
    dialogues = kinds["Dialog"] + kinds["DualDialog"]
    return {
        "sections": kinds["Section"],
        # screenplain keeps a synopsis only as an attribute of the section or scene above it
        "synopses": sum(1 for p in paragraphs if getattr(p, "synopsis", None)),
        "scene_headings": kinds["Slug"],
        "characters": dialogues,
        "dialogue": dialogues,
    }


def _screenplay_tools(text: str) -> dict[str, int]:
    from screenplay_tools.fountain.parser import Parser

    parser = Parser()
    parser.add_text(text)
    kinds = Counter(e.type.name for e in parser.script.elements)
    return {
        "sections": kinds["SECTION"],
        "synopses": kinds["SYNOPSIS"],
        "scene_headings": kinds["HEADING"],
        "characters": kinds["CHARACTER"],
        "dialogue": kinds["DIALOGUE"],
    }


PYTHON_PARSERS: dict[str, Callable[[str], dict[str, int]]] = {
    "fountain-py": _fountain_py,
    "screenplain": _screenplain,
    "screenplay-tools": _screenplay_tools,
}


def _from_js(kinds: dict[str, int]) -> dict[str, int]:
    return {
        "sections": kinds.get("section", 0),
        "synopses": kinds.get("synopsis", 0),
        "scene_headings": kinds.get("scene_heading", 0),
        "characters": kinds.get("character", 0),
        "dialogue": kinds.get("dialogue", 0),
    }


def node_missing() -> str | None:
    """Why the JavaScript parsers cannot run here, or None when they can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (parsers_dir() / "node_modules" / "afterwriting").is_dir():
        return f"npm parsers not installed in {parsers_dir()} (run: make install)"
    return None


def _node(paths: list[Path]) -> dict[str, dict[str, dict[str, int]]]:
    script = parsers_dir() / "count.js"
    done = subprocess.run(
        ["node", str(script), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"count.js failed: {last}")
    found: dict[str, dict[str, dict[str, int]]] = json.loads(done.stdout)
    return found


def parse_all(texts: list[str]) -> list[list[Seen]]:
    """What each of the five parsers sees in each text (one Node run for all texts)."""
    results: list[list[Seen]] = []
    for text in texts:
        row = []
        for name, count in PYTHON_PARSERS.items():
            try:
                row.append(Seen(name, count(text)))
            except ImportError:
                row.append(Seen(name, error=f"{name} is not installed (run: make install)"))
            except Exception as exc:  # a parser crash is a finding, not our crash
                row.append(Seen(name, error=f"crashed: {type(exc).__name__}: {exc}"))
        results.append(row)
    missing = node_missing()
    if missing is not None:
        for row in results:
            row += [Seen(name, error=missing) for name in ("fountain-js", "afterwriting")]
        return results
    with tempfile.TemporaryDirectory(prefix="outliner-check-") as tmp:
        paths = [Path(tmp) / f"{i}.fountain" for i in range(len(texts))]
        for path, text in zip(paths, texts, strict=True):
            path.write_text(text, encoding="utf-8")
        try:
            found = _node(paths)
        except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
            for row in results:
                row += [Seen(n, error=str(exc)) for n in ("fountain-js", "afterwriting")]
            return results
        for row, path in zip(results, paths, strict=True):
            row += [Seen(n, _from_js(found[str(path)][n])) for n in ("fountain-js", "afterwriting")]
    return results


def expected(outline: Outline, structure: str = DEFAULT_STRUCTURE) -> dict[str, int]:
    """What the Fountain writer puts in the file: the counts every parser must find.

    Sections: acts and structure beats that hold beats (empty ones are left out) and one
    `### Beat N` per beat; a synopsis per beat; a scene heading per beat with a known
    place; no character cue, no dialogue.
    """
    divisions = [d for d in arrange(outline, structure) if any(p.beats for p in d.parts)]
    parts = sum(1 for d in divisions for p in d.parts if p.beats)
    return {
        "sections": len(divisions) + parts + len(outline.beats),
        "synopses": len(outline.beats),
        "scene_headings": sum(1 for b in outline.beats if b.place is not None),
        "characters": 0,
        "dialogue": 0,
    }


def disagreements(
    seen: list[Seen], want: dict[str, int] | None = None, dialogue_allowed: bool = False
) -> list[str]:
    """Every way the parsers differ from `want`, or (without it) from each other.

    Without a model to compare with, the reference is the most common reading of each
    count, and any character or dialogue is reported (an outline has none) unless
    `dialogue_allowed` (a screenplay).
    """
    problems = [f"{s.parser}: {s.error}" for s in seen if s.error]
    ran = [s for s in seen if s.error is None]
    for key in KEYS:
        if want is not None:
            reference = want[key]
        elif key in ("characters", "dialogue") and not dialogue_allowed:
            reference = 0
        elif ran:
            reference = Counter(s.counts[key] for s in ran).most_common(1)[0][0]
        else:
            continue
        for s in ran:
            if s.counts[key] != reference:
                label = key.replace("_", " ")
                problems.append(f"{s.parser}: {s.counts[key]} {label}, expected {reference}")
    return problems


def nothing_found(seen: list[Seen], screenplay: bool = False) -> str | None:
    """Why the file is no outline at all (or, with `screenplay`, no screenplay), or None.

    Every parser reads plain prose as action, and they all agree on it: a synopsis
    given by mistake would pass the check without this.
    """
    ran = [s for s in seen if s.error is None]
    wanted = KEYS if screenplay else ("sections", "synopses")
    if not ran or any(s.counts[k] for s in ran for k in wanted):
        return None
    if screenplay:
        return "holds no screenplay (no scene headings, sections, synopses or dialogue)"
    return "holds no outline (no sections or synopses); outline a synopsis with `outliner outline`"


def afterwriting_pdf(text: str, target: Path) -> str | None:
    """Render with afterwriting's command line (sections, synopses, notes printed).

    Returns None on success, else why it failed.
    """
    missing = node_missing()
    if missing is not None:
        return missing
    awc = parsers_dir() / "node_modules" / "afterwriting" / "awc.js"
    config = {"print_sections": True, "print_synopsis": True, "print_notes": True}
    with tempfile.TemporaryDirectory(prefix="outliner-aw-") as tmp:
        source = Path(tmp) / "outline.fountain"
        source.write_text(text, encoding="utf-8")
        settings = Path(tmp) / "config.json"
        settings.write_text(json.dumps(config), encoding="utf-8")
        done = subprocess.run(
            [
                "node",
                str(awc),
                "--source",
                str(source),
                "--pdf",
                str(target),
                "--overwrite",
                "--config",
                str(settings),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if done.returncode != 0 or not target.exists() or target.stat().st_size == 0:
        return f"afterwriting failed: {(done.stderr or done.stdout).strip()[-200:]}"
    if not target.read_bytes().startswith(b"%PDF"):
        return "afterwriting wrote something that is not a PDF"
    return None
