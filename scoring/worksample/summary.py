"""Grading summaries: the facts each must state, the facts it must not, and numbers that
appear nowhere in the item's input.

- A fact is stated when any one of its regular expressions is found in the summary, case
  ignored (the dataset's own patterns, the same ones a stage-2 eval would use).
- An item passes when every required fact is there and no forbidden fact is.
- Invented numbers, a cheap check apart from the pass: every figure in the summary
  ("$588.00", "48,210", "25%", "15") is compared by value with the figures of the input
  (the raw text, or the JSON of a structured input). One that matches none is listed.
  Dates in the input count digit group by digit group, so "April 2" is found in
  "2024-04-02"; a count the summary works out itself ("4 tickets" from four events) is
  listed too, which is why it is a list to read and not a score.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from scoring.worksample.models import Fact, Item
from scoring.worksample.ratios import share
from scoring.worksample.submission import output_text

FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")


class SummaryItem(BaseModel):
    """One item that did not pass, or that carries a number found nowhere in its input."""

    id: str
    label: str
    malformed: str = ""
    missing_facts: list[str] = []  # required fact ids not stated
    forbidden_stated: list[str] = []  # forbidden fact ids stated
    invented_numbers: list[str] = []  # figures found nowhere in the input


class SummaryGrade(BaseModel):
    items: int
    passing_items: int
    pass_rate: float | None
    required_facts: int
    required_stated: int
    required_recall: float | None
    forbidden_facts: int
    forbidden_stated: int
    items_with_forbidden: int
    invented_numbers: int
    items_with_invented_numbers: int
    failures: list[SummaryItem]  # every item that did not pass or has an invented number

    def headline(self) -> dict[str, float | None]:
        return {
            "pass_rate": self.pass_rate,
            "required_recall": self.required_recall,
            "items_with_forbidden": float(self.items_with_forbidden),
            "items_with_invented_numbers": float(self.items_with_invented_numbers),
        }


def grade_summaries(items: Sequence[Item], outputs: dict[str, Any]) -> SummaryGrade:
    """Required and forbidden facts, and invented numbers, of `outputs` on `items`."""
    required_total = required_stated = forbidden_total = forbidden_stated = passing = 0
    failures: list[SummaryItem] = []
    for item in items:
        required = [Fact(**f) for f in item.expected.get("required_facts", [])]
        forbidden = [Fact(**f) for f in item.expected.get("forbidden_facts", [])]
        required_total += len(required)
        forbidden_total += len(forbidden)
        text, why = output_text(outputs[item.id]) if item.id in outputs else (None, "")
        if text is None:
            missing = [f.id for f in required]
            failures.append(
                SummaryItem(id=item.id, label=item.label, malformed=why, missing_facts=missing)
            )
            continue
        missing = [f.id for f in required if not fact_stated(f, text)]
        stated = [f.id for f in forbidden if fact_stated(f, text)]
        invented = invented_numbers(text, item.input)
        required_stated += len(required) - len(missing)
        forbidden_stated += len(stated)
        passing += not missing and not stated
        if missing or stated or invented:
            failures.append(
                SummaryItem(
                    id=item.id,
                    label=item.label,
                    missing_facts=missing,
                    forbidden_stated=stated,
                    invented_numbers=invented,
                )
            )
    return SummaryGrade(
        items=len(items),
        passing_items=passing,
        pass_rate=share(passing, len(items)),
        required_facts=required_total,
        required_stated=required_stated,
        required_recall=share(required_stated, required_total),
        forbidden_facts=forbidden_total,
        forbidden_stated=forbidden_stated,
        items_with_forbidden=sum(bool(f.forbidden_stated) for f in failures),
        invented_numbers=sum(len(f.invented_numbers) for f in failures),
        items_with_invented_numbers=sum(bool(f.invented_numbers) for f in failures),
        failures=failures,
    )


def fact_stated(fact: Fact, text: str) -> bool:
    """Whether any of the fact's patterns is found in `text`, case ignored."""
    return any(_pattern(p).search(text) for p in fact.patterns)


@lru_cache(maxsize=1024)
def _pattern(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:  # a broken pattern in a user's dataset still means its words
        return re.compile(re.escape(pattern), re.IGNORECASE)


def invented_numbers(summary: str, source: str | dict[str, Any]) -> list[str]:
    """The figures of `summary` whose value appears nowhere among the figures of `source`,
    each once, in the order written."""
    text = source if isinstance(source, str) else json.dumps(source, ensure_ascii=False)
    known = {v for token in FIGURE.findall(text) for v in _values(token, groups=True)}
    invented: list[str] = []
    for token in FIGURE.findall(summary):
        if token not in invented and not known.intersection(_values(token, groups=False)):
            invented.append(token)
    return invented


def _values(token: str, *, groups: bool) -> set[Decimal]:
    """What a written figure can mean: "1,249.50" and "1.249,50" are 1249.5; "1,5" is 1.5;
    "2,340" is 2340. With `groups` (the input's figures) each digit group counts too, so "12.04"
    also gives 12 and 4; a summary's "$999.00" must not pass because the input has a "00"."""
    readings = {token.replace(",", "")}
    if "," in token and "." in token:
        last_comma, last_dot = token.rfind(","), token.rfind(".")
        if last_comma > last_dot:  # 1.249,50
            readings = {token.replace(".", "").replace(",", ".")}
    elif "," in token and not THOUSANDS.fullmatch(token):
        readings = {token.replace(",", ".")}
    if groups:
        readings.update(re.findall(r"\d+", token))
    values = set()
    for reading in readings:
        try:
            values.add(Decimal(reading).normalize())
        except InvalidOperation:
            continue
    return values
