"""Moving through the round: the high-level design, a probe area's follow-ups, the curveball,
leaving for the next area, and going deeper once every area is done. Pure."""

from __future__ import annotations

from dataclasses import replace

from scoring.reading.topics import shares_words
from simulator.content.models import MoveKind, ProbeArea
from simulator.interview.analysis import Analysis, change_words, quotable
from simulator.interview.building import ask_for, build_on, enter_on
from simulator.interview.moves import Ack, Move
from simulator.interview.policy_context import (
    PolicyContext,
    aside_first,
    current_area,
    filled_after,
    relevant,
    said_after,
    settled,
)
from simulator.interview.state import InterviewState
from simulator.interview.stretch import stretch

MAX_EXCHANGES = 4  # answers per probe area before moving on, covered or not
STALLED = 2  # answers in a row that fill nothing new in the area: move on
# An area the candidate has said this many things about gets questions on what they said,
# never a stock question for what they may have said in other words.
SAID_ENOUGH = 2
# An answer after the requirement change takes it up when it names it, or fills one of its
# slots while sharing this many of its words ("a test set" alone is not the Japan launch).
CHANGE_WORDS_WITH_SLOT = 2
# A design this long, or in this many statements, has said more than the reading can tell.
LONG_ANSWER = 60  # words
STEPS_ENOUGH = 4  # statements
COVERED_SHARE = 0.6  # share of an area's slots filled that makes it covered
DESIGN_FOLLOW_UPS = 2  # at most, while the design phase has time
DESIGN_SLOTS_ENOUGH = 3  # design slots filled that make the high-level design complete
POSITIVE_SLOTS = 2  # slots filled by one answer that earn a word of praise


