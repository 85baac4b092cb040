"""`mockloop evaldesign grade TASK EVAL.py [--note NOTE.md] [--format table|json]`
(simulator/cli/evaldesign.py): the check's report, then the grade against the eval-design
rubric, exit 0 whenever the check ran; one line and exit 2 for a task, eval or note file that
cannot be used, found before anything runs. The fixture work sample (an extraction task) is
installed as the user's own, as in tests/test_cli_evaldesign.py.

A graded run starts the sandbox twice (about a second): kept to two here, and out of the
fast dev loop."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from simulator.cli.evaldesign import evaldesign

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parent / "data" / "worksample" / "order-email-fields"
TASK = "order-email-fields"

FIELD_LEVEL_EVAL = """
import pytest

MIN_FIELD_ACCURACY = 0.97
FIELDS = ["customer_name", "order_id", "order_date", "wants_refund"]

pytestmark = pytest.mark.eval


@pytest.mark.parametrize("field", FIELDS)
def test_each_field_matches_the_expected_one(cases, field):
    hits = sum(
        isinstance(c["output"], dict) and c["output"].get(field) == c["expected"][field]
        for c in cases
    )
    assert hits / len(cases) >= MIN_FIELD_ACCURACY
"""
NOTE = """\
Extraction has one right value per field, so I compare each field with exact match rather
than similarity, which would let a reformatted date through.
The suite runs in CI on every pull request that touches the prompt, and fails below 97% per
field because the good prompt gets every field right and one miss in 40 is noise.
Every wrong field a support agent corrects in production is added to the dataset, and the
on-call engineer reviews the new items weekly.
"""


@pytest.fixture(autouse=True)
def user_sample(isolated_home: Path) -> Path:
    target = isolated_home / "worksamples" / TASK
    shutil.copytree(SAMPLE, target)
    return target


def run(*args: str) -> Result:
    return CliRunner().invoke(evaldesign, list(args))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def one_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_grade_prints_the_check_then_the_grade_and_exits_0(tmp_path: Path) -> None:
    eval_file = write(tmp_path, "my_eval.py", FIELD_LEVEL_EVAL)
    result = run("grade", TASK, str(eval_file), "--note", str(write(tmp_path, "note.md", NOTE)))

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Eval design check · {TASK} · my_eval.py"
    grade_at = lines.index(
        f"Eval design grade · {TASK} (extraction) · my_eval.py · rubric eval-design 2026.12.1 · "
        "rater offline:eval-design-heuristic-1"
    )
    assert lines[grade_at + 1].startswith("Catches the regression: passes on the good version")
    levels = [line for line in lines[grade_at:] if "4 strong" in line]
    assert levels == [
        "Catches the regression             4 strong     1.5",
        "Positive, edge, adversarial cases  4 strong     1.2",
        "The right eval style for the task  4 strong     1.2",
        "Threshold and CI                   4 strong     1",
        "Keeping the suite up to date       4 strong     0.8",
    ]
    assert any(line.startswith("Overall: strong hire (weighted level 4.00 of 4") for line in lines)


def test_grade_json_without_a_note_says_the_plans_rest_on_the_code(tmp_path: Path) -> None:
    happy = "def test_one(cases):\n    assert cases[0]['output'] == cases[0]['expected']\n"
    result = run("grade", TASK, str(write(tmp_path, "happy.py", happy)), "--format", "json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["report"]["caught_regression"] is False
    grade = data["grade"]
    assert grade["caught_regression"] is False
    assert grade["note_given"] is False
    assert grade["remarks"][0].startswith("No note: ")
    assert {d["id"]: d["level"] for d in grade["dimensions"]}["catches_regression"] == 1
    assert grade["recommendation"] == "strong_no_hire"


def test_a_note_that_cannot_be_read_is_one_line_before_anything_runs(tmp_path: Path) -> None:
    eval_file = write(tmp_path, "my_eval.py", FIELD_LEVEL_EVAL)
    missing = tmp_path / "no-note.md"
    binary = tmp_path / "note.bin"
    binary.write_bytes(b"\x00\x01 not text")

    assert one_line(run("grade", TASK, str(eval_file), "--note", str(missing))) == (
        f"mockloop: {missing}: no such file"
    )
    assert "a binary file, not a note" in one_line(
        run("grade", TASK, str(eval_file), "--note", str(binary))
    )


def test_an_unknown_task_is_one_line(tmp_path: Path) -> None:
    eval_file = write(tmp_path, "my_eval.py", FIELD_LEVEL_EVAL)
    line = one_line(run("grade", "no-such-task", str(eval_file)))

    assert line.startswith("mockloop: unknown work-sample task 'no-such-task' (known: ")
