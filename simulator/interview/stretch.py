"""Going deeper once every area is done and time remains: what the candidate said and was not
yet asked about, what is still open, the areas' deeper questions and the signal questions,
the cost of a technique they named, until the wrap-up slot. Pure."""

from __future__ import annotations

from dataclasses import replace

from simulator.interview.analysis import Analysis
from simulator.interview.building import ask_for, build_on, enter_on
from simulator.interview.moves import Ack, Move
from simulator.interview.policy_context import (
    PolicyContext,
    answer_number,
    said_after,
    said_so_far,
    settled,
)
from simulator.interview.state import InterviewState

# Going deeper is for a candidate who is still answering: a round with at least this many
# non-answers, and more of them than real answers, goes to the wrap-up once every area is
# done.
STRETCH_NON_ANSWERS = 4


def stretch(
    state: InterviewState,
    analysis: Analysis | None,
    ctx: PolicyContext,
    reason: str,
    ack: Ack = "",
) -> Move:
    """Every area is done and time remains: ask what is still open, then the areas' deeper
    questions and the signal questions, until the wrap-up slot."""
    non_answers = len([n for n in state.get("non_answers", []) if n["kind"] != "moved_on"])
    answered = answer_number(state) - non_answers
    if non_answers >= STRETCH_NON_ANSWERS and non_answers > answered:
        minute = state.get("elapsed", 0.0) / 60
        return Move(
            "wrap_up", "wrap_up", f"{reason}; no answers to go deeper on at minute {minute:.0f}"
        )
    deeper = _deeper_while_time_remains(state, analysis, ctx, reason, ack)
    if deeper is not None:
        return deeper
    said = said_after(state, analysis) if analysis else said_so_far(state)
    asked_slots = state.get("asked_slots", [])
    for area in ctx.brief.probe_areas:
        for slot in area.slots:
            if slot not in said and slot not in asked_slots:
                why = f"{reason}: {area.title} still lacks {slot}"
                return ask_for(ctx, area, slot, why, ack, stretch=True)
    asked = state.get("stretch_asked", [])
    for area_id, question, named in ctx.stretch:
        if named and any(slot in said for slot in named):
            continue  # it asks for what the candidate has said already
        if question not in asked:
            return Move(
                "depth_follow_up",
                "deep_dive",
                f"{reason}: a deeper question",
                area_id,
                probe=question,
                ack=ack,
                stretch=True,
            )
    probed = state.get("probed_concepts", [])
    for concept in state.get("concepts_heard", []):
        probe = ctx.follow_ups.get(concept)
        if (
            probe
            and concept not in probed
            and probe not in asked
            and not settled(ctx, concept, state, analysis)
        ):
            area = next(
                (
                    a
                    for a in ctx.brief.probe_areas
                    if a.dimension in ctx.concept_dimensions[concept]
                ),
                ctx.brief.probe_areas[-1],
            )
            return Move(
                "failure_probe",
                "deep_dive",
                f"{reason}: the cost of a technique they named",
                area.id,
                probe=probe,
                concept_id=concept,
                ack=ack,
                stretch=True,
            )
    minute = state.get("elapsed", 0.0) / 60
    return Move(
        "wrap_up", "wrap_up", f"{reason}; nothing left to ask at minute {minute:.0f}", ack=ack
    )


def _deeper_while_time_remains(
    state: InterviewState, analysis: Analysis | None, ctx: PolicyContext, reason: str, ack: Ack
) -> Move | None:
    """The deeper question on what the last answer said, else on what an earlier one did."""
    for area in ctx.brief.probe_areas:
        if analysis is not None:
            build = build_on(state, analysis, ctx, area.slots, area.id, ack)
            if build is not None:
                return replace(build, stretch=True, reason=f"{reason}: {build.reason}")
    for area in ctx.brief.probe_areas:
        entered = enter_on(
            state,
            None,
            ctx,
            area.slots,
            "depth_follow_up",
            area_id=area.id,
            left=None,
            reason=f"{reason}: going deeper",
            ack=ack,
            stretch=True,
        )
        if entered is not None:
            return entered
    return None
