"""The interview policy: a pure function from (state, analysis) to the next Move.

The code runs the interview; an engine only phrases the Move. Nothing here does I/O. The
policy works on slots: a follow-up asks for the most important slot of the open area that no
answer has filled yet (never one already filled), or challenges a number or a dismissal in
what was just said. Every question the candidate asks is answered (or met with "assume")
before the round moves on, and the round uses its time: with every area done early, it goes
deeper until the wrap-up slot of the time plan.
"""

from __future__ import annotations

from dataclasses import replace

from scoring.reading.models import Reading
from scoring.reading.rules_of_thumb import OFF_BY as THUMB_OFF_BY
from simulator.interview.analysis import Analysis, change_words, quotable
from simulator.interview.areas import (
    MAX_EXCHANGES,
    after_curveball,
    after_design_answer,
    area_covered,
    deep_dive,
    leave,
    on_the_change,
    stretch,
)
from simulator.interview.ballpark import OFF_BY, RULE_OF_THUMB, NumbersCheck
from simulator.interview.moves import Move
from simulator.interview.policy_context import (
    PolicyContext,
    PolicyWording,
    current_area,
    filled_after,
    heard_after,
    open_question,
    policy_context,
    policy_wording,
    relevant,
)
from simulator.interview.replies import (
    hint_or_redirect,
    new_facts,
    told_before,
    with_replies,
    wrap_up_reply,
)
from simulator.interview.state import InterviewState

__all__ = [
    "MAX_EXCHANGES",
    "MAX_NON_ANSWERS",
    "PolicyContext",
    "PolicyWording",
    "area_covered",
    "current_area",
    "decide",
    "filled_after",
    "heard_after",
    "policy_context",
    "policy_wording",
    "relevant",
]

MAX_NON_ANSWERS = 2  # in a row, before the interviewer moves on and records it