def after_design_answer(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    asked = state.get("design_follow_ups", 0)
    filled = filled_after(state, analysis)
    said = said_after(state, analysis)
    design = ctx.brief.design_slots
    have = [s for s in design if s in filled]
    missing = [s for s in design if s not in said and s not in state.get("asked_slots", [])]
    in_time = state.get("elapsed", 0.0) < ctx.plan.design_end
    dismissed = _dismissed_here(analysis, design, state, ctx)
    more = asked < DESIGN_FOLLOW_UPS and in_time
    if dismissed and more:
        slot, sentence = dismissed
        return Move(
            "depth_follow_up",
            "design",
            f"they dismissed {slot}: asking about it",
            probe=ctx.challenge(slot),
            quote=quotable(sentence),
            slot_id=slot,
            ack="",
        )
    if state["phase"] == "opening" and analysis.read.questions and len(have) < SAID_ENOUGH:
        return Move(
            "answer_question",
            "design",
            "their questions answered; the high-level design is still to come",
            probe=ctx.wording.design_invite,
        )
    statements = len(analysis.read.sentences) - len(analysis.read.questions)
    thin = (
        len([s for s in design if s in said]) < SAID_ENOUGH
        and analysis.words < LONG_ANSWER
        and statements < STEPS_ENOUGH
    )
    if len(have) < DESIGN_SLOTS_ENOUGH and thin and missing and more:
        slot = missing[0]
        return Move(
            "depth_follow_up",
            "design",
            f"high-level design: nothing yet on {slot}",
            probe=ctx.ask(slot),
            slot_id=slot,
            ack=_ack(analysis, design),
        )
    build = build_on(state, analysis, ctx, design, None, _ack(analysis, design), phase="design")
    if build is not None and more:
        return build
    return leave(
        state,
        ctx,
        "next_area",
        "high-level design heard; starting the deep dives",
        analysis=analysis,
    )


def area_covered(filled: list[str], area: ProbeArea) -> bool:
    return len(filled) >= max(2, round(COVERED_SHARE * len(area.slots)))


def deep_dive(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext, area: ProbeArea
) -> Move:
    entry = state["coverage"][area.id]
    elapsed = state.get("elapsed", 0.0)
    time_up = elapsed - entry["started_at"] >= ctx.plan.area_budgets[area.id]
    filled = [s for s in area.slots if s in filled_after(state, analysis)]
    said = said_after(state, analysis)
    new_here = [s for s in analysis.read.slot_ids if s in area.slots]
    stalled = entry.get("stalled", 0) + (0 if new_here else 1)
    exchanges = entry["exchanges"] + 1
    asked = state.get("asked_slots", [])
    earlier = state.get("dismissed_slots", [])
    missing = [s for s in aside_first(area.slots, earlier) if s not in said and s not in asked]
    ack = _ack(analysis, area.slots)

    dismissed = _dismissed_here(analysis, area.slots, state, ctx)
    if dismissed and not time_up:
        slot, sentence = dismissed
        return Move(
            "depth_follow_up",
            "deep_dive",
            f"they dismissed {slot}: asking what it would cost",
            area.id,
            probe=ctx.challenge(slot, area),
            quote=quotable(sentence),
            slot_id=slot,
        )
    probe = _failure_probe(state, analysis, ctx, area, time_up, new_here)
    if probe is not None:
        return replace(probe, ack=ack)
    if time_up:
        return leave(
            state, ctx, "next_area", f"{area.title}: its time is up", ack, analysis=analysis
        )
    if exchanges >= MAX_EXCHANGES or stalled >= STALLED:
        why = f"{exchanges} answers" if exchanges >= MAX_EXCHANGES else "no new specifics twice"
        return leave(state, ctx, "next_area", f"{area.title}: {why}", ack, analysis=analysis)
    build = build_on(state, analysis, ctx, area.slots, area.id, ack)
    if build is not None:
        return build
    if area_covered(filled, area) and (not missing or entry["follow_ups"] >= 1):
        return leave(state, ctx, "next_area", f"{area.title}: covered", ack, analysis=analysis)
    if ctx.coach and entry["hints"] == 0 and not new_here:
        return Move(
            "hint",
            "deep_dive",
            "nothing specific yet in coach mode: a hint",
            area.id,
            probe=area.main_probe,
            hint=area.hint,
        )
    if not missing or len([s for s in area.slots if s in said]) >= SAID_ENOUGH:
        return leave(
            state, ctx, "next_area", f"{area.title}: nothing left to ask", ack, analysis=analysis
        )
    slot = missing[0]
    why = "set aside earlier" if slot in earlier else "nothing yet"
    return ask_for(ctx, area, slot, f"{area.title}: {why} on {slot}", ack, aside=slot in earlier)


def _failure_probe(
    state: InterviewState,
    analysis: Analysis,
    ctx: PolicyContext,
    area: ProbeArea,
    time_up: bool,
    new_here: list[str],
) -> Move | None:
    """Probe how a technique the candidate just named fails (once per area), when the answer
    committed to something in this area."""
    entry = state["coverage"][area.id]
    probed = state.get("probed_concepts", [])
    techniques = [
        t
        for t in relevant(analysis.techniques, area.dimension, ctx)
        if t in ctx.follow_ups
        and t not in probed
        and analysis.quotes.get(t)
        and not settled(ctx, t, state, analysis)
    ]
    if not techniques or time_up or entry["failure_probes"] or not new_here:
        return None
    technique = techniques[0]
    quote = analysis.quotes[technique]
    return Move(
        "failure_probe",
        "deep_dive",
        f"they named {ctx.concept_labels[technique]}: its failure mode",
        area.id,
        probe=ctx.follow_ups[technique],
        # Read back only when the sentence bears on the probe, not merely names the technique.
        quote=quote if shares_words(quote, ctx.follow_ups[technique]) else "",
        concept_id=technique,
    )


def _dismissed_here(
    analysis: Analysis, slots: list[str], state: InterviewState, ctx: PolicyContext
) -> tuple[str, str] | None:
    """A slot of this part that the answer dismisses and that was not asked about yet, whose
    challenge the same answer has not met already ("we'd see it within a day and switch
    back" meets "how would you find out")."""
    if analysis.kind != "answer":
        return None
    asked = state.get("asked_slots", [])
    filled = state.get("filled_slots", {})
    said = set(analysis.read.slot_ids)
    for fill in analysis.read.dismissed:
        met = ctx.challenge_settled_by.get(fill.slot, frozenset()) & said
        if fill.slot in slots and fill.slot not in asked and fill.slot not in filled and not met:
            return fill.slot, fill.sentence.text
    return None


def _ack(analysis: Analysis, slots: list[str]) -> Ack:
    """A word about the last answer: praise only for one that committed to specifics, nothing
    for a hedge, a neutral word otherwise."""
    reading = analysis.read
    if analysis.kind != "answer" or reading.hedged:
        return ""
    here = [s for s in reading.slot_ids if s in slots]
    if len(here) >= POSITIVE_SLOTS and reading.quantities:
        return "positive"
    return "neutral" if here or reading.quantities else ""


def after_curveball(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    """One follow-up on the requirement change: back to the change itself when the answer left
    it aside, else on what the answer said about it, else on its most important slot still
    open."""
    curveball = ctx.curveball
    area = current_area(state, ctx)
    area_id = area.id if area else None
    ack = _ack(analysis, curveball.slots)
    if state.get("curveball_followed"):
        return leave(state, ctx, "next_area", "curveball answered", ack, analysis=analysis)
    took_up = curveball.id in analysis.changes_touched or (
        set(analysis.read.slot_ids) & set(curveball.slots)
        and len(change_words(curveball.text) & _words_said(analysis)) >= CHANGE_WORDS_WITH_SLOT
    )
    if not took_up:
        change = " ".join(curveball.text.split())
        return Move(
            "depth_follow_up",
            "deep_dive",
            "the answer leaves the requirement change aside",
            area_id,
            probe=ctx.wording.curveball_again.format(change=change),
            curveball_id=curveball.id,
            plain=True,
        )
    follow_up = on_the_change(state, analysis, ctx, area_id, ack)
    if follow_up is None:
        return leave(state, ctx, "next_area", "curveball answered", ack, analysis=analysis)
    return follow_up


def on_the_change(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext, area_id: str | None, ack: Ack
) -> Move | None:
    """A follow-up on an answer to the requirement change: on what it said about the change,
    else on the change's most important slot still open."""
    curveball = ctx.curveball
    build = build_on(state, analysis, ctx, curveball.slots, area_id, ack, curveball_id=curveball.id)
    if build is not None:
        return build
    said = said_after(state, analysis)
    asked = state.get("asked_slots", [])
    open_slots = [s for s in curveball.slots if s not in said and s not in asked]
    if not open_slots:
        return None
    slot = open_slots[0]
    return Move(
        "depth_follow_up",
        "deep_dive",
        f"the curveball's {slot} is still open",
        area_id,
        probe=ctx.ask(slot),
        slot_id=slot,
        curveball_id=curveball.id,
        ack=ack,
    )


def _words_said(analysis: Analysis) -> frozenset[str]:
    return change_words(" ".join(s.text for s in analysis.read.sentences))


def leave(
    state: InterviewState,
    ctx: PolicyContext,
    kind: MoveKind,
    reason: str,
    ack: Ack = "",
    analysis: Analysis | None = None,
) -> Move:
    """Leave the current question for the curveball, the next area, deeper questions, or the
    wrap-up."""
    index = state.get("area_index", -1)
    areas = ctx.brief.probe_areas
    here = current_area(state, ctx)
    left = here.id if here and index < len(areas) else None
    cb_due = (
        not state.get("curveballs_fired")
        and not state.get("curveball_active")
        and not state.get("curveball_answered")  # the candidate took it up unasked
        and index + 1 >= ctx.curveball_after
        and index + 1 < len(areas)
    )
    if kind == "next_area" and cb_due:
        return Move(
            "curveball",
            "deep_dive",
            f"{reason}; mid-round requirement change",
            left,
            probe=ctx.curveball.text,
            curveball_id=ctx.curveball.id,
            ack=ack,
        )
    filled = filled_after(state, analysis) if analysis else dict(state.get("filled_slots", {}))
    said = said_after(state, analysis) if analysis else set(filled)
    asked = state.get("asked_slots", [])
    aside = set(state.get("dismissed_slots", []))
    if analysis is not None:
        aside |= set(analysis.read.dismissed_ids)
    for nxt in areas[index + 1 :]:
        heard = [slot for slot in nxt.slots if slot in filled]
        order = aside_first(nxt.slots, aside)
        missing = [slot for slot in order if slot not in said and slot not in asked]
        if heard:
            entered = enter_on(
                state,
                analysis,
                ctx,
                nxt.slots,
                kind,
                area_id=nxt.id,
                left=left,
                reason=f"{reason}; next area: {nxt.title}, part heard already",
                ack=ack,
            )
            if entered is not None:
                return entered
        if area_covered(heard, nxt) or not missing:
            continue  # the candidate already covered it: never ask its questions again
        first = missing[0]
        ask = ctx.ask_about(first, nxt, aside=aside)
        said_here = [slot for slot in nxt.slots if slot in said]
        if heard or first in aside or len(said_here) >= SAID_ENOUGH:
            # the area is entered through what they said: asked what they did not say, or
            # what doing without what they set aside costs
            return Move(
                kind,
                "deep_dive",
                f"{reason}; next area: {nxt.title}, part heard already",
                nxt.id,
                probe=ask,
                left_area_id=left,
                ack=ack,
                slot_id=missing[0],
            )
        return Move(
            kind,
            "deep_dive",
            f"{reason}; next area: {nxt.title}",
            nxt.id,
            probe=nxt.main_probe,
            left_area_id=left,
            ack=ack,
        )
    return stretch(state, analysis, ctx, f"{reason}; every area done", ack)
