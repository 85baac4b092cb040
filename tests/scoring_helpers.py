"""Hand-written transcripts for scorer tests, and reading a scorecard's levels."""

from __future__ import annotations

from scoring.scorecard import Scorecard
from scoring.transcripts.model import Transcript, Turn

QUESTION = "Walk me through how you would build it."


def interview(*answers: str, questions: tuple[str, ...] = ()) -> Transcript:
    """Interviewer and candidate taking turns; the candidate gives `answers` in order."""
    turns: list[Turn] = []
    for i, answer in enumerate(answers):
        asked = questions[i] if i < len(questions) else QUESTION
        turns += [Turn(role="interviewer", text=asked), Turn(role="candidate", text=answer)]
    return Transcript(id="hand-written", turns=turns)


def levels(card: Scorecard) -> dict[str, int | None]:
    return {d.dimension: d.level for d in card.dimensions}
