"""The shared concept vocabulary: what a candidate can be heard saying.

One vocabulary serves both the interviewer's answer analysis and the offline scorer, so the
two never disagree about what was said.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator


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
    rule: SignalSet
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
    _sources: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _unique_ids(self) -> Vocabulary:
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

    def set_sources(self, sources: dict[str, str]) -> None:
        """Record where each concept was read ("FILE: concepts.N"), for content errors."""
        self._sources = dict(sources)

    def where(self, concept_id: str) -> str:
        """The file and field of a concept ("FILE: concepts.N"), or its field alone when the
        vocabulary was not read from files."""
        if concept_id in self._sources:
            return self._sources[concept_id]
        return f"concepts.{[c.id for c in self.concepts].index(concept_id)}"
