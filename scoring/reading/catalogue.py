"""The slot catalogue (`slots.yaml`): what each kind of answer can fill, as data, compiled
once. A brief adds its own forms per slot; the catalogue's forms stay shared."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scoring.content import load_model
from scoring.reading.models import QUANTITY_KINDS, QuantityKind
from scoring.rubrics.dimensions import shipped_dimension_ids
from scoring.vocabulary import default_vocabulary
from scoring.vocabulary.gate import DIGIT, required_literals
from scoring.vocabulary.models import check_patterns

CATALOGUE_PATH = Path(__file__).with_name("slots.yaml")


class SlotSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    dimension: str
    means: str = Field(min_length=1)
    ask: str = Field(min_length=1)
    deeper: str = Field(min_length=1)
    # the follow-up when the candidate set the slot aside: what doing without it costs
    challenge: str = ""
    # slots that, said in the same answer as the dismissal, already answer the challenge
    challenge_settled_by: list[str] = []
    # slots (or techniques of the vocabulary) that, once said, already answer the deeper
    # question: it is not asked then
    settled_by: list[str] = []
    # words that, said at any point, already answer the deeper question ("an isotonic fit per
    # category" answers "well calibrated overall but badly off on one category?")
    settled_when: list[str] = []
    forms: list[str] = []
    mentions: list[str] = []  # words naming the topic: only used to see what was dismissed
    measures: list[QuantityKind] = []
    near: list[str] = []

    @field_validator("forms", "mentions", "near", "settled_when")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        return check_patterns(value)

    @field_validator("dimension")
    @classmethod
    def _known_dimension(cls, value: str) -> str:
        if value not in shipped_dimension_ids():
            raise ValueError(f"unknown dimension {value!r}")
        return value

    @model_validator(mode="after")
    def _fillable(self) -> SlotSpec:
        if not self.forms and not self.measures:
            raise ValueError("a slot needs forms or measures (or both)")
        unknown = [m for m in self.measures if m not in QUANTITY_KINDS]
        if unknown:
            raise ValueError(f"unknown quantity kind {unknown[0]!r}")
        return self


class SlotCatalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    slots: list[SlotSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> SlotCatalogue:
        seen: set[str] = set()
        for index, slot in enumerate(self.slots):
            if slot.id in seen:
                raise ValueError(f"slots.{index}.id: duplicate slot id {slot.id!r}")
            seen.add(slot.id)
        concepts = {c.id for c in default_vocabulary().concepts}
        for index, slot in enumerate(self.slots):
            unknown = [s for s in slot.settled_by if s not in seen | concepts]
            if unknown:
                what = f"unknown slot or technique {unknown[0]!r}"
                raise ValueError(f"slots.{index}.settled_by: {what}")
            unknown = [s for s in slot.challenge_settled_by if s not in seen]
            if unknown:
                what = f"unknown slot {unknown[0]!r}"
                raise ValueError(f"slots.{index}.challenge_settled_by: {what}")
        return self

    def spec(self, slot_id: str) -> SlotSpec:
        for slot in self.slots:
            if slot.id == slot_id:
                return slot
        raise KeyError(slot_id)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.slots)


@cache
def slot_catalogue() -> SlotCatalogue:
    return load_model(CATALOGUE_PATH, SlotCatalogue)


def _alternation(patterns: Sequence[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@dataclass(frozen=True)
class CompiledSlot:
    id: str
    dimension: str
    forms: re.Pattern[str] | None  # searched in lower-cased, quote-masked sentences
    mentions: re.Pattern[str] | None
    measures: frozenset[str]
    near: re.Pattern[str] | None
    # One string of each set is in any sentence its forms or mentions can match (None: no
    # such sets, so the patterns always run).
    literals: tuple[frozenset[str], ...] | None = None

    def may_match(self, present: frozenset[str]) -> bool:
        """Whether the forms or mentions can match a sentence holding these gate literals."""
        return self.literals is None or all(group & present for group in self.literals)


@dataclass(frozen=True)
class SlotBook:
    """The compiled slots a reading looks for: the catalogue plus a brief's own forms, and one
    automaton over their gate literals, so a sentence's patterns run only where they can
    match."""

    slots: tuple[CompiledSlot, ...]
    gate: Any = None  # an Aho-Corasick automaton of every slot's gate literals

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.slots)

    def literals_in(self, lowered: str) -> frozenset[str]:
        """The gate literals a lower-cased sentence holds (DIGIT for any digit)."""
        found = {literal for _, literal in self.gate.iter(lowered)} if self.gate else set()
        if any(c.isdigit() for c in lowered):
            found.add(DIGIT)
        return frozenset(found)


def slot_book(extra_forms: Mapping[str, Sequence[str]] | None = None) -> SlotBook:
    """Every catalogue slot, with `extra_forms` (slot id -> patterns) added to its forms."""
    return _book(tuple(sorted((k, tuple(v)) for k, v in (extra_forms or {}).items())))


@cache
def _book(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> SlotBook:
    added = dict(extra)
    catalogue = slot_catalogue()
    unknown = sorted(set(added) - catalogue.ids)
    if unknown:
        raise KeyError(f"unknown slot {unknown[0]!r}")
    compiled = []
    for spec in catalogue.slots:
        forms = [*spec.forms, *(p.lower() for p in added.get(spec.id, ()))]
        either = _alternation([*forms, *spec.mentions])
        compiled.append(
            CompiledSlot(
                spec.id,
                spec.dimension,
                _alternation(forms),
                _alternation(spec.mentions),
                frozenset(spec.measures),
                _alternation(spec.near),
                required_literals(either.pattern) if either is not None else None,
            )
        )
    return SlotBook(tuple(compiled), _gate(compiled))


def _gate(slots: list[CompiledSlot]) -> Any:
    literals = {
        literal
        for slot in slots
        for group in slot.literals or ()
        for literal in group
        if literal != DIGIT
    }
    if not literals:
        return None
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    return automaton