def decide(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    """The next move. Pure: the same state and analysis always give the same Move."""
    move = with_replies(_decide(state, analysis, ctx), state, analysis, ctx)
    if other_change(state, analysis, ctx) and not move.curveball_id:
        # A change nobody raised: said so, then the round goes on as decided. Once this
        # round's own change is out, the brief no longer "stands as it is".
        raised = ctx.curveball.id in state.get("curveballs_fired", [])
        note = ctx.wording.other_change_aside if raised else ctx.wording.other_change_ack
        return replace(move, reply=f"{note} {move.reply}".strip())
    return move


def other_change(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> bool:
    """The answer restates one of the brief's requirement changes other than this round's."""
    return analysis.kind == "answer" and analysis.change_id not in ("", ctx.curveball.id)


def _late_change_answer(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext, area_id: str | None
) -> Move | None:
    """The round's change, raised and followed up already, is taken up at last, in answer to
    another question: what the answer said about it is picked up rather than passed over."""
    raised = ctx.curveball.id in state.get("curveballs_fired", [])
    asked_about_it = (state.get("pending_move") or {}).get("curveball_id")
    if not raised or asked_about_it or state.get("curveball_active"):
        return None
    if analysis.kind != "answer" or ctx.curveball.id not in analysis.changes_touched:
        return None
    follow_up = on_the_change(state, analysis, ctx, area_id, "neutral")
    if follow_up is not None:
        return follow_up
    change = change_words(ctx.curveball.text)
    # the candidate's take on it, not a restatement they ask back ("...raise the threshold?")
    claims = [s for s in analysis.read.sentences if not s.text.rstrip().endswith("?")]
    sentence = max(claims, key=lambda s: len(change_words(s.text) & change), default=None)
    quote = quotable(sentence.text) if sentence and change_words(sentence.text) & change else ""
    return Move(
        "depth_follow_up",
        state["phase"],
        "they came back to the requirement change: what else it moves",
        area_id,
        probe=f"You said: “{quote}” {ctx.wording.change_taken_up}"
        if quote
        else ctx.wording.change_taken_up,
        curveball_id=ctx.curveball.id,
        plain=True,
    )


def _decide(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    phase = state["phase"]
    elapsed = state.get("elapsed", 0.0)
    area = current_area(state, ctx)
    area_id = area.id if area else None
    if phase == "wrap_up":
        return wrap_up_reply(state, analysis, ctx)
    if analysis.kind == "hint_request":
        return hint_or_redirect(state, ctx, area)
    if elapsed >= ctx.plan.wrap_up_start:
        minute = ctx.plan.wrap_up_start / 60
        return Move("wrap_up", "wrap_up", f"time: wrap-up starts at minute {minute:.0f}", area_id)
    if analysis.non_answer:
        streak = state.get("non_answer_streak", 0) + 1
        if streak >= MAX_NON_ANSWERS:
            return leave(
                state,
                ctx,
                "move_on",
                f"{streak} non-answers in a row ({analysis.kind})",
                analysis=analysis,
            )
        return Move(
            "redirect",
            phase,
            f"{analysis.kind} answer: asking again",
            area_id,
            probe=open_question(state, ctx),
        )
    if analysis.kind == "clarifying":
        if new_facts(state, analysis):
            return Move(
                "answer_fact",
                phase,
                "clarifying questions answered from the brief's facts",
                area_id,
                fact_ids=new_facts(state, analysis),
            )
        if (
            analysis.unanswerable
            and not told_before(state, analysis)
            and phase in ("opening", "design")
        ):  # later on, "assume" comes before the question they were asked
            return Move(
                "assume", phase, "the brief has no such fact: the candidate assumes", area_id
            )
        return Move(
            "answer_question",
            phase,
            "the candidate's question answered; back to the question",
            area_id,
            probe=open_question(state, ctx),
        )
    raised = ctx.curveball.id in state.get("curveballs_fired", [])
    if other_change(state, analysis, ctx) and raised and not state.get("change_restated"):
        change = " ".join(ctx.curveball.text.split())
        return Move(
            "depth_follow_up",
            state["phase"],
            "they answered a change that was not raised: the one raised, again",
            area_id,
            probe=ctx.wording.other_change.format(change=change),
            curveball_id=ctx.curveball.id,
            plain=True,
        )
    challenge = _numbers_check(state, analysis, ctx, area_id)
    if challenge is not None:
        return challenge
    late = _late_change_answer(state, analysis, ctx, area_id)
    if late is not None:
        return late
    if phase in ("opening", "design"):
        return after_design_answer(state, analysis, ctx)
    if state.get("curveball_active"):
        return after_curveball(state, analysis, ctx)
    if state.get("stretch_area") and state.get("area_index", -1) >= len(ctx.brief.probe_areas):
        return stretch(state, analysis, ctx, "going deeper while time remains")
    assert area is not None
    return deep_dive(state, analysis, ctx, area)


def _numbers_check(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext, area_id: str | None
) -> Move | None:
    if ctx.ballpark is None or analysis.kind != "answer":
        return None
    done = frozenset(state.get("numbers_checked", []))
    found = ctx.ballpark.check(analysis.read, done)
    if found is None:
        return None
    return Move(
        "numbers_check",
        state["phase"] if state["phase"] != "opening" else "design",
        f"{found.kind} figure off by a factor of {_off_by(found):g} or more: challenged with a "
        "ballpark",
        area_id,
        probe=_numbers_wording(found, ctx),
        quote=_sentence_of(analysis.read, found),
        concept_id=found.kind,
    )


def _off_by(found: NumbersCheck) -> float:
    """How far off a figure of this kind is before it is challenged."""
    return THUMB_OFF_BY if found.kind == RULE_OF_THUMB else OFF_BY


def _numbers_wording(found: NumbersCheck, ctx: PolicyContext) -> str:
    template = " ".join(ctx.wording.numbers_check[found.kind].split())
    return template.format(**found.values)


def _sentence_of(reading: Reading, found: NumbersCheck) -> str:
    sentence = next((s for s in reading.sentences if s.start <= found.quantity.start < s.end), None)
    return quotable(sentence.text) if sentence else ""
