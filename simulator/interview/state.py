"""The interview's state as LangGraph carries it (plain, serialisable values only)."""

from __future__ import annotations

import operator
from typing import Annotated, Any, Literal, TypedDict

from simulator.interview.moves import Phase
from simulator.interview.turns import RoundTurn

AreaStatus = Literal["unasked", "open", "covered", "partial", "skipped"]


class AreaCoverage(TypedDict):
    status: AreaStatus
    exchanges: int
    follow_ups: int
    failure_probes: int
    hints: int
    concepts: list[str]
    best_depth: int
    started_at: float
    stalled: int  # answers in a row that filled none of the area's slots


class NonAnswer(TypedDict):
    """An answer that said nothing to the question, or an area left without one."""

    area: str  # the open area, else the phase ("design" when moving on from none)
    kind: str  # the answer's kind, or "moved_on" when the round left the area
    elapsed: float


class RoundCoverage(TypedDict, total=False):
    """What the session row keeps of a round's progress (runner.sync_store writes it; empty
    until the first sync)."""

    areas: dict[str, AreaCoverage]
    non_answers: list[NonAnswer]
    curveballs: list[str]
    hints: int


class InterviewState(TypedDict, total=False):
    """The whole state, and also a node's partial update of it (LangGraph merges the keys a
    node returns: turns are appended, the rest replaced)."""

    session_id: str
    brief_id: str
    interviewer_id: str
    mode: Literal["interview", "coach"]
    minutes: int
    seed: int
    phase: Phase
    turns: Annotated[list[RoundTurn], operator.add]
    area_index: int
    coverage: dict[str, AreaCoverage]
    design_follow_ups: int
    probed_concepts: list[str]
    curveballs_fired: list[str]
    curveball_active: str | None
    non_answer_streak: int
    non_answers: list[NonAnswer]
    hints_used: int
    elapsed: float
    analysis: dict[str, Any] | None
    pending_move: dict[str, Any] | None
    open_question: str
    hint_request: bool
    ended_reason: str | None
    filled_slots: dict[str, int]  # slot id -> the number of the answer that first filled it
    slots_heard: dict[str, int]  # slot id -> the latest answer that filled it
    asked_slots: list[str]  # slots a follow-up has asked for (each is asked once)
    slots_touched: list[str]  # slots the candidate's words touched, filled or not (never asked)
    deeper_asked: list[str]  # filled slots whose deeper question was asked (each once)
    dismissed_slots: list[str]  # slots the candidate rejected: asked about first in their area
    facts_given: list[str]
    numbers_checked: list[str]  # kinds of figure challenged (tokens, money, money_month,
    # rule_of_thumb)
    curveball_followed: bool
    curveball_answered: bool  # an answer took up this round's requirement change
    change_restated: bool  # an answer took up another change and this round's was said again
    stretch_area: str | None  # the area of a deeper question asked after every area is done
    stretch_asked: list[str]
    concepts_heard: list[str]  # techniques the candidate named, for probes while time remains
    wrap_up_replies: int


def new_coverage(area_ids: list[str]) -> dict[str, AreaCoverage]:
    return {
        area_id: AreaCoverage(
            status="unasked",
            exchanges=0,
            follow_ups=0,
            failure_probes=0,
            hints=0,
            concepts=[],
            best_depth=0,
            started_at=0.0,
            stalled=0,
        )
        for area_id in area_ids
    }
