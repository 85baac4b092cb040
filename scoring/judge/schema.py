"""The judge's output: one pydantic model per rubric, whose JSON schema is sent as the
structured-output format, and the small models that check what comes back.

`dimensions` is an object with one required property per rubric dimension, so a schema-bound
answer names every dimension exactly once. Each dimension is still checked on its own, so one
bad entry costs one dimension.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from scoring.rubrics.models import Rubric

Level = Literal[1, 2, 3, 4]
NO_FLAGS = "none"  # the enum of flag ids may not be empty


class Quote(BaseModel):
    model_config = ConfigDict(extra="ignore")

    turn: int = Field(ge=1, description="the id of the candidate turn the quote comes from")
    quote: str = Field(min_length=1, description="copied verbatim from that candidate turn")


class DimensionJudgement(BaseModel):
    model_config = ConfigDict(extra="ignore")

    level: Level
    evidence: list[Quote]
    rationale: str = Field(min_length=1, description="one sentence")
    missed: list[str] = Field(
        description="what a stronger answer would have said (empty at level 4)"
    )


class FlagQuote(Quote):
    id: str


class GraderAimed(Quote):
    why: str


def output_model(rubric: Rubric) -> type[BaseModel]:
    """The answer's model for this rubric: dimension ids and flag ids are part of the type."""
    dimensions: dict[str, Any] = {d.id: (DimensionJudgement, ...) for d in rubric.dimensions}
    by_dimension = create_model("Dimensions", __config__=ConfigDict(extra="ignore"), **dimensions)
    flag_ids = tuple(f.id for f in rubric.red_flags) or (NO_FLAGS,)
    red_flag = create_model(
        "RedFlag",
        __base__=Quote,
        id=(Literal[flag_ids], Field(description="a red flag id from the rubric")),  # type: ignore[arg-type]
    )
    return create_model(
        "Scorecard",
        __config__=ConfigDict(extra="ignore"),
        dimensions=(by_dimension, ...),
        red_flags=(list[red_flag], ...),  # type: ignore[valid-type]
        grader_aimed=(list[GraderAimed], ...),
    )


def output_schema(rubric: Rubric) -> dict[str, Any]:
    """The JSON schema of a judge's answer for this rubric (the engine adapts it to what its
    API's constrained decoding supports)."""
    return output_model(rubric).model_json_schema()
