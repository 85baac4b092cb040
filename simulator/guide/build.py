"""Building an interviewer guide from a brief, a rubric and the shared vocabulary.

Pure functions: the same brief, rubric, length and content files give the same guide. The
timing, the opening question, the design follow-ups, the technique probes (worded for the
brief) and the curveball's moment come from the live interviewer's own plan and policy, so the
guide and `mockloop practice` agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.recommend import ORDER as RECOMMENDATION_ORDER
from scoring.rubrics.models import Rubric
from scoring.vocabulary.matcher import Matcher, default_matcher
from scoring.vocabulary.models import Vocabulary
from simulator.content.models import Brief, ProbeArea
from simulator.guide.followups import area_follow_ups
from simulator.guide.model import (
    AreaGuide,
    CurveballGuide,
    CurveballPlan,
    DesignPhase,
    HiddenFact,
    InterviewerGuide,
    LevelAnchor,
    Opening,
    RecommendationRule,
    RedFlagNote,
    ScoringRow,
    ScoringSheet,
    SignalQuestion,
    TimeSlot,
    WrapUp,
)
from simulator.guide.schedule import time_slots
from simulator.guide.wording import GuideWording, SignalQuestionText, guide_wording
from simulator.guide.wording import signal_questions as load_signal_questions
from simulator.interview.policy import PolicyWording, policy_context, policy_wording
from simulator.interview.timing import plan_time

GUIDE_LEVELS = (2, 3, 4)  # level 1 is "no signal or a red flag": the red flags cover it


class GuideMismatchError(ValueError):
    """The rubric cannot score the brief: a probe area's dimension is not in it."""


@dataclass(frozen=True)
class GuideSources:
    """The content a guide is built from besides the brief and the rubric."""

    matcher: Matcher
    wording: GuideWording
    policy: PolicyWording
    signal_questions: tuple[SignalQuestionText, ...]

    @property
    def vocabulary(self) -> Vocabulary:
        return self.matcher.vocabulary


def default_sources() -> GuideSources:
    return GuideSources(
        default_matcher(), guide_wording(), policy_wording(), load_signal_questions()
    )


def build_guide(
    brief: Brief, rubric: Rubric, minutes: int, sources: GuideSources | None = None
) -> InterviewerGuide:
    """The interviewer guide for a round of `minutes` on `brief`, scored with `rubric`."""
    src = sources or default_sources()
    _check_rubric_fits(brief, rubric)
    plan = plan_time(brief, minutes)
    slots = time_slots(brief, plan, src.wording.phase_titles)
    area_slots = {s.area_id: s for s in slots if s.area_id is not None}
    placed = place_signal_questions(brief, src.signal_questions)
    ctx = policy_context(brief, plan, src.vocabulary, coach=False, seed=0)
    return InterviewerGuide(
        brief_id=brief.id,
        brief_title=brief.title,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        minutes=minutes,
        timing=slots,
        opening=_opening(brief, minutes, src),
        fact_rule=_flat(src.wording.fact_rule),
        facts=[
            HiddenFact(id=f.id, asked_with=list(f.keywords), answer=_flat(f.answer))
            for f in brief.facts
        ],
        design=DesignPhase(
            minutes=_slot(slots, "design").minutes,
            steps=[_flat(s) for s in src.wording.design_steps],
            follow_ups=list(src.policy.design_follow_ups),
        ),
        areas=[
            _area_guide(
                n, area, area_slots[area.id], rubric, src, ctx.follow_ups, placed.get(area.id, [])
            )
            for n, area in enumerate(brief.probe_areas, start=1)
        ],
        curveball_plan=_curveball_plan(brief, ctx.curveball_after, src.wording),
        wrap_up=_wrap_up(_slot(slots, "wrap_up"), src.wording, placed.get(None, [])),
        strong_answer_notes=[_flat(n) for n in brief.strong_answer_notes],
        scoring_sheet=_scoring_sheet(brief, rubric, src.wording),
    )


def place_signal_questions(
    brief: Brief, questions: tuple[SignalQuestionText, ...]
) -> dict[str | None, list[SignalQuestion]]:
    """Each signal question in the first probe area that fits it best (None: the wrap-up)."""
    placed: dict[str | None, list[SignalQuestion]] = {}
    for question in questions:
        fits = [
            (rank, n, area.id)
            for n, area in enumerate(brief.probe_areas)
            if (rank := question.fits(area.dimension)) is not None
        ]
        where = min(fits)[2] if fits else None
        placed.setdefault(where, []).append(
            SignalQuestion(
                id=question.id,
                title=question.title,
                ask=_flat(question.ask),
                tests=_flat(question.tests),
                listen_for=_flat(question.listen_for),
                worry_if=_flat(question.worry_if),
            )
        )
    return placed


