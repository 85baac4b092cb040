"""The bench's statistics against small worked examples computed by hand (arithmetic in the
comments), including missing ratings and the cases where a statistic is undefined."""

from __future__ import annotations

import random

import pytest

from scoring.bench import stats


def test_ordinal_alpha_two_raters_with_a_missing_rating() -> None:
    # A: 1 2 3 3 ; B: 1 3 3 -  (unit 4 has one rating: not pairable, left out)
    # Coincidences (each unit has m=2 values, weight 1/(m-1) = 1):
    #   o11 = 2 (unit 1), o23 = o32 = 1 (unit 2), o33 = 2 (unit 3)
    #   n1 = 2, n2 = 1, n3 = 3, n = 6
    # Ordinal distances d(c,k) = (sum of n_g for g from c to k - (n_c + n_k)/2)^2:
    #   d12 = (3 - 1.5)^2 = 2.25, d13 = (6 - 2.5)^2 = 12.25, d23 = (4 - 2)^2 = 4
    # Do = (o23*d23 + o32*d23) / n = 8/6
    # De = 2 * (n1 n2 d12 + n1 n3 d13 + n2 n3 d23) / (n (n-1)) = 2 * (4.5 + 73.5 + 12) / 30 = 6
    # alpha = 1 - (8/6) / 6 = 7/9
    alpha = stats.ordinal_alpha([[1, 2, 3, 3], [1, 3, 3, None]])
    assert alpha == pytest.approx(7 / 9)


def test_ordinal_alpha_three_raters_with_a_missing_rating() -> None:
    # unit 1: A=1, B=1, C=2 (m=3, each ordered pair weighs 1/2); unit 2: A=3, C=3 (B missing)
    #   o11 = 2 * 1/2 = 1, o12 = o21 = 2 * 1/2 = 1, o33 = 2
    #   n1 = 2, n2 = 1, n3 = 2, n = 5
    #   d12 = (3 - 1.5)^2 = 2.25, d13 = (5 - 2)^2 = 9, d23 = (3 - 1.5)^2 = 2.25
    # Do = (1 * 2.25 + 1 * 2.25) / 5 = 0.9
    # De = 2 * (2*1*2.25 + 2*2*9 + 1*2*2.25) / (5*4) = 2 * 45 / 20 = 4.5
    # alpha = 1 - 0.9 / 4.5 = 0.8
    alpha = stats.ordinal_alpha([[1, 3], [1, None], [2, 3]])
    assert alpha == pytest.approx(0.8)


def test_identical_ratings_give_alpha_exactly_one() -> None:
    assert stats.ordinal_alpha([[1, 2, 3, 4, 2], [1, 2, 3, 4, 2]]) == 1.0


@pytest.mark.parametrize(
    "rows",
    [
        [[2, 2, 2], [2, 2, 2]],  # no variation: expected disagreement is 0, alpha is 0/0
        [[1, None], [None, 2]],  # no unit rated twice
        [[1, 2, 3]],  # a single rater
        [[], []],  # no units
    ],
)
def test_alpha_is_undefined_rather_than_invented(rows: list[list[int | None]]) -> None:
    assert stats.ordinal_alpha(rows) is None


def test_random_levels_give_alpha_near_zero() -> None:
    rng = random.Random(20260101)
    a = [rng.randint(1, 4) for _ in range(200)]
    b = [rng.randint(1, 4) for _ in range(200)]
    alpha = stats.ordinal_alpha([a, b])
    assert alpha is not None and abs(alpha) < 0.15


def test_quadratic_weighted_kappa_skips_missing_pairs() -> None:
    # Pairs used: (1,1) (2,2) (3,4) (4,4); the fifth unit is missing for A.
    # Weights (i-j)^2/9. Observed: only (3,4) disagrees: sum w*O = 1/4 * 1/9 = 1/36.
    # Marginals: A = 1/4 each level; B: p1 = p2 = 1/4, p3 = 0, p4 = 1/2.
    # sum w*E = 1/4 * 1/9 * sum_j pB_j * sum_i (i-j)^2
    #         = 1/36 * (1/4 * 14 + 1/4 * 6 + 1/2 * 14) = 1/36 * 12 = 1/3
    # kappa = 1 - (1/36) / (1/3) = 11/12
    kappa = stats.weighted_kappa([1, 2, 3, 4, None], [1, 2, 4, 4, 3])
    assert kappa == pytest.approx(11 / 12)


