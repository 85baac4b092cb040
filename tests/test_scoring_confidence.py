"""Honest confidence: a long, fluent round in words the offline scorer does not know gets a
card that says so and points to the Claude judge or a person; its levels and recommendation
are computed as always."""

from __future__ import annotations

from pathlib import Path

from scoring.heuristic import score_transcript
from scoring.recommend import recommend
from scoring.render import scorecard_markdown, scorecard_table
from scoring.rubrics import load_rubrics
from scoring.transcripts.loader import load_transcript

ROUNDS = Path(__file__).parent / "data" / "heldout" / "transcripts"


def test_a_long_round_in_unknown_words_says_its_confidence_is_low() -> None:
    rubric = load_rubrics()["system-design"]
    card = score_transcript(load_transcript(ROUNDS / "churn-analysis-plain-spoken.txt"), rubric)
    assert card.candidate_words >= 2000
    assert card.confidence <= 0.4
    assert card.confidence_note.startswith("Low confidence:")
    assert "--engine claude" in card.confidence_note
    assert card.confidence_note in scorecard_table(card)
    assert card.confidence_note in scorecard_markdown(card)
    levels = {d.dimension: d.level for d in card.dimensions}
    assert card.recommendation == recommend(levels, rubric, len(card.red_flags))[0]


def test_a_long_round_the_scorer_can_read_has_no_such_note() -> None:
    rubric = load_rubrics()["system-design"]
    path = ROUNDS / "churn-analysis-structured-communicator.txt"
    card = score_transcript(load_transcript(path), rubric)
    assert card.candidate_words >= 2000
    assert card.confidence_note == ""
    assert card.confidence > 0.4
