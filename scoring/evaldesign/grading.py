"""Grading the stage-2 exercise against the `eval-design` rubric: from the check's report (what
the eval did on the good and the broken version, what its source shows) and the candidate's
short note, a level 1-4 per dimension with the evidence that earned it, and a recommendation
computed from the levels.

Each dimension's rule is in `scoring.evaldesign.readings`. Then caps: an eval that misses the
regression, fails on the good version or does not run cannot reach a high level (the rubric's
`caps`), and what a stronger answer would do is then to fix that first. The overall is the
weighted mean of the levels and the first recommendation whose rule holds. Pure: the rubric
and the grader's vocabulary are loaded once; nothing else is read.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from scoring.evaldesign.note import NoteFindings, read_eval_note
from scoring.evaldesign.readings import Evidence, Reading, read_dimensions
from scoring.evaldesign.report import EvalDesignReport
from scoring.evaldesign.rubric import (
    DimensionId,
    EvalDesignRubric,
    GradeDimension,
    Situation,
    StyleFit,
    load_eval_design_rubric,
)
from scoring.rubrics.models import Recommendation

RATER = "offline:eval-design-heuristic-1"
ORDER: tuple[Literal["strong_hire", "hire", "no_hire"], ...] = ("strong_hire", "hire", "no_hire")
SITUATION_WORDS: dict[Situation, str] = {
    "missed": "the eval misses the regression",
    "fails_on_good": "the eval fails on the good version",
    "did_not_run": "the eval did not run to its end",
}


class DimensionGrade(BaseModel):
    id: DimensionId
    title: str
    weight: float
    level: int
    rationale: str  # the anchor of the level the evidence shows (before any cap)
    evidence: list[Evidence]
    cap: str | None = None  # "capped at 2 (from 3): the eval misses the regression"
    stronger: str  # what a stronger answer would have done; "" at level 4


class EvalDesignGrade(BaseModel):
    rubric: str
    version: str
    rater: str
    method: str  # says this is a heuristic reading
    task: str
    task_kind: str
    eval_file: str
    caught_regression: bool
    summary: str  # the check's headline
    dimensions: list[DimensionGrade]
    weighted_level: float
    recommendation: Recommendation
    recommendation_reason: str
    note_given: bool
    note_sentences: int
    aimed_at_grader: list[str]  # sentences of the note that speak to the grader: never evidence
    remarks: list[str]  # what the grade rests on, in a line each


def grade_eval_design(
    report: EvalDesignReport,
    task_kind: str,
    note: str | None,
    rubric: EvalDesignRubric | None = None,
) -> EvalDesignGrade:
    """The eval-design grade of a checked eval on a task of `task_kind` (extraction, triage or
    summary), with the candidate's note (None or blank: no note)."""
    rubric = rubric or load_eval_design_rubric()
    fit = next((f for kind, f in rubric.styles_by_kind.items() if kind == task_kind), None)
    if fit is None:
        known = ", ".join(rubric.styles_by_kind)
        raise ValueError(f"unknown task kind {task_kind!r} (known: {known})")
    findings = read_eval_note(note, rubric.note)
    situation = _situation(report)
    readings = read_dimensions(report, task_kind, fit, findings, rubric.rules)
    dimensions = [
        _dimension(spec, readings[spec.id], situation, rubric, fit) for spec in rubric.dimensions
    ]
    weighted = _weighted_level(dimensions)
    recommendation, reason = _recommend(dimensions, weighted, rubric, report.caught_regression)
    return EvalDesignGrade(
        rubric=rubric.id,
        version=rubric.version,
        rater=RATER,
        method=" ".join(rubric.method.split()),
        task=report.task,
        task_kind=task_kind,
        eval_file=report.eval_file,
        caught_regression=report.caught_regression,
        summary=report.summary,
        dimensions=dimensions,
        weighted_level=weighted,
        recommendation=recommendation,
        recommendation_reason=reason,
        note_given=findings.given,
        note_sentences=findings.sentences,
        aimed_at_grader=findings.aimed_at_grader,
        remarks=_remarks(findings, rubric),
    )


def _dimension(
    spec: GradeDimension,
    reading: Reading,
    situation: Situation | None,
    rubric: EvalDesignRubric,
    fit: StyleFit,
) -> DimensionGrade:
    level, cap_text, stronger = reading.level, None, ""
    cap = spec.caps.for_situation(situation) if situation is not None else None
    if situation is not None and cap is not None and level > cap:
        level = cap
        cap_text = f"capped at {cap} (from {reading.level}): {SITUATION_WORDS[situation]}"
    if situation is not None and (cap_text or situation == "did_not_run"):
        # The first thing to fix: nothing else counts for much until it is.
        stronger = " ".join(rubric.when_capped[situation].split())
    elif level < 4:
        stronger = _fill(spec.stronger[level], fit)
    return DimensionGrade(
        id=spec.id,
        title=spec.title,
        weight=spec.weight,
        level=level,
        # What the evidence shows; a cap, when one holds, is its own line.
        rationale=" ".join(f"{spec.anchors.for_level(reading.level)} {reading.context}".split()),
        evidence=reading.evidence,
        cap=cap_text,
        stronger=stronger,
    )


def _situation(report: EvalDesignReport) -> Situation | None:
    if report.stopped is not None:
        return "did_not_run"
    if not report.passes_on_good:
        return "fails_on_good"
    if not report.caught_regression:
        return "missed"
    return None


def _weighted_level(dimensions: list[DimensionGrade]) -> float:
    total = sum(d.weight for d in dimensions)
    # Rounded as shown, so the recommendation's rule is the one the user can check by eye.
    return round(sum(d.weight * d.level for d in dimensions) / total, 2)


def _recommend(
    dimensions: list[DimensionGrade], mean: float, rubric: EvalDesignRubric, caught: bool
) -> tuple[Recommendation, str]:
    """The first rule (strong hire, hire, no hire) whose weighted level, lowest level and
    required levels hold; strong_no_hire when none does."""
    levels = {d.id: d.level for d in dimensions}
    lowest = min(levels.values())
    reason = (
        f"weighted level {mean:.2f} of 4, lowest dimension {lowest}, "
        f"{'catches' if caught else 'does not catch'} the regression"
    )
    for outcome in ORDER:
        rule = rubric.recommendation.get(outcome)
        if (
            rule is not None
            and mean >= rule.min_weighted_level
            and lowest >= rule.min_level_everywhere
            and all(levels[d] >= need for d, need in rule.min_levels.items())
        ):
            return outcome, reason
    return "strong_no_hire", reason


def _remarks(findings: NoteFindings, rubric: EvalDesignRubric) -> list[str]:
    titles = [f"“{rubric.dimension(d).title}”" for d in ("threshold_ci", "upkeep")]
    if not findings.given:
        return [
            f"No note: {' and '.join(titles)} rest on the code alone, which cannot show a plan."
        ]
    if findings.aimed_at_grader and len(findings.aimed_at_grader) == findings.sentences:
        return ["Every sentence of the note speaks to the grader: the note earns nothing."]
    return []


def _fill(text: str, fit: StyleFit) -> str:
    # str.replace, not format: a brace a user writes in the rubric stays a brace.
    for key, value in (
        ("{best}", fit.best),
        ("{advice}", " ".join(fit.advice.split())),
        ("{refinement}", fit.refinement.label),
    ):
        text = text.replace(key, value)
    return " ".join(text.split())
