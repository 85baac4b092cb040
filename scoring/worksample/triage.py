"""Grading a triage: accuracy, per-class recall and precision, the confusions, and how well
the confidence is calibrated.

- A category counts when it is one of the task's, spelled the same after stripping and case
  folding. An item with no usable output is wrong and has no confidence.
- A confidence is usable when it is a JSON number from 0 to 1 (not a string, not 95 for
  95%). Calibration is measured on the items that have one.
- Expected calibration error (ECE): the items are put in ten equal-width bins by confidence
  ([0, 0.1), ..., [0.9, 1.0]); ECE is the mean over items of |accuracy of the bin - mean
  confidence of the bin|, i.e. each bin's gap weighted by its share of the items.
- Brier score: the mean of (confidence - 1 if right else 0)^2 over the same items; 0 is
  perfect, and always answering 0.5 scores 0.25.
- Overconfident: the share of wrong answers (with a confidence) at 0.9 or above.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from scoring.worksample.models import Item
from scoring.worksample.ratios import share
from scoring.worksample.submission import output_object

CALIBRATION_BINS = 10
# Tickets at 0.9 or above are routed without a person looking at them (the task says so):
# a wrong answer up there is the costly kind.
OVERCONFIDENT = 0.9
MALFORMED = "(malformed)"
NO_OUTPUT = "(no output)"
NO_CATEGORY = "(no category)"


class ClassScore(BaseModel):
    category: str
    expected: int  # items whose expected category this is
    predicted: int  # outputs that gave this category
    correct: int
    recall: float | None
    precision: float | None


class Confusion(BaseModel):
    """Items of one expected category answered with another one (or not answered)."""

    expected: str
    predicted: str
    count: int
    ids: list[str]


class CalibrationBin(BaseModel):
    low: float
    high: float
    count: int
    mean_confidence: float | None
    accuracy: float | None


class TriageMiss(BaseModel):
    id: str
    label: str
    expected: str
    got: str
    confidence: float | None
    malformed: str = ""


class TriageGrade(BaseModel):
    items: int
    correct: int
    accuracy: float | None
    classes: list[ClassScore]
    confusions: list[Confusion]  # most frequent first
    with_confidence: int
    ece: float | None
    brier: float | None
    bins: list[CalibrationBin]
    wrong_with_confidence: int
    overconfident: float | None  # share of those at OVERCONFIDENT or above
    overconfident_ids: list[str]
    no_confidence_ids: list[str]  # answered, but with no usable confidence
    misses: list[TriageMiss]

    def headline(self) -> dict[str, float | None]:
        return {
            "accuracy": self.accuracy,
            "ece": self.ece,
            "brier": self.brier,
            "overconfident": self.overconfident,
        }


def grade_triage(
    categories: Sequence[str], items: Sequence[Item], outputs: dict[str, Any]
) -> TriageGrade:
    """Accuracy, per-class scores, confusions and calibration of `outputs` on `items`."""
    canonical = {_fold(c): c for c in categories}
    answers: list[tuple[Item, str, float | None, str]] = []  # item, got, confidence, malformed
    no_confidence: list[str] = []
    for item in items:
        got, confidence, why = _answer(item, outputs, canonical)
        if not why and confidence is None:
            no_confidence.append(item.id)
        answers.append((item, got, confidence, why))
    scored = [(a[2], a[1] == a[0].expected["category"]) for a in answers if a[2] is not None]
    wrong_scored = [
        (item.id, c)
        for item, got, c, _ in answers
        if c is not None and got != item.expected["category"]
    ]
    high = [item_id for item_id, c in wrong_scored if c >= OVERCONFIDENT]
    correct = sum(got == item.expected["category"] for item, got, _, _ in answers)
    return TriageGrade(
        items=len(items),
        correct=correct,
        accuracy=share(correct, len(items)),
        classes=_classes(categories, answers),
        confusions=_confusions(answers),
        with_confidence=len(scored),
        ece=expected_calibration_error(scored),
        brier=brier_score(scored),
        bins=calibration_bins(scored),
        wrong_with_confidence=len(wrong_scored),
        overconfident=share(len(high), len(wrong_scored)),
        overconfident_ids=high,
        no_confidence_ids=no_confidence,
        misses=[
            TriageMiss(
                id=item.id,
                label=item.label,
                expected=item.expected["category"],
                got=got,
                confidence=c,
                malformed=why,
            )
            for item, got, c, why in answers
            if got != item.expected["category"]
        ],
    )


def _answer(
    item: Item, outputs: dict[str, Any], canonical: dict[str, str]
) -> tuple[str, float | None, str]:
    if item.id not in outputs:
        return NO_OUTPUT, None, ""
    answer, why = output_object(outputs[item.id])
    if answer is None:
        return MALFORMED, None, why
    raw = answer.get("category")
    if not isinstance(raw, str):
        got = NO_CATEGORY
    else:
        got = canonical.get(_fold(raw), " ".join(raw.split())[:60] or NO_CATEGORY)
    return got, _confidence(answer.get("confidence")), ""


def _confidence(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and 0.0 <= number <= 1.0 else None


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _classes(
    categories: Sequence[str], answers: list[tuple[Item, str, float | None, str]]
) -> list[ClassScore]:
    expected = Counter(item.expected["category"] for item, *_ in answers)
    predicted = Counter(got for _, got, _, _ in answers)
    right = Counter(got for item, got, _, _ in answers if got == item.expected["category"])
    return [
        ClassScore(
            category=c,
            expected=expected[c],
            predicted=predicted[c],
            correct=right[c],
            recall=share(right[c], expected[c]),
            precision=share(right[c], predicted[c]),
        )
        for c in categories
    ]


def _confusions(answers: list[tuple[Item, str, float | None, str]]) -> list[Confusion]:
    pairs: dict[tuple[str, str], list[str]] = {}
    for item, got, _, _ in answers:
        if got != item.expected["category"]:
            pairs.setdefault((item.expected["category"], got), []).append(item.id)
    ordered = sorted(pairs.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    return [Confusion(expected=e, predicted=p, count=len(ids), ids=ids) for (e, p), ids in ordered]


def _bin(confidence: float) -> int:
    # round() first: 0.3 * 10 is 2.9999999999999996 in floating point, and belongs in bin 3.
    return min(math.floor(round(confidence * CALIBRATION_BINS, 9)), CALIBRATION_BINS - 1)


def calibration_bins(scored: Sequence[tuple[float, bool]]) -> list[CalibrationBin]:
    """The equal-width bins by confidence, each with its count, mean confidence, accuracy."""
    members: list[list[tuple[float, bool]]] = [[] for _ in range(CALIBRATION_BINS)]
    for confidence, right in scored:
        members[_bin(confidence)].append((confidence, right))
    return [
        CalibrationBin(
            low=index / CALIBRATION_BINS,
            high=(index + 1) / CALIBRATION_BINS,
            count=len(group),
            mean_confidence=share(sum(c for c, _ in group), len(group)),
            accuracy=share(sum(r for _, r in group), len(group)),
        )
        for index, group in enumerate(members)
    ]


def expected_calibration_error(scored: Sequence[tuple[float, bool]]) -> float | None:
    """ECE over ten equal-width bins: each bin's |accuracy - mean confidence|, weighted by
    its share of the items. None with no confidences."""
    if not scored:
        return None
    total = 0.0
    for b in calibration_bins(scored):
        if b.count and b.accuracy is not None and b.mean_confidence is not None:
            total += b.count / len(scored) * abs(b.accuracy - b.mean_confidence)
    return total


def brier_score(scored: Sequence[tuple[float, bool]]) -> float | None:
    """Mean squared gap between the confidence and the outcome (1 right, 0 wrong)."""
    if not scored:
        return None
    return sum((c - (1.0 if right else 0.0)) ** 2 for c, right in scored) / len(scored)
