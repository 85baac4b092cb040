"""Grading summaries: required facts present, forbidden facts absent, and numbers found
nowhere in the input, on hand-made outputs."""

from __future__ import annotations

from typing import Any

import pytest

from scoring.worksample.summary import invented_numbers
from tests.worksample_helpers import check, grade, jsonl

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
