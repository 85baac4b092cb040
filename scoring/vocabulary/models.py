"""The shared concept vocabulary: what a candidate can be heard saying.

One vocabulary serves both the interviewer's answer analysis and the offline scorer, so the
two never disagree about what was said.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# The system-design rubric's dimensions: what a brief's probe area and a persona's expected
# levels may name.
Dimension = Literal[
    "problem_framing",
    "prompt_architecture",
    "cost_latency",
    "evaluation",
    "regression_monitoring",
    "hallucination_safety",
    "integration_reliability",
    "communication",
]
DIMENSION_IDS: tuple[str, ...] = get_args(Dimension)


def check_patterns(patterns: list[str]) -> list[str]:
    """Every pattern compiles as a Python regular expression (a validator for content)."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return patterns


class Concept(BaseModel):
    """A technique or idea, with every way people say it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    dimensions: list[str] = Field(min_length=1)
    technique: bool = True
    phrases: list[str] = Field(min_length=1)
    patterns: list[str] = []
    follow_up: str | None = None
    # slot ids (scoring/reading/slots.yaml) that, said in the same answer, already answer the
    # follow-up: it is not asked then
    settled_by: list[str] = []
    # words that, said at any point, already answer the follow-up
    settled_when: list[str] = []

    @field_validator("patterns", "settled_when")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        return check_patterns(value)

    @field_validator("phrases")
    @classmethod
    def _lowercase_phrases(cls, value: list[str]) -> list[str]:
        cleaned = [phrase.strip().lower() for phrase in value]
        if any(not phrase for phrase in cleaned):
            raise ValueError("phrases must not be empty")
        return cleaned


class SignalSet(BaseModel):
    """Regular expressions for one kind of depth (or of its absence)."""

    model_config = ConfigDict(extra="forbid")

    description: str
    patterns: list[str] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        return check_patterns(value)


class Signals(BaseModel):
    """The depth signals and the warning signs the analysis and the scorer look for."""

    model_config = ConfigDict(extra="forbid")

    quantity: SignalSet
    reason: SignalSet
    tradeoff: SignalSet
    failure_mode: SignalSet
    vague: SignalSet
    grader_injection: SignalSet
    clarifying_question: SignalSet
    domain_words: list[str] = Field(min_length=1)


class Vocabulary(BaseModel):
    """The concept vocabulary file (`scoring/vocabulary/concepts.yaml`)."""

    model_config = ConfigDict(extra="forbid")

    version: str
    concepts: list[Concept] = Field(min_length=1)
    signals: Signals

    @model_validator(mode="after")
    def _unique_ids_known_dimensions(self) -> Vocabulary:
        seen: set[str] = set()
        for index, concept in enumerate(self.concepts):
            if concept.id in seen:
                raise ValueError(f"concepts.{index}.id: duplicate concept id {concept.id!r}")
            seen.add(concept.id)
        return self

    def concept(self, concept_id: str) -> Concept:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        raise KeyError(concept_id)
