"""The overall recommendation, computed from weighted levels and red flags (never asked of a
model)."""

from __future__ import annotations

from typing import Literal

from scoring.rubrics.models import NotScored, Recommendation, Rubric

ORDER: tuple[Literal["strong_hire", "hire", "no_hire"], ...] = ("strong_hire", "hire", "no_hire")


def weighted_level(levels: dict[str, int | None], rubric: Rubric) -> float | None:
    """Weighted mean over scored dimensions; None when nothing could be scored."""
    total = weight = 0.0
    for dimension in rubric.dimensions:
        level = levels.get(dimension.id)
        if level is None:
            continue
        total += dimension.weight * level
        weight += dimension.weight
    # Rounded as shown to users, so the rule applied is the one they can check by eye.
    return round(total / weight, 2) if weight else None


def recommend(
    levels: dict[str, int | None], rubric: Rubric, red_flags: int, *, aimed_at_grader: bool = False
) -> tuple[Recommendation | NotScored, str, float]:
    """(recommendation, one-line reason, weighted level). With no dimension scored there is
    nothing to recommend: "not_scored", never a verdict on the candidate.

    Text aimed at the grader is an integrity matter, not a content red flag: the answers that
    carry it have already earned nothing, so the outcome follows what the rest shows (as the
    held-out raters judge it) and the reason asks a person to read the round."""
    mean = weighted_level(levels, rubric)
    if mean is None:
        return "not_scored", "no dimension could be scored", 0.0
    scored = [levels.get(d.id) for d in rubric.dimensions]
    lowest = min(level for level in scored if level is not None)
    for outcome in ORDER:
        rule = rubric.recommendation.get(outcome)
        if rule is None:
            continue
        if (
            mean >= rule.min_weighted_level
            and red_flags <= rule.max_red_flags
            and lowest >= rule.min_level_everywhere
        ):
            return outcome, _reason(mean, red_flags, lowest, aimed_at_grader), mean
    return "strong_no_hire", _reason(mean, red_flags, lowest, aimed_at_grader), mean


def _reason(mean: float, red_flags: int, lowest: int, aimed_at_grader: bool) -> str:
    flags = "no red flags" if red_flags == 0 else f"{red_flags} red flag{'s' * (red_flags > 1)}"
    reason = f"weighted level {mean:.2f} of 4, lowest dimension {lowest}, {flags}"
    if aimed_at_grader:
        reason += "; text aimed at the grader was ignored: have a person read the round"
    return reason
