"""The virtual clock for simulated rounds: time from word counts, so runs are deterministic."""

from __future__ import annotations

from simulator.interview.turns import RoundTurn

INTERVIEWER_SECONDS_PER_WORD = 0.4  # about 150 words a minute
CANDIDATE_THINKING_SECONDS = 20.0
CANDIDATE_SECONDS_PER_WORD = 0.6  # speaking while thinking: about 100 words a minute


def next_answer_time(elapsed: float, turns: list[RoundTurn], answer: str) -> float:
    """When a simulated answer ends: the last question's speaking time plus the answer's."""
    question = turns[-1]["text"] if turns and turns[-1]["role"] == "interviewer" else ""
    asked = len(question.split()) * INTERVIEWER_SECONDS_PER_WORD
    spoken = CANDIDATE_THINKING_SECONDS + len(answer.split()) * CANDIDATE_SECONDS_PER_WORD
    return round(elapsed + asked + spoken, 1)


def clock(seconds: float | None) -> str:
    """A time in the round as the candidate sees it: mm:ss, or --:-- when not known."""
    if seconds is None:
        return "--:--"
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"
