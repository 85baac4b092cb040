"""Grading triage outputs: accuracy, per-class recall and precision, and the calibration of
the confidence (ECE, Brier, overconfident answers), on hand-made outputs."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scoring.worksample.triage import (
    brier_score,
    calibration_bins,
    expected_calibration_error,
)
from tests.worksample_helpers import check, fenced, grade, jsonl, raw

# --- triage --------------------------------------------------------------------------------


def ticket(item_id: str, category: str, confidence: Any) -> dict[str, Any]:
    return raw(item_id, {"category": category, "confidence": confidence})


TRIAGE_CASES = [
    pytest.param(
        jsonl(
            ticket("t1", "Billing", 0.95),
            ticket("t2", "Bug report", 0.95),
            ticket("t3", "How-to question", 0.7),
            ticket("t4", "Billing", 0.9),
            ticket("t5", "bug REPORT", 0.6),  # the category's spelling is folded
        ),
        # Bins: [0.9, 1.0] holds .95 .95 .9 (mean .9333, all right): gap .0667 x 3/5 = .04;
        # 0.7: gap .3 x 1/5 = .06; 0.6: gap .4 x 1/5 = .08. ECE .18.
        # Brier (.05^2 + .05^2 + .3^2 + .1^2 + .4^2) / 5 = .265 / 5 = .053.
        {"accuracy": 1.0, "ece": 0.18, "brier": 0.053, "overconfident": None},
        {},
        id="perfect",
    ),
    pytest.param(
        jsonl(
            ticket("t1", "Billing", 0.9),
            ticket("t2", "How-to question", 0.6),  # wrong, and unsure: good calibration
            ticket("t3", "How-to question", 0.8),
            ticket("t4", "billing", 0.95),
            ticket("t5", "Feature request", 0.5),  # not one of the task's categories: wrong
        ),
        # ECE: [0.9,1.0] .9 .95 right: .075 x .4 = .03; .6 wrong: .6 x .2 = .12;
        # .8 right: .2 x .2 = .04; .5 wrong: .5 x .2 = .1. Total .29.
        # Brier (.1^2 + .6^2 + .2^2 + .05^2 + .5^2) / 5 = .6625 / 5 = .1325.
        # Wrong answers: .6 and .5, none at 0.9 or above.
        {"accuracy": 0.6, "ece": 0.29, "brier": 0.1325, "overconfident": 0.0},
        {},
        id="partly-wrong",
    ),
    pytest.param(
        jsonl(
            {"id": "t1", "output": "Billing, I think"},  # not JSON
            raw("t2", {"category": "Bug report", "confidence": "high"}),  # right, no confidence
            fenced("t3", {"category": "How-to question", "confidence": 0.8}),
            {"output": json.dumps({"category": "Bug report", "confidence": 0.9})},  # no id
        ),  # and no line for t4 or t5
        # Right: t2, t3. Calibrated on t3 alone: ECE |1 - .8| = .2, Brier .04.
        {"accuracy": 0.4, "ece": 0.2, "brier": 0.04, "overconfident": None},
        {"malformed_output": 1, "missing_id": 1, "no_output": 2},
        id="malformed-json",
    ),
    pytest.param(
        jsonl(
            ticket("t1", "Billing", 0.97),
            ticket("t2", "Billing", 0.97),  # wrong at 0.97
            ticket("t3", "Bug report", 0.97),  # wrong at 0.97
            ticket("t4", "Billing", 0.97),
            ticket("t5", "Bug report", 0.97),
        ),
        # One bin: mean .97, accuracy .6: ECE .37. Brier (3 x .03^2 + 2 x .97^2) / 5 = .3769.
        {"accuracy": 0.6, "ece": 0.37, "brier": 0.3769, "overconfident": 1.0},
        {},
        id="overconfident",
    ),
]


@pytest.mark.parametrize(("outputs", "figures", "problems"), TRIAGE_CASES)
def test_triage_is_graded_on_accuracy_and_calibration(
    outputs: str, figures: dict[str, Any], problems: dict[str, int]
) -> None:
    result = grade("triage", outputs)

    assert result.triage is not None
    check(result.triage.headline(), figures)
    assert result.problem_counts == problems


def test_triage_names_the_overconfident_answers_per_label() -> None:
    result = grade("triage", TRIAGE_CASES[3].values[0])

    assert result.triage is not None
    assert result.triage.overconfident_ids == ["t2", "t3"]
    by_label = {
        g.label: (g.items, g.metrics["accuracy"], g.metrics["overconfident"])
        for g in result.by_label
    }
    assert by_label == {
        "positive": (2, 0.5, 1.0),
        "edge": (2, 0.5, 1.0),
        "adversarial": (1, 1.0, None),  # no wrong answer to be overconfident about
    }


def test_triage_recall_precision_and_confusions() -> None:
    result = grade("triage", TRIAGE_CASES[1].values[0])

    assert result.triage is not None
    classes = {c.category: (c.recall, c.precision) for c in result.triage.classes}
    assert classes == {
        "Billing": (1.0, 1.0),
        "Bug report": (0.0, None),  # never given: no precision, not a made-up 0 or 1
        "How-to question": (1.0, 0.5),
    }
    confusions = [(c.expected, c.predicted, c.ids) for c in result.triage.confusions]
    assert confusions == [
        ("Bug report", "Feature request", ["t5"]),
        ("Bug report", "How-to question", ["t2"]),
    ]


def test_a_confidence_that_is_not_a_number_from_0_to_1_is_not_calibrated() -> None:
    outputs = jsonl(
        ticket("t1", "Billing", 95),  # a percentage
        ticket("t2", "Bug report", True),
        ticket("t3", "How-to question", "0.9"),
        ticket("t4", "Billing", -0.1),
        ticket("t5", "Bug report", 1.0),
    )

    result = grade("triage", outputs)

    assert result.triage is not None
    assert result.triage.no_confidence_ids == ["t1", "t2", "t3", "t4"]
    assert (result.triage.accuracy, result.triage.with_confidence) == (1.0, 1)
    assert result.triage.brier == 0.0


@pytest.mark.parametrize(
    ("confidence", "bin_index"),
    [(0.0, 0), (0.1, 1), (0.3, 3), (0.7, 7), (0.89, 8), (0.9, 9), (1.0, 9)],
)
def test_a_confidence_falls_in_its_bin(confidence: float, bin_index: int) -> None:
    bins = calibration_bins([(confidence, True)])

    assert [b.count for b in bins].index(1) == bin_index


def test_calibration_is_undefined_without_confidences() -> None:
    assert expected_calibration_error([]) is None
    assert brier_score([]) is None


def test_always_half_sure_is_a_brier_of_a_quarter() -> None:
    assert brier_score([(0.5, True), (0.5, False)]) == 0.25
