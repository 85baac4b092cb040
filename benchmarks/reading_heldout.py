"""The answer reader against people: the held-out set in tests/data/reading/heldout.yaml,
written and labelled from the slot meanings alone by someone who never saw the reader (the
brief they worked from is beside it). Prints precision and recall of slots, dismissals,
amounts and questions; then slots alone on the plain-spoken sets (plain-1.yaml to plain-3.yaml,
answers that describe mechanisms without jargon, written and labelled the same way from
plain-brief.md): the first two were used while the reading's plain-word forms were widened,
the third measured once after; then all three were used for a third widening, and the fourth,
written meanwhile and kept unread, was measured once after it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml

from scoring.reading.agreement import compare
from scoring.reading.catalogue import slot_book
from scoring.reading.read import read_answer
from scoring.vocabulary import default_matcher
from scoring.vocabulary.integrity import aimed_at_grader

HELDOUT = ROOT / "tests" / "data" / "reading" / "heldout.yaml"
PLAIN = {n: ROOT / "tests" / "data" / "reading" / f"plain-{n}.yaml" for n in (1, 2, 3, 4)}


def measure(path: Path = HELDOUT) -> dict[str, float | None]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    book = slot_book()
    matcher = default_matcher()
    pairs = [
        (
            read_answer(item["text"], book, aimed_at_grader=lambda s: aimed_at_grader(s, matcher)),
            item,
        )
        for item in items
    ]
    return compare(pairs).figures()


def main() -> None:
    for name, value in measure().items():
        print(json.dumps({"figure": f"reading vs held-out labels: {name}", "value": value,
                          "target": None}))  # fmt: skip
    for number, path in PLAIN.items():
        for name, value in measure(path).items():
            if name.startswith("slots"):
                print(json.dumps({"figure": f"reading vs plain-spoken set {number}: {name}",
                                  "value": value, "target": None}))  # fmt: skip


if __name__ == "__main__":
    main()
