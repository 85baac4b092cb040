"""The guide's wording and the seed's signal questions, loaded from the YAML files beside this
module."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.content import load_model
from scoring.rubrics.dimensions import shipped_dimension_ids

HERE = Path(__file__).resolve().parent
WORDING_PATH = HERE / "wording.yaml"
SIGNAL_QUESTIONS_PATH = HERE / "signal_questions.yaml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PhaseTitles(Strict):
    opening: str
    design: str
    wrap_up: str


class Triggers(Strict):
    shallow: str
    choice: str = Field(pattern=r"\{label\}")
    mention: str = Field(pattern=r"\{label\}")


class GuideWording(Strict):
    phase_titles: PhaseTitles
    opening_steps: list[str] = Field(min_length=1)
    fact_rule: str
    design_steps: list[str] = Field(min_length=1)
    triggers: Triggers
    curveball_rule: str
    wrap_up_steps: list[str] = Field(min_length=1)
    scoring_note: str


class SignalQuestionText(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    ask: str
    tests: str
    listen_for: str
    worry_if: str
    place_in: list[str] = Field(
        min_length=1, description="probe-area dimensions where it fits, best first"
    )

    def fits(self, dimension: str) -> int | None:
        """How well a probe area of `dimension` fits (0 best), or None when it does not."""
        return self.place_in.index(dimension) if dimension in self.place_in else None


class SignalQuestionFile(Strict):
    questions: list[SignalQuestionText] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_dimensions(self) -> SignalQuestionFile:
        for index, question in enumerate(self.questions):
            known = shipped_dimension_ids()
            unknown = [d for d in question.place_in if d not in known]
            if unknown:
                raise ValueError(f"questions.{index}.place_in: unknown dimension {unknown[0]!r}")
        return self


@cache
def guide_wording() -> GuideWording:
    return load_model(WORDING_PATH, GuideWording)


@cache
def signal_questions() -> tuple[SignalQuestionText, ...]:
    return tuple(load_model(SIGNAL_QUESTIONS_PATH, SignalQuestionFile).questions)
