"""The engine protocol: one interface, an offline and a Claude implementation."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from simulator.content.models import Brief, InterviewerPersona
from simulator.interview.moves import Move
from simulator.interview.turns import RoundTurn, TurnMeta

if TYPE_CHECKING:
    from scoring.reading.catalogue import SlotBook
    from scoring.reading.models import Reading
    from simulator.content.models import CandidatePersona
    from simulator.engines.claude.calls import UsageTotals
    from simulator.engines.claude.client import ClaudeClient
    from simulator.engines.claude.settings import ClaudeSettings
    from simulator.simulation import Player


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
    session_id: str = ""
    history: tuple[RoundTurn, ...] = ()  # the turns before this one, as the state has them
    on_notice: Callable[[str], None] | None = None  # status lines while waiting (retries)


@dataclass(frozen=True)
class EngineEvent:
    """Something in an engine's stream that is not words.

    `reset`: drop what was streamed so far for this turn (a retry starts the turn over, so a
    screen never shows the same words twice); `notice`: a status line for the candidate;
    `meta`: facts to record with the turn (model, prompt version, tokens).
    """

    reset: bool = False
    notice: str = ""
    warning: bool = False  # the notice is a problem the candidate should see (retry, cut)
    meta: TurnMeta = field(default_factory=TurnMeta)


class PhraseError(RuntimeError):
    """The engine could not word this move (API down, spend limit reached): the round
    continues with the offline phraser for this turn, labelled as such."""


class Engine(Protocol):
    """Phrases interviewer moves. `name` and `model` are recorded with every turn."""

    name: str
    model: str | None

    def phrase(self, request: PhraseRequest) -> Iterator[str | EngineEvent]:
        """Yield the interviewer's words in chunks (streamed to the screen as they come),
        with EngineEvents in between where needed. Raise PhraseError when it cannot."""
        ...

    def read(self, text: str, book: SlotBook, *, session_id: str, wrap_up: bool) -> Reading | None:
        """The engine's reading of an answer, or None to use the offline reading."""
        ...


@runtime_checkable
class ModelEngine(Engine, Protocol):
    """An engine backed by a model: it can also play a candidate persona, judge the rounds it
    ran (through its settings and client) and say what a session's calls cost."""

    settings: ClaudeSettings
    client: ClaudeClient

    @property
    def prompt_version(self) -> str: ...

    def session_usage(self, session_id: str) -> UsageTotals: ...

    def candidate(
        self, persona: CandidatePersona, brief: Brief, seed: int, session_id: str
    ) -> Player: ...


def seeded_rng(*parts: object) -> random.Random:
    """A random generator fixed by its inputs (stable across processes, unlike hash())."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))
