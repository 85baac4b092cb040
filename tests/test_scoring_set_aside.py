"""Practices set aside with no reason given are evidence against the dimension they belong to:
two such sentences keep it generic (level 2 at most) and the card names what was set aside; a
single one, or one that gives its reason, does not."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.rubrics import Rubric, load_rubrics
from tests.scoring_helpers import interview

# A regression answer that reaches level 3 or better on its own.
WATCHED = (
    "Before an upgrade I'd rerun the 300-case golden set on the old and the new version side "
    "by side, because a drop of more than 2 points on the refund cases blocks the switch.",
    "After the switch I'd track how often agents correct each field, with an alert when the "
    "correction rate rises above 5% in a day, since that is the first sign of a regression.",
)
SET_ASIDE = (
    "Nobody needs a canary for garden furniture.",
    "I'd skip pinning and just point at the latest alias.",
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def regression(rubric: Rubric, *answers: str) -> tuple[int | None, list[str]]:
    card = score_transcript(interview(*answers), rubric)
    dimension = next(d for d in card.dimensions if d.dimension == "regression_monitoring")
    return dimension.level, dimension.caps


def test_practices_set_aside_twice_keep_the_dimension_generic(rubric: Rubric) -> None:
    alone, _ = regression(rubric, *WATCHED)
    level, caps = regression(rubric, *WATCHED, *SET_ASIDE)

    assert alone is not None and alone >= 3
    assert level == 2
    assert any("sets aside" in cap and "2 times" in cap for cap in caps)


def test_one_practice_set_aside_or_set_aside_for_a_reason_does_not(rubric: Rubric) -> None:
    alone, _ = regression(rubric, *WATCHED)
    reasoned = "I'd skip the canary, because at forty emails a day a shadow run tells us more."

    assert regression(rubric, *WATCHED, SET_ASIDE[0])[0] == alone
    level, caps = regression(rubric, *WATCHED, SET_ASIDE[0], reasoned)
    assert level is not None and alone is not None and level >= alone
    assert not any("sets aside" in cap for cap in caps)
