"""The stage-2 report: the regression is caught only when the eval passes on the good
version and fails on the broken one; kinds of items read; the table and the JSON."""

from __future__ import annotations

import json

import pytest

from scoring.evaldesign import analyse_eval, build_report, report_json, report_table
from scoring.evaldesign.report import EvalAnalysis, RunOutcome, Verdict

# --- the report -------------------------------------------------------------------------------

LABELS = {"p1": "positive", "p2": "positive", "e1": "edge", "a1": "adversarial"}
BARE = EvalAnalysis(tests=2, asserts=2, styles=[], threshold=None, ci=analyse_eval("").ci)


def run(version: str, verdict: Verdict, **fields: object) -> RunOutcome:
    return RunOutcome.model_validate(
        {"version": version, "verdict": verdict, "detail": f"{verdict} detail", **fields}
    )


@pytest.mark.parametrize(
    ("good", "broken", "caught", "summary"),
    [
        ("passed", "failed", True, "Catches the regression"),
        ("passed", "passed", False, "Misses the regression"),
        ("failed", "failed", False, "Fails on the good version: the eval is wrong, not the prompt"),
        ("failed", "passed", False, "Fails on the good version"),
        ("refused", "refused", False, "the sandbox stopped the eval: refused on the good version"),
        ("passed", "timeout", False, "the sandbox stopped the eval: timeout on the broken version"),
        ("error", "error", False, "the eval did not run: error on the good version"),
        ("memory", "passed", False, "the sandbox stopped the eval: memory on the good version"),
    ],
)
def test_the_regression_is_caught_only_when_good_passes_and_broken_fails(
    good: Verdict, broken: Verdict, caught: bool, summary: str
) -> None:
    report = build_report("t", "eval.py", BARE, run("good", good), run("broken", broken), LABELS)

    assert report.caught_regression is caught
    assert report.summary.startswith(summary)
    assert (report.stopped is not None) is (not {good, broken} <= {"passed", "failed"})


def test_kinds_count_the_items_either_run_read_per_label() -> None:
    report = build_report(
        "t",
        "eval.py",
        BARE,
        run("good", "passed", touched=["p1"]),
        run("broken", "failed", touched=["p1", "a1"]),
        LABELS,
    )

    assert [(k.label, k.read, k.total) for k in report.kinds] == [
        ("positive", 1, 2),
        ("edge", 0, 1),
        ("adversarial", 1, 1),
    ]


FIELD_EVAL = """
# Runs in CI on every PR.
import pytest

@pytest.mark.eval
def test_fields(cases):
    hits = total = 0
    for case in cases:
        for field, want in case["expected"].items():
            total += 1
            hits += case["output"].get(field) == want
    assert hits / total >= 0.95
"""


def field_report() -> str:
    report = build_report(
        "order-email-fields",
        "field_eval.py",
        analyse_eval(FIELD_EVAL),
        run("good", "passed", tests=1, passed=1, touched=["p1", "p2", "e1", "a1"], seconds=0.7),
        run(
            "broken",
            "failed",
            tests=1,
            failed=1,
            failing=["test_fields: assert (31 / 40) >= 0.95"],
            seconds=0.8,
        ),
        LABELS,
    )
    return report_table(report)


def test_the_table_gives_both_runs_kinds_threshold_style_and_ci() -> None:
    table = field_report()

    assert table.splitlines()[:2] == [
        "Eval design check · order-email-fields · field_eval.py",
        "Catches the regression: passes on the good version, fails on the broken one "
        "(1 of 1 tests fail).",
    ]
    assert "good     passed       1     1     0      0.7" in table
    assert "         test_fields: assert (31 / 40) >= 0.95" in table
    assert "items read   positive 2/2, edge 1/1, adversarial 1/1" in table
    assert "threshold    hits / total >= 0.95 (line 12)" in table
    assert "eval style   exact match (line 11: == against the expected answer)" in table
    assert "in CI        markers eval, parametrized" not in table
    assert "in CI        markers eval, not parametrized" in table
    assert "line 2: Runs in CI on every PR." in table


def test_a_stopped_eval_is_one_line_in_the_table_and_everything_in_json() -> None:
    report = build_report(
        "t",
        "loop.py",
        BARE,
        run("good", "timeout", detail="still running after 30 s: stopped"),
        run("broken", "timeout", detail="still running after 30 s: stopped"),
        LABELS,
    )

    table = report_table(report)
    data = json.loads(report_json(report))

    assert table == (
        "t · loop.py: the sandbox stopped the eval: timeout on the good version: "
        "still running after 30 s: stopped\n"
    )
    assert data["caught_regression"] is False
    assert data["good"]["verdict"] == "timeout"
    assert data["stopped"] == report.stopped


def test_json_has_caught_regression_at_the_top_level() -> None:
    report = build_report(
        "t",
        "e.py",
        analyse_eval(FIELD_EVAL),
        run("good", "passed"),
        run("broken", "failed"),
        LABELS,
    )
    data = json.loads(report_json(report))

    assert data["caught_regression"] is True
    assert data["threshold_set"] is True
    assert [s["style"] for s in data["styles"]] == ["exact_match"]
    assert [k["label"] for k in data["kinds"]] == ["positive", "edge", "adversarial"]
