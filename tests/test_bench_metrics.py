"""Bench figures from a small hand-made table of ratings, and the CI gates on them."""

from __future__ import annotations

import pytest
from bench_helpers import SYSTEM_DESIGN, tiny_transcript

from scoring.bench import metrics
from scoring.bench.gates import (
    Gate,
    GateError,
    check_gates_possible,
    evaluate,
    missed_reason,
    parse_gate,
)
from scoring.bench.ratings import BenchTranscript, Rating, RatingTable
from scoring.bench.results import BenchResult, KnownGroups, PairAgreement, RaterSummary

DIMS = ["evaluation", "communication"]


def table(levels: dict[str, dict[str, list[int | None]]], transcripts: list[str]) -> RatingTable:
    """levels[rater][dimension] = one level per transcript (repeat 0)."""
    ratings = [
        Rating(t, rater, 0, dim, level)
        for rater, by_dim in levels.items()
        for dim, values in by_dim.items()
        for t, level in zip(transcripts, values, strict=True)
    ]
    return RatingTable(ratings, transcripts, DIMS, list(levels))


def test_a_rater_is_represented_by_the_lower_median_of_its_repeats() -> None:
    ratings = [
        Rating("t", "r", 0, "evaluation", 1),
        Rating("t", "r", 1, "evaluation", 3),
        Rating("t", "r", 2, "evaluation", 4),
        Rating("t", "r", 0, "communication", 2),
        Rating("t", "r", 1, "communication", 3),
        Rating("t", "r", 2, "communication", None),
    ]
    found = RatingTable(ratings, ["t"], DIMS, ["r"])
    # median(1, 3, 4) = 3; lower median of (2, 3) = 2 (the missing repeat is skipped)
    assert found.level("r", "t", "evaluation") == 3
    assert found.level("r", "t", "communication") == 2
    assert found.repeat_matrix("r") == [[1, 2], [3, 3], [4, None]]


def test_alpha_per_dimension_and_pooled() -> None:
    t = table(
        {
            "A": {"evaluation": [1, 2, 3, 3], "communication": [4, 4, 1, 1]},
            "B": {"evaluation": [1, 3, 3, None], "communication": [4, 4, 1, 1]},
        },
        ["t1", "t2", "t3", "t4"],
    )
    by_dim = metrics.alpha_by_dimension(t, ["A", "B"])
    # evaluation is the worked example of test_bench_stats: 7/9; communication agrees fully.
    assert by_dim["evaluation"] == pytest.approx(7 / 9)
    assert by_dim["communication"] == 1.0
    pooled = metrics.overall_alpha(t, ["A", "B"])
    assert pooled is not None and 7 / 9 < pooled < 1.0


def test_the_most_disagreed_transcripts_come_first() -> None:
    t = table(
        {
            "A": {"evaluation": [1, 2, 4], "communication": [2, 2, 1]},
            "B": {"evaluation": [1, 3, 1], "communication": [2, 2, 3]},
        },
        ["calm", "mild", "wild"],
    )
    # spreads: calm 0 and 0 (left out); mild 1 and 0 -> 0.5; wild 3 and 2 -> 2.5
    found = metrics.most_disagreed(t, ["A", "B"])
    assert [(d.transcript, d.spread, d.dimension) for d in found] == [
        ("wild", 2.5, "evaluation"),
        ("mild", 0.5, "evaluation"),
    ]
    assert found[0].levels == {"A": 4, "B": 1}


def test_known_groups_means_and_order() -> None:
    items = [
        BenchTranscript("s", tiny_transcript("s").transcript, {"evaluation": 4}, "strong"),
        BenchTranscript("a", tiny_transcript("a").transcript, {"evaluation": 2}, "average"),
        BenchTranscript("w", tiny_transcript("w").transcript, {"evaluation": 1}, "weak"),
    ]
    t = table(
        {"A": {"evaluation": [4, 2, 1], "communication": [4, 3, 1]}},
        ["s", "a", "w"],
    )
    found = metrics.known_groups(t, "A", SYSTEM_DESIGN, items)
    assert found is not None
    # Only evaluation has an expected level: three units, perfectly ranked.
    assert found.units == 3 and found.spearman == pytest.approx(1.0)
    # Weighted levels (evaluation weight w_e, communication weight w_c):
    # strong (4*w_e + 4*w_c)/(w_e+w_c) = 4; weak 1.
    assert found.group_means["strong"] == 4.0 and found.group_means["weak"] == 1.0
    assert found.ordered is True


def test_known_groups_needs_simulated_transcripts() -> None:
    t = table({"A": {"evaluation": [1], "communication": [1]}}, ["x"])
    assert metrics.known_groups(t, "A", SYSTEM_DESIGN, [tiny_transcript("x")]) is None


