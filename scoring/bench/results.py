"""The result of a bench run: every figure, as plain dataclasses (JSON via ``to_json``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

RaterKind = Literal["machine", "human"]
GROUP_ORDER = ("strong", "average", "weak")


@dataclass
class RaterSummary:
    """One rater: who it is, what it cost, and the figures that belong to it alone."""

    name: str
    kind: RaterKind
    identity: str
    repeats: int
    transcripts: int
    usage: dict[str, float | None] = field(default_factory=dict)
    retest: float | None = None
    severity: float | None = None
    length_bias: float | None = None
    robustness: dict[str, float | None] = field(default_factory=dict)


@dataclass
class PairAgreement:
    a: str
    b: str
    units: int
    kappa: float | None
    exact: float | None
    adjacent: float | None


@dataclass
class Disagreement:
    """A transcript the raters disagree on: mean spread over dimensions, and the worst one."""

    transcript: str
    spread: float
    dimension: str
    levels: dict[str, int | None]


@dataclass
class KnownGroups:
    """Simulated transcripts with known levels: does the rater put them in the right order?"""

    rater: str
    units: int
    spearman: float | None
    group_means: dict[str, float | None]
    ordered: bool | None


@dataclass
class Shift:
    dimension: str
    transcripts: int
    shift: float | None
    low: float | None
    high: float | None
    flagged: bool


@dataclass
class Comparison:
    """Judge regression: B's level minus A's, per dimension, with bootstrap intervals."""

    a: str
    b: str
    resamples: int
    shifts: list[Shift]


@dataclass
class GateOutcome:
    metric: str
    threshold: float
    value: float | None
    passed: bool


@dataclass
class BenchResult:
    rubric_id: str
    rubric_version: str
    transcripts: int
    synthetic: int
    dimensions: list[str]
    raters: list[RaterSummary]
    alpha: float | None
    alpha_by_dimension: dict[str, float | None]
    pairs: list[PairAgreement]
    disagreements: list[Disagreement]
    length_points: dict[str, list[tuple[int, float]]]
    robustness_sample: int
    known_groups: list[KnownGroups]
    comparison: Comparison | None = None
    notes: list[str] = field(default_factory=list)
    gates: list[GateOutcome] = field(default_factory=list)

    def rater(self, name: str) -> RaterSummary:
        for rater in self.raters:
            if rater.name == name:
                return rater
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
