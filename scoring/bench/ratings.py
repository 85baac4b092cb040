"""What the bench measures: transcripts to rate, and every rating in long format.

A *unit* is one (transcript, dimension) pair: the thing several raters each give a level to.
A rater that rated a transcript several times (``--repeats``) is represented in the
between-rater statistics by the median of its repeats (the lower median, so it stays a level
of the rubric), which is also how a model judge aggregates its k samples.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from scoring.transcripts.model import Transcript

LEVELS = (1, 2, 3, 4)
Unit = tuple[str, str]  # (transcript key, dimension id)


@dataclass(frozen=True)
class BenchTranscript:
    """A transcript on the bench. Simulated ones carry the levels their persona should earn."""

    key: str
    transcript: Transcript
    expected: dict[str, int] | None = None
    group: str | None = None
    names: tuple[str, ...] = ()  # other names a ratings CSV may use: file name, stem, id

    @property
    def words(self) -> int:
        return self.transcript.candidate_word_count()


@dataclass(frozen=True)
class Rating:
    """One level given by one rater, on one repeat, to one dimension of one transcript."""

    transcript: str
    rater: str
    repeat: int
    dimension: str
    level: int | None


@dataclass
class RatingTable:
    """Every rating of a bench run, with the per-rater median over repeats precomputed."""

    ratings: list[Rating]
    transcripts: list[str]
    dimensions: list[str]
    raters: list[str]
    _levels: dict[tuple[str, str, str], int] = field(default_factory=dict, init=False)
    _repeats: dict[str, int] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        given: dict[tuple[str, str, str], list[int]] = {}
        for r in self.ratings:
            self._repeats[r.rater] = max(self._repeats.get(r.rater, 0), r.repeat + 1)
            if r.level is not None:
                given.setdefault((r.rater, r.transcript, r.dimension), []).append(r.level)
        self._levels = {k: statistics.median_low(v) for k, v in given.items()}

    @property
    def units(self) -> list[Unit]:
        return [(t, d) for t in self.transcripts for d in self.dimensions]

    def level(self, rater: str, transcript: str, dimension: str) -> int | None:
        """The rater's level for the unit (median of its repeats), or None if not rated."""
        return self._levels.get((rater, transcript, dimension))

    def repeats(self, rater: str) -> int:
        return self._repeats.get(rater, 0)

    def vector(self, rater: str, units: Sequence[Unit] | None = None) -> list[int | None]:
        """The rater's levels over `units` (default: every unit), None where missing."""
        return [self.level(rater, t, d) for t, d in (units or self.units)]

    def levels_of(self, rater: str, transcript: str) -> dict[str, int | None]:
        return {d: self.level(rater, transcript, d) for d in self.dimensions}

    def rated_transcripts(self, rater: str) -> list[str]:
        return [t for t in self.transcripts if any(self.levels_of(rater, t).values())]

    def repeat_matrix(self, rater: str) -> list[list[int | None]]:
        """One row per repeat of `rater`, one column per unit (for test-retest alpha)."""
        index = {unit: i for i, unit in enumerate(self.units)}
        rows: list[list[int | None]] = [[None] * len(index) for _ in range(self.repeats(rater))]
        for r in self.ratings:
            if r.rater == rater and (r.transcript, r.dimension) in index:
                rows[r.repeat][index[(r.transcript, r.dimension)]] = r.level
        return rows
