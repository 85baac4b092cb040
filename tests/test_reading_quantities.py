"""Amounts as a candidate says them: the value read and the span quoted."""

from __future__ import annotations

import pytest

from scoring.reading.quantities import find_quantities


@pytest.mark.parametrize(
    ("said", "low", "unit"),
    [
        ("five and a half thousand tokens in", 5500, "tokens"),
        ("one and a half seconds at p95", 1.5, "s"),
        ("2 and a half million tokens a day", 2_500_000, "tokens"),
    ],
)
def test_a_number_with_a_half_in_it_is_read_whole(said: str, low: float, unit: str) -> None:
    [quantity] = find_quantities(said)
    assert (quantity.low, quantity.unit) == (low, unit)
    assert quantity.text == said.split(" in")[0].split(" at ")[0].removesuffix(" a day")


@pytest.mark.parametrize(
    "sentence",
    [
        "A typical account is a few thousand tokens in and a few hundred out.",
        "Median input about 25 tickets at 250 tokens.",
        "It costs maybe $0.02 per call.",
    ],
)
def test_each_amount_spans_exactly_its_own_words(sentence: str) -> None:
    for quantity in find_quantities(sentence, offset=10):
        assert sentence[quantity.start - 10 : quantity.end - 10] == quantity.text


@pytest.mark.parametrize(("word", "value"), [("thirteen", 13), ("sixteen", 16), ("eighteen", 18)])
def test_every_teen_is_a_number(word: str, value: int) -> None:
    [quantity] = find_quantities(f"about {word} seconds")
    assert quantity.low == value


@pytest.mark.parametrize(
    ("said", "per"),
    [
        ("The small models are around a cent per thousand input tokens.", "thousand"),
        ("It comes to about a dollar a day.", "day"),
        ("That's fractions of a cent per email.", "email"),
        ("It costs $0.02 per 1k tokens.", "1k"),
    ],
)
def test_an_amount_in_words_knows_what_it_is_per_as_a_figure_does(said: str, per: str) -> None:
    money = [q for q in find_quantities(said.lower()) if q.kind == "money"]
    assert [q.per for q in money] == [per]


@pytest.mark.parametrize(
    ("said", "value", "unit"),
    [
        ("about seventy-five hundred tokens in", 7500, "tokens"),
        ("twenty five seconds at p95", 25, "s"),
        ("thirty-one percent of them", 31, "%"),
        ("ninety-nine dollars a month", 99, "USD"),
    ],
)
def test_a_compound_number_in_words_is_read_whole(said: str, value: float, unit: str) -> None:
    [quantity] = find_quantities(said)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize(
    ("said", "per"),
    [
        ("36 million tokens a night", "night"),
        ("nine hundred emails an hour", "hour"),
    ],
)
def test_an_amount_over_a_night_or_an_hour_says_so(said: str, per: str) -> None:
    [quantity] = find_quantities(said)
    assert quantity.per == per
