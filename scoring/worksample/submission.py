"""A candidate's outputs file: one JSON object per line, `{"id": ..., "output": ...}`, where
`output` is the model's raw text or a JSON object.

Nothing in it raises. Every line that cannot be used (not JSON, no id, an id the dataset
does not have, an id given twice, no output) becomes a `Problem` with its line number, and
the grade is given on what could be read: an item with no usable line counts as failed.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from scoring.worksample.models import parsed_output

ProblemKind = Literal[
    "not_json",  # the line is not a JSON object
    "missing_id",  # no "id", or not a string
    "unknown_id",  # an id the dataset does not have
    "duplicate_id",  # the id was given before; the first line counts
    "missing_output",  # no "output" on the line
    "no_output",  # a dataset item no line answers
    "malformed_output",  # the output is not what the task asks for (JSON that does not parse)
]
PROBLEM_WORDS: dict[ProblemKind, str] = {
    "not_json": "line is not a JSON object",
    "missing_id": "line without an id",
    "unknown_id": "id not in the dataset",
    "duplicate_id": "id given twice",
    "missing_output": "line without an output",
    "no_output": "item with no output",
    "malformed_output": "malformed output",
}


class Problem(BaseModel):
    """One thing wrong with the outputs file: where (line, item id) and what."""

    model_config = ConfigDict(frozen=True)

    kind: ProblemKind
    line: int | None = None
    id: str | None = None
    detail: str


@dataclass
class Submission:
    """The usable outputs by item id (first line wins), the line each came from, and the
    problems found on the way."""

    outputs: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_submission(text: str, dataset_ids: Collection[str]) -> Submission:
    """Parse an outputs file's text against the dataset's item ids. Blank lines are skipped;
    every dataset item without a usable line is listed as `no_output`, in dataset order."""
    found = Submission()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            _read_line(found, number, line, dataset_ids)
    unanswered = {p.id for p in found.problems if p.kind == "missing_output"}
    for item_id in dataset_ids:
        if item_id not in found.outputs and item_id not in unanswered:
            found.problems.append(
                Problem(kind="no_output", id=item_id, detail="no line gives this item's output")
            )
    return found


def _read_line(found: Submission, number: int, line: str, dataset_ids: Collection[str]) -> None:
    try:
        row = json.loads(line)
    except ValueError as exc:
        found.problems.append(Problem(kind="not_json", line=number, detail=_short(str(exc))))
        return
    if not isinstance(row, dict):
        found.problems.append(
            Problem(kind="not_json", line=number, detail=f"a JSON {type(row).__name__}")
        )
        return
    item_id = row.get("id")
    if not isinstance(item_id, str) or not item_id.strip():
        found.problems.append(
            Problem(kind="missing_id", line=number, detail=f"id is {_short(repr(item_id))}")
        )
        return
    if item_id not in dataset_ids:
        found.problems.append(
            Problem(kind="unknown_id", line=number, id=_short(item_id), detail="not in the dataset")
        )
        return
    if item_id in found.outputs or any(
        p.id == item_id and p.kind == "missing_output" for p in found.problems
    ):
        found.problems.append(
            Problem(kind="duplicate_id", line=number, id=item_id, detail="given before; first kept")
        )
        return
    if "output" not in row:
        found.problems.append(
            Problem(kind="missing_output", line=number, id=item_id, detail='no "output" key')
        )
        return
    found.outputs[item_id] = row["output"]
    found.lines[item_id] = number


def output_object(value: Any) -> tuple[dict[str, Any] | None, str]:
    """An output as the JSON object a task asks for: a JSON object given as is, or raw text
    that parses as one (a fenced ```json block too); else None and why it is malformed."""
    if isinstance(value, dict):
        return value, ""
    if not isinstance(value, str):
        return None, f"a JSON {_json_type(value)}, not an object or text"
    if not value.strip():
        return None, "empty output"
    parsed = parsed_output(value)
    if isinstance(parsed, dict):
        return parsed, ""
    if isinstance(parsed, str):
        return None, f"not JSON: {_short(value, 60)}"
    return None, f"JSON {_json_type(parsed)}, not an object"


def output_text(value: Any) -> tuple[str | None, str]:
    """An output as text: the raw text, or a JSON object's string values joined by blank
    lines (`{"email": "..."}`); else None and why it is malformed."""
    if isinstance(value, dict):
        value = "\n\n".join(v for v in value.values() if isinstance(v, str))
    if not isinstance(value, str):
        return None, f"a JSON {_json_type(value)}, not text"
    if not value.strip():
        return None, "empty output"
    return value, ""


def _json_type(value: Any) -> str:
    names = {bool: "boolean", int: "number", float: "number", list: "list", str: "string"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
