"""The engine protocol: one interface, an offline and a Claude implementation."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from simulator.content.models import Brief, InterviewerPersona
from simulator.interview.moves import Move


@dataclass(frozen=True)
class PhraseRequest:
    """What an engine needs to word one Move."""

    move: Move
    brief: Brief
    interviewer: InterviewerPersona
    seed: int
    turn_number: int
    minutes: int
    minutes_left: float
    last_answer: str
    concept_label: str = ""


class Engine(Protocol):
    """Phrases interviewer moves. `name` and `model` are recorded with every turn."""

    name: str
    model: str | None

    def phrase(self, request: PhraseRequest) -> Iterator[str]:
        """Yield the interviewer's words in chunks (streamed to the screen as they come)."""
        ...


def seeded_rng(*parts: object) -> random.Random:
    """A random generator fixed by its inputs (stable across processes, unlike hash())."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))