def _check_rubric_fits(brief: Brief, rubric: Rubric) -> None:
    known = {d.id for d in rubric.dimensions}
    missing = sorted({a.dimension for a in brief.probe_areas} - known)
    if missing:
        raise GuideMismatchError(
            f"rubric {rubric.id!r} has no dimension {missing[0]!r}, which brief {brief.id!r} "
            f"probes (its dimensions: {', '.join(sorted(known))})"
        )


def _opening(brief: Brief, minutes: int, src: GuideSources) -> Opening:
    values = {"minutes": minutes, "opening_question": _flat(src.policy.opening_question)}
    return Opening(
        steps=[_flat(step).format(**values) for step in src.wording.opening_steps],
        brief_title=brief.title,
        brief_text=_flat(brief.brief),
        constraints=[_flat(c) for c in brief.constraints],
    )


def _area_guide(
    number: int,
    area: ProbeArea,
    slot: TimeSlot,
    rubric: Rubric,
    src: GuideSources,
    probes: dict[str, str],
    questions: list[SignalQuestion],
) -> AreaGuide:
    dimension = rubric.dimension(area.dimension)
    flags = [f for f in rubric.red_flags if area.dimension in f.dimensions]
    return AreaGuide(
        number=number,
        id=area.id,
        title=area.title,
        dimension=area.dimension,
        dimension_title=dimension.title,
        start_minute=slot.start_minute,
        minutes=slot.minutes,
        main_probe=_flat(area.main_probe),
        follow_ups=area_follow_ups(
            area, src.vocabulary.concepts, probes, src.matcher, src.wording.triggers
        ),
        signal_questions=questions,
        levels=[
            LevelAnchor(level=level, sounds_like=_flat(dimension.anchors.for_level(level)))
            for level in GUIDE_LEVELS
        ],
        red_flags=[
            RedFlagNote(id=f.id, description=_flat(f.description), caps_at=f.cap) for f in flags
        ],
        coach_hint=_flat(area.hint),
        strong_answer=_flat(area.strong_answer),
    )


def _curveball_plan(brief: Brief, after: int, wording: GuideWording) -> CurveballPlan:
    areas = brief.probe_areas
    when = wording.curveball_rule.format(
        after=after, area=areas[after - 1].title, next_area=areas[after].title
    )
    return CurveballPlan(
        after_area=after,
        when=_flat(when),
        curveballs=[
            CurveballGuide(
                id=c.id,
                text=_flat(c.text),
                dimension=c.dimension,
                strong_answer=_flat(c.strong_answer),
            )
            for c in brief.curveballs
        ],
    )


def _wrap_up(slot: TimeSlot, wording: GuideWording, questions: list[SignalQuestion]) -> WrapUp:
    return WrapUp(
        start_minute=slot.start_minute,
        minutes=slot.minutes,
        steps=[_flat(s).format(start=slot.start_minute) for s in wording.wrap_up_steps],
        signal_questions=questions,
    )


def _scoring_sheet(brief: Brief, rubric: Rubric, wording: GuideWording) -> ScoringSheet:
    return ScoringSheet(
        note=_flat(wording.scoring_note),
        rows=[
            ScoringRow(
                dimension_id=d.id,
                title=d.title,
                weight=d.weight,
                probed_in=[a.id for a in brief.probe_areas if a.dimension == d.id],
            )
            for d in rubric.dimensions
        ],
        recommendation_rules=[
            RecommendationRule(
                recommendation=name,
                min_weighted_level=rule.min_weighted_level,
                max_red_flags=rule.max_red_flags,
                min_level_everywhere=rule.min_level_everywhere,
            )
            for name in RECOMMENDATION_ORDER
            if (rule := rubric.recommendation.get(name)) is not None
        ],
    )


def _slot(slots: list[TimeSlot], phase: str) -> TimeSlot:
    return next(s for s in slots if s.phase == phase)


def _flat(text: str) -> str:
    """YAML folded text as one line: the guide decides where lines break."""
    return " ".join(text.split())
