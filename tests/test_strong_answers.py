"""What a stronger answer would have said, on the brief the round was run on: a card whose
brief is known shows that brief's strong answers under each dimension that fell short of the
top level, and the rubric's own advice speaks of no one brief."""

from __future__ import annotations

import re

import pytest

from scoring.rubrics import load_rubrics
from scoring.rubrics.models import Rubric
from scoring.scorecard import Scorecard
from scoring.transcripts.model import Transcript
from simulator.content.loader import load_library
from simulator.content.strong_answers import strong_answers, with_strong_answers
from simulator.services.scoring import score_with_brief
from simulator.workspace import Workspace
from tests.scoring_helpers import interview

ANSWERS = (
    "I'd send each ticket to a small model with the seven categories and their definitions.",
    "Anything it is unsure about goes to the human queue, because a wrong team costs a day.",
)
# Words of the churn brief alone: advice that names them is advice for that brief.
CHURN_WORDS = re.compile(r"\b(churn\w*|account managers?|reps?|CRM|90 days)\b", re.I)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubrics()["system-design"]


def round_of(brief: str | None) -> Transcript:
    transcript = interview(*ANSWERS)
    if brief is None:
        return transcript
    return transcript.model_copy(update={"source": {"brief": brief}})


def advice(card: Scorecard) -> list[str]:
    return [line for d in card.dimensions for line in d.missed]


def test_each_brief_gives_a_strong_answer_for_the_dimensions_its_areas_probe() -> None:
    for brief in load_library().briefs.values():
        answers = strong_answers(brief)
        assert set(answers) == {area.dimension for area in brief.probe_areas}
        assert all(answer and "\n" not in answer for said in answers.values() for answer in said)


def test_a_round_of_a_known_brief_shows_that_briefs_strong_answers(
    ws: Workspace, rubric: Rubric
) -> None:
    card = score_with_brief(ws, round_of("ticket-triage"), rubric)
    brief = ws.library.briefs["ticket-triage"]
    shown = [line for line in advice(card) if line.startswith(f"A strong answer on {brief.title}")]
    short = {d.dimension for d in card.dimensions if d.level is not None and d.level < 4}
    probed = short & {area.dimension for area in brief.probe_areas}
    assert probed and len(shown) >= len(probed)
    prompt = next(d for d in card.dimensions if d.dimension == "prompt_architecture")
    first_area = next(a for a in brief.probe_areas if a.dimension == "prompt_architecture")
    assert " ".join(first_area.strong_answer.split()) in " ".join(prompt.missed)


def test_no_advice_on_another_brief_speaks_of_the_churn_brief(
    ws: Workspace, rubric: Rubric
) -> None:
    for brief in ("ticket-triage", "support-email-extraction", "event-log-email-summary"):
        card = score_with_brief(ws, round_of(brief), rubric)
        assert not [line for line in advice(card) if CHURN_WORDS.search(line)], brief


def test_a_round_of_no_known_brief_keeps_the_rubrics_advice_alone(
    ws: Workspace, rubric: Rubric
) -> None:
    card = score_with_brief(ws, round_of(None), rubric)
    assert advice(card) and not [line for line in advice(card) if "A strong answer on" in line]
    assert not [line for line in advice(card) if CHURN_WORDS.search(line)]


def test_a_dimension_at_the_top_level_gets_no_strong_answer(ws: Workspace, rubric: Rubric) -> None:
    card = score_with_brief(ws, round_of(None), rubric)
    top = card.model_copy(
        update={
            "dimensions": [d.model_copy(update={"level": 4, "missed": []}) for d in card.dimensions]
        }
    )
    shown = with_strong_answers(top, ws.library.briefs["churn-analysis"])
    assert advice(shown) == []
