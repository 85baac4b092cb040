"""A figure with its unit is a quantity however it is written down: "a 20-second timeout",
"6,000 a day", "p95 under 2 s"; a number with nothing it counts is not."""

from __future__ import annotations

import pytest

from scoring.vocabulary import default_matcher


def quantities(text: str) -> list[str]:
    return [text[h.start : h.end] for h in default_matcher().signal_per_sentence(text, "quantity")]


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
    assert quantities(said)


@pytest.mark.parametrize("said", ["We have 3 options.", "Version 2 of the prompt."])
def test_a_number_counting_nothing_is_no_quantity(said: str) -> None:
    assert not quantities(said)
