"""Faith in the model said in other words, and doubt that is not faith: the model taken to
cope by itself ("handles ambiguity pretty well"), its instructions taken to outrank the input,
determinism at temperature zero taken for no invention, and the model's own confidence taken
as right by nature (whatever human check it feeds) are the red flags; a strength named beside a
weakness ("good at writing and poor at counting") is a reason for a check."""

from __future__ import annotations

import pytest

from scoring.rubrics import Rubric, load_rubrics
from tests.test_scoring_stance_flags import OPENING, flags


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


@pytest.mark.parametrize(
    ("flag", "stance"),
    [
        ("trusts_model_output", "The model handles ambiguity pretty well, that's the point."),
        (
            "trusts_model_output",
            "The system prompt has priority over user messages, so it won't follow that.",
        ),
        (
            "training_cures_hallucination",
            "At zero it's deterministic, so it can't make up a category that isn't in the list.",
        ),
    ],
)
def test_faith_in_the_model_in_other_words_is_the_stance(
    rubric: Rubric, flag: str, stance: str
) -> None:
    """The model taken to cope by itself, its instructions taken to outrank the input, and
    determinism at temperature zero taken for no invention."""
    assert flag in flags(rubric, OPENING, stance)


def test_a_strength_said_beside_a_weakness_is_no_faith_in_the_model(rubric: Rubric) -> None:
    """Why the design counts in code, not in the model: "good at writing and poor at counting"
    is a reason for a check, not trust."""
    doubting = (
        "A few hundred events is a bad idea, because these models are good at writing and poor "
        "at counting long lists."
    )
    assert "trusts_model_output" not in flags(rubric, OPENING, doubting)
    assert "trusts_model_output" in flags(rubric, OPENING, "These models are good at writing.")


HUMAN_QUEUE = (
    "Anything under the threshold goes to the human triage queue, and an agent reviews it "
    "before it is routed."
)


@pytest.mark.parametrize(
    "faith",
    [
        "I'd assume the higher-confidence ones are mostly right. The model's usually pretty sure "
        "when it's right, in my experience.",
        "So the number's real, it's basically calibrated out of the box.",
    ],
)
def test_faith_in_the_models_own_confidence_is_a_red_flag_beside_a_human_check(
    rubric: Rubric, faith: str
) -> None:
    """Taking the model's own confidence as right by nature is the red flag even in a round
    with a human queue: the queue is fed by that confidence."""
    assert "trusts_model_output" in flags(rubric, OPENING, HUMAN_QUEUE, faith)


def test_doubting_the_models_own_confidence_is_no_faith(rubric: Rubric) -> None:
    doubt = (
        "The token probability is better, though still not calibrated out of the box, so I'd "
        "calibrate it on a labelled set."
    )
    assert "trusts_model_output" not in flags(rubric, OPENING, HUMAN_QUEUE, doubt)


def test_trust_denied_is_no_faith(rubric: Rubric) -> None:
    """ "Not something I trust the model to do" says the opposite of trusting it."""
    denied = (
        "The refund amount has to match the order. And that's something my service checks "
        "afterwards, not something I trust the model to do."
    )
    assert "trusts_model_output" not in flags(rubric, OPENING, denied)
    assert "trusts_model_output" in flags(rubric, OPENING, "I'd just trust the model to do it.")


@pytest.mark.parametrize(
    "faith",
    [
        "The models are pretty good at checking their own work when you ask them to.",
        "That's the advantage of the agent approach: the model reviews its own work, so you get "
        "verification for free.",
        "It double-checks its claims before it answers.",
    ],
)
def test_the_model_taken_to_check_itself_is_a_red_flag_beside_a_human_check(
    rubric: Rubric, faith: str
) -> None:
    """Asking the model to review its own answer, taken as the check, is trust in its output
    whatever else the round checks."""
    assert "trusts_model_output" in flags(rubric, OPENING, HUMAN_QUEUE, faith)


@pytest.mark.parametrize(
    "doubt",
    [
        "I know a model grading its own work is biased, so a person checks a sample.",
        "I wouldn't assume the model catches its own mistakes.",
        "A self-review step is cheap, but it also needs a real check against the tickets.",
    ],
)
def test_self_review_doubted_or_kept_beside_a_check_is_no_faith(rubric: Rubric, doubt: str) -> None:
    assert "trusts_model_output" not in flags(rubric, OPENING, HUMAN_QUEUE, doubt)


@pytest.mark.parametrize(
    "doubt",
    [
        "It isn't calibrated out of the box, so we calibrate it on a labelled set.",
        "The model doesn't get them right nearly all the time, so a person checks the low ones.",
    ],
)
def test_faith_denied_with_a_contraction_is_no_faith(rubric: Rubric, doubt: str) -> None:
    """A denial such as "isn't" or "doesn't" denies what follows as "not" does."""
    assert "trusts_model_output" not in flags(rubric, OPENING, HUMAN_QUEUE, doubt)
