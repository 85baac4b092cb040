"""`mockloop probes` (interviewer guides): what a user types, what they get back, and the
one-line errors for their mistakes. `mockloop briefs new` is in tests/test_cli_briefs_new.py."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_helpers import mockloop, one_line_error

REPO = Path(__file__).resolve().parent.parent
BRIEF_IDS = [p.stem for p in sorted((REPO / "briefs").glob("*.yaml"))]
CHURN = yaml.safe_load((REPO / "briefs" / "churn-analysis.yaml").read_text(encoding="utf-8"))
RUBRIC = yaml.safe_load(
    (REPO / "scoring" / "rubrics" / "system-design.yaml").read_text(encoding="utf-8")
)


def guide_json(*args: str) -> dict[str, Any]:
    run = mockloop("probes", *args, "--format", "json")
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


# --- mockloop probes ----------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [45, 60, 90])
@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_probes_json_gives_a_timing_plan_that_adds_up_and_every_area_in_full(
    brief_id: str, minutes: int
) -> None:
    data = guide_json(brief_id, "--minutes", str(minutes))

    assert data["brief_id"] == brief_id and data["minutes"] == minutes
    assert sum(slot["minutes"] for slot in data["timing"]) == minutes
    for area in data["areas"]:
        assert area["main_probe"]
        assert len(area["follow_ups"]) >= 2
        for line in area["follow_ups"]:
            assert set(line) >= {"kind", "trigger", "ask", "concept_id", "strong_version"}
            assert line["kind"] in ("shallow", "choice", "mention")
        assert [level["level"] for level in area["levels"]] == [2, 3, 4]
        assert isinstance(area["red_flags"], list)
        assert area["coach_hint"] and area["strong_answer"]
    rows = data["scoring_sheet"]["rows"]
    assert [r["dimension_id"] for r in rows] == [d["id"] for d in RUBRIC["dimensions"]]
    assert all(r["level"] is None and r["evidence"] == "" for r in rows)


def test_probes_json_for_churn_has_the_seeds_probes_signal_questions_and_curveballs() -> None:
    data = guide_json("churn-analysis")

    assert set(data) == {
        "brief_id",
        "brief_title",
        "rubric_id",
        "rubric_version",
        "minutes",
        "timing",
        "opening",
        "fact_rule",
        "facts",
        "design",
        "areas",
        "curveball_plan",
        "wrap_up",
        "strong_answer_notes",
        "scoring_sheet",
    }
    dimensions = [a["dimension"] for a in data["areas"]]
    assert dimensions == [
        "prompt_architecture",
        "cost_latency",
        "evaluation",
        "regression_monitoring",
        "hallucination_safety",
    ]
    signals = [q["id"] for a in data["areas"] for q in a["signal_questions"]]
    assert signals == ["broken_prompt", "cheapest_model", "prompt_beats_old"]
    assert [c["id"] for c in data["curveball_plan"]["curveballs"]] == [
        c["id"] for c in CHURN["curveballs"]
    ]
    assert data["curveball_plan"]["after_area"] == 2
    assert [f["id"] for f in data["facts"]] == [f["id"] for f in CHURN["facts"]]


def test_probes_prints_a_markdown_guide_by_default() -> None:
    run = mockloop("probes", "churn-analysis")

    assert run.code == 0, run.err
    assert run.out.startswith(f"# Interviewer guide: {CHURN['title']}\n")
    for n, area in enumerate(CHURN["probe_areas"], start=1):
        assert f"\n### {n}. {area['title']}\n" in run.out
    sheet = run.out[run.out.index("## Scoring sheet") :]
    table = [line for line in sheet.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + len(RUBRIC["dimensions"])  # header plus one row each
    assert "If they mention prompt caching" in run.out or "If they choose prompt caching" in run.out
    assert "What each level sounds like" in run.out


def test_probes_writes_the_guide_to_a_file_and_replaces_an_old_one(tmp_path: Path) -> None:
    folder = tmp_path / "guides"
    folder.mkdir()
    target = folder / "guide.md"
    target.write_text("an older guide", encoding="utf-8")

    run = mockloop("probes", "ticket-triage", "--minutes", "45", "--out", str(target))

    assert run.code == 0, run.err
    assert run.out == ""
    assert run.err.strip() == f"wrote {target}"
    text = target.read_text(encoding="utf-8")
    assert text == mockloop("probes", "ticket-triage", "--minutes", "45").out
    assert "| **45** | **Total** |" in text
    assert sorted(p.name for p in folder.iterdir()) == ["guide.md"]  # no temporary file left


def test_probes_refuses_to_write_into_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "guides"
    folder.mkdir()

    line = one_line_error(mockloop("probes", "churn-analysis", "--out", str(folder)))

    assert line == f"mockloop: {folder}: is a folder; give a file name"
    assert list(folder.iterdir()) == []


def test_probes_refuses_a_path_in_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "guide.md"

    line = one_line_error(mockloop("probes", "churn-analysis", "--out", str(target)))

    assert str(target) in line and "does not exist" in line


def test_an_unknown_brief_lists_the_known_ones() -> None:
    line = one_line_error(mockloop("probes", "churn-analysys"))

    assert "unknown brief 'churn-analysys'" in line
    for brief_id in BRIEF_IDS:
        assert brief_id in line


def test_an_unknown_rubric_lists_the_known_ones() -> None:
    line = one_line_error(mockloop("probes", "churn-analysis", "--rubric", "system"))

    assert "unknown rubric 'system'" in line
    assert "system-design" in line and "behavioral" in line


def test_a_rubric_that_cannot_score_the_brief_is_one_line() -> None:
    line = one_line_error(mockloop("probes", "churn-analysis", "--rubric", "behavioral"))

    assert "rubric 'behavioral' has no dimension" in line


def test_probes_reads_briefs_from_briefs_dir(tmp_path: Path) -> None:
    data = dict(CHURN, id="team-churn", title="Churn for the team")
    (tmp_path / "team-churn.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")

    with_dir = mockloop("probes", "team-churn", "--briefs-dir", str(tmp_path))
    without = mockloop("probes", "team-churn")

    assert with_dir.code == 0, with_dir.err
    assert with_dir.out.startswith("# Interviewer guide: Churn for the team\n")
    assert "unknown brief 'team-churn'" in one_line_error(without)


def test_probes_help_shows_its_options_without_importing_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from simulator.cli.main import cli\n"
        "for args in (['--help'], ['probes', '--help'], ['briefs', 'new', '--help']):\n"
        "    result = CliRunner().invoke(cli, args)\n"
        "    assert result.exit_code == 0, result.output\n"
        "    print(repr(result.output))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'langgraph', 'anthropic', "
        "'textual', 'sqlite_utils'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )

    assert done.returncode == 0, done.stderr
    *outputs, heavy = done.stdout.strip().splitlines()
    top, probes_help, new_help = (ast.literal_eval(o) for o in outputs)
    assert ast.literal_eval(heavy) == []
    assert re.search(r"^  probes +Write an interviewer guide", top, re.M)
    for option in ("--minutes", "--rubric", "--format [md|json]", "--out", "--briefs-dir"):
        assert option in probes_help
    assert "[BRIEF_ID]" in new_help and "--out" in new_help
