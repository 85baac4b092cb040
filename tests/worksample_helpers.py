"""Helpers for the stage-1 grading tests: hand-made tiny tasks and outputs files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring.content import load_model
from scoring.worksample.grade import WorkSampleGrade, grade_outputs
from scoring.worksample.models import Item, WorkSampleTask

TINY = Path(__file__).parent / "data" / "worksample-grade"


def tiny(kind: str) -> tuple[WorkSampleTask, list[Item]]:
    """A hand-made task of a few items (tests/data/worksample-grade/<kind>/)."""
    task = load_model(TINY / kind / "task.yaml", WorkSampleTask)
    lines = (TINY / kind / "dataset.jsonl").read_text(encoding="utf-8").splitlines()
    return task, [Item(**json.loads(line)) for line in lines if line.strip()]


def jsonl(*rows: dict[str, Any] | str) -> str:
    """An outputs file: dict rows as JSON lines, strings as they are (broken lines)."""
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def raw(item_id: str, value: Any) -> dict[str, Any]:
    """A row whose output is the model's raw text: the JSON text of `value`."""
    return {"id": item_id, "output": json.dumps(value)}


def fenced(item_id: str, value: Any) -> dict[str, Any]:
    return {"id": item_id, "output": f"```json\n{json.dumps(value)}\n```"}


def grade(kind: str, outputs: str, note: str | None = None) -> WorkSampleGrade:
    task, items = tiny(kind)
    return grade_outputs(task, items, outputs, note)


def check(figures: dict[str, Any], expected: dict[str, Any]) -> None:
    for name, value in expected.items():
        assert figures[name] == (pytest.approx(value) if isinstance(value, float) else value), name
