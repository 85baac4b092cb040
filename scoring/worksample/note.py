"""Reading a candidate's failure-mode note against the `worksample-note` rubric, offline.

The rubric (worksample-note.yaml beside this file) has the shape of the interview rubrics
(dimensions with weights and anchored levels 1-4) and, instead of vocabulary concepts, the
signals this reading uses: word groups, and the clauses each level needs. The reading is a
heuristic and says so: a level is earned by sentences that carry the right signals (a
failure word with an item id, a cause word with a failure word, an eval word with a
figure), and every level comes with the sentences that earned it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scoring.content import load_model
from scoring.rubrics.models import Anchors
from scoring.vocabulary.text_index import split_sentences

NOTE_RUBRIC_PATH = Path(__file__).resolve().parent / "worksample-note.yaml"
BUILT_IN = ("item_id", "quoted", "number")
LEVELS = (2, 3, 4)

QUOTED = re.compile(r"\"[^\"\n]{3,}\"|“[^”\n]{3,}”|`[^`\n]{3,}`|'[^'\n]{3,}'(?!\w)")
FIGURE = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)?%?")
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


class Clause(BaseModel):
    """Sentences that each carry every group of `all` and one of `any`; `count` of them."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    all_of: list[str] = Field(default=[], alias="all")
    any_of: list[str] = Field(default=[], alias="any")
    count: int = Field(default=1, ge=1, le=10)

    @model_validator(mode="after")
    def _needs_a_group(self) -> Clause:
        if not self.all_of and not self.any_of:
            raise ValueError("a clause names at least one signal in all or any")
        return self

    def describe(self) -> str:
        parts = [" + ".join(self.all_of)] if self.all_of else []
        if self.any_of:
            parts.append(" or ".join(self.any_of) if not parts else f"({' or '.join(self.any_of)})")
        times = f" in {self.count} sentences" if self.count > 1 else ""
        return f"{' + '.join(parts)}{times}"


class NoteDimensionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    weight: float = Field(gt=0, le=10)
    description: str
    anchors: Anchors
    levels: dict[int, list[Clause]]

    @field_validator("levels")
    @classmethod
    def _levels_two_to_four(cls, value: dict[int, list[Clause]]) -> dict[int, list[Clause]]:
        if set(value) != set(LEVELS) or not all(value.values()):
            raise ValueError("levels: give clauses for each of levels 2, 3 and 4")
        return value


class NoteRubric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    version: str
    title: str
    description: str
    method: str
    signals: dict[str, list[str]]
    dimensions: list[NoteDimensionSpec] = Field(min_length=1)

    @field_validator("signals")
    @classmethod
    def _patterns_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for group, patterns in value.items():
            if group in BUILT_IN:
                raise ValueError(f"signals.{group}: a built-in signal; choose another name")
            for index, pattern in enumerate(patterns):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(
                        f"signals.{group}.{index}: not a regular expression ({exc})"
                    ) from None
        return value

    @model_validator(mode="after")
    def _known_signals(self) -> NoteRubric:
        known = {*self.signals, *BUILT_IN}
        for d_index, dimension in enumerate(self.dimensions):
            for level, clauses in dimension.levels.items():
                for clause in clauses:
                    for name in (*clause.all_of, *clause.any_of):
                        if name not in known:
                            raise ValueError(
                                f"dimensions.{d_index}.levels.{level}: unknown signal {name!r}"
                            )
        return self


class NoteDimension(BaseModel):
    id: str
    title: str
    level: int
    evidence: list[str]  # the note's sentences that earned the level, verbatim
    rationale: str
    next_level: str  # what the next level needs ("" at level 4)


class NoteGrade(BaseModel):
    rubric: str
    version: str
    method: str
    dimensions: list[NoteDimension]
    weighted_level: float
    item_ids_mentioned: list[str]
    aimed_at_grader: list[str]  # sentences that speak to the grader: never evidence
    sentences: int