def test_kappa_is_one_for_perfect_agreement_and_undefined_without_variation() -> None:
    assert stats.weighted_kappa([1, 2, 3], [1, 2, 3]) == pytest.approx(1.0)
    assert stats.weighted_kappa([2, 2], [2, 2]) is None
    assert stats.weighted_kappa([None, 1], [2, None]) is None


def test_exact_and_adjacent_agreement_over_jointly_rated_units() -> None:
    # Pairs (1,1) (2,2) (3,4) (4,4): exact 3/4; all four within one level: adjacent 4/4.
    assert stats.agreement([1, 2, 3, 4, None], [1, 2, 4, 4, 3]) == (0.75, 1.0)
    # (1,3) is two apart: exact 1/3 (the (2,2) pair), adjacent 2/3.
    exact, adjacent = stats.agreement([1, 2, 4], [3, 2, 3])
    assert exact == pytest.approx(1 / 3) and adjacent == pytest.approx(2 / 3)
    assert stats.agreement([None], [1]) == (None, None)


def test_severity_is_the_mean_offset_from_the_median_rater() -> None:
    # Consensus (median per unit): u1 median(2,2,3) = 2; u2 median(3,2,3) = 3;
    # u3 median(4,3) = 3.5 (C did not rate it).
    # A: (0 + 0 + 0.5) / 3 = 1/6;  B: (0 - 1 - 0.5) / 3 = -0.5;  C: (1 + 0) / 2 = 0.5
    offsets = stats.severity({"A": [2, 3, 4], "B": [2, 2, 3], "C": [3, 3, None]})
    assert offsets["A"] == pytest.approx(1 / 6)
    assert offsets["B"] == pytest.approx(-0.5)
    assert offsets["C"] == pytest.approx(0.5)


def test_units_rated_once_have_no_consensus() -> None:
    # Only unit 1 has two ratings (median 2.5): A -0.5, B +0.5; unit 2 counts for nobody.
    assert stats.severity({"A": [2, 4], "B": [3, None]}) == {"A": -0.5, "B": 0.5}


def test_spearman_rank_correlation() -> None:
    # ranks x: 1 2 3 4; ranks y: 1 3 2 4; d = 0 -1 1 0; sum d^2 = 2
    # rho = 1 - 6 * 2 / (4 * (16 - 1)) = 1 - 12/60 = 0.8
    assert stats.spearman([100, 200, 300, 400], [1, 3, 2, 4]) == pytest.approx(0.8)
    # With a missing value the pair is dropped: ranks 1 2 3 against 1 3 2 -> 1 - 6*2/24 = 0.5
    assert stats.spearman([100, 200, 300, 400], [1, None, 3, 2]) == pytest.approx(0.5)


def test_spearman_is_undefined_for_constants_and_tiny_samples() -> None:
    assert stats.spearman([1, 2, 3], [2, 2, 2]) is None
    assert stats.spearman([1, 2], [1, 2]) is None


def test_mean_absolute_change() -> None:
    # |3-4| + |2-2| + |1-3| = 3 over three units; the missing one is skipped.
    assert stats.mean_abs_change([3, 2, 1, None], [4, 2, 3, 1]) == pytest.approx(1.0)
    assert stats.mean_abs_change([None], [None]) is None


def test_spread_of_one_unit() -> None:
    assert stats.spread([1, 3, None, 2]) == 2
    assert stats.spread([3, None]) is None


def test_bootstrap_interval_of_a_constant_shift_is_that_shift() -> None:
    mean, low, high = stats.bootstrap_mean([1.0] * 6)
    assert (mean, low, high) == (1.0, 1.0, 1.0)


def test_bootstrap_interval_contains_the_mean_and_is_seeded() -> None:
    # mean of 1,0,1,1,0,1,1,1 = 6/8 = 0.75
    values = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0]
    mean, low, high = stats.bootstrap_mean(values)
    assert mean == pytest.approx(0.75)
    assert low is not None and high is not None
    assert 0.0 <= low < 0.75 < high <= 1.0
    assert stats.bootstrap_mean(values) == (mean, low, high)


def test_bootstrap_needs_two_values_for_an_interval() -> None:
    assert stats.bootstrap_mean([]) == (None, None, None)
    assert stats.bootstrap_mean([2.0]) == (2.0, None, None)
