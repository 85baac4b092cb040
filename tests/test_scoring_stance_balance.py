"""What balances a stance, and what does not: a second model or a guardrail checking the
output balances trust in the model; a belief said in two different answers is held whatever
the round names beside it (a cheaper model raised only to be waved away is no trade-off
weighed), while the same belief said twice in one answer is still balanced."""

from __future__ import annotations

import pytest

from scoring.rubrics import Rubric, load_rubrics
from tests.test_scoring_stance_flags import OPENING, STANCES, flags


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


@pytest.mark.parametrize(
    "checked",
    [
        "A second model checks each summary against the events and holds back any sentence it "
        "finds no support for.",
        "Guardrails on the way out drop any summary that names a workspace other than its own.",
    ],
)
def test_a_second_model_or_a_guardrail_on_the_output_balances_trust(
    rubric: Rubric, checked: str
) -> None:
    trusting = next(s for s in STANCES if s[0] == "trusts_model_output")[1]

    assert "trusts_model_output" in flags(rubric, OPENING, trusting)
    assert "trusts_model_output" not in flags(rubric, OPENING, trusting, checked)


def test_a_stance_said_in_two_answers_is_held_whatever_is_named_beside_it(
    rubric: Rubric,
) -> None:
    waved_off = "A smaller model would probably do most of it, but why take the risk."
    once = "I'd go with the most capable model the provider has."
    again = "For the second step too, I'd use the biggest model available, it's the safe bet."

    assert "biggest_model_always" not in flags(rubric, OPENING, once, waved_off)
    assert "biggest_model_always" in flags(rubric, OPENING, once, waved_off, again)


def test_a_stance_said_twice_in_one_answer_is_still_balanced(rubric: Rubric) -> None:
    twice = (
        "I'd go with the most capable model the provider has. The biggest model is the safe "
        "bet for a first version."
    )
    tiered = "Once it works, a smaller model takes the easy accounts and the big one the rest."

    assert "biggest_model_always" not in flags(rubric, OPENING, twice, tiered)


BELIEF = "I'd use the alias, the latest one, so we get the improvements automatically."


@pytest.mark.parametrize(
    "glance",
    [
        "Switch to the new one, and run both on the same emails and look at them side by side.",
        "I'd switch it on for a few reps first, like a day or two, and if nobody complains, "
        "roll it out to everyone.",
    ],
)
def test_a_glance_or_a_trial_on_a_few_users_does_not_balance_faith_in_upgrades(
    rubric: Rubric, glance: str
) -> None:
    """The belief that new versions are better stands beside a look at a few outputs or a
    trial that waits for complaints; a golden set rerun before switching balances it."""
    rerun = next(s for s in STANCES if s[0] == "upgrades_always_better")[2]

    assert "upgrades_always_better" in flags(rubric, OPENING, BELIEF, glance)
    assert "upgrades_always_better" not in flags(rubric, OPENING, BELIEF, rerun)


def test_turning_down_a_gradual_rollout_is_not_faith_in_upgrades(rubric: Rubric) -> None:
    declined = (
        "Honestly, for this I wouldn't do a gradual rollout or run the two in parallel. It's a "
        "seven-way classifier with a solid labelled set, and the offline numbers are the numbers."
    )
    assert "upgrades_always_better" not in flags(rubric, OPENING, declined)
