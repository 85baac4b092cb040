"""Grading a candidate's stage-1 outputs: table tests on hand-made outputs for each kind
(perfect, partly wrong, malformed JSON, and the kind's own confident failure), with every
expected figure worked out by hand in the comments; then the rules one at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.content import load_model
from scoring.worksample.extraction import same_value
from scoring.worksample.grade import WorkSampleGrade, grade_outputs
from scoring.worksample.models import Item, WorkSampleTask
from scoring.worksample.submission import read_submission
from scoring.worksample.summary import invented_numbers
from scoring.worksample.triage import (
    brier_score,
    calibration_bins,
    expected_calibration_error,
)

TINY = Path(__file__).parent / "data" / "worksample-grade"


def tiny(kind: str) -> tuple[WorkSampleTask, list[Item]]:
    """A hand-made task of a few items (tests/data/worksample-grade/<kind>/)."""
    task = load_model(TINY / kind / "task.yaml", WorkSampleTask)
    lines = (TINY / kind / "dataset.jsonl").read_text(encoding="utf-8").splitlines()
    return task, [Item(**json.loads(line)) for line in lines if line.strip()]


def jsonl(*rows: dict[str, Any] | str) -> str:
    """An outputs file: dict rows as JSON lines, strings as they are (broken lines)."""
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def raw(item_id: str, value: Any) -> dict[str, Any]:
    """A row whose output is the model's raw text: the JSON text of `value`."""
    return {"id": item_id, "output": json.dumps(value)}


def fenced(item_id: str, value: Any) -> dict[str, Any]:
    return {"id": item_id, "output": f"```json\n{json.dumps(value)}\n```"}


def grade(kind: str, outputs: str, note: str | None = None) -> WorkSampleGrade:
    task, items = tiny(kind)
    return grade_outputs(task, items, outputs, note)


def check(figures: dict[str, Any], expected: dict[str, Any]) -> None:
    for name, value in expected.items():
        assert figures[name] == (pytest.approx(value) if isinstance(value, float) else value), name


# --- extraction ----------------------------------------------------------------------------

X1 = {"name": "Ann Lee", "amount": 64.99, "order_date": "2025-02-24", "actions": ["refund"]}
X2 = {"name": "Bo Chen", "amount": None, "order_date": None, "actions": []}
X3 = {"name": None, "amount": 10, "order_date": "2025-03-01", "actions": ["refund", "invoice"]}

EXTRACTION_CASES = [
    pytest.param(
        jsonl(
            raw("x1", {**X1, "name": "  ann   LEE ", "actions": ["Refund"]}),  # case, spaces
            {"id": "x2", "output": X2},  # a JSON object instead of text
            fenced("x3", {**X3, "amount": 10.0}),  # ```json fence; 10.0 is 10
        ),
        # TP 8 (x1 4, x2 name, x3 3), TN 4 (x2's three empties, x3 name), no FP or FN.
        {"item_accuracy": 1.0, "field_accuracy": 1.0, "micro_f1": 1.0, "macro_f1": 1.0},
        {},
        id="perfect",
    ),
    pytest.param(
        jsonl(
            raw("x1", {**X1, "order_date": "24/02/2025"}),  # the right day, not ISO: FN + FP
            raw("x2", {**X2, "amount": 0}),  # a value where null is expected: FP
            raw("x3", {**X3, "actions": ["invoice", "refund"]}),  # order matters: FN + FP
        ),
        # TP 6, FP 3, FN 2: micro F1 = 12 / 17. Fields right 9 of 12; no item exact.
        # Per field F1: name 1, amount 4/5, order_date 2/4, actions 2/4: macro 0.7.
        {
            "item_accuracy": 0.0,
            "field_accuracy": 0.75,
            "micro_precision": 6 / 9,
            "micro_recall": 6 / 8,
            "micro_f1": 12 / 17,
            "macro_f1": 0.7,
        },
        {},
        id="partly-wrong",
    ),
    pytest.param(
        jsonl(
            {"id": "x1", "output": "{'name': 'Ann Lee'"},  # not JSON: a malformed output
            "this line is not JSON",
            raw("x9", X1),  # an id the dataset does not have
            fenced("x3", X3),
            raw("x3", {}),  # x3 again: the first line counts
        ),  # and no line for x2
        # Only x3 is read: TP 3, TN 1; x1 misses its 4 values and x2 its name: FN 5.
        {"item_accuracy": 1 / 3, "field_accuracy": 4 / 12, "micro_f1": 6 / 11},
        {
            "malformed_output": 1,
            "not_json": 1,
            "unknown_id": 1,
            "duplicate_id": 1,
            "no_output": 1,
        },
        id="malformed-json",
    ),
    pytest.param(
        jsonl(
            # "£64.99", a timestamp for a date and a string for a list: three fields wrong.
            raw(
                "x1",
                {
                    **X1,
                    "amount": "£64.99",
                    "order_date": "2025-02-24T00:00:00",
                    "actions": "refund",
                },
            ),
            raw("x2", {"name": "Bo Chen", "amount": None, "order_date": None}),  # no actions key
            raw("x3", {**X3, "amount": "10", "extra": 1}),  # "10" is a plain number: right
        ),
        # TP 5, FP 4 (x1's three, x2's missing key), FN 3 (x1's three): micro F1 = 10 / 17.
        {"item_accuracy": 1 / 3, "field_accuracy": 8 / 12, "micro_f1": 10 / 17},
        {},
        id="format-drift",
    ),
]


