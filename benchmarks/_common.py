"""Shared bits for the benchmark scripts: a temporary MOCKLOOP_HOME and percentiles."""

from __future__ import annotations

import os
import statistics
import tempfile


def isolated_home() -> str:
    home = tempfile.mkdtemp(prefix="mockloop-bench-")
    os.environ["MOCKLOOP_HOME"] = home
    os.environ.pop("ANTHROPIC_API_KEY", None)
    return home


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    return statistics.median(values) * 1000, percentile(values, 95) * 1000
