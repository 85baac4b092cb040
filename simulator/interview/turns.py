"""A turn of the round and its meta, as the interview state, its checkpoint and the session
tables carry them.

TypedDicts, not models: LangGraph checkpoints the state as plain values, and a TypedDict is
a plain dict at runtime, so the stored shape is the one earlier rounds were saved in.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

Role = Literal["interviewer", "candidate"]


class TurnMeta(TypedDict, total=False):
    """What mockloop records about a turn, every value a string (flags are "true")."""

    # Every interviewer turn (interview.graph): the move and what led to it.
    move: str
    phase: str
    area: str  # "" outside a probe area
    reason: str
    answer_kind: str  # how the answer before it was read ("" before any answer)
    # Every interviewer turn, and a candidate turn played by a model: who worded it.
    engine: str  # "offline (fallback)" when the model could not (interview.speech)
    # Interviewer turns, only when they apply (interview.graph).
    hint: str
    curveball: str
    slot: str
    deeper: str
    read_by: str  # who read the answer before it: an engine, or "offline (fallback)"
    facts: str  # comma-separated fact ids told in this turn
    assume: str
    answered: str  # the turn answers the candidate's own question
    # The model behind a turn: the graph for the interviewer, the Claude candidate for answers.
    model: str
    effort: str
    # The Claude interviewer's call (engines.claude.interviewer, through EngineEvent.meta).
    directive: str  # the move as sent, replayed byte for byte in later requests
    prompt_version: str
    input_tokens: str
    output_tokens: str
    thinking_tokens: str
    cache_read_tokens: str
    cache_write_tokens: str
    latency_ms: str
    dollars: str
    first_token_ms: str
    stop_reason: str
    # Why a model's turn was worded offline instead (interviewer or simulated candidate).
    fallback_reason: str


class RoundTurn(TypedDict):
    """One turn as the state has it. The graph writes every key; the others may be missing
    from a turn made elsewhere (one the app shows before the graph has it)."""

    role: Role
    text: str
    speaker: NotRequired[str | None]
    start: NotRequired[float | None]  # seconds from the start of the round
    end: NotRequired[float | None]
    meta: NotRequired[TurnMeta]


class AnswerPayload(TypedDict):
    """What an answer resumes the graph with (runner.Answer); the graph's `hear` node makes
    the candidate's turn of it, or a hint request when `hint`."""

    text: str
    elapsed: float
    hint: bool
    meta: NotRequired[TurnMeta]  # recorded on the candidate's turn
