"""What the candidate chose on the home screen (or on the command line)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PracticeOptions:
    brief_id: str = "churn-analysis"
    interviewer_id: str = "neutral"
    mode: str = "interview"
    minutes: int = 60
    engine: str = "auto"
    seed: int | None = None  # None: a new wording variation every round