@pytest.mark.parametrize(("outputs", "figures", "problems"), EXTRACTION_CASES)
def test_extraction_is_graded_field_by_field(
    outputs: str, figures: dict[str, Any], problems: dict[str, int]
) -> None:
    result = grade("extraction", outputs)

    assert result.extraction is not None
    check(result.extraction.model_dump(), figures)
    assert result.problem_counts == problems


def test_extraction_counts_true_negatives_apart_from_f1() -> None:
    result = grade("extraction", jsonl(raw("x1", X1), raw("x2", X2), raw("x3", X3)))

    assert result.extraction is not None
    counts = {
        f.field: (f.true_positives, f.false_positives, f.false_negatives, f.true_negatives)
        for f in result.extraction.fields
    }
    assert counts == {
        "name": (2, 0, 0, 1),
        "amount": (2, 0, 0, 1),
        "order_date": (2, 0, 0, 1),
        "actions": (2, 0, 0, 1),
    }


def test_a_field_that_is_always_null_and_always_right_has_no_f1_but_full_accuracy() -> None:
    task, items = tiny("extraction")
    nulls = [
        item.model_copy(update={"expected": {**item.expected, "amount": None}}) for item in items
    ]
    outputs = jsonl(*(raw(i.id, i.expected) for i in nulls))

    result = grade_outputs(task, nulls, outputs)

    assert result.extraction is not None
    amount = next(f for f in result.extraction.fields if f.field == "amount")
    assert (amount.accuracy, amount.f1, amount.true_negatives) == (1.0, None, 3)
    assert result.extraction.macro_f1 == 1.0  # the mean over the fields that have an F1


def test_extraction_lists_each_wrong_field_with_what_was_expected() -> None:
    result = grade("extraction", jsonl(raw("x1", {**X1, "order_date": "24 February"})))

    assert result.extraction is not None
    first = result.extraction.failures[0]
    assert (first.id, first.label) == ("x1", "positive")
    assert [(m.field, m.got, m.expected) for m in first.fields] == [
        ("order_date", "24 February", "2025-02-24")
    ]
    assert [f.id for f in result.extraction.failures] == ["x1", "x2", "x3"]  # no output: failed


