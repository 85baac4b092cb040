"""From a table of ratings to every figure of the bench (pure: no rating, no I/O)."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence

from scoring.bench import stats
from scoring.bench.ratings import BenchTranscript, RatingTable
from scoring.bench.results import (
    GROUP_ORDER,
    Comparison,
    Disagreement,
    KnownGroups,
    PairAgreement,
    Shift,
)
from scoring.recommend import weighted_level
from scoring.rubrics.models import Rubric

MOST_DISAGREED = 5


def alpha_by_dimension(table: RatingTable, raters: Sequence[str]) -> dict[str, float | None]:
    """Ordinal alpha across `raters` for each dimension's units alone."""
    result: dict[str, float | None] = {}
    for dimension in table.dimensions:
        units = [(t, dimension) for t in table.transcripts]
        result[dimension] = stats.ordinal_alpha([table.vector(r, units) for r in raters])
    return result


def overall_alpha(table: RatingTable, raters: Sequence[str]) -> float | None:
    """Ordinal alpha across `raters` with every dimension's units pooled."""
    return stats.ordinal_alpha([table.vector(r) for r in raters])


def retest_alpha(table: RatingTable, rater: str) -> float | None:
    """Alpha between the repeats of one rater (None with a single repeat)."""
    if table.repeats(rater) < 2:
        return None
    return stats.ordinal_alpha(table.repeat_matrix(rater))


def pairwise(table: RatingTable, raters: Sequence[str]) -> list[PairAgreement]:
    pairs: list[PairAgreement] = []
    for a, b in itertools.combinations(raters, 2):
        va, vb = table.vector(a), table.vector(b)
        exact, adjacent = stats.agreement(va, vb)
        units = sum(1 for x, y in zip(va, vb, strict=True) if x is not None and y is not None)
        pairs.append(PairAgreement(a, b, units, stats.weighted_kappa(va, vb), exact, adjacent))
    return pairs


def severity(table: RatingTable, raters: Sequence[str]) -> dict[str, float | None]:
    return stats.severity({r: table.vector(r) for r in raters})


def most_disagreed(
    table: RatingTable, raters: Sequence[str], limit: int = MOST_DISAGREED
) -> list[Disagreement]:
    """The transcripts with the largest mean spread of levels across raters."""
    found: list[Disagreement] = []
    for transcript in table.transcripts:
        spreads: list[tuple[int, str]] = []
        for dimension in table.dimensions:
            levels = [table.level(r, transcript, dimension) for r in raters]
            spread = stats.spread(levels)
            if spread is not None:
                spreads.append((spread, dimension))
        if not spreads:
            continue
        mean = statistics.fmean(s for s, _ in spreads)
        if mean == 0:
            continue
        worst = max(spreads, key=lambda s: s[0])[1]
        levels_there = {r: table.level(r, transcript, worst) for r in raters}
        found.append(Disagreement(transcript, round(mean, 4), worst, levels_there))
    found.sort(key=lambda d: (-d.spread, d.transcript))
    return found[:limit]


def overall_levels(table: RatingTable, rater: str, rubric: Rubric) -> dict[str, float]:
    """The rater's weighted level for each transcript it rated."""
    levels: dict[str, float] = {}
    for transcript in table.transcripts:
        mean = weighted_level(table.levels_of(rater, transcript), rubric)
        if mean is not None:
            levels[transcript] = mean
    return levels


def length_points(
    table: RatingTable, rater: str, rubric: Rubric, words: dict[str, int]
) -> list[tuple[int, float]]:
    """(candidate words, weighted level) for each transcript the rater rated."""
    return [(words[t], level) for t, level in overall_levels(table, rater, rubric).items()]


def length_bias(points: Sequence[tuple[int, float]]) -> float | None:
    """Spearman's rank correlation between the candidate's word count and the level."""
    return stats.spearman([w for w, _ in points], [level for _, level in points])


def known_groups(
    table: RatingTable, rater: str, rubric: Rubric, items: Sequence[BenchTranscript]
) -> KnownGroups | None:
    """Expected against scored levels on simulated transcripts, and the mean per group."""
    known = [i for i in items if i.expected is not None and i.group is not None]
    if not known:
        return None
    expected: list[float | None] = []
    scored: list[float | None] = []
    for item in known:
        assert item.expected is not None
        for dimension in table.dimensions:
            if dimension in item.expected:
                expected.append(item.expected[dimension])
                scored.append(table.level(rater, item.key, dimension))
    units = sum(1 for e, s in zip(expected, scored, strict=True) if s is not None)
    overall = overall_levels(table, rater, rubric)
    means: dict[str, float | None] = {}
    for group in GROUP_ORDER:
        levels = [overall[i.key] for i in known if i.group == group and i.key in overall]
        means[group] = round(statistics.fmean(levels), 4) if levels else None
    present = [means[g] for g in GROUP_ORDER if means[g] is not None]
    ordered = (
        all(a > b for a, b in itertools.pairwise(present))  # type: ignore[operator]
        if len(present) >= 2
        else None
    )
    return KnownGroups(rater, units, stats.spearman(expected, scored), means, ordered)


def compare(
    table: RatingTable,
    a: str,
    b: str,
    *,
    resamples: int = stats.BOOTSTRAP_RESAMPLES,
    seed: int = stats.BOOTSTRAP_SEED,
) -> Comparison:
    """Per dimension: the mean of B − A over transcripts both rated, with a 95% interval.

    A dimension is flagged when its interval excludes zero: B rates it differently from A.
    """
    shifts: list[Shift] = []
    for dimension in table.dimensions:
        diffs: list[float] = []
        for transcript in table.transcripts:
            la, lb = table.level(a, transcript, dimension), table.level(b, transcript, dimension)
            if la is not None and lb is not None:
                diffs.append(lb - la)
        mean, low, high = stats.bootstrap_mean(diffs, resamples=resamples, seed=seed)
        flagged = low is not None and high is not None and (low > 0 or high < 0)
        shifts.append(Shift(dimension, len(diffs), mean, low, high, flagged))
    return Comparison(a, b, resamples, shifts)
