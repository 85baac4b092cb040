"""Honest confidence: a long, fluent round in words the offline scorer does not know gets a
card that says so and points to the Claude judge or a person; its levels and recommendation
are computed as always."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.heuristic import score_transcript
from scoring.recommend import recommend
from scoring.render import scorecard_markdown, scorecard_table
from scoring.rubrics import load_rubrics
from scoring.transcripts.loader import load_transcript

ROUNDS = Path(__file__).parent / "data" / "heldout" / "transcripts"
# A competent round answered in Spanish (written for this test by a helper that never saw the
# scorer): fluent and long, in words neither the vocabulary nor the slots know.
SPANISH = Path(__file__).parent / "data" / "scoring" / "spanish-round.txt"


def test_a_long_round_in_unknown_words_says_its_confidence_is_low() -> None:
    rubric = load_rubrics()["system-design"]
    card = score_transcript(load_transcript(SPANISH), rubric)
    assert card.candidate_words >= 2000
    assert card.confidence <= 0.4
    assert card.confidence_note.startswith("Low confidence:")
    assert "--engine claude" in card.confidence_note
    assert card.confidence_note in scorecard_table(card)
    assert card.confidence_note in scorecard_markdown(card)
    levels = {d.dimension: d.level for d in card.dimensions}
    assert card.recommendation == recommend(levels, rubric, len(card.red_flags))[0]


@pytest.mark.parametrize(
    "name",
    [
        "churn-analysis-structured-communicator.txt",
        # plain words, no jargon: read through the slots the interviewer listens for
        "churn-analysis-plain-spoken.txt",
    ],
)
def test_a_long_round_the_scorer_can_read_has_no_such_note(name: str) -> None:
    rubric = load_rubrics()["system-design"]
    card = score_transcript(load_transcript(ROUNDS / name), rubric)
    assert card.candidate_words >= 2000
    assert card.confidence_note == ""
    assert card.confidence > 0.4
