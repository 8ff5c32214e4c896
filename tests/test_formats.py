"""Every seed in every format and structure: written, then parsed back or validated."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zlib
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outliner.cli import app
from outliner.config import Options
from outliner.document import Outline
from outliner.formats import FORMAT_NAMES, parse_formats, render
from outliner.pipeline import outline
from outliner.structures import STRUCTURE_NAMES, arrange
from outliner.writers.json import from_json, schema, to_json
from tests.conftest import SEEDS, fake_models

SEED_NAMES = [p.stem for p in SEEDS]
runner = CliRunner()


@cache
def made(seed: str) -> Outline:
    text = (Path(SEEDS[0].parent) / f"{seed}.txt").read_text(encoding="utf-8")
    return outline(text, f"{seed}.txt", Options(draft_date=date(2026, 1, 1)), fake_models())


def counts(result: Outline, structure: str) -> dict[str, int]:
    divisions = arrange(result, structure)
    return {
        "acts": len(divisions),
        "parts": sum(len(d.parts) for d in divisions),
        "beats": len(result.beats),
        "headings": sum(b.place is not None for b in result.beats),
    }


@pytest.mark.parametrize("structure", STRUCTURE_NAMES)
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_every_beat_sits_in_exactly_one_part_in_story_order(seed: str, structure: str) -> None:
    result = made(seed)
    beats = [b for d in arrange(result, structure) for p in d.parts for b in p.beats]
    assert beats == list(range(len(result.beats)))


@pytest.mark.parametrize("structure", ["three-act", "five-tp", "save-the-cat", "heros-journey"])
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_turning_point_beats_anchor_their_structure_beats(seed: str, structure: str) -> None:
    result = made(seed)
    anchored = {
        "three-act": ["Inciting Incident", "Plot Point 1", "Midpoint", "Plot Point 2", "Climax"],
        "five-tp": [
            f"Turning Point {k}: {tp}"
            for k, tp in enumerate(
                ["Opportunity", "Change of Plans", "Point of No Return", "Major Setback", "Climax"],
                1,
            )
        ],
        "save-the-cat": ["Catalyst", "Break into Two", "Midpoint", "All Is Lost", "Finale"],
        "heros-journey": [
            "Call to Adventure",
            "Crossing the Threshold",
            "Ordeal",
            "The Road Back",
            "Resurrection",
        ],
    }[structure]
    parts = {p.name: p.beats for d in arrange(result, structure) for p in d.parts}
    seen: set[int] = set()
    for tp, name in zip(result.turning_points, anchored, strict=True):
        beat = next(b.index for b in result.beats if tp.sentence in b.sentences)
        if beat not in seen:  # a beat holding two turning points anchors the first only
            assert parts[name][0] == beat, (name, tp)
        seen.add(beat)


def test_unsupported_structure_beats_stay_empty() -> None:
    for seed in SEED_NAMES:
        parts = {p.name: p.beats for d in arrange(made(seed), "save-the-cat") for p in d.parts}
        assert parts["Theme Stated"] == () and parts["B Story"] == ()
        # The Fountain leaves them out; the JSON keeps every slot.
        text = render(made(seed), "fountain", "save-the-cat")
        assert "## Theme Stated" not in text and "[[Empty" not in text
        data = render(made(seed), "json", "save-the-cat")
        assert '"name": "Theme Stated"' in str(data)


@pytest.mark.parametrize("structure", STRUCTURE_NAMES)
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_fdx_is_well_formed_and_keeps_the_outline(seed: str, structure: str) -> None:
    result = made(seed)
    root = ET.fromstring(render(result, "fdx", structure))
    types = [p.get("Type") for p in root.iter("Paragraph") if p.get("Type")]
    want = counts(result, structure)
    assert types.count("Outline 1") == want["acts"]
    assert types.count("Outline 2") == want["parts"]
    assert types.count("Outline 3") == want["beats"]
    assert types.count("Scene Heading") == want["headings"]
    assert types.count("Action") == sum(len(b.sentences) for b in result.beats)
    notes = [n.findtext("Paragraph/Text") or "" for n in root.iter("ScriptNote")]
    assert sum(n.startswith("Turning point") for n in notes) == len(result.turning_points)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(f"{tag}.{dict(attrs).get('class', '')}")


@pytest.mark.parametrize("structure", STRUCTURE_NAMES)
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_html_shows_acts_parts_beats_and_headings(seed: str, structure: str) -> None:
    result = made(seed)
    parser = _Tags()
    parser.feed(str(render(result, "html", structure)))
    want = counts(result, structure)
    assert parser.tags.count("h2.act") == want["acts"]
    assert parser.tags.count("h3.part") == want["parts"]
    assert parser.tags.count("h4.beat") == want["beats"]
    assert parser.tags.count("p.heading") == want["headings"]


@pytest.mark.parametrize("structure", STRUCTURE_NAMES)
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_pdf_is_a_stable_pdf_with_a_page_per_act(seed: str, structure: str) -> None:
    result = made(seed)
    data = render(result, "pdf", structure)
    assert isinstance(data, bytes) and data.startswith(b"%PDF-") and b"%%EOF" in data[-32:]
    assert data.count(b"/Type /Page\n") >= 1 + counts(result, structure)["acts"]
    assert b"D:20260101" in data  # the draft date, not the clock
    assert render(result, "pdf", structure) == data
    shown = _pdf_text(data)
    for title in ("ACT ONE", "ACT TWO", "ACT THREE", "Beat 1:"):
        assert title in shown
    for part in (p for d in arrange(result, structure) for p in d.parts):
        assert f"({part.name})" in shown or part.name[:20] in shown
    for beat in result.beats:
        if beat.place is not None:
            assert beat.place.heading in shown


def _pdf_text(data: bytes) -> str:
    """The text shown on the pages: fpdf2 writes it as (...) Tj strings in zlib streams."""
    shown = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            shown.append(zlib.decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(shown).replace("\\(", "(").replace("\\)", ")")


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_markdown_beat_sheet(seed: str) -> None:
    result = made(seed)
    text = str(render(result, "md", "save-the-cat"))
    assert "### Catalyst" in text and "## Turning points" in text
    assert text.count("- **Beat ") == len(result.beats)
    assert "*(empty: nothing in the synopsis supports this beat)*" in text


@pytest.mark.parametrize("structure", STRUCTURE_NAMES)
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_json_round_trip_renders_byte_identical_files(seed: str, structure: str) -> None:
    result = made(seed)
    back, stored = from_json(to_json(result, structure))
    assert back == result and stored == structure
    for name in FORMAT_NAMES:
        assert render(back, name, stored) == render(result, name, structure), name


def test_json_schema_describes_every_outline_field() -> None:
    described = json.loads(schema())
    assert described["properties"]["version"] == {"const": 1}
    data = json.loads(to_json(made(SEED_NAMES[0])))
    outline_fields = described["$defs"]["Outline"]["properties"]
    assert set(outline_fields) == set(data["outline"])
    assert set(described["$defs"]["Beat"]["properties"]) == set(data["outline"]["beats"][0])


def test_parse_formats() -> None:
    assert parse_formats(None) == ("fountain",)
    assert parse_formats(["md", "fdx,md"]) == ("fdx", "md")
    assert parse_formats(["all"]) == FORMAT_NAMES


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def _one_line_error(result, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and fragment in errors[0], result.output


@pytest.mark.parametrize(
    "option,value,fragment",
    [
        ("--format", "docx", "unknown --format 'docx'"),
        ("--structure", "hero", "unknown --structure"),
    ],
)
def test_bad_format_or_structure_is_a_usage_error(
    tmp_path: Path, option: str, value: str, fragment: str
) -> None:
    result = _invoke(
        "outline", "--model", "fake", str(SEEDS[0]), "-o", str(tmp_path), option, value
    )
    assert result.exit_code == 2
    _one_line_error(result, fragment)
    assert list(tmp_path.iterdir()) == []


def test_outline_all_formats_then_render_from_json_gives_the_same_files(tmp_path: Path) -> None:
    first = tmp_path / "first"
    result = _invoke(
        "outline",
        "--model",
        "fake",
        "--date",
        "2026-01-01",
        str(SEEDS[0]),
        "-o",
        str(first),
        "--format",
        "all",
        "--structure",
        "heros-journey",
    )
    assert result.exit_code == 0, result.output
    stem = SEEDS[0].stem
    assert sorted(p.name for p in first.iterdir()) == sorted(
        f"{stem}.{e}" for e in ("fountain", "fdx", "pdf", "html", "json", "md")
    )
    again = tmp_path / "again"
    result = _invoke("render", str(first / f"{stem}.json"), "-F", "all", "-o", str(again))
    assert result.exit_code == 0, result.output
    for path in first.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize(
    "content,fragment",
    [
        ("{not json", "not valid JSON"),
        ('{"schema": "x"}', "not an outliner JSON outline"),
        ("[1, 2]", "not an outliner JSON outline"),
    ],
)
def test_render_of_bad_json_is_one_line(tmp_path: Path, content: str, fragment: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = _invoke("render", str(bad), "-F", "fdx")
    assert result.exit_code == 1
    _one_line_error(result, fragment)
    assert not (tmp_path / "bad.fdx").exists()


def test_render_of_a_damaged_outline_names_the_field(tmp_path: Path) -> None:
    data = json.loads(to_json(made(SEED_NAMES[0])))
    data["outline"]["beats"][0]["sentences"] = "seven"
    bad = tmp_path / "damaged.json"
    bad.write_text(json.dumps(data))
    result = _invoke("render", str(bad), "-F", "md")
    assert result.exit_code == 1
    _one_line_error(result, "outline.beats[0].sentences: expected a list")


def test_render_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    source = tmp_path / "x.json"
    source.write_text(to_json(made(SEED_NAMES[0])))
    (tmp_path / "x.md").write_text("my edits")
    result = _invoke("render", str(source), "-F", "fdx", "-F", "md")
    assert result.exit_code == 1
    _one_line_error(result, "exists; use --force")
    assert (tmp_path / "x.md").read_text() == "my edits" and not (tmp_path / "x.fdx").exists()


def test_schema_command_prints_json_schema() -> None:
    result = _invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.output)["$schema"].endswith("2020-12/schema")


def test_pdf_text_keeps_latin_1_and_simplifies_the_rest() -> None:
    from outliner.writers.pdf import latin1

    assert latin1("Zoë’s café — “here”…") == 'Zoë\'s café - "here"...'
    assert latin1("Łódź 東京") == "?ódz ??"  # Ł has no Latin-1 base letter


def test_stdout_prints_one_text_format() -> None:
    args = ["outline", "--model", "fake", "--date", "2026-01-01", str(SEEDS[0]), "--stdout"]
    result = _invoke(*args, "--format", "md")
    assert result.exit_code == 0 and "## Turning points" in result.output
    result = _invoke(*args, "--format", "pdf")
    assert result.exit_code == 2
    _one_line_error(result, "--stdout prints one text format")


def test_actors_are_cast_notes_never_in_beats_or_action() -> None:
    result = made("001_00b87c37e72731c0")
    actors = ("Sanjay Dutt", "Jackie Shroff", "Madhuri Dixit")
    body = [b.line for b in result.beats] + [s.text for s in result.document.sentences]
    assert not any(actor in text for actor in actors for text in body)
    by_name = {c.name: c for c in result.characters}
    assert by_name["Ballu"].actor == "Sanjay Dutt" and by_name["Ganga"].actor == "Madhuri Dixit"
    fountain = str(render(result, "fountain"))
    assert "[[Cast: Ballu — Sanjay Dutt]]" in fountain
    before_acts, acts = fountain.split("# ACT ONE", 1)
    assert "[[Cast: Ram — Jackie Shroff]]" in before_acts and "Shroff" not in acts
    characters = json.loads(str(render(result, "json")))["outline"]["characters"]
    assert {"name": "Ballu", "actor": "Sanjay Dutt"} in [
        {"name": c["name"], "actor": c["actor"]} for c in characters
    ]
    for name in ("fdx", "md", "html"):
        assert "Sanjay Dutt" in str(render(result, name)), name
    assert "Cast: Ballu - Sanjay Dutt" in _pdf_text(bytes(render(result, "pdf")))
