"""How well readings agree with people's labels: per-item comparisons summed into precision,
recall and accuracy. Used on the held-out set written and labelled by people who never saw
the reader (tests/data/reading/heldout.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scoring.reading.models import Quantity, Reading

# Two amounts agree when their kinds match and their ranges overlap after widening each by
# this factor (labels round, readers parse "a few" differently).
AMOUNT_SLACK = 1.5


@dataclass
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, found: set[str], expected: set[str]) -> None:
        self.true_positive += len(found & expected)
        self.false_positive += len(found - expected)
        self.false_negative += len(expected - found)

    @property
    def precision(self) -> float | None:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None


@dataclass
class Agreement:
    items: int = 0
    slots: Counts = field(default_factory=Counts)
    dismissed: Counts = field(default_factory=Counts)
    quantities: Counts = field(default_factory=Counts)
    questions: Counts = field(default_factory=Counts)
    quoted_right: int = 0
    exact_slots: int = 0  # items whose filled slots are exactly the label's

    def figures(self) -> dict[str, float | None]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {
            "slots precision": r(self.slots.precision),
            "slots recall": r(self.slots.recall),
            "slots F1": r(self.slots.f1),
            "items with exactly the labelled slots": r(self.exact_slots / self.items),
            "dismissals precision": r(self.dismissed.precision),
            "dismissals recall": r(self.dismissed.recall),
            "amounts precision": r(self.quantities.precision),
            "amounts recall": r(self.quantities.recall),
            "questions precision": r(self.questions.precision),
            "questions recall": r(self.questions.recall),
            "quoted material right": r(self.quoted_right / self.items),
        }


def compare(pairs: Iterable[tuple[Reading, Mapping[str, Any]]]) -> Agreement:
    """Sum the agreement of each reading with its label."""
    total = Agreement()
    for reading, label in pairs:
        total.items += 1
        slots = set(reading.slot_ids)
        expected = set(label.get("slots") or [])
        total.slots.add(slots, expected)
        total.exact_slots += slots == expected
        total.dismissed.add(set(reading.dismissed_ids), set(label.get("dismissed") or []))
        _amounts(total.quantities, list(reading.quantities), list(label.get("quantities") or []))
        asked = [f"{q.kind}#{n}" for n, q in enumerate(sorted(reading.questions, key=_kind))]
        wanted = [f"{k}#{n}" for n, k in enumerate(sorted(label.get("questions") or []))]
        total.questions.add(set(_numbered(asked)), set(_numbered(wanted)))
        total.quoted_right += bool(reading.quoted) == bool(label.get("quoted"))
    return total


def _kind(question: Any) -> str:
    return str(question.kind)


def _numbered(items: list[str]) -> list[str]:
    """Kinds numbered within their kind, so two check-ins are two items to match."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        kind = item.split("#")[0]
        seen[kind] = seen.get(kind, 0) + 1
        out.append(f"{kind}#{seen[kind]}")
    return out


def _amounts(counts: Counts, found: list[Quantity], expected: list[Mapping[str, Any]]) -> None:
    unmatched = list(expected)
    hits = 0
    for quantity in found:
        match = next((e for e in unmatched if _same(quantity, e)), None)
        if match is not None:
            unmatched.remove(match)
            hits += 1
    counts.true_positive += hits
    counts.false_positive += len(found) - hits
    counts.false_negative += len(unmatched)


def _same(quantity: Quantity, label: Mapping[str, Any]) -> bool:
    if quantity.kind != label.get("kind"):
        return False
    low, high = float(label.get("low", 0)), float(label.get("high", label.get("low", 0)))
    return quantity.low / AMOUNT_SLACK <= high * AMOUNT_SLACK and (
        quantity.high * AMOUNT_SLACK >= low / AMOUNT_SLACK
    )
