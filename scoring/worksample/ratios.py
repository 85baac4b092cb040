"""Ratios that are None where the denominator is zero, never a made-up 0 or 1."""

from __future__ import annotations


def share(part: float, whole: float) -> float | None:
    """`part / whole`, or None when there is nothing to divide by."""
    return part / whole if whole else None


def f1(tp: int, fp: int, fn: int) -> float | None:
    """F1 = 2TP / (2TP + FP + FN): None when there were no positives to find or give."""
    return share(2 * tp, 2 * tp + fp + fn)
