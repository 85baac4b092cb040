"""Simulated rounds: a persona (or a file of answers) plays the candidate to the end."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from simulator.answers_file import AnswersFileError, read_answers
from simulator.engines.offline.candidate import SimulatedCandidate
from simulator.interview.clock import next_answer_time
from simulator.interview.moves import Move
from simulator.interview.runner import Answer, RoundRunner
from simulator.interview.turns import RoundTurn, TurnMeta

if TYPE_CHECKING:
    from simulator.engines.base import Engine
    from simulator.store.sessions import SessionRow
    from simulator.workspace import Workspace

__all__ = ["AnswersFileError", "read_answers"]

ANSWERS_PREFIX = "answers:"


@dataclass(frozen=True)
class PlayedAnswer:
    """An answer with facts to record on its turn: which engine wrote it and, for one worded
    offline in a Claude round, why."""

    text: str
    meta: TurnMeta = field(default_factory=TurnMeta)


class Player(Protocol):
    def answer(self, move: Move, turns: list[RoundTurn]) -> str | PlayedAnswer | None:
        """The next answer, or None when the player has nothing more to say."""
        ...


class PersonaPlayer:
    def __init__(self, candidate: SimulatedCandidate) -> None:
        self.candidate = candidate

    def answer(self, move: Move, turns: list[RoundTurn]) -> str | None:
        return self.candidate.answer(move, turns)


class AnswersPlayer:
    """Replays a real candidate's answers, in order, against the interviewer."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers

    def answer(self, move: Move, turns: list[RoundTurn]) -> str | None:
        given = sum(1 for t in turns if t["role"] == "candidate")
        return self.answers[given] if given < len(self.answers) else None


def persona_player(
    ws: Workspace, persona_id: str, brief_id: str, seed: int, engine: Engine, session_id: str
) -> Player:
    """A candidate persona: played by the model when the round runs on one (its test modes
    stay offline), else by the offline simulated candidate."""
    from simulator.engines.base import ModelEngine

    persona = ws.library.candidate(persona_id)
    brief = ws.library.brief(brief_id)
    if isinstance(engine, ModelEngine):
        return engine.candidate(persona, brief, seed, session_id)
    return PersonaPlayer(SimulatedCandidate(persona, brief, seed))


def answers_label(path: Path) -> str:
    """How a round played from a file of answers names its candidate (and finds the file)."""
    return f"{ANSWERS_PREFIX}{path.resolve()}"


def session_player(ws: Workspace, session: SessionRow, engine: Engine) -> Player:
    """Whoever played the candidate of a simulated session, to play on after a resume."""
    if session.candidate.startswith(ANSWERS_PREFIX):
        return AnswersPlayer(read_answers(Path(session.candidate[len(ANSWERS_PREFIX) :])))
    return persona_player(ws, session.candidate, session.brief_id, session.seed, engine, session.id)


def play(
    runner: RoundRunner,
    player: Player,
    *,
    on_turns: Callable[[list[RoundTurn], int], None] | None = None,
    pace: float = 0.0,
) -> str:
    """Play the round to its end; returns why it ended ("completed" or "answers ran out")."""
    runner.start()
    shown = 0
    while True:
        state = runner.state
        turns = state.get("turns", [])
        if on_turns is not None and len(turns) > shown:
            on_turns(turns[shown:], shown)
            shown = len(turns)
        if runner.finished:
            return "completed"
        played = player.answer(runner.pending_move, turns)
        if played is None:
            return "answers ran out"
        if isinstance(played, str):
            played = PlayedAnswer(played)
        elapsed = next_answer_time(state.get("elapsed", 0.0), turns, played.text)
        runner.answer(Answer(text=played.text, elapsed=elapsed, meta=played.meta))
        if pace:
            time.sleep(pace)
