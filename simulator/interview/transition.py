"""Applying a Move to the state: coverage, the open area, streaks, phase. Pure."""

from __future__ import annotations

from typing import Any

from simulator.interview.analysis import Analysis
from simulator.interview.moves import Move
from simulator.interview.policy import PolicyContext, credit
from simulator.interview.state import AreaCoverage, InterviewState

LEAVING_KINDS = frozenset({"next_area", "move_on", "curveball", "wrap_up"})


def _finish(entry: AreaCoverage) -> None:
    if entry["status"] == "open":
        entry["status"] = "partial" if entry["concepts"] else "skipped"


def apply_move(
    state: InterviewState, analysis: Analysis, move: Move, ctx: PolicyContext
) -> dict[str, Any]:
    """The partial state update for `move` (LangGraph merges it into the state)."""
    coverage = credit(state, analysis, ctx)
    elapsed = state.get("elapsed", 0.0)
    index = state.get("area_index", -1)
    here = ctx.brief.probe_areas[index].id if 0 <= index < len(ctx.brief.probe_areas) else None
    update: dict[str, Any] = {
        "coverage": coverage,
        "pending_move": move.to_dict(),
        "analysis": analysis.to_dict(),
        "phase": move.phase,
    }
    if analysis.non_answer:
        update["non_answer_streak"] = state.get("non_answer_streak", 0) + 1
        update["non_answers"] = [
            *state.get("non_answers", []),
            {"area": here or state["phase"], "kind": analysis.kind, "elapsed": elapsed},
        ]
    elif analysis.kind in ("answer", "clarifying"):
        update["non_answer_streak"] = 0
    if move.probe and move.kind not in ("redirect", "hint"):
        update["open_question"] = move.probe

    if move.kind in LEAVING_KINDS and here is not None and not state.get("curveball_active"):
        _finish(coverage[here])
    if move.kind in ("next_area", "move_on"):
        update["curveball_active"] = None
        assert move.area_id is not None
        entry = coverage[move.area_id]
        entry["status"] = "open"
        entry["started_at"] = elapsed
        update["area_index"] = index + 1
    if analysis.non_answer and move.kind in LEAVING_KINDS:
        update["non_answer_streak"] = 0
        update["non_answers"] = [
            *update.get("non_answers", state.get("non_answers", [])),
            {"area": here or "design", "kind": "moved_on", "elapsed": elapsed},
        ]
    if move.kind == "curveball":
        update["curveballs_fired"] = [*state.get("curveballs_fired", []), move.curveball_id]
        update["curveball_active"] = move.curveball_id
    if move.kind == "failure_probe" and here is not None:
        coverage[here]["failure_probes"] += 1
        update["probed_concepts"] = [*state.get("probed_concepts", []), move.concept_id]
    if move.kind == "depth_follow_up":
        if here is None:
            update["design_follow_ups"] = state.get("design_follow_ups", 0) + 1
        else:
            coverage[here]["follow_ups"] += 1
    if move.kind == "hint":
        update["hints_used"] = state.get("hints_used", 0) + 1
        if here is not None:
            coverage[here]["hints"] += 1
    if move.kind == "wrap_up":
        update["curveball_active"] = None
    if move.kind == "close":
        update["ended_reason"] = "completed"
    return update
