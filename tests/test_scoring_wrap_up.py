"""Questions the candidate asks once the interviewer invites theirs ("What questions do you
have for me?", "Any questions for me?") are about the job, not the problem: they are not the
targeted questions that frame it. The same questions asked before designing are."""

from __future__ import annotations

import pytest

from scoring.heuristic import score_transcript
from scoring.rubrics import Rubric, load_rubrics
from scoring.transcripts.model import Transcript, Turn

DESIGN = (
    "I'd put the tickets in the prompt as data, ask for a risk level with the ticket ids "
    "behind it, and check every cited id against the input before the rep sees it."
)
ASKED = "How many reps will use it each day, and how fast does the answer need to be?"


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def framing_concepts(rubric: Rubric, *turns: tuple[str, str]) -> list[str]:
    transcript = Transcript(id="wrap-up", turns=[Turn(role=r, text=t) for r, t in turns])
    card = score_transcript(transcript, rubric)
    framing = next(d for d in card.dimensions if d.dimension == "problem_framing")
    return framing.concepts


@pytest.mark.parametrize(
    "invitation", ["What questions do you have for me?", "Okay. Any questions for me?"]
)
def test_questions_asked_at_the_wrap_up_do_not_frame_the_problem(
    rubric: Rubric, invitation: str
) -> None:
    concepts = framing_concepts(
        rubric,
        ("interviewer", "Design the churn analysis."),
        ("candidate", DESIGN),
        ("interviewer", "Thanks, that's the design part."),
        ("candidate", "Sure."),
        ("interviewer", invitation),
        ("candidate", ASKED),
    )
    assert "clarifying_requirements" not in concepts


def test_the_same_questions_asked_before_designing_do(rubric: Rubric) -> None:
    concepts = framing_concepts(
        rubric,
        ("interviewer", "Design the churn analysis."),
        ("candidate", ASKED),
        ("interviewer", "About 200 reps, and under ten seconds."),
        ("candidate", DESIGN),
        ("interviewer", "What questions do you have for me?"),
        ("candidate", "None, thanks."),
    )
    assert "clarifying_requirements" in concepts
