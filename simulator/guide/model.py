"""The interviewer guide for one brief: what an interviewer reads before and during a round.

Built by `simulator.guide.build`, rendered by `simulator.guide.markdown`; its JSON form is
`model_dump()`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

PhaseId = Literal["opening", "design", "deep_dive", "wrap_up"]
TriggerKind = Literal["shallow", "choice", "mention"]


class GuidePart(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TimeSlot(GuidePart):
    """One row of the timing plan, in whole minutes from the start of the round."""

    phase: PhaseId
    title: str
    area_id: str | None = None
    start_minute: int
    minutes: int


class Opening(GuidePart):
    """How to open the round and present the brief."""

    steps: list[str]
    brief_title: str
    brief_text: str
    constraints: list[str]


class HiddenFact(GuidePart):
    """A fact to reveal only when the candidate asks for it."""

    id: str
    asked_with: list[str]
    answer: str


class DesignPhase(GuidePart):
    minutes: int
    steps: list[str]
    follow_ups: list[str]


class FollowUp(GuidePart):
    """A follow-up keyed to what the candidate says.

    shallow: the brief's own depth probe for a shallow answer; choice: the brief's question
    for a design choice the candidate makes; mention: the vocabulary's probe of a named
    technique's cost or failure mode.
    """

    kind: TriggerKind
    trigger: str
    ask: str
    concept_id: str | None = None
    strong_version: str | None = None


class LevelAnchor(GuidePart):
    level: int
    sounds_like: str


class RedFlagNote(GuidePart):
    id: str
    description: str
    caps_at: int


class SignalQuestion(GuidePart):
    """One of the seed's three questions that produce real signal, placed in the round."""

    id: str
    title: str
    ask: str
    tests: str
    listen_for: str
    worry_if: str


class AreaGuide(GuidePart):
    """One probe area: the main probe, follow-ups, what each level sounds like."""

    number: int
    id: str
    title: str
    dimension: str
    dimension_title: str
    start_minute: int
    minutes: int
    main_probe: str
    follow_ups: list[FollowUp]
    signal_questions: list[SignalQuestion]
    levels: list[LevelAnchor]
    red_flags: list[RedFlagNote]
    coach_hint: str
    strong_answer: str


class CurveballGuide(GuidePart):
    id: str
    text: str
    dimension: str
    strong_answer: str


class CurveballPlan(GuidePart):
    """When to fire the curveball, and the brief's curveballs to choose from."""

    after_area: int
    when: str
    curveballs: list[CurveballGuide]


class WrapUp(GuidePart):
    start_minute: int
    minutes: int
    steps: list[str]
    signal_questions: list[SignalQuestion]


class ScoringRow(GuidePart):
    """A rubric dimension with blank space for the interviewer's level and evidence."""

    dimension_id: str
    title: str
    weight: float
    probed_in: list[str]
    level: int | None = None
    evidence: str = ""


class RecommendationRule(GuidePart):
    recommendation: str
    min_weighted_level: float
    max_red_flags: int
    min_level_everywhere: int


class ScoringSheet(GuidePart):
    note: str
    rows: list[ScoringRow]
    recommendation_rules: list[RecommendationRule]


class InterviewerGuide(GuidePart):
    """Everything an interviewer needs to run and score a round on one brief."""

    brief_id: str
    brief_title: str
    rubric_id: str
    rubric_version: str
    minutes: int
    timing: list[TimeSlot]
    opening: Opening
    fact_rule: str
    facts: list[HiddenFact]
    design: DesignPhase
    areas: list[AreaGuide]
    curveball_plan: CurveballPlan
    wrap_up: WrapUp
    strong_answer_notes: list[str]
    scoring_sheet: ScoringSheet
