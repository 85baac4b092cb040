"""Rubric files: dimensions with weights, behaviourally anchored levels 1-4, red flags, signals."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scoring.ids import ContentId
from scoring.rubrics.claims import Claim
from scoring.vocabulary.models import check_patterns

Recommendation = Literal["strong_no_hire", "no_hire", "hire", "strong_hire"]
StoryAspect = Literal["ownership", "structure", "specifics", "collaboration", "reflection"]
NotScored = Literal["not_scored"]  # a card on which no dimension could be scored
RECOMMENDATIONS: tuple[Recommendation, ...] = ("strong_no_hire", "no_hire", "hire", "strong_hire")


class Anchors(BaseModel):
    """What an answer at each level sounds like (1 no signal, 2 generic, 3 solid, 4 strong)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    level_1: str = Field(alias="1", min_length=1)
    level_2: str = Field(alias="2", min_length=1)
    level_3: str = Field(alias="3", min_length=1)
    level_4: str = Field(alias="4", min_length=1)

    def for_level(self, level: int) -> str:
        return {1: self.level_1, 2: self.level_2, 3: self.level_3, 4: self.level_4}[level]


DepthKind = Literal["reason", "tradeoff", "failure_mode", "rule", "question", "brief_tie"]
DEFAULT_DEEP: tuple[DepthKind, ...] = ("tradeoff", "failure_mode", "reason")


class DimensionSignals(BaseModel):
    """What the offline scorer looks for in this dimension."""

    model_config = ConfigDict(extra="forbid")

    concepts: list[str] = Field(min_length=1, description="concept ids from the vocabulary")
    next_level_hints: dict[int, str] = Field(
        default_factory=dict,
        description="optional: a concrete suggestion for reaching level N (falls back to anchors)",
    )
    shown_by_explaining: int | None = Field(
        default=None,
        ge=1,
        description=(
            "optional: with none of its own concepts, the dimension is still level 2 (generic) "
            "when at least this many of the candidate's sentences explain a concept - e.g. "
            "communication: answers that reason about their choices, in no stated order"
        ),
    )
    story: StoryAspect | None = Field(
        default=None,
        description=(
            "optional: the aspect of a behavioural story, read in plain speech, that sets a "
            "floor under this dimension's level (what the speaker did, how the story ends, "
            "its figures, who they worked with, what they took from it)"
        ),
    )
    quote_first: list[str] = Field(
        default_factory=list,
        description=(
            "optional: concept ids (a slot as slot:<id>) whose sentences are quoted first as "
            "this dimension's evidence - e.g. framing: the candidate's clarifying questions "
            "and stated assumptions, before any other sentence that bears on it"
        ),
    )
    slots: list[str] | None = Field(
        default=None,
        description=(
            "optional: the interviewer's slots (catalogue ids) that are evidence for this "
            "dimension when filled in plain words; by default every slot the catalogue files "
            "under this dimension's id - e.g. framing: stated assumptions and the cost of a "
            "wrong answer, not the steps of the design"
        ),
    )
    deep_with: list[DepthKind] = Field(
        default_factory=lambda: list(DEFAULT_DEEP),
        min_length=1,
        description=(
            "the kinds of depth that, beside numbers, make level 4 (by default trade-offs, "
            "failure modes or reasons) - e.g. framing: numbers with targeted questions too, as its "
            "anchor frames the problem with numbers, a success metric and a scope"
        ),
    )
    level_3_needs: list[str] = Field(
        default_factory=list,
        description=(
            "optional: concept ids (a slot as slot:<id>) of which level 3 and above need at "
            "least one named - e.g. framing: questions and volumes alone are level 2 until the "
            "answers become a success measure, a scope, an assumption or the users, as its "
            "anchors ask"
        ),
    )
    level_3_questions: int | None = Field(
        default=None,
        ge=1,
        description=(
            "optional: this many targeted questions also meet `level_3_needs` - e.g. framing: "
            "its level 2 asks one or two generic questions, so three targeted ones are more"
        ),
    )
    level_4_needs: list[str] = Field(
        default_factory=list,
        description=(
            "optional: concept ids (a slot as slot:<id>) of which level 4 needs at least one "
            "named - e.g. framing: a success metric or a scope, as its anchor asks"
        ),
    )
    level_4_kinds: int = Field(
        default=3,
        ge=1,
        le=4,
        description=(
            "how many kinds of depth level 4 needs across the dimension (numbers, reasons, "
            "trade-offs, failure modes, exact rules, targeted questions) - e.g. framing: two, "
            "numbers and targeted questions, as its anchor asks for no trade-off"
        ),
    )
    level_4_figures: int = Field(
        default=0,
        ge=0,
        description=(
            "how many sentences on the dimension must say a figure for level 4 - e.g. cost: "
            "its level 4 works the estimate through (tokens, dollars per analysis, the "
            "monthly bill, a p95), which a figure or two dropped in passing is not"
        ),
    )
    shown_by_reasoned_answers: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description=(
            "optional: the dimension is at least level 3 when at least this share of the "
            "candidate's substantial answers gives a reason for what it chooses - e.g. "
            "communication: a reason for each choice, said plainly, is clear communication"
        ),
    )
    figure_topics: list[str] = Field(
        default_factory=list,
        description=(
            "optional: patterns of what an interviewer's question is about when it asks this "
            "dimension's figures ('How many tokens?', 'How big a set?'); asked and given none, "
            "in that answer or the next, the dimension stays at 2 - e.g. cost: tokens, price, "
            "seconds; the first dimension in the rubric's order whose topic a question names "
            "owns it"
        ),
    )
    clear_throughout: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description=(
            "optional: level 4 when at least this share of the substantial answers gives a "
            "reason and the level is otherwise 3 - e.g. communication: a reason in nearly "
            "every answer, in a round that also names its structure, trade-offs or check-ins"
        ),
    )

    @field_validator("figure_topics")
    @classmethod
    def _valid_topics(cls, value: list[str]) -> list[str]:
        return check_patterns(value)


