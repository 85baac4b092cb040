"""The overall recommendation is computed in code from the dimension levels and red flags,
following the rubric's rules (system-design: strong_hire 3.4 / hire 2.6 / no_hire 1.8)."""

from __future__ import annotations

import pytest

from scoring.recommend import recommend, weighted_level
from scoring.rubrics import Rubric, load_rubrics

DIMENSIONS = (
    "problem_framing",
    "prompt_architecture",
    "cost_latency",
    "evaluation",
    "regression_monitoring",
    "hallucination_safety",
    "integration_reliability",
    "communication",
)

# Level sets whose weighted mean lands exactly on a threshold with the shipped weights
# (prompt architecture left unscored); the tests check that precondition first.
AT_STRONG_HIRE = (3, None, 3, 3, 3, 4, 4, 4)  # 3.40
AT_HIRE = (2, None, 2, 2, 4, 2, 3, 4)  # 2.60
AT_NO_HIRE = (1, None, 1, 1, 1, 3, 3, 3)  # 1.80


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def levels(*values: int | None) -> dict[str, int | None]:
    assert len(values) == len(DIMENSIONS)
    return dict(zip(DIMENSIONS, values, strict=True))


def everywhere(level: int | None, **overrides: int | None) -> dict[str, int | None]:
    return {**dict.fromkeys(DIMENSIONS, level), **overrides}


def test_levels_exactly_at_the_strong_hire_line_are_strong_hire(rubric: Rubric) -> None:
    at = levels(*AT_STRONG_HIRE)
    assert weighted_level(at, rubric) == rubric.recommendation["strong_hire"].min_weighted_level

    assert recommend(at, rubric, 0)[0] == "strong_hire"


def test_levels_exactly_at_the_hire_line_are_hire(rubric: Rubric) -> None:
    at = levels(*AT_HIRE)
    assert weighted_level(at, rubric) == rubric.recommendation["hire"].min_weighted_level

    assert recommend(at, rubric, 0)[0] == "hire"


def test_levels_exactly_at_the_no_hire_line_are_no_hire(rubric: Rubric) -> None:
    at = levels(*AT_NO_HIRE)
    assert weighted_level(at, rubric) == rubric.recommendation["no_hire"].min_weighted_level

    assert recommend(at, rubric, 0)[0] == "no_hire"


@pytest.mark.parametrize(
    ("at", "lowered", "expected"),
    [
        (AT_STRONG_HIRE, "hallucination_safety", "hire"),
        (AT_HIRE, "regression_monitoring", "no_hire"),
        (AT_NO_HIRE, "communication", "strong_no_hire"),
    ],
    ids=["below strong_hire", "below hire", "below no_hire"],
)
def test_one_level_less_falls_below_the_line(
    rubric: Rubric, at: tuple[int | None, ...], lowered: str, expected: str
) -> None:
    below = levels(*at)
    level = below[lowered]
    assert level is not None
    below[lowered] = level - 1
    mean, before = weighted_level(below, rubric), weighted_level(levels(*at), rubric)
    assert mean is not None and before is not None and mean < before

    assert recommend(below, rubric, 0)[0] == expected


def test_a_red_flag_blocks_hire_even_at_level_four_everywhere(rubric: Rubric) -> None:
    outcome, reason, mean = recommend(everywhere(4), rubric, 1)

    assert mean == 4.0
    assert outcome == "no_hire"
    assert "1 red flag" in reason


def test_more_red_flags_than_no_hire_allows_is_strong_no_hire(rubric: Rubric) -> None:
    allowed = rubric.recommendation["no_hire"].max_red_flags

    assert recommend(everywhere(3), rubric, allowed)[0] == "no_hire"
    assert recommend(everywhere(3), rubric, allowed + 1)[0] == "strong_no_hire"


def test_a_level_one_dimension_blocks_hire(rubric: Rubric) -> None:
    one_gap = everywhere(4, communication=1)
    mean = weighted_level(one_gap, rubric)
    assert mean is not None and mean >= rubric.recommendation["strong_hire"].min_weighted_level

    outcome, reason, _ = recommend(one_gap, rubric, 0)

    assert outcome == "no_hire"
    assert "lowest dimension 1" in reason


def test_a_level_two_dimension_blocks_strong_hire_but_not_hire(rubric: Rubric) -> None:
    assert recommend(everywhere(4, evaluation=2), rubric, 0)[0] == "hire"


def test_unscored_dimensions_are_left_out_of_the_mean(rubric: Rubric) -> None:
    only_two = everywhere(None, problem_framing=4, prompt_architecture=2)
    framing = rubric.dimension("problem_framing").weight
    prompt = rubric.dimension("prompt_architecture").weight

    assert weighted_level(everywhere(None, cost_latency=3), rubric) == 3.0
    assert weighted_level(only_two, rubric) == round(
        (4 * framing + 2 * prompt) / (framing + prompt), 2
    )


def test_an_unscored_dimension_does_not_block_strong_hire(rubric: Rubric) -> None:
    outcome, _, mean = recommend(everywhere(4, evaluation=None), rubric, 0)

    assert (outcome, mean) == ("strong_hire", 4.0)


@pytest.mark.parametrize(
    "nothing", [everywhere(None), {}], ids=["every dimension unscored", "no levels at all"]
)
def test_nothing_scored_is_not_a_verdict_on_the_candidate(
    rubric: Rubric, nothing: dict[str, int | None]
) -> None:
    outcome, reason, mean = recommend(nothing, rubric, 0)

    assert outcome == "not_scored"
    assert "no dimension could be scored" in reason
    assert mean == 0.0
    assert weighted_level(nothing, rubric) is None


@pytest.mark.parametrize(
    ("given", "flags", "named"),
    [
        (everywhere(4), 0, "weighted level 4.00 of 4"),
        (levels(*AT_HIRE), 0, "weighted level 2.60 of 4"),
        (everywhere(2, cost_latency=1), 2, "weighted level 1.86 of 4"),
    ],
)
def test_the_reason_names_the_weighted_level(
    rubric: Rubric, given: dict[str, int | None], flags: int, named: str
) -> None:
    _, reason, mean = recommend(given, rubric, flags)

    assert named in reason
    assert f"{mean:.2f}" in reason
