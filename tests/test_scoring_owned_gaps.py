"""What the candidate did and calls a gap or a mistake in the same breath ("we eyeballed like
fifty, which, yeah, that's a gap") is owned as a shortcoming, not held as a belief: no red
flag. Said to be no mistake, it is not owned."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.heuristic.red_flags import owned_as_a_gap
from scoring.rubrics import Rubric, load_rubrics
from tests.scoring_helpers import interview

OPENING = (
    "The tickets come in through the support tool's webhook, we build one prompt per account "
    "and send it to the model, and the paragraph goes back to the rep in the sales tool."
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


@pytest.mark.parametrize(
    ("flag", "owned", "held"),
    [
        (
            "vibes_only",
            "For the judge we eyeballed maybe forty of its scores, which, honestly, is a gap.",
            "For the judge we eyeballed maybe forty of its scores, and that was enough.",
        ),
        (
            "biggest_model_always",
            "On that project I'd always use the biggest model, which was a mistake in hindsight.",
            "On this project I'd always use the biggest model, to be safe.",
        ),
    ],
)
def test_a_practice_the_candidate_calls_a_gap_is_no_red_flag(
    rubric: Rubric, flag: str, owned: str, held: str
) -> None:
    def flags(said: str) -> list[str]:
        return [f.id for f in score_transcript(interview(OPENING, said), rubric).red_flags]

    assert flag not in flags(owned)
    assert flag in flags(held)


def test_a_practice_said_to_be_no_mistake_is_not_owned_as_a_gap() -> None:
    assert owned_as_a_gap("We eyeballed fifty, which, yeah, that's a gap.")
    assert not owned_as_a_gap("It is not a mistake to eyeball the first fifty.")
    assert not owned_as_a_gap("Pinning the version avoids a mistake.")