class Dimension(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    weight: float = Field(gt=0, le=10)
    description: str
    anchors: Anchors
    signals: DimensionSignals


class Stance(BaseModel):
    """A red flag said in many words: the belief in one of `says`' forms ("the model knows
    what it's doing", "I'd go with the flagship one"), in a round that never shows what the
    flag's description says is missing (`unless`: a check on the output, an edge case, a
    cheaper model). Whatever of `unless` the candidate sets aside does not count as shown."""

    model_config = ConfigDict(extra="forbid")

    says: list[str] = Field(min_length=1, description="patterns of the belief, in plain words")
    claims: list[Claim] = Field(
        default_factory=list, description="the belief as claims, said in any order and words"
    )
    unless: list[str] = Field(
        min_length=1,
        description="concept ids (a slot as slot:<id>) any one of which, shown, clears it",
    )
    set_aside_says: bool = Field(
        default=True,
        description=(
            "whether setting aside what would balance it says the stance (turning down every "
            "check is trusting the model; it is no belief that a lower temperature cures "
            "hallucination)"
        ),
    )
    held_when_repeated: int | None = Field(
        default=None,
        ge=2,
        description=(
            "said in this many different answers, the stance is held whatever else the round "
            "names (a cheaper model raised only to be waved away is no trade-off weighed)"
        ),
    )

    @field_validator("says")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        return check_patterns(value)


class RedFlag(BaseModel):
    """A pattern that lowers a level wherever it appears in the candidate's own words, or a
    stance that does where nothing in the round balances it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    patterns: list[str] = Field(min_length=1)
    claims: list[Claim] = Field(
        default_factory=list,
        description="the false belief as claims (what it is said of, and what it says of it)",
    )
    stance: Stance | None = None
    declines: list[str] = Field(
        default_factory=list,
        description="the interviewer's questions proposing what the flag lacks (a check, a "
        "test set): turning one down plainly in the next answer shows the flag",
    )
    dimensions: list[str] = Field(min_length=1)
    cap: int = Field(ge=1, le=3, description="highest level the affected dimensions can reach")

    @field_validator("patterns", "declines")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        return check_patterns(value)


class RecommendationRule(BaseModel):
    """The lowest weighted mean level (and most red flags) for one recommendation."""

    model_config = ConfigDict(extra="forbid")

    min_weighted_level: float = Field(ge=1, le=4)
    max_red_flags: int = Field(ge=0)
    min_level_everywhere: int = Field(default=1, ge=1, le=4)


class FigureCap(BaseModel):
    """Where a figure far from the brief's own (tokens, dollars) lowers the level."""

    model_config = ConfigDict(extra="forbid")

    dimensions: list[str] = Field(min_length=1)
    cap: int = Field(ge=1, le=3, description="highest level the affected dimensions can reach")


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: ContentId
    version: str
    title: str
    description: str
    dimensions: list[Dimension] = Field(min_length=1)
    red_flags: list[RedFlag] = []
    # optional: with the brief known, a token or dollar figure off by 10x or more caps these
    figures: FigureCap | None = None
    recommendation: dict[Literal["strong_hire", "hire", "no_hire"], RecommendationRule]

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        ids = [d.id for d in self.dimensions]
        for index, dim_id in enumerate(ids):
            if ids.index(dim_id) != index:
                raise ValueError(f"dimensions.{index}.id: duplicate dimension id {dim_id!r}")
        for index, flag in enumerate(self.red_flags):
            for dim_id in flag.dimensions:
                if dim_id not in ids:
                    raise ValueError(f"red_flags.{index}.dimensions: unknown dimension {dim_id!r}")
        for dim_id in self.figures.dimensions if self.figures else ():
            if dim_id not in ids:
                raise ValueError(f"figures.dimensions: unknown dimension {dim_id!r}")
        return self

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)
