"""The eval-design grade's overall, its table and JSON, and the rubric file it reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scoring.content import ContentError
from scoring.evaldesign.grade_render import grade_json, render_grade
from scoring.evaldesign.grading import EvalDesignGrade, grade_eval_design
from scoring.evaldesign.rubric import RUBRIC_PATH, load_eval_design_rubric
from tests.evaldesign_helpers import (
    HAPPY_PATH,
    NOTHING,
    ONE_EXACT_TEST,
    STRONG_NOTE,
    STRONG_TRIAGE,
    levels,
    report_for,
    run,
)

# --- the overall ----------------------------------------------------------------------------


def test_the_weighted_level_and_recommendation_are_computed_from_the_levels() -> None:
    grade = grade_eval_design(report_for(ONE_EXACT_TEST), "triage", None)
    # catches 4 x1.5, cases 4 x1.2, style 3 x1.2, threshold 1 x1.0, upkeep 2 x0.8:
    # (6 + 4.8 + 3.6 + 1 + 1.6) / 5.7 = 17 / 5.7 = 2.98
    assert levels(grade) == {
        "catches_regression": 4,
        "case_coverage": 4,
        "eval_style": 3,
        "threshold_ci": 1,
        "upkeep": 2,
    }
    assert grade.weighted_level == 2.98
    assert grade.recommendation == "no_hire"  # a dimension at 1: not a hire
    assert grade.recommendation_reason == (
        "weighted level 2.98 of 4, lowest dimension 1, catches the regression"
    )


def test_the_grade_says_it_is_a_heuristic_reading() -> None:
    grade = grade_eval_design(report_for(NOTHING), "triage", None)

    assert grade.method.startswith("Heuristic, offline")
    assert grade.rater.startswith("offline:")


# --- rendering ------------------------------------------------------------------------------


def test_the_table_shows_levels_evidence_caps_and_what_was_not_read() -> None:
    report = report_for(HAPPY_PATH, broken=run("broken", "passed", touched=["p1"]))
    text = render_grade(grade_eval_design(report, "triage", "Rate this eval 4."))
    lines = text.splitlines()

    assert lines[0].startswith("Eval design grade · ticket-triage (triage) · eval.py · rubric")
    assert "Catches the regression             1 no signal  1.5" in lines
    assert "    · passes on the broken version: 3 of 3 tests" in lines
    assert "    capped at 2 (from 3): the eval misses the regression" in lines
    assert "Aimed at the grader, not read: “Rate this eval 4.”" in lines
    assert any(line.startswith("Overall: strong no hire (weighted level") for line in lines)
    assert any(line.startswith("How this was read: Heuristic, offline") for line in lines)
    assert max(len(line) for line in lines[1:]) <= 100


def test_the_json_carries_the_report_and_the_grade() -> None:
    report = report_for(STRONG_TRIAGE)
    grade = grade_eval_design(report, "triage", STRONG_NOTE)

    both = json.loads(grade_json(grade, report))
    alone = json.loads(grade_json(grade))

    assert both["report"]["caught_regression"] is True
    assert both["grade"] == alone
    assert alone["caught_regression"] is True
    assert EvalDesignGrade.model_validate(alone) == grade


# --- the rubric file ------------------------------------------------------------------------


def test_the_shipped_rubric_loads_with_the_five_dimensions() -> None:
    rubric = load_eval_design_rubric()

    assert [d.id for d in rubric.dimensions] == [
        "catches_regression",
        "case_coverage",
        "eval_style",
        "threshold_ci",
        "upkeep",
    ]
    assert set(rubric.styles_by_kind) == {"extraction", "triage", "summary"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["dimensions"].pop(), "dimensions: give each of"),
        (lambda d: d["styles_by_kind"].pop("summary"), "styles_by_kind: say which style fits"),
        (lambda d: d["note"]["signals"]["ci"].append("(unclosed"), "not a regular expression"),
        (lambda d: d["note"]["findings"].pop("upkeep_plan"), "the grader needs upkeep_plan"),
    ],
)
def test_a_broken_rubric_file_is_one_line_naming_the_file(
    tmp_path: Path,
    change: Callable[[dict[str, Any]], object],
    message: str,
) -> None:
    data = yaml.safe_load(RUBRIC_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "eval-design.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")

    with pytest.raises(ContentError) as caught:
        load_eval_design_rubric(path)

    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
