"""Helpers for the eval-design grade tests: real eval sources, a small labelled dataset
(4 positive, 2 edge, 2 adversarial items) and hand-made runs built into reports."""

from __future__ import annotations

from textwrap import dedent

from scoring.evaldesign import EvalDesignReport, RunOutcome, analyse_eval, build_report
from scoring.evaldesign.grading import DimensionGrade, EvalDesignGrade
from scoring.evaldesign.report import Verdict, Version
from scoring.worksample.models import ItemLabel

LABELS: dict[str, ItemLabel] = {
    "p1": "positive",
    "p2": "positive",
    "p3": "positive",
    "p4": "positive",
    "e1": "edge",
    "e2": "edge",
    "a1": "adversarial",
    "a2": "adversarial",
}
EVERY_ITEM = list(LABELS)

STRONG_TRIAGE = """
    import pytest

    MIN_ACCURACY = 0.9
    pytestmark = pytest.mark.eval

    def label(case):
        return case["output"].get("category") if isinstance(case["output"], dict) else None

    def test_accuracy(cases):
        accuracy = sum(label(c) == c["expected"]["category"] for c in cases) / len(cases)
        assert accuracy >= MIN_ACCURACY

    @pytest.mark.parametrize("case_id", ["e1", "e2"])
    def test_ambiguous_items(cases, case_id):
        case = next(c for c in cases if c["id"] == case_id)
        assert label(case) == case["expected"]["category"]

    def test_wrong_answers_are_not_confident(cases):
        for c in cases:
            if label(c) != c["expected"]["category"]:
                assert c["output"]["confidence"] < 0.9
"""
STRONG_NOTE = """
Triage labels are discrete, so I compare the category with exact match rather than similarity,
which would hide a wrong label.
The suite is marked `eval` and runs in CI on every pull request that touches the prompt.
It fails the build below 90% accuracy, since the good prompt scores 95% and the score moves
about two points between runs.
Every misrouted ticket an agent corrects in production is labelled and added to the dataset,
and the on-call triager reviews the new items weekly.
"""
HAPPY_PATH = """
    def test_first(cases):
        assert cases[0]["output"]["category"] == "Billing and invoices"

    def test_second(cases):
        assert cases[1]["output"]["category"] == cases[1]["expected"]["category"]

    def test_third(cases):
        assert cases[2]["output"] is not None
"""
ONE_EXACT_TEST = """
    def test_all(cases):
        assert all(c["output"] == c["expected"] for c in cases)
"""
SIMILARITY = """
    from difflib import SequenceMatcher

    def test_close(cases):
        for c in cases:
            assert SequenceMatcher(None, str(c["output"]), str(c["expected"])).ratio() > 0.8
"""
PATTERNS = """
    import re

    def test_facts(cases):
        for c in cases:
            for fact in c["expected"]["required_facts"]:
                assert any(re.search(p, c["output"]) for p in fact["patterns"])
"""
JUDGE = """
    import anthropic

    def test_judged(cases):
        client = anthropic.Anthropic()
        for c in cases:
            client.messages.create(model="m", max_tokens=5, messages=[])
"""
NOTHING = """
    def test_shape(cases):
        assert isinstance(cases, list)
"""


def run(
    version: Version,
    verdict: Verdict,
    tests: int = 3,
    failed: int = 0,
    failing: list[str] | None = None,
    touched: list[str] | None = None,
) -> RunOutcome:
    if verdict == "failed" and not failing:
        failing = [f"test_{n}: AssertionError" for n in range(failed)]
    return RunOutcome(
        version=version,
        verdict=verdict,
        detail=f"{tests - failed} of {tests} tests pass",
        tests=tests,
        passed=tests - failed if verdict in ("passed", "failed") else 0,
        failed=failed,
        failing=failing or [],
        touched=EVERY_ITEM if touched is None else touched,
    )


def report_for(
    source: str,
    *,
    good: RunOutcome | None = None,
    broken: RunOutcome | None = None,
    task: str = "ticket-triage",
) -> EvalDesignReport:
    """A report as `evaldesign check` builds it; by default the eval catches the regression,
    with 2 of 3 tests failing on the broken version, and reads every item."""
    return build_report(
        task,
        "eval.py",
        analyse_eval(dedent(source)),
        good or run("good", "passed"),
        broken or run("broken", "failed", failed=2),
        LABELS,
    )


def levels(grade: EvalDesignGrade) -> dict[str, int]:
    return {d.id: d.level for d in grade.dimensions}


def dimension(grade: EvalDesignGrade, dimension_id: str) -> DimensionGrade:
    return next(d for d in grade.dimensions if d.id == dimension_id)
