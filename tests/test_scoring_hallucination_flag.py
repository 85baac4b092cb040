"""The misconception that training cures hallucination: expecting fine-tuning, more data or a
lower temperature to make the model stop inventing things caps hallucination handling at 2;
saying the opposite, or naming those levers for other reasons, does not."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.rubrics import Rubric, load_rubrics
from tests.scoring_helpers import interview

FLAG = "training_cures_hallucination"
# A solid answer on hallucination handling: grounding, verification, a number and a failure.
GROUNDED = (
    "Every account name and ticket id in the paragraph must appear in the pasted tickets, so a "
    "post-check compares them against the input and blocks the summary if one is missing, "
    "because an invented account is the worst failure here. On a golden set with 15 planted "
    "hallucinated account names, that check caught 12 out of 15; the three it missed were "
    "paraphrased incidents, so we also cite the ticket id behind every claim."
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


@pytest.mark.parametrize(
    "claim",
    [
        "Fine-tuning should reduce hallucinations a lot, because the model learns from our data.",
        "I think with enough domain data it mostly goes away.",
        "Lowering the temperature to zero will stop the hallucinations.",
        "Hallucinations become rarer as the training set grows.",
        "If we retrain on more labelled data, that eliminates most hallucinations.",
    ],
)
def test_training_as_the_cure_is_flagged_and_caps_hallucination_handling(
    rubric: Rubric, claim: str
) -> None:
    honest = score_transcript(interview(GROUNDED), rubric)
    flagged = score_transcript(interview(GROUNDED, claim), rubric)

    assert honest.level("hallucination_safety") >= 3  # type: ignore[operator]
    assert [f.id for f in flagged.red_flags] == [FLAG]
    assert flagged.red_flags[0].evidence.quote == claim
    assert flagged.level("hallucination_safety") == 2


@pytest.mark.parametrize(
    "sound",
    [
        "Fine-tuning won't fix hallucinations; only checking the output against the input does.",
        "A lower temperature reduces variance, but grounding is what fixes hallucination.",
        "We could fine-tune a smaller model later to cut cost, once the eval set is stable.",
        "More training data does not make hallucinations go away.",
    ],
)
def test_the_opposite_or_other_reasons_do_not_flag(rubric: Rubric, sound: str) -> None:
    card = score_transcript(interview(GROUNDED, sound), rubric)

    assert FLAG not in [f.id for f in card.red_flags]
