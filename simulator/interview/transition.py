"""Applying a Move to the state: slots heard, coverage, the open area, streaks, phase. Pure."""

from __future__ import annotations

import copy

from simulator.interview.analysis import Analysis
from simulator.interview.moves import Move
from simulator.interview.policy import (
    PolicyContext,
    area_covered,
    current_area,
    filled_after,
    heard_after,
    other_change,
    relevant,
)
from simulator.interview.state import AreaCoverage, InterviewState

LEAVING_KINDS = frozenset({"next_area", "move_on", "curveball", "wrap_up"})


def credit(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext
) -> dict[str, AreaCoverage]:
    """Coverage after this answer. Only real answers count, and only toward the open area."""
    coverage = copy.deepcopy(state["coverage"])
    area = current_area(state, ctx)
    if area is None or analysis.kind != "answer" or state.get("curveball_active"):
        return coverage
    entry = coverage[area.id]
    entry["exchanges"] += 1
    new_here = [s for s in analysis.read.slot_ids if s in area.slots]
    entry["stalled"] = 0 if new_here else entry.get("stalled", 0) + 1
    found = relevant(analysis.concepts, area.dimension, ctx)
    entry["concepts"] = entry["concepts"] + [c for c in found if c not in entry["concepts"]]
    if found or new_here:
        entry["best_depth"] = max(entry["best_depth"], analysis.depth_score)
    filled = filled_after(state, analysis)
    if area_covered([s for s in area.slots if s in filled], area):
        entry["status"] = "covered"
    return coverage


def _finish(entry: AreaCoverage) -> None:
    if entry["status"] == "open":
        entry["status"] = "partial" if entry["concepts"] or entry["exchanges"] else "skipped"


def apply_move(
    state: InterviewState, analysis: Analysis, move: Move, ctx: PolicyContext
) -> InterviewState:
    """The partial state update for `move` (LangGraph merges it into the state)."""
    coverage = credit(state, analysis, ctx)
    elapsed = state.get("elapsed", 0.0)
    index = state.get("area_index", -1)
    areas = ctx.brief.probe_areas
    here = areas[index].id if 0 <= index < len(areas) else None
    update: InterviewState = {
        "coverage": coverage,
        "pending_move": move.to_dict(),
        "analysis": analysis.to_dict(),
        "phase": move.phase,
        "filled_slots": filled_after(state, analysis),
        "slots_heard": heard_after(state, analysis),
    }
    if _answers_the_change(state, analysis, ctx):
        update["curveball_answered"] = True
    if analysis.touched:
        touched = state.get("slots_touched", [])
        update["slots_touched"] = [*touched, *(s for s in analysis.touched if s not in touched)]
    if move.deeper_slot:
        update["deeper_asked"] = [*state.get("deeper_asked", []), move.deeper_slot]
    if analysis.techniques:
        heard = state.get("concepts_heard", [])
        update["concepts_heard"] = [*heard, *(c for c in analysis.techniques if c not in heard)]
    if analysis.kind == "answer" and analysis.read.dismissed:
        earlier = state.get("dismissed_slots", [])
        new = [s for s in analysis.read.dismissed_ids if s not in earlier]
        update["dismissed_slots"] = [*earlier, *new]
    _count_questions(update, state, move)
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
    if move.kind in ("next_area", "move_on") and move.area_id is not None:
        update["curveball_active"] = None
        target = next(i for i, a in enumerate(areas) if a.id == move.area_id)
        for skipped in areas[index + 1 : target]:  # covered by earlier answers: not asked
            coverage[skipped.id]["status"] = "covered"
        entry = coverage[move.area_id]
        entry["status"] = "open"
        entry["started_at"] = elapsed
        update["area_index"] = target
    if move.stretch:
        if here is not None and index < len(areas):
            _finish(coverage[here])
        update["area_index"] = len(areas)
        update["curveball_active"] = None
        update["stretch_area"] = move.area_id
        update["stretch_asked"] = [*state.get("stretch_asked", []), move.probe]
    if analysis.non_answer and move.kind in LEAVING_KINDS:
        update["non_answer_streak"] = 0
        update["non_answers"] = [
            *update.get("non_answers", state.get("non_answers", [])),
            {"area": here or "design", "kind": "moved_on", "elapsed": elapsed},
        ]
    if move.kind == "curveball" and move.curveball_id:
        update["curveballs_fired"] = [*state.get("curveballs_fired", []), move.curveball_id]
        update["curveball_active"] = move.curveball_id
    if move.curveball_id and move.kind in ("depth_follow_up", "redirect"):
        update["curveball_followed"] = True
        if other_change(state, analysis, ctx):
            update["change_restated"] = True
    if move.kind == "failure_probe" and move.concept_id:
        if here is not None and not move.stretch:
            coverage[here]["failure_probes"] += 1
        update["probed_concepts"] = [*state.get("probed_concepts", []), move.concept_id]
    if move.kind == "numbers_check" and move.concept_id:
        update["numbers_checked"] = [*state.get("numbers_checked", []), move.concept_id]
    if move.kind == "depth_follow_up" and not move.stretch:
        if here is None:
            update["design_follow_ups"] = state.get("design_follow_ups", 0) + 1
        elif not move.curveball_id:
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


def _answers_the_change(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> bool:
    """This answer takes up the round's requirement change: it restates it, or, while the change
    is open, fills one of its slots."""
    if analysis.kind != "answer":
        return False
    if analysis.change_id == ctx.curveball.id:
        return True
    active = state.get("curveball_active") == ctx.curveball.id
    return (
        active
        and not analysis.change_id
        and bool(set(analysis.read.slot_ids) & set(ctx.curveball.slots))
    )


def _count_questions(update: InterviewState, state: InterviewState, move: Move) -> None:
    """What was asked for and what was told, so nothing is asked or told twice."""
    if move.slot_id:
        update["asked_slots"] = [*state.get("asked_slots", []), move.slot_id]
    if move.fact_ids:
        given = state.get("facts_given", [])
        update["facts_given"] = [*given, *(f for f in move.fact_ids if f not in given)]
    if move.kind == "answer_question" and move.phase == "wrap_up":
        update["wrap_up_replies"] = state.get("wrap_up_replies", 0) + 1
