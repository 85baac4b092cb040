"""The scorecard: per-dimension levels grounded in verbatim quotes, and a computed outcome."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from scoring.rubrics.models import NotScored, Recommendation

DimensionStatus = Literal["scored", "no_evidence", "unscored"]


class Evidence(BaseModel):
    """A verbatim quote of the candidate: turn number (1-based) and character span in it."""

    model_config = ConfigDict(extra="forbid")

    turn: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str


class FlagHit(BaseModel):
    """A red flag or grader-aimed text found in the candidate's words."""

    model_config = ConfigDict(extra="forbid")

    id: str
    description: str
    evidence: Evidence


class DimensionScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dimension: str
    title: str
    weight: float
    level: int | None = Field(description="1-4; None when unscored")
    status: DimensionStatus
    evidence: list[Evidence] = []
    rationale: str
    missed: list[str] = Field(default=[], description="what the next level needed")
    concepts: list[str] = []
    caps: list[str] = Field(default=[], description="why the level was capped, if it was")


class Usage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input_tokens: int = 0
    output_tokens: int = Field(default=0, description="thinking included (billed as output)")
    thinking_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    dollars: float | None = Field(default=0.0, description="None: the price is not known")


class Scorecard(BaseModel):
    model_config = ConfigDict(extra="forbid")

    transcript_id: str
    rubric_id: str
    rubric_version: str
    rater: str = Field(description="e.g. 'offline:heuristic-1' or 'claude:claude-sonnet-5-5'")
    engine: str
    prompt_version: str | None = Field(default=None, description="the model judge's prompt")
    # When the card was made (UTC): stamped where a card is stored or shown, never by the
    # scorer, so the same transcript always gives the same card ("" until then).
    created_at: str = ""
    dimensions: list[DimensionScore]
    weighted_level: float
    recommendation: Recommendation | NotScored
    recommendation_reason: str
    confidence: float = Field(ge=0, le=1)
    confidence_note: str = Field(
        default="", description="why the confidence is low, and what to do about it"
    )
    red_flags: list[FlagHit] = []
    injection: list[FlagHit] = []
    dropped_quotes: int = Field(default=0, description="quotes that failed verification")
    candidate_words: int = 0
    usage: Usage | None = None

    @property
    def scored(self) -> bool:
        """At least one dimension has a level: a card with none says "not scored"."""
        return any(d.level is not None for d in self.dimensions)

    def unscored_reason(self) -> str:
        """Why nothing was scored: the first dimension's reason (they share one, typically)."""
        return next((d.rationale for d in self.dimensions if d.level is None), "")

    def level(self, dimension: str) -> int | None:
        for score in self.dimensions:
            if score.dimension == dimension:
                return score.level
        raise KeyError(dimension)
