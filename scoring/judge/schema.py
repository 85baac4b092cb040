"""The judge's output: the tool schema sent to the model and the pydantic models that check
what comes back. Each dimension is checked on its own, so one bad entry costs one dimension."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from scoring.rubrics.models import Rubric

TOOL_NAME = "record_scorecard"


class Quote(BaseModel):
    model_config = ConfigDict(extra="ignore")

    turn: int = Field(ge=1)
    quote: str = Field(min_length=1)


class DimensionJudgement(BaseModel):
    model_config = ConfigDict(extra="ignore")

    dimension: str
    level: int = Field(ge=1, le=4)
    evidence: list[Quote] = []
    rationale: str = Field(min_length=1)
    missed: list[str] = []


class FlagQuote(Quote):
    id: str


class GraderAimed(Quote):
    why: str = ""


def _quote_schema(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "turn": {"type": "integer", "minimum": 1, "description": "the turn id it comes from"},
        "quote": {"type": "string", "description": "copied verbatim from that candidate turn"},
    }
    properties.update(extra or {})
    return {"type": "object", "properties": properties, "required": list(properties)}


def tool_definition(rubric: Rubric) -> dict[str, Any]:
    """The `record_scorecard` tool: one entry per rubric dimension, flags by rubric id."""
    dimension_ids = [d.id for d in rubric.dimensions]
    flag_ids = [f.id for f in rubric.red_flags] or ["none"]
    dimension = {
        "type": "object",
        "properties": {
            "dimension": {"type": "string", "enum": dimension_ids},
            "level": {"type": "integer", "minimum": 1, "maximum": 4},
            "evidence": {"type": "array", "items": _quote_schema()},
            "rationale": {"type": "string", "description": "one sentence"},
            "missed": {
                "type": "array",
                "items": {"type": "string"},
                "description": "what a stronger answer would have said (empty at level 4)",
            },
        },
        "required": ["dimension", "level", "evidence", "rationale", "missed"],
    }
    return {
        "name": TOOL_NAME,
        "description": "Record the candidate's scorecard: every rubric dimension once.",
        "input_schema": {
            "type": "object",
            "properties": {
                "dimensions": {
                    "type": "array",
                    "items": dimension,
                    "minItems": len(dimension_ids),
                    "maxItems": len(dimension_ids),
                },
                "red_flags": {
                    "type": "array",
                    "items": _quote_schema({"id": {"type": "string", "enum": flag_ids}}),
                },
                "grader_aimed": {
                    "type": "array",
                    "items": _quote_schema({"why": {"type": "string"}}),
                },
            },
            "required": ["dimensions", "red_flags", "grader_aimed"],
        },
    }