@lru_cache(maxsize=4)
def load_note_rubric(path: Path = NOTE_RUBRIC_PATH) -> NoteRubric:
    """The note rubric, validated (a ContentError naming the file and field when it is not)."""
    return load_model(path, NoteRubric)


def read_note(note: str, item_ids: Collection[str], rubric: NoteRubric | None = None) -> NoteGrade:
    """A level 1-4 per dimension of the note, each with the sentences that earned it."""
    rubric = rubric or load_note_rubric()
    text = unicodedata.normalize("NFKC", INVISIBLE.sub("", note))
    sentences = [s.text for s in split_sentences(text)]
    grader = _compiled(tuple(rubric.signals.get("grader", ())))
    aimed = [s for s in sentences if any(p.search(s) for p in grader)]
    readable = [s for s in sentences if s not in aimed]
    ids = _id_pattern(tuple(sorted(item_ids)))
    signals = [_signals(s, rubric, ids) for s in readable]
    canonical = {i.casefold(): i for i in item_ids}
    named = (
        {canonical[m.group(0).casefold()] for s in readable for m in ids.finditer(s)}
        if ids
        else set()
    )
    mentioned = sorted(named)
    dimensions = [_dimension(spec, readable, signals) for spec in rubric.dimensions]
    total_weight = sum(spec.weight for spec in rubric.dimensions)
    weighted = sum(d.level * s.weight for d, s in zip(dimensions, rubric.dimensions, strict=True))
    return NoteGrade(
        rubric=rubric.id,
        version=rubric.version,
        method=" ".join(rubric.method.split()),
        dimensions=dimensions,
        weighted_level=round(weighted / total_weight, 2),
        item_ids_mentioned=mentioned,
        aimed_at_grader=aimed,
        sentences=len(sentences),
    )


def _dimension(
    spec: NoteDimensionSpec, sentences: Sequence[str], signals: Sequence[set[str]]
) -> NoteDimension:
    level, evidence = 1, []
    for candidate in LEVELS:
        found = _meets(spec.levels[candidate], sentences, signals)
        if found is None:
            break
        level, evidence = candidate, found
    need = " and ".join(c.describe() for c in spec.levels[level + 1]) if level < 4 else ""
    if level == 1:
        rationale = f"no sentence with {need}"
    else:
        have = " and ".join(c.describe() for c in spec.levels[level])
        rationale = f"found {have}"
    return NoteDimension(
        id=spec.id,
        title=spec.title,
        level=level,
        evidence=evidence,
        rationale=rationale,
        next_level=f"level {level + 1} needs {need}" if need else "",
    )


def _meets(
    clauses: Sequence[Clause], sentences: Sequence[str], signals: Sequence[set[str]]
) -> list[str] | None:
    """The sentences that satisfy every clause (first ones first), or None when one fails."""
    evidence: list[str] = []
    for clause in clauses:
        hits = [
            sentence
            for sentence, found in zip(sentences, signals, strict=True)
            if set(clause.all_of) <= found and (not clause.any_of or found & set(clause.any_of))
        ]
        if len(hits) < clause.count:
            return None
        evidence.extend(h for h in hits[: clause.count] if h not in evidence)
    return evidence


def _signals(sentence: str, rubric: NoteRubric, ids: re.Pattern[str] | None) -> set[str]:
    found = {
        group
        for group, patterns in rubric.signals.items()
        if group != "grader" and any(p.search(sentence) for p in _compiled(tuple(patterns)))
    }
    without_ids = ids.sub(" ", sentence) if ids else sentence
    if ids and ids.search(sentence):
        found.add("item_id")
    if QUOTED.search(sentence):
        found.add("quoted")
    if FIGURE.search(without_ids):
        found.add("number")
    return found


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


@lru_cache(maxsize=16)
def _id_pattern(item_ids: tuple[str, ...]) -> re.Pattern[str] | None:
    if not item_ids:
        return None
    # Longest first, so "tt-0010" is never read as "tt-001".
    names = "|".join(re.escape(i) for i in sorted(item_ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({names})(?![\w-])", re.IGNORECASE)