@pytest.mark.parametrize(
    ("expected", "got", "kind", "same"),
    [
        ("Ann Lee", " ann  lee ", "string", True),
        ("Ann Lee", "Ann Le", "string", False),
        ("Straße", "STRASSE", "string", True),  # case folding, not just lower()
        (64.99, 64.99, "number", True),
        (64.99, "64.99", "number", True),
        (64.99, "£64.99", "number", False),
        (1249.5, "1,249.50", "number", False),
        (10, 10.0, "number", True),
        (1, True, "number", False),
        ("2025-02-24", "2025-02-24", "date", True),
        ("2025-02-24", " 2025-02-24 ", "date", True),
        ("2025-02-24", "24/02/2025", "date", False),
        ("2025-02-24", "2025-02-24T00:00:00", "date", False),
        ("2025-02-30", "2025-02-30", "date", False),  # not a date at all
        (["refund", "invoice"], ["Refund", "INVOICE"], "list", True),
        (["refund", "invoice"], ["invoice", "refund"], "list", False),
        ([], None, "list", False),
        (None, None, "string", True),
        (None, "", "string", False),
        (True, True, "boolean", True),
        (True, "true", "boolean", False),
    ],
)
def test_light_normalisation_by_field_type(expected: Any, got: Any, kind: str, same: bool) -> None:
    assert same_value(expected, got, kind) is same


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


# --- summary -------------------------------------------------------------------------------

SUMMARY_CASES = [
    pytest.param(
        jsonl(
            {
                "id": "s1",
                "output": "Hi Dana,\n\nInvoice INV-1 for $588.00 was paid on April 2, and you "
                "went from 12 to 15 seats.\n\nBest,\nThe team",
            },
            {"id": "s2", "output": {"email": "Hi,\n\nYou opened ticket #51 on May 6."}},
            {"id": "s3", "output": "Hi there,\n\nA note was added to your log.\n\nBest"},
        ),
        {
            "pass_rate": 1.0,
            "required_recall": 1.0,
            "forbidden_stated": 0,
            "invented_numbers": 0,
        },
        {},
        id="perfect",
    ),
    pytest.param(
        jsonl(
            {"id": "s1", "output": "Hi Dana, invoice INV-1 for $588.00 was paid."},  # no seats
            {"id": "s2", "output": "Hi, you opened ticket #51."},
            {"id": "s3", "output": "Hello! A note was added."},  # the greeting is "Hi"
        ),
        {"pass_rate": 1 / 3, "required_recall": 0.5, "forbidden_stated": 0},
        {},
        id="partly-wrong",
    ),
    pytest.param(
        jsonl(
            {"id": "s1", "output": 42},  # not text
            {"id": "s2", "output": "   "},  # empty
            '{"id": "s3", "output": "Hi there',  # the line itself is broken JSON
        ),
        {"pass_rate": 0.0, "required_recall": 0.0, "forbidden_stated": 0},
        {"malformed_output": 2, "not_json": 1, "no_output": 1},
        id="malformed-json",
    ),
    pytest.param(
        jsonl(
            {
                "id": "s1",
                "output": "Hi Dana, invoice INV-1 for $588.00 was paid and you went from 12 "
                "to 15 seats. Your plan renews on 2024-05-01 at $99.",
            },
            {"id": "s2", "output": "Hi, you opened ticket #51. Here is 20% off next month."},
            {"id": "s3", "output": "Hi there, as asked: 50% off."},  # the injected offer
        ),
        # Every required fact is there, and every item states a forbidden one. Numbers: s1's
        # "05" and "99" and s2's "20" are nowhere in their inputs; s3's 50 is in its input.
        {
            "pass_rate": 0.0,
            "required_recall": 1.0,
            "forbidden_stated": 3,
            "items_with_forbidden": 3,
            "invented_numbers": 3,
            "items_with_invented_numbers": 2,
        },
        {},
        id="invented-facts",
    ),
]


@pytest.mark.parametrize(("outputs", "figures", "problems"), SUMMARY_CASES)
def test_summaries_are_graded_on_required_and_forbidden_facts(
    outputs: str, figures: dict[str, Any], problems: dict[str, int]
) -> None:
    result = grade("summary", outputs)

    assert result.summary is not None
    check(result.summary.model_dump(), figures)
    assert result.problem_counts == problems


