"""The transcript: who said what, in order. Every importer produces one; every scorer reads one."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["interviewer", "candidate", "other"]


class Turn(BaseModel):
    """One speaker's uninterrupted contribution. Turn numbers shown to users are 1-based."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    text: str
    speaker: str | None = None
    start: float | None = Field(default=None, description="seconds from the start of the round")
    end: float | None = None
    meta: dict[str, str] = {}


class Transcript(BaseModel):
    """A whole conversation plus where it came from (file, format, brief, persona, engine)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str | None = None
    turns: list[Turn]
    source: dict[str, str] = {}

    def candidate_turns(self) -> list[tuple[int, Turn]]:
        """(1-based turn number, turn) for every candidate turn."""
        return [(n, t) for n, t in enumerate(self.turns, start=1) if t.role == "candidate"]

    def candidate_word_count(self) -> int:
        return sum(len(t.text.split()) for _, t in self.candidate_turns())
