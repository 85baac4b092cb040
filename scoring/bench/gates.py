"""CI gates: ``--fail-under METRIC=VALUE`` thresholds checked against a bench result.

Metrics (higher is better for each):
  alpha         Krippendorff's alpha over all raters, every dimension pooled
  kappa         the lowest pairwise quadratic-weighted kappa
  exact         the lowest pairwise exact agreement
  adjacent      the lowest pairwise agreement within one level
  retest        the lowest test-retest alpha of a machine rater (needs --repeats 2+)
  known_groups  the lowest Spearman correlation of expected and scored levels on simulated
                transcripts (needs --synthetic)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scoring.bench.results import BenchResult, GateOutcome

METRICS = ("alpha", "kappa", "exact", "adjacent", "retest", "known_groups")
AGREEMENT = ("alpha", "kappa", "exact", "adjacent")


class GateError(ValueError):
    """A --fail-under that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Gate:
    metric: str
    threshold: float


def parse_gate(text: str) -> Gate:
    """``alpha=0.8`` → Gate("alpha", 0.8); GateError for anything else."""
    metric, sep, value = text.partition("=")
    metric = metric.strip().lower().replace("-", "_")
    if not sep or not metric:
        raise GateError(f"--fail-under expects METRIC=VALUE, got {text!r}")
    if metric not in METRICS:
        raise GateError(f"--fail-under: unknown metric {metric!r} (choose {', '.join(METRICS)})")
    try:
        threshold = float(value)
    except ValueError:
        raise GateError(f"--fail-under {metric}: {value.strip()!r} is not a number") from None
    if not math.isfinite(threshold):
        raise GateError(f"--fail-under {metric}: {value.strip()!r} is not a finite number")
    return Gate(metric, threshold)


def check_gates_possible(
    gates: Iterable[Gate], *, raters: int, repeats: int, synthetic: int
) -> None:
    """GateError when a gate names a metric this bench cannot compute at all."""
    for gate in gates:
        if gate.metric in AGREEMENT and raters < 2:
            raise GateError(
                f"--fail-under {gate.metric} needs two or more raters (add --rater or --human)"
            )
        if gate.metric == "retest" and repeats < 2:
            raise GateError("--fail-under retest needs --repeats 2 or more")
        if gate.metric == "known_groups" and synthetic < 1:
            raise GateError("--fail-under known_groups needs simulated transcripts (--synthetic N)")


def _lowest(values: Iterable[float | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return min(defined) if defined else None


def metric_value(result: BenchResult, metric: str) -> float | None:
    """The figure a gate on `metric` compares against its threshold."""
    if metric == "alpha":
        return result.alpha
    if metric == "kappa":
        return _lowest(p.kappa for p in result.pairs)
    if metric == "exact":
        return _lowest(p.exact for p in result.pairs)
    if metric == "adjacent":
        return _lowest(p.adjacent for p in result.pairs)
    if metric == "retest":
        return _lowest(r.retest for r in result.raters if r.kind == "machine")
    if metric == "known_groups":
        return _lowest(g.spearman for g in result.known_groups)
    raise KeyError(metric)


def evaluate(result: BenchResult, gates: Sequence[Gate]) -> list[GateOutcome]:
    """Each gate with its value; an undefined value misses the gate (it proves nothing)."""
    outcomes: list[GateOutcome] = []
    for gate in gates:
        value = metric_value(result, gate.metric)
        passed = value is not None and value >= gate.threshold
        outcomes.append(GateOutcome(gate.metric, gate.threshold, value, passed))
    return outcomes


def missed_reason(outcomes: Sequence[GateOutcome]) -> str | None:
    """One line naming every missed gate, or None when all passed."""
    missed = [o for o in outcomes if not o.passed]
    if not missed:
        return None
    parts = [
        f"{o.metric} is undefined (needs {o.threshold:g})"
        if o.value is None
        else f"{o.metric} {o.value:.3f} < {o.threshold:g}"
        for o in missed
    ]
    return "bench gate missed: " + "; ".join(parts)