def test_compare_flags_dimensions_whose_interval_excludes_zero() -> None:
    transcripts = [f"t{i}" for i in range(6)]
    t = table(
        {
            "old": {"evaluation": [1, 2, 2, 3, 1, 2], "communication": [2, 3, 2, 3, 2, 3]},
            "new": {"evaluation": [2, 3, 3, 4, 2, 3], "communication": [3, 2, 2, 3, 2, 3]},
        },
        transcripts,
    )
    result = metrics.compare(t, "old", "new")
    by_dim = {s.dimension: s for s in result.shifts}
    # evaluation: new = old + 1 everywhere: shift 1, interval [1, 1], flagged.
    assert (by_dim["evaluation"].shift, by_dim["evaluation"].low) == (1.0, 1.0)
    assert by_dim["evaluation"].flagged
    # communication: differences +1, -1, 0, 0, 0, 0: mean 0, interval straddles zero.
    assert by_dim["communication"].shift == 0.0
    assert not by_dim["communication"].flagged
    assert result.resamples == 2000


def test_length_bias_is_the_rank_correlation_of_words_and_level() -> None:
    # ranks of words 1 2 3 4 against levels 1 3 2 4: rho = 0.8 (see test_bench_stats)
    assert metrics.length_bias([(100, 1.0), (200, 3.0), (300, 2.0), (400, 4.0)]) == (
        pytest.approx(0.8)
    )


def result_with(
    alpha: float | None = 0.7, kappas: tuple[float | None, ...] = (0.9, 0.6)
) -> BenchResult:
    return BenchResult(
        rubric_id="system-design",
        rubric_version="1",
        transcripts=3,
        synthetic=3,
        dimensions=DIMS,
        raters=[
            RaterSummary("a", "machine", "a", 2, 3, retest=1.0),
            RaterSummary("b", "machine", "b", 2, 3, retest=0.5),
            RaterSummary("h", "human", "human:h", 1, 3),
        ],
        alpha=alpha,
        alpha_by_dimension={},
        pairs=[PairAgreement("a", "b", 6, k, 0.5, 0.9) for k in kappas],
        disagreements=[],
        length_points={},
        robustness_sample=0,
        known_groups=[KnownGroups("a", 6, 0.4, {}, True)],
    )


def test_gates_parse_metric_equals_number() -> None:
    assert parse_gate("alpha=0.8") == Gate("alpha", 0.8)
    assert parse_gate(" Known-Groups = .5") == Gate("known_groups", 0.5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("alpha", "expects METRIC=VALUE"),
        ("beta=0.8", "unknown metric 'beta'"),
        ("alpha=high", "'high' is not a number"),
        ("alpha=nan", "not a finite number"),
    ],
)
def test_bad_gates_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(GateError, match=message):
        parse_gate(text)


def test_gate_values_are_the_weakest_link() -> None:
    result = result_with()
    outcomes = evaluate(
        result,
        [
            Gate("alpha", 0.6),
            Gate("kappa", 0.7),
            Gate("exact", 0.5),
            Gate("adjacent", 0.95),
            Gate("retest", 0.5),
            Gate("known_groups", 0.3),
        ],
    )
    assert [(o.metric, o.value, o.passed) for o in outcomes] == [
        ("alpha", 0.7, True),
        ("kappa", 0.6, False),  # the lowest pair
        ("exact", 0.5, True),  # equal to the threshold passes
        ("adjacent", 0.9, False),
        ("retest", 0.5, True),  # the lowest machine rater
        ("known_groups", 0.4, True),
    ]
    assert missed_reason(outcomes) == "bench gate missed: kappa 0.600 < 0.7; adjacent 0.900 < 0.95"


def test_an_undefined_metric_misses_its_gate() -> None:
    outcomes = evaluate(result_with(alpha=None), [Gate("alpha", 0.1)])
    assert not outcomes[0].passed
    assert missed_reason(outcomes) == "bench gate missed: alpha is undefined (needs 0.1)"
    assert missed_reason(evaluate(result_with(), [Gate("alpha", 0.1)])) is None


@pytest.mark.parametrize(
    ("gate", "setup", "message"),
    [
        (Gate("alpha", 0.8), {"raters": 1, "repeats": 1, "synthetic": 0}, "two or more raters"),
        (Gate("retest", 0.8), {"raters": 2, "repeats": 1, "synthetic": 0}, "--repeats 2"),
        (Gate("known_groups", 0.5), {"raters": 2, "repeats": 2, "synthetic": 0}, "--synthetic"),
    ],
)
def test_a_gate_on_a_figure_the_bench_cannot_compute_is_refused(
    gate: Gate, setup: dict[str, int], message: str
) -> None:
    with pytest.raises(GateError, match=message):
        check_gates_possible([gate], **setup)
