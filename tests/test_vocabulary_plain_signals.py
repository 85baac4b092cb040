"""Depth said plainly or tersely is depth: a figure with its unit however it is written ("a
20-second timeout", "6,000 a day"), a case with its handling ("Invalid JSON: one retry
with the error") as a failure anticipated, and a consequence after a comma ("..., so nobody
is waiting on a spinner") as a reason; a number counting nothing, a heading, or a "so" that
only starts a sentence, is not."""

from __future__ import annotations

import pytest

from scoring.vocabulary import default_matcher


def found(text: str, kind: str) -> list[str]:
    return [text[h.start : h.end] for h in default_matcher().signal_per_sentence(text, kind)]


@pytest.mark.parametrize(
    "said",
    [
        "Calls the model with a 20-second timeout.",
        "We're well under at 6,000 a day, so the rate limit is no worry.",
        "About 200 an hour at peak.",
        "p95 under 2 s.",
    ],
)
def test_a_figure_with_its_unit_is_a_quantity(said: str) -> None:
    assert found(said, "quantity")


@pytest.mark.parametrize("said", ["We have 3 options.", "Version 2 of the prompt."])
def test_a_number_counting_nothing_is_no_quantity(said: str) -> None:
    assert not found(said, "quantity")


@pytest.mark.parametrize(
    "said",
    [
        "Model 429 or 5xx: retry with backoff and jitter, up to three times.",
        "Invalid JSON: one retry with the error.",
        "Duplicate webhooks: job keyed on ticket id, so a second one is a no-op.",
    ],
)
def test_a_case_and_its_handling_is_a_failure_anticipated(said: str) -> None:
    assert found(said, "failure_mode")


@pytest.mark.parametrize(
    "said", ["Three parts: prompt, checks, delivery.", "Prompt: system holds role and tone."]
)
def test_a_heading_is_not(said: str) -> None:
    assert not found(said, "failure_mode")


@pytest.mark.parametrize(
    "said",
    [
        "Idempotency key on the ticket id, so a retried job doesn't write twice.",
        "Async, triggered by the webhook, so nobody is waiting on a spinner.",
        "The agent sees the blank field and fills it in, so nothing is lost.",
    ],
)
def test_a_consequence_after_a_comma_is_a_reason(said: str) -> None:
    assert found(said, "reason")


@pytest.mark.parametrize("said", ["So a few things come to mind.", "So the prompt has two parts."])
def test_a_so_that_starts_the_sentence_gives_no_reason(said: str) -> None:
    assert not found(said, "reason")
