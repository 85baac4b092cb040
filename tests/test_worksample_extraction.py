"""Grading extraction outputs: the table of hand-made outputs (perfect, partly wrong,
malformed JSON, format drift), every figure worked out by hand; then the rules one at a time."""

from __future__ import annotations

from typing import Any

import pytest

from scoring.worksample.extraction import same_value
from scoring.worksample.grade import grade_outputs
from tests.worksample_helpers import check, fenced, grade, jsonl, raw, tiny

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
