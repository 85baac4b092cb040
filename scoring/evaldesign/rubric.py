"""The `eval-design` rubric (eval-design.yaml beside this file), validated.

It has the shape of the interview rubrics (dimensions with weights and anchored levels 1-4)
and, like the stage-1 note rubric (scoring/worksample/note.py), is read by its own grader
(`scoring.evaldesign.grading`) rather than the interview loader, which requires vocabulary
concepts. The rule of each dimension is code, so the file must name exactly the dimensions
the grader knows; what the rules use (numbers, the style that fits each task kind, the words
looked for in the note, caps, the recommendation) is data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scoring.content import load_model
from scoring.evaldesign.report import StyleId
from scoring.rubrics.models import Anchors
from scoring.worksample.models import TaskKind
from scoring.worksample.note import Clause

RUBRIC_PATH = Path(__file__).resolve().with_name("eval-design.yaml")

DimensionId = Literal["catches_regression", "case_coverage", "eval_style", "threshold_ci", "upkeep"]
DIMENSION_IDS: tuple[DimensionId, ...] = get_args(DimensionId)
Situation = Literal["missed", "fails_on_good", "did_not_run"]
Outcome = Literal["strong_hire", "hire", "no_hire"]
# What the grader reads from the note; each is a clause of note.findings.
FINDINGS = (
    "threshold_stated",
    "ci_stated",
    "threshold_reason",
    "upkeep_intent",
    "upkeep_plan",
    "upkeep_cadence",
    "style_choice",
)
BUILT_IN_SIGNALS = ("number",)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rules(Strict):
    failing_tests_for_4: int = Field(ge=1)
    share_of_each_kind_for_4: float = Field(gt=0, le=1)
    tests_for_4: int = Field(ge=1)


class Refinement(Strict):
    label: str
    stems: list[str] = Field(min_length=1)


class StyleFit(Strict):
    """Which of the report's styles fit a task kind: `right` earns level 3, `acceptable` 2,
    any other 1; `refinement` is the check beyond the style that earns 4."""

    right: list[StyleId] = Field(min_length=1)
    acceptable: list[StyleId] = []
    best: str
    refinement: Refinement
    advice: str


class NoteWords(Strict):
    signals: dict[str, list[str]]
    findings: dict[str, Clause]
    grader: list[str] = []

    @field_validator("signals")
    @classmethod
    def _patterns_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for group, patterns in value.items():
            if group in BUILT_IN_SIGNALS:
                raise ValueError(f"{group}: a built-in signal; choose another name")
            _check_patterns(patterns, group)
        return value

    @field_validator("grader")
    @classmethod
    def _grader_compiles(cls, value: list[str]) -> list[str]:
        return _check_patterns(value, "grader")

    @model_validator(mode="after")
    def _findings_known(self) -> NoteWords:
        missing = [name for name in FINDINGS if name not in self.findings]
        if missing:
            raise ValueError(f"findings: the grader needs {', '.join(missing)}")
        known = {*self.signals, *BUILT_IN_SIGNALS}
        for name, clause in self.findings.items():
            for signal in (*clause.all_of, *clause.any_of):
                if signal not in known:
                    raise ValueError(f"findings.{name}: unknown signal {signal!r}")
        return self


class LevelCaps(Strict):
    missed: int | None = Field(default=None, ge=1, le=3)
    fails_on_good: int | None = Field(default=None, ge=1, le=3)
    did_not_run: int | None = Field(default=None, ge=1, le=3)

    def for_situation(self, situation: Situation) -> int | None:
        cap: int | None = getattr(self, situation)
        return cap


class GradeDimension(Strict):
    id: DimensionId
    title: str
    weight: float = Field(gt=0, le=10)
    description: str
    anchors: Anchors
    stronger: dict[int, str]
    caps: LevelCaps = LevelCaps()

    @field_validator("stronger")
    @classmethod
    def _below_four(cls, value: dict[int, str]) -> dict[int, str]:
        if set(value) != {1, 2, 3}:
            raise ValueError("give what a stronger answer does at levels 1, 2 and 3")
        return value


class GradeRule(Strict):
    min_weighted_level: float = Field(ge=1, le=4)
    min_level_everywhere: int = Field(default=1, ge=1, le=4)
    min_levels: dict[DimensionId, int] = {}


class EvalDesignRubric(Strict):
    id: str
    version: str
    title: str
    description: str
    method: str
    rules: Rules
    styles_by_kind: dict[TaskKind, StyleFit]
    note: NoteWords
    when_capped: dict[Situation, str]
    dimensions: list[GradeDimension]
    recommendation: dict[Outcome, GradeRule]

    @model_validator(mode="after")
    def _complete(self) -> EvalDesignRubric:
        ids = [d.id for d in self.dimensions]
        if sorted(ids) != sorted(DIMENSION_IDS):
            raise ValueError(f"dimensions: give each of {', '.join(DIMENSION_IDS)} once")
        kinds = [k for k in get_args(TaskKind) if k not in self.styles_by_kind]
        if kinds:
            raise ValueError(f"styles_by_kind: say which style fits {', '.join(kinds)}")
        situations = [s for s in get_args(Situation) if s not in self.when_capped]
        if situations:
            raise ValueError(f"when_capped: say what to do when {', '.join(situations)}")
        return self

    def dimension(self, dimension_id: DimensionId) -> GradeDimension:
        return next(d for d in self.dimensions if d.id == dimension_id)


@lru_cache(maxsize=4)
def load_eval_design_rubric(path: Path = RUBRIC_PATH) -> EvalDesignRubric:
    """The rubric, validated (a ContentError naming the file and field when it is not)."""
    return load_model(path, EvalDesignRubric)


def _check_patterns(patterns: list[str], group: str) -> list[str]:
    for index, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{group}.{index}: not a regular expression ({exc})") from None
    return patterns
