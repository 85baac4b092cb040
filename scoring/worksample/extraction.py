"""Grading an extraction: field-level exact match after light normalisation, and F1.

Normalisation, per the field's type in task.yaml:
- string: surrounding space stripped, inner runs of space made one, case folded;
- number: compared as numbers (a JSON number, or a string that is a plain number such as
  "64.99"; "£64.99" or "1,249.50" is wrong: the task asks for a plain number);
- date: only an ISO date YYYY-MM-DD counts, compared as a date; "24/02/2025" is wrong even
  when it names the same day, because the task asks for ISO;
- boolean: true or false exactly;
- list: the same length and the same elements in the same order (the task's lists are
  ordered), each element normalised as above.

How each field of each item counts towards F1 (a value is "empty" when it is null or []):
- right and something was expected: a true positive;
- right and nothing was expected (null and null): a true negative. It counts towards
  accuracy, not F1, which is about the values there are to find;
- wrong: a false negative when a value was expected, a false positive when the output gave
  a value; a wrong answer where neither has a value (null for an empty list, or the key left
  out) is a false positive, so every wrong field is at least one error;
- an item with no usable output (malformed or missing): a false negative for every value
  it should have had, and wrong on every field for accuracy.

Micro F1 pools the counts of every field; macro F1 is the mean of the fields' own F1 over
the fields where F1 is defined. Every ratio is None where its denominator is zero.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from scoring.worksample.models import Item, OutputField
from scoring.worksample.ratios import f1, share
from scoring.worksample.submission import output_object

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
MISSING = "(key missing)"


class FieldScore(BaseModel):
    field: str
    correct: int
    total: int
    accuracy: float | None
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    precision: float | None
    recall: float | None
    f1: float | None


class FieldMiss(BaseModel):
    field: str
    expected: Any
    got: Any


class ExtractionMiss(BaseModel):
    """An item that is not right on every field: which fields, or why it has no output."""

    id: str
    label: str
    malformed: str = ""  # why the output could not be read ("" when it could)
    fields: list[FieldMiss] = []


class ExtractionGrade(BaseModel):
    items: int
    exact_items: int
    item_accuracy: float | None
    field_accuracy: float | None
    micro_precision: float | None
    micro_recall: float | None
    micro_f1: float | None
    macro_f1: float | None
    fields: list[FieldScore]
    failures: list[ExtractionMiss]

    def headline(self) -> dict[str, float | None]:
        return {
            "item_accuracy": self.item_accuracy,
            "field_accuracy": self.field_accuracy,
            "micro_f1": self.micro_f1,
        }


@dataclass
class _Counts:
    correct: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0


def grade_extraction(
    fields: Sequence[OutputField], items: Sequence[Item], outputs: dict[str, Any]
) -> ExtractionGrade:
    """Field-level exact match and F1 of `outputs` (item id -> output) on `items`."""
    counts = {f.name: _Counts() for f in fields}
    failures: list[ExtractionMiss] = []
    exact = 0
    for item in items:
        answer, why = output_object(outputs[item.id]) if item.id in outputs else (None, "")
        if answer is None:
            for spec in fields:
                counts[spec.name].fn += not _empty(item.expected.get(spec.name))
            failures.append(ExtractionMiss(id=item.id, label=item.label, malformed=why))
            continue
        misses = _item_misses(fields, item, answer, counts)
        if misses:
            failures.append(ExtractionMiss(id=item.id, label=item.label, fields=misses))
        else:
            exact += 1
    scores = [_field_score(name, c, len(items)) for name, c in counts.items()]
    tp, fp, fn = (sum(getattr(c, k) for c in counts.values()) for k in ("tp", "fp", "fn"))
    defined = [s.f1 for s in scores if s.f1 is not None]
    precision, recall = share(tp, tp + fp), share(tp, tp + fn)
    return ExtractionGrade(
        items=len(items),
        exact_items=exact,
        item_accuracy=share(exact, len(items)),
        field_accuracy=share(sum(c.correct for c in counts.values()), len(items) * len(fields)),
        micro_precision=precision,
        micro_recall=recall,
        micro_f1=f1(tp, fp, fn),
        macro_f1=sum(defined) / len(defined) if defined else None,
        fields=scores,
        failures=failures,
    )


def _item_misses(
    fields: Sequence[OutputField], item: Item, answer: dict[str, Any], counts: dict[str, _Counts]
) -> list[FieldMiss]:
    misses = []
    for spec in fields:
        expected = item.expected.get(spec.name)
        present = spec.name in answer
        got = answer.get(spec.name)
        tally = counts[spec.name]
        if present and same_value(expected, got, spec.type):
            tally.correct += 1
            if _empty(expected):
                tally.tn += 1
            else:
                tally.tp += 1
            continue
        gave = present and not _empty(got)
        tally.fn += not _empty(expected)
        tally.fp += gave or _empty(expected)
        misses.append(
            FieldMiss(field=spec.name, expected=expected, got=got if present else MISSING)
        )
    return misses


def _field_score(name: str, c: _Counts, total: int) -> FieldScore:
    return FieldScore(
        field=name,
        correct=c.correct,
        total=total,
        accuracy=share(c.correct, total),
        true_positives=c.tp,
        false_positives=c.fp,
        false_negatives=c.fn,
        true_negatives=c.tn,
        precision=share(c.tp, c.tp + c.fp),
        recall=share(c.tp, c.tp + c.fn),
        f1=f1(c.tp, c.fp, c.fn),
    )


def _empty(value: Any) -> bool:
    return value is None or value == []


def same_value(expected: Any, got: Any, kind: str) -> bool:
    """Whether `got` is `expected` after the light normalisation of the field's type."""
    if expected is None or got is None:
        return expected is None and got is None
    if kind == "list":
        if not isinstance(expected, list) or not isinstance(got, list):
            return False
        return len(expected) == len(got) and all(
            _same_scalar(e, g) for e, g in zip(expected, got, strict=True)
        )
    if kind == "date":
        return _iso_date(got) is not None and _iso_date(got) == _iso_date(expected)
    if kind == "number":
        return _number(got) is not None and _same_number(_number(expected), _number(got))
    if kind == "boolean":
        return isinstance(got, bool) and got == expected
    return _same_scalar(expected, got)


def _same_scalar(expected: Any, got: Any) -> bool:
    if isinstance(expected, str):
        return isinstance(got, str) and _fold(got) == _fold(expected)
    if _number(expected) is not None and not isinstance(expected, str):
        return _same_number(_number(expected), _number(got))
    return bool(expected == got)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and PLAIN_NUMBER.fullmatch(value.strip()):
        number = float(value.strip())
        return number if math.isfinite(number) else None
    return None


def _same_number(a: float | None, b: float | None) -> bool:
    # Money to the cent: 64.99 and 64.990000001 (a float round trip) are the same amount.
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def _iso_date(value: Any) -> date | None:
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None
