"""A case and what happens in it, said tersely ("Invalid JSON: one retry with the error"), is a
failure anticipated, as "if the JSON is invalid, we retry once" is; a heading is not."""

from __future__ import annotations

import pytest

from scoring.vocabulary import default_matcher


def failure_modes(text: str) -> list[str]:
    found = default_matcher().signal_per_sentence(text, "failure_mode")
    return [text[h.start : h.end] for h in found]


@pytest.mark.parametrize(
    "said",
    [
        "Model 429 or 5xx: retry with backoff and jitter, up to three times.",
        "Invalid JSON: one retry with the error.",
        "Duplicate webhooks: job keyed on ticket id, so a second one is a no-op.",
    ],
)
def test_a_case_and_its_handling_is_a_failure_anticipated(said: str) -> None:
    assert failure_modes(said)


@pytest.mark.parametrize(
    "said", ["Three parts: prompt, checks, delivery.", "Prompt: system holds role and tone."]
)
def test_a_heading_is_not(said: str) -> None:
    assert not failure_modes(said)
