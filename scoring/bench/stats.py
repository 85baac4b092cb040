"""Agreement statistics: pure functions over lists of levels (None = not rated).

Krippendorff's alpha comes from the `krippendorff` package, rank correlation and the
bootstrap from SciPy; Cohen's quadratic-weighted kappa is the textbook formula (SciPy has
none, and scikit-learn would be a large dependency for ten lines). Every function returns
None where the statistic is undefined (too few paired ratings, or no variation at all),
never a made-up number.
"""

from __future__ import annotations

import math
import statistics
import warnings
from collections.abc import Sequence

import numpy as np

from scoring.bench.ratings import LEVELS

Levels = Sequence[int | None]
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20260101


def _defined(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def ordinal_alpha(rows: Sequence[Levels]) -> float | None:
    """Krippendorff's alpha (ordinal) for rows of coders over columns of units.

    Missing ratings are allowed; units with fewer than two ratings do not count.
    """
    import krippendorff

    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    if data.ndim != 2 or data.shape[0] < 2 or data.shape[1] == 0:
        return None
    paired = (~np.isnan(data)).sum(axis=0) >= 2
    if not paired.any():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 when nothing varies
        value = krippendorff.alpha(
            reliability_data=data[:, paired],
            level_of_measurement="ordinal",
            value_domain=list(LEVELS),
        )
    return _defined(float(value))


def _pairs(a: Levels, b: Levels) -> list[tuple[int, int]]:
    return [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]


def weighted_kappa(a: Levels, b: Levels, categories: Sequence[int] = LEVELS) -> float | None:
    """Cohen's kappa with quadratic weights, over the units both raters rated."""
    pairs = _pairs(a, b)
    if not pairs:
        return None
    index = {c: i for i, c in enumerate(categories)}
    k = len(categories)
    observed = np.zeros((k, k))
    for x, y in pairs:
        observed[index[x], index[y]] += 1
    observed /= len(pairs)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    grid = np.arange(k)
    weights = (grid[:, None] - grid[None, :]) ** 2 / (k - 1) ** 2
    chance = float((weights * expected).sum())
    if chance == 0:
        return None  # both raters used one and the same level everywhere
    return 1.0 - float((weights * observed).sum()) / chance


def agreement(a: Levels, b: Levels) -> tuple[float | None, float | None]:
    """(exact, adjacent): shares of jointly rated units with the same level, within one."""
    pairs = _pairs(a, b)
    if not pairs:
        return None, None
    exact = sum(1 for x, y in pairs if x == y) / len(pairs)
    adjacent = sum(1 for x, y in pairs if abs(x - y) <= 1) / len(pairs)
    return exact, adjacent


def consensus(levels: Sequence[int | None]) -> float | None:
    """The median of the levels given to one unit, when at least two raters gave one."""
    given = [v for v in levels if v is not None]
    return float(statistics.median(given)) if len(given) >= 2 else None


def severity(rows: dict[str, Levels]) -> dict[str, float | None]:
    """Each rater's mean offset from the per-unit consensus (median across raters).

    Positive: more lenient than the others; negative: harsher. Units rated by fewer than two
    raters have no consensus and do not count.
    """
    names = list(rows)
    columns = list(zip(*(rows[n] for n in names), strict=True))
    middle = [consensus(column) for column in columns]
    offsets: dict[str, float | None] = {}
    for name in names:
        diffs = [
            level - m
            for level, m in zip(rows[name], middle, strict=True)
            if level is not None and m is not None
        ]
        offsets[name] = statistics.fmean(diffs) if diffs else None
    return offsets


def spread(levels: Sequence[int | None]) -> int | None:
    """Highest minus lowest level given to one unit (None with fewer than two ratings)."""
    given = [v for v in levels if v is not None]
    return max(given) - min(given) if len(given) >= 2 else None


def spearman(x: Sequence[float | None], y: Sequence[float | None]) -> float | None:
    """Spearman's rank correlation over the pairs where both values are present."""
    from scipy.stats import spearmanr

    pairs = [(a, b) for a, b in zip(x, y, strict=True) if a is not None and b is not None]
    if len(pairs) < 3:
        return None
    xs, ys = zip(*pairs, strict=True)
    if len(set(xs)) < 2 or len(set(ys)) < 2:
        return None  # a constant has no ranks to correlate
    return _defined(float(spearmanr(xs, ys).statistic))


def mean_abs_change(before: Levels, after: Levels) -> float | None:
    """Mean absolute level change between two ratings of the same units."""
    pairs = _pairs(before, after)
    return statistics.fmean(abs(x - y) for x, y in pairs) if pairs else None


def bootstrap_mean(
    values: Sequence[float],
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    confidence: float = 0.95,
) -> tuple[float | None, float | None, float | None]:
    """(mean, low, high): the mean with a percentile bootstrap interval, seeded."""
    from scipy.stats import bootstrap

    if not values:
        return None, None, None
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, None, None
    result = bootstrap(
        (np.asarray(values, dtype=float),),
        np.mean,
        n_resamples=resamples,
        confidence_level=confidence,
        method="percentile",
        vectorized=True,
        rng=np.random.default_rng(seed),
    )
    interval = result.confidence_interval
    return mean, float(interval.low), float(interval.high)
