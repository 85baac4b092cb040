"""The interview policy: a pure function from (state, analysis) to the next Move.

The code runs the interview; an engine only phrases the Move. Nothing here does I/O.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from scoring.content import load_model
from scoring.vocabulary.models import Vocabulary
from simulator.content.models import Brief, Curveball, MoveKind, ProbeArea
from simulator.content.probes import technique_probes
from simulator.interview.analysis import Analysis
from simulator.interview.moves import Move
from simulator.interview.state import AreaCoverage, InterviewState
from simulator.interview.timing import TimePlan

MAX_NON_ANSWERS = 2  # in a row, before the interviewer moves on and records it
MAX_EXCHANGES = 3  # answers per probe area before moving on, covered or not
MIN_DESIGN_WORDS = 40
COVERED_DEPTH = 2  # depth score (depth kinds + tie to the brief) that makes an area covered
STRETCH_SHARE = 0.5  # a covered area with over half its time left gets one more, deeper probe


class PolicyWording(BaseModel):
    opening_question: str
    design_follow_ups: list[str]
    design_hint: str


@cache
def policy_wording() -> PolicyWording:
    return load_model(Path(__file__).with_name("policy.yaml"), PolicyWording)


@dataclass(frozen=True)
class PolicyContext:
    """Everything fixed for a round: the brief, its time plan, the vocabulary's probes for it."""

    brief: Brief
    plan: TimePlan
    coach: bool
    curveball: Curveball
    follow_ups: dict[str, str]
    concept_dimensions: dict[str, tuple[str, ...]]
    concept_labels: dict[str, str]
    wording: PolicyWording

    @property
    def curveball_after(self) -> int:
        """Fire the curveball once this many probe areas are done."""
        return max(1, len(self.brief.probe_areas) // 2)


def policy_context(
    brief: Brief, plan: TimePlan, vocabulary: Vocabulary, *, coach: bool, seed: int
) -> PolicyContext:
    return PolicyContext(
        brief=brief,
        plan=plan,
        coach=coach,
        curveball=brief.curveballs[seed % len(brief.curveballs)],
        follow_ups=technique_probes(vocabulary, brief.context),
        concept_dimensions={c.id: tuple(c.dimensions) for c in vocabulary.concepts},
        concept_labels={c.id: c.label for c in vocabulary.concepts},
        wording=policy_wording(),
    )


def current_area(state: InterviewState, ctx: PolicyContext) -> ProbeArea | None:
    index = state.get("area_index", -1)
    if 0 <= index < len(ctx.brief.probe_areas):
        return ctx.brief.probe_areas[index]
    return None


def relevant(concepts: tuple[str, ...], dimension: str, ctx: PolicyContext) -> list[str]:
    return [c for c in concepts if dimension in ctx.concept_dimensions.get(c, ())]


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
    found = relevant(analysis.concepts, area.dimension, ctx)
    entry["concepts"] = entry["concepts"] + [c for c in found if c not in entry["concepts"]]
    if found:
        entry["best_depth"] = max(entry["best_depth"], analysis.depth_score)
    if entry["concepts"] and entry["best_depth"] >= COVERED_DEPTH:
        entry["status"] = "covered"
    return coverage


def open_question(state: InterviewState, ctx: PolicyContext) -> str:
    return state.get("open_question") or ctx.wording.opening_question


def decide(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    """The next move. Pure: the same state and analysis always give the same Move."""
    phase = state["phase"]
    elapsed = state.get("elapsed", 0.0)
    area = current_area(state, ctx)
    area_id = area.id if area else None
    if phase == "wrap_up":
        return Move("close", "closed", "the candidate's questions are answered; the round is over")
    if analysis.kind == "hint_request":
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
    if elapsed >= ctx.plan.wrap_up_start:
        minute = ctx.plan.wrap_up_start / 60
        return Move("wrap_up", "wrap_up", f"time: wrap-up starts at minute {minute:.0f}", area_id)
    if analysis.non_answer:
        streak = state.get("non_answer_streak", 0) + 1
        if streak >= MAX_NON_ANSWERS:
            return _leave(state, ctx, "move_on", f"{streak} non-answers in a row ({analysis.kind})")
        return Move(
            "redirect",
            phase,
            f"{analysis.kind} answer: asking again",
            area_id,
            probe=open_question(state, ctx),
        )
    if analysis.kind == "clarifying":
        if analysis.fact_ids:
            return Move(
                "answer_fact",
                phase,
                "clarifying question answered from the brief's facts",
                area_id,
                fact_ids=analysis.fact_ids,
            )
        return Move(
            "assume", phase, "the brief has no such fact: the candidate should assume", area_id
        )
    if phase in ("opening", "design"):
        return _after_design_answer(state, analysis, ctx)
    if state.get("curveball_active"):
        return _leave(state, ctx, "next_area", "curveball answered")
    assert area is not None
    return _deep_dive(state, analysis, ctx, area)


def _after_design_answer(state: InterviewState, analysis: Analysis, ctx: PolicyContext) -> Move:
    asked = state.get("design_follow_ups", 0)
    shallow = analysis.depth_score < COVERED_DEPTH or analysis.words < MIN_DESIGN_WORDS
    in_time = state.get("elapsed", 0.0) < ctx.plan.design_end
    if shallow and asked < 1 and in_time:
        probes = ctx.wording.design_follow_ups
        return Move(
            "depth_follow_up",
            "design",
            "shallow high-level design: asking for depth",
            probe=probes[asked % len(probes)],
            quote=analysis.quote,
        )
    return _leave(state, ctx, "next_area", "high-level design heard; starting the deep dives")


def _deep_dive(
    state: InterviewState, analysis: Analysis, ctx: PolicyContext, area: ProbeArea
) -> Move:
    coverage = credit(state, analysis, ctx)[area.id]
    elapsed = state.get("elapsed", 0.0)
    time_up = elapsed - coverage["started_at"] >= ctx.plan.area_budgets[area.id]
    probed = state.get("probed_concepts", [])
    techniques = [
        t
        for t in relevant(analysis.techniques, area.dimension, ctx)
        if t in ctx.follow_ups and t not in probed
    ]
    if techniques and not time_up and coverage["failure_probes"] == 0:
        technique = techniques[0]
        label = ctx.concept_labels[technique]
        return Move(
            "failure_probe",
            "deep_dive",
            f"they named {label}: probing its failure mode",
            area.id,
            probe=ctx.follow_ups[technique],
            quote=analysis.quotes.get(technique, analysis.quote),
            concept_id=technique,
        )
    if coverage["status"] == "covered":
        spare = elapsed - coverage["started_at"] < STRETCH_SHARE * ctx.plan.area_budgets[area.id]
        if spare and coverage["follow_ups"] == 0:
            probe = area.follow_ups[0]
            return Move(
                "depth_follow_up",
                "deep_dive",
                "covered with time to spare: going deeper",
                area.id,
                probe=probe,
                quote=analysis.quote,
            )
        return _leave(state, ctx, "next_area", f"{area.title}: covered")
    if time_up:
        return _leave(state, ctx, "next_area", f"{area.title}: its time is up")
    if coverage["exchanges"] >= MAX_EXCHANGES:
        return _leave(
            state, ctx, "next_area", f"{area.title}: {MAX_EXCHANGES} answers, not covered"
        )
    if ctx.coach and coverage["hints"] == 0:
        return Move(
            "hint",
            "deep_dive",
            "shallow answer in coach mode: a hint",
            area.id,
            probe=area.main_probe,
            hint=area.hint,
        )
    found = relevant(analysis.concepts, area.dimension, ctx)
    why = (
        "no specifics (numbers, reasons, trade-offs, failure modes)"
        if found
        else (f"nothing yet on {area.title.lower()}")
    )
    probe = area.follow_ups[coverage["follow_ups"] % len(area.follow_ups)]
    return Move(
        "depth_follow_up",
        "deep_dive",
        f"shallow answer: {why}",
        area.id,
        probe=probe,
        quote=analysis.quote,
    )


def _leave(state: InterviewState, ctx: PolicyContext, kind: MoveKind, reason: str) -> Move:
    """Leave the current question for the curveball, the next area, or the wrap-up."""
    index = state.get("area_index", -1)
    areas = ctx.brief.probe_areas
    here = current_area(state, ctx)
    left = here.id if here else None
    cb_due = (
        not state.get("curveballs_fired")
        and not state.get("curveball_active")
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
        )
    if index + 1 < len(areas):
        nxt = areas[index + 1]
        return Move(
            kind,
            "deep_dive",
            f"{reason}; next uncovered area: {nxt.title}",
            nxt.id,
            probe=nxt.main_probe,
            left_area_id=left,
        )
    return Move("wrap_up", "wrap_up", f"{reason}; every probe area done", left, left_area_id=left)
