"""What a strong answer says on a brief, beside a scorecard's levels.

The rubric's advice for the next level is written for any brief; a round whose brief is known
also gets that brief's own strong answers (its probe areas' `strong_answer`), under each
dimension the areas are scored on and that stopped short of level 4: what a stronger answer
would have said, in this product's terms.
"""

from __future__ import annotations

from scoring.scorecard import Scorecard
from simulator.content.models import Brief

TOP_LEVEL = 4


def strong_answers(brief: Brief) -> dict[str, list[str]]:
    """Each dimension's strong answers on this brief, in the order of its probe areas."""
    found: dict[str, list[str]] = {}
    for area in brief.probe_areas:
        found.setdefault(area.dimension, []).append(" ".join(area.strong_answer.split()))
    return found


def with_strong_answers(card: Scorecard, brief: Brief | None) -> Scorecard:
    """The card with the brief's strong answers added to what each dimension below the top
    level missed (the card as it is when the brief is unknown)."""
    if brief is None:
        return card
    answers = strong_answers(brief)
    dimensions = []
    for score in card.dimensions:
        said = answers.get(score.dimension, [])
        if score.level is None or score.level >= TOP_LEVEL or not said:
            dimensions.append(score)
            continue
        added = [f"A strong answer on {brief.title}: {answer}" for answer in said]
        dimensions.append(score.model_copy(update={"missed": [*score.missed, *added]}))
    return card.model_copy(update={"dimensions": dimensions})