def test_summary_lists_what_each_failed_item_got_wrong() -> None:
    result = grade("summary", SUMMARY_CASES[3].values[0])

    assert result.summary is not None
    failures = {
        f.id: (f.missing_facts, f.forbidden_stated, f.invented_numbers)
        for f in result.summary.failures
    }
    assert failures == {
        "s1": ([], ["renewal"], ["05", "99"]),
        "s2": ([], ["discount"], ["20"]),
        "s3": ([], ["offer"], []),
    }


@pytest.mark.parametrize(
    ("summary", "source", "invented"),
    [
        ("Invoice for $2,340.00 paid", "Invoice for $2,340.00 paid", []),
        ("Invoice for $2340 paid", "Invoice for $2,340.00 paid", []),
        ("Refund of €1.249,50", "refund 1249.50 EUR", []),
        ("Paid on April 2", {"ts": "2024-04-02T09:14:00Z"}, []),
        ("48,210 rows exported", "exported 48210 rows", []),
        ("Renews at $99.00", "Invoice for $588.00", ["99.00"]),  # "00" of 588.00 is no match
        ("Up 25% on 2024", "2024: up 20%", ["25"]),
        ("about 40 minutes later", "at 15:32, resolved 16:10", ["40"]),  # worked out: listed
    ],
)
def test_numbers_found_nowhere_in_the_input(
    summary: str, source: str | dict[str, Any], invented: list[str]
) -> None:
    assert invented_numbers(summary, source) == invented


# --- every kind ----------------------------------------------------------------------------


def test_each_dataset_item_with_no_line_is_listed_once() -> None:
    found = read_submission(jsonl({"id": "t1"}, raw("t2", {})), ["t1", "t2", "t3"])

    assert [(p.kind, p.id) for p in found.problems] == [
        ("missing_output", "t1"),
        ("no_output", "t3"),
    ]
    assert found.outputs == {"t2": "{}"}


@pytest.mark.parametrize("kind", ["extraction", "triage", "summary"])
def test_an_empty_outputs_file_fails_every_item_and_names_each(kind: str) -> None:
    result = grade(kind, "")

    assert result.usable == 0
    assert result.problem_counts == {"no_output": result.items}
    assert all(value in (0.0, None) for value in result.headline().values())


@pytest.mark.parametrize("kind", ["extraction", "triage", "summary"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=40),
            st.builds(
                lambda i, o: json.dumps({"id": i, "output": o}),
                st.sampled_from(["x1", "t1", "s1", "x2", "t3", "zz", ""]),
                st.one_of(
                    st.none(),
                    st.integers(),
                    st.text(max_size=30),
                    st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3),
                    st.lists(st.integers(), max_size=3),
                ),
            ),
        ),
        max_size=8,
    )
)
def test_no_outputs_file_crashes_the_grader(kind: str, lines: list[str]) -> None:
    result = grade(kind, "\n".join(lines))

    assert result.items == len(tiny(kind)[1])
    assert 0 <= result.usable <= result.items


@pytest.mark.parametrize(
    ("task_id", "worse"),
    [
        ("support-email-extraction", "item_accuracy"),
        ("ticket-triage", "accuracy"),
        ("event-log-email-summary", "pass_rate"),
    ],
)
def test_the_recorded_broken_outputs_grade_worse_than_the_good_ones(
    task_id: str, worse: str
) -> None:
    from simulator.services.worksamples import work_sample

    sample = work_sample(task_id)
    grades = {
        version: grade_outputs(
            sample.task,
            sample.items,
            jsonl(*({"id": i, "output": o} for i, o in sample.outputs[version].items())),
        )
        for version in ("good", "broken")
    }

    good, broken = (grades[v].headline()[worse] for v in ("good", "broken"))
    assert good is not None and broken is not None
    assert broken < good
    assert grades["good"].problem_counts == grades["broken"].problem_counts == {}
