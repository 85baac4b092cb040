"""Answering the candidate: the facts their questions ask for, "assume" for the rest, replies to
check-ins, and what the interviewer can say about the team and the process. Pure."""

from __future__ import annotations

import re
from dataclasses import replace

from simulator.content.models import ProbeArea
from simulator.interview.analysis import Analysis
from simulator.interview.moves import Move
from simulator.interview.policy_context import PolicyContext, open_question
from simulator.interview.state import InterviewState

MAX_WRAP_UP_REPLIES = 3  # rounds of the candidate's own questions answered at the end


def new_facts(state: InterviewState, analysis: Analysis) -> tuple[str, ...]:
    """The facts asked for that were not given yet (one given already is not said again)."""
    given = state.get("facts_given", [])
    return tuple(f for f in analysis.fact_ids if f not in given)


def told_before(state: InterviewState, analysis: Analysis) -> bool:
    """Every fact the questions ask for was given earlier in the round."""
    return bool(analysis.fact_ids) and not new_facts(state, analysis)


def said_again(state: InterviewState, analysis: Analysis) -> str:
    """The fact to say again when every fact asked for was given already: the best one asked
    for firmly ("" when none is: that question is met with "assume")."""
    if not told_before(state, analysis):
        return ""
    return next((f for f in analysis.fact_ids if f not in analysis.loose_facts), "")


def unanswered(state: InterviewState, analysis: Analysis) -> bool:
    """Some question gets no fact: the candidate is told to assume."""
    if analysis.unanswerable > 0:
        return True
    return told_before(state, analysis) and not said_again(state, analysis)


def mentioned(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> list[str]:
    """What to say of facts asked for again: the one asked for plainly, said again; for one
    asked about only loosely, that nothing more is known beyond it (never "we don't have
    that" of a fact already given)."""
    if again := said_again(state, analysis):
        return [as_mentioned(again, ctx)]
    return [ctx.wording.assume["beyond"]] if told_before(state, analysis) else []


def as_mentioned(fact_id: str, ctx: PolicyContext) -> str:
    """A fact asked for again, said again (briefly: the best match only)."""
    fact = next(f for f in ctx.brief.facts if f.id == fact_id)
    return ctx.wording.assume["given"].format(fact=" ".join(fact.answer.split()))


def with_replies(move: Move, state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    """Answer the candidate's own questions before the move itself: the facts a question asks
    for, "assume" for the rest, a reply to a check-in."""
    if move.kind == "close" or (move.kind == "answer_question" and move.reply):
        return move
    if analysis.kind == "clarifying":
        said = [answer_question(q.text, ctx) for q in analysis.read.asked("wrap_up")]
        said.extend(mentioned(state, analysis, ctx))
        return replace(
            move,
            assume_rest=unanswered(state, analysis)
            and move.kind in ("answer_fact", "answer_question"),
            reply=" ".join(dict.fromkeys(said)),
        )
    if analysis.kind != "answer":
        return move
    reading = analysis.read
    changes: dict[str, object] = {}
    if analysis.fact_ids and not move.fact_ids:
        changes["fact_ids"] = new_facts(state, analysis)
    replies: list[str] = []
    replies.extend(mentioned(state, analysis, ctx))
    if unanswered(state, analysis):
        changes["assume_rest"] = True
    for question in reading.asked("wrap_up"):
        replies.append(answer_question(question.text, ctx))
    if reading.asked("check_in"):
        more = builds_on_this_answer(move, analysis, ctx)
        replies.append(ctx.wording.check_in_replies["more" if more else "enough"])
    if replies and not move.reply:
        changes["reply"] = " ".join(dict.fromkeys(replies))
    return replace(move, **changes) if changes else move  # type: ignore[arg-type]


def builds_on_this_answer(move: Move, analysis: Analysis, ctx: PolicyContext) -> bool:
    """The move picks up something the last answer said: its sentence read back, its figures
    checked, a slot it filled or a technique it named asked about."""
    if move.quote or move.kind == "numbers_check":
        return True
    if move.deeper_slot:
        return move.deeper_slot in analysis.read.slot_ids and ctx.wording.earlier not in move.probe
    return move.kind == "failure_probe" and move.concept_id in analysis.techniques


def wrap_up_reply(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    questions = analysis.read.questions if analysis.reading else ()
    answered = state.get("wrap_up_replies", 0)
    time_left = state.get("elapsed", 0.0) < ctx.plan.total
    if questions:
        reply = " ".join(dict.fromkeys(answer_question(q.text, ctx) for q in questions))
        if answered < MAX_WRAP_UP_REPLIES and time_left:
            return Move(
                "answer_question", "wrap_up", "the candidate's questions, answered", reply=reply
            )
        return Move("close", "closed", "last questions answered; the round is over", reply=reply)
    return Move("close", "closed", "the candidate has no more questions; the round is over")


def answer_question(question: str, ctx: PolicyContext) -> str:
    for item in ctx.wording.wrap_up_answers:
        if re.search(item.topic, question, re.I):
            return " ".join(item.answer.split())
    return " ".join(ctx.wording.wrap_up_fallback.split())


def hint_or_redirect(state: InterviewState, ctx: PolicyContext, area: ProbeArea | None) -> Move:
    phase = state["phase"]
    area_id = area.id if area else None
    if ctx.coach:
        hint = area.hint if area else ctx.wording.design_hint
        return Move(
            "hint",
            phase,
            "the candidate asked for a hint (coach mode)",
            area_id,
            probe=open_question(state, ctx),
            hint=hint,
        )
    return Move(
        "redirect",
        phase,
        "hints are only given in coach mode",
        area_id,
        probe=open_question(state, ctx),
    )
