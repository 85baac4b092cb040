"""The eval-design grade (scoring/evaldesign/grading.py): the check's report plus the
candidate's note, read against the `eval-design` rubric. Pure: each report is built from an
eval's real source (read by `analyse_eval`, never run) and hand-made runs, on a small dataset
of 4 positive, 2 edge and 2 adversarial items."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from scoring.evaldesign import EvalDesignReport, RunOutcome
from scoring.evaldesign.grading import grade_eval_design
from tests.evaldesign_helpers import (
    EVERY_ITEM,
    HAPPY_PATH,
    JUDGE,
    NOTHING,
    ONE_EXACT_TEST,
    PATTERNS,
    SIMILARITY,
    STRONG_NOTE,
    STRONG_TRIAGE,
    dimension,
    levels,
    report_for,
    run,
)

# --- whole answers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    name: str
    report: EvalDesignReport
    note: str | None
    expected: dict[str, int]
    recommendation: str


ANSWERS = [
    Answer(
        "a strong eval and a strong note",
        report_for(
            STRONG_TRIAGE,
            good=run("good", "passed", tests=4),
            broken=run(
                "broken",
                "failed",
                tests=4,
                failed=3,
                failing=[
                    "test_accuracy: assert 0.75 >= 0.9",
                    "test_ambiguous_items[e1]: AssertionError",
                    "test_wrong_answers_are_not_confident: assert 0.96 < 0.9",
                ],
            ),
        ),
        STRONG_NOTE,
        {
            "catches_regression": 4,
            "case_coverage": 4,
            "eval_style": 4,
            "threshold_ci": 4,
            "upkeep": 4,
        },
        "strong_hire",
    ),
    Answer(
        "three asserts on the happy path",
        report_for(
            HAPPY_PATH,
            broken=run("broken", "passed", touched=["p1", "p2", "p3"]),
            good=run("good", "passed", touched=["p1", "p2", "p3"]),
        ),
        None,
        {
            "catches_regression": 1,
            "case_coverage": 1,
            "eval_style": 2,  # exact match fits triage; capped because it misses
            "threshold_ci": 1,
            "upkeep": 1,
        },
        "strong_no_hire",
    ),
    Answer(
        "a strong eval with no note",
        report_for(
            STRONG_TRIAGE,
            good=run("good", "passed", tests=4),
            broken=run("broken", "failed", tests=4, failed=1),
        ),
        None,
        {
            "catches_regression": 3,
            "case_coverage": 4,
            "eval_style": 3,  # no failing test shows the calibration check; no note says why
            # the threshold in the code, and a marker of its own (`pytest -m eval` in CI); no
            # note to say why that number
            "threshold_ci": 3,
            "upkeep": 2,  # reads every item: new items join on their own
        },
        "hire",
    ),
]


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda a: a.name)
def test_whole_answers_get_the_levels_their_evidence_supports(answer: Answer) -> None:
    grade = grade_eval_design(answer.report, "triage", answer.note)

    assert levels(grade) == answer.expected
    assert grade.recommendation == answer.recommendation


def test_every_level_cites_its_evidence_and_says_what_a_stronger_answer_does() -> None:
    grade = grade_eval_design(report_for(ONE_EXACT_TEST), "triage", None)

    for d in grade.dimensions:
        assert d.rationale
        assert d.stronger or d.level == 4
    catching = dimension(grade, "catches_regression")
    assert [e.text for e in catching.evidence] == [
        "passes on the good version: 3 of 3 tests",
        "fails on the broken version: 2 of 3 tests",
    ]


def test_the_strong_notes_sentences_are_quoted_as_written() -> None:
    report = report_for(STRONG_TRIAGE)
    grade = grade_eval_design(report, "triage", STRONG_NOTE)

    upkeep = dimension(grade, "upkeep")
    assert [(e.source, e.text) for e in upkeep.evidence] == [
        (
            "note",
            "Every misrouted ticket an agent corrects in production is labelled and added to "
            "the dataset, and the on-call triager reviews the new items weekly.",
        )
    ]
    threshold = dimension(grade, "threshold_ci")
    assert threshold.evidence[0].text == (
        "threshold in the code: accuracy >= MIN_ACCURACY (MIN_ACCURACY = 0.9) (line 12)"
    )
    assert any(e.source == "note" and "two points" in e.text for e in threshold.evidence)


# --- catching the regression, and its caps ----------------------------------------------------


@pytest.mark.parametrize(
    ("good", "broken", "level"),
    [
        (run("good", "passed"), run("broken", "passed"), 1),  # misses it
        (run("good", "failed", failed=1), run("broken", "failed", failed=1), 1),  # fails alike
        (run("good", "failed", failed=1), run("broken", "passed"), 1),  # fails on good only
        (run("good", "failed", failed=1), run("broken", "failed", failed=3), 2),  # wrong bar
        (run("good", "passed"), run("broken", "failed", failed=1), 3),
        (run("good", "passed"), run("broken", "failed", failed=2), 4),
    ],
)
def test_catching_the_regression_needs_a_pass_on_good_and_a_failure_on_broken(
    good: RunOutcome, broken: RunOutcome, level: int
) -> None:
    grade = grade_eval_design(report_for(STRONG_TRIAGE, good=good, broken=broken), "triage", None)

    assert dimension(grade, "catches_regression").level == level


def test_an_eval_that_fails_on_the_good_version_is_capped() -> None:
    report = report_for(
        STRONG_TRIAGE,
        good=run("good", "failed", tests=4, failed=1),
        broken=run("broken", "failed", tests=4, failed=3),
    )
    grade = grade_eval_design(report, "triage", STRONG_NOTE)

    assert levels(grade) == {
        "catches_regression": 2,
        "case_coverage": 2,
        "eval_style": 2,
        "threshold_ci": 2,
        "upkeep": 3,
    }
    style = dimension(grade, "eval_style")
    assert style.cap == "capped at 2 (from 4): the eval fails on the good version"
    assert style.stronger.startswith("Make the eval pass on the good version first")
    assert grade.recommendation == "no_hire"


def test_an_eval_that_misses_the_regression_cannot_be_hired_on_its_note() -> None:
    report = report_for(STRONG_TRIAGE, broken=run("broken", "passed", tests=4))
    grade = grade_eval_design(report, "triage", STRONG_NOTE)

    assert dimension(grade, "catches_regression").level == 1
    assert max(levels(grade).values()) == 3  # upkeep: the note's plan, capped at 3
    assert grade.recommendation in ("no_hire", "strong_no_hire")


def test_an_eval_the_sandbox_stopped_earns_at_most_its_notes_plans() -> None:
    stopped = RunOutcome(version="good", verdict="timeout", detail="stopped after 20 s")
    report = report_for(
        STRONG_TRIAGE, good=stopped, broken=run("broken", "failed", failed=2, touched=[])
    )
    grade = grade_eval_design(report, "triage", STRONG_NOTE)

    catching = dimension(grade, "catches_regression")
    assert catching.level == 1
    assert catching.evidence[0].text.startswith("the sandbox stopped the eval: timeout")
    assert levels(grade)["eval_style"] == 1
    assert max(levels(grade).values()) == 2
    assert all(d.stronger.startswith("Make the eval run to its end") for d in grade.dimensions)


# --- cases ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("touched", "tests", "level"),
    [
        ([], 3, 1),
        (["p1", "p2", "p3"], 3, 1),
        (["p1", "e1"], 3, 2),
        (["a1", "a2"], 3, 2),
        (["p1", "e1", "a1"], 3, 3),  # all three kinds, a share of each under half
        (EVERY_ITEM, 1, 3),  # everything, in one test
        (["p1", "p2", "e1", "a1"], 3, 4),
        (EVERY_ITEM, 5, 4),
    ],
)
def test_cases_need_edge_and_adversarial_items_in_distinct_tests(
    touched: list[str], tests: int, level: int
) -> None:
    report = report_for(
        STRONG_TRIAGE,
        good=run("good", "passed", tests=tests, touched=touched),
        broken=run("broken", "failed", tests=tests, failed=1, touched=touched),
    )

    assert dimension(grade_eval_design(report, "triage", None), "case_coverage").level == level


# --- the style for the task's kind ----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "source", "level"),
    [
        ("triage", ONE_EXACT_TEST, 3),
        ("triage", SIMILARITY, 1),
        ("triage", JUDGE, 1),
        ("triage", NOTHING, 1),
        ("extraction", ONE_EXACT_TEST, 3),
        ("extraction", PATTERNS, 2),
        ("extraction", SIMILARITY, 1),
        ("summary", PATTERNS, 3),
        ("summary", JUDGE, 3),
        ("summary", SIMILARITY, 2),
        ("summary", ONE_EXACT_TEST, 1),
    ],
)
def test_the_right_style_depends_on_the_task_kind(kind: str, source: str, level: int) -> None:
    broken = run("broken", "failed", failed=1, failing=["test_all: AssertionError"])
    grade = grade_eval_design(report_for(source, broken=broken), kind, None)

    assert dimension(grade, "eval_style").level == level


@pytest.mark.parametrize(
    ("kind", "failing", "level"),
    [
        ("triage", "test_wrong_answers_are_not_confident: assert 0.96 < 0.9", 4),
        ("triage", "test_category_matches: AssertionError", 3),
        ("extraction", "test_every_field_matches[order_date]: AssertionError", 4),
        ("summary", "test_no_forbidden_fact: AssertionError", 4),
    ],
)
def test_the_kinds_own_check_beyond_the_style_earns_level_4(
    kind: str, failing: str, level: int
) -> None:
    source = PATTERNS if kind == "summary" else ONE_EXACT_TEST
    broken = run("broken", "failed", failed=1, failing=[failing])
    grade = grade_eval_design(report_for(source, broken=broken), kind, None)

    style = dimension(grade, "eval_style")
    assert style.level == level
    if level == 4:
        assert style.evidence[-1].text.endswith("fails on the broken version")


def test_a_note_that_says_why_this_style_earns_level_4() -> None:
    note = "Exact match is wrong for free text, so each fact is checked with patterns instead."
    broken = run("broken", "failed", failed=1, failing=["test_facts: AssertionError"])
    grade = grade_eval_design(report_for(PATTERNS, broken=broken), "summary", note)

    style = dimension(grade, "eval_style")
    assert style.level == 4
    assert style.evidence[-1].source == "note"


def test_the_stronger_answer_names_the_right_style_for_the_kind() -> None:
    grade = grade_eval_design(report_for(SIMILARITY), "summary", None)

    stronger = dimension(grade, "eval_style").stronger
    assert stronger.startswith("Use fact checks (patterns or a rubric/model-graded judge)")


def test_an_unknown_task_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown task kind 'ranking'"):
        grade_eval_design(report_for(NOTHING), "ranking", None)
