"""A work sample on disk: `worksamples/<task>/` holds

- `task.yaml`: the task (`WorkSampleTask`);
- `dataset.jsonl`: one `Item` per line, each labelled positive, edge or adversarial;
- `prompts/good.md` and `prompts/broken.md`: a good prompt and a deliberately broken one;
- `outputs/good.jsonl` and `outputs/broken.jsonl`: each prompt's recorded output per item,
  `{"id": ..., "output": "<the model's raw text>"}`, so the exercises run offline;
- `DATASHEET.md`: where the items come from, what they cover, what the broken prompt breaks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scoring.content import ContentError, describe_validation_error, load_model
from scoring.input_files import MB, InputFileError, read_input

TaskKind = Literal["extraction", "triage", "summary"]
ItemLabel = Literal["positive", "edge", "adversarial"]
VERSIONS = ("good", "broken")
MIN_ITEMS = 40
MAX_DATA_BYTES = 2 * MB


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OutputField(Strict):
    """One field an extraction fills: its name, JSON type, and what it holds."""

    name: str
    type: Literal["string", "number", "boolean", "date", "list"]
    description: str
    nullable: bool = True  # null when the email does not say


class Fact(Strict):
    """A fact a summary must state (or must not): its words, and regular expressions any one
    of which, found in the summary (case ignored), means the fact is there."""

    id: str
    text: str
    patterns: list[str] = Field(min_length=1)


class WorkSampleTask(Strict):
    id: str
    title: str
    kind: TaskKind
    summary: str  # one paragraph: what the candidate's prompt must do
    input: str  # what an item's input is
    output: str  # what the output must be
    fields: list[OutputField] = []  # extraction
    categories: list[str] = []  # triage
    broken: str  # what the broken prompt changes and which items it hurts (interviewers)

    @model_validator(mode="after")
    def _kind_needs(self) -> WorkSampleTask:
        if self.kind == "extraction" and not self.fields:
            raise ValueError("an extraction task lists its fields")
        if self.kind == "triage" and len(self.categories) < 2:
            raise ValueError("a triage task lists its categories")
        return self


class Item(Strict):
    """One dataset item. `expected` is, by kind:

    - extraction: `{field: value or null}` for every field of the task;
    - triage: `{"category": one of the task's categories}`;
    - summary: `{"required_facts": [Fact], "forbidden_facts": [Fact]}`.
    """

    id: str
    label: ItemLabel
    input: str | dict[str, Any]
    expected: dict[str, Any]
    note: str = ""  # why the item is in the set


class RecordedOutput(Strict):
    id: str
    output: str


class WorkSample(Strict):
    task: WorkSampleTask
    items: list[Item]
    prompts: dict[str, str]  # "good" / "broken" -> the prompt's text
    outputs: dict[str, dict[str, str]]  # "good" / "broken" -> item id -> raw output
    datasheet: str
    folder: Path

    def labels(self) -> dict[str, ItemLabel]:
        return {item.id: item.label for item in self.items}


def parsed_output(raw: str) -> Any:
    """The model's output as a JSON value where it parses (a fenced ```json block too), else
    the raw string: what an eval sees as a record's `output`."""
    text = raw.strip()
    if text.startswith("```"):
        body = text.split("\n", 1)[1] if "\n" in text else ""
        text = body.rsplit("```", 1)[0].strip()
    try:
        return json.loads(text)
    except ValueError:
        return raw


def read_work_sample(folder: Path) -> WorkSample:
    """The work sample in `folder`; ContentError (one line naming the file) when anything is
    missing or wrong, so a broken dataset never half-loads."""
    task = load_model(folder / "task.yaml", WorkSampleTask)
    items = [Item(**row) for row in _jsonl(folder / "dataset.jsonl", Item)]
    _check_items(folder, task, items)
    ids = {item.id for item in items}
    prompts = {v: _text(folder / "prompts" / f"{v}.md") for v in VERSIONS}
    outputs: dict[str, dict[str, str]] = {}
    for version in VERSIONS:
        path = folder / "outputs" / f"{version}.jsonl"
        rows = [RecordedOutput(**row) for row in _jsonl(path, RecordedOutput)]
        by_id = {row.id: row.output for row in rows}
        if set(by_id) != ids or len(rows) != len(by_id):
            missing = sorted(ids - set(by_id))[:3]
            raise ContentError(f"{path}: needs one output per dataset item (missing {missing})")
        outputs[version] = by_id
    datasheet = _text(folder / "DATASHEET.md")
    return WorkSample(
        task=task,
        items=items,
        prompts=prompts,
        outputs=outputs,
        datasheet=datasheet,
        folder=folder,
    )


def _check_items(folder: Path, task: WorkSampleTask, items: list[Item]) -> None:
    where = folder / "dataset.jsonl"
    if len(items) < MIN_ITEMS:
        raise ContentError(f"{where}: {len(items)} items; a work sample has at least {MIN_ITEMS}")
    if len({item.id for item in items}) != len(items):
        raise ContentError(f"{where}: item ids repeat")
    missing = {"positive", "edge", "adversarial"} - {item.label for item in items}
    if missing:
        raise ContentError(f"{where}: no {', '.join(sorted(missing))} items")
    for item in items:
        problem = _expected_problem(task, item.expected)
        if problem:
            raise ContentError(f"{where}: item {item.id}: {problem}")


def _expected_problem(task: WorkSampleTask, expected: dict[str, Any]) -> str:
    if task.kind == "extraction":
        names = {f.name for f in task.fields}
        if set(expected) != names:
            return f"expected must have exactly the fields {sorted(names)}"
    elif task.kind == "triage":
        if expected.get("category") not in task.categories:
            return f"expected category {expected.get('category')!r} is not one of the task's"
    else:
        try:
            for key in ("required_facts", "forbidden_facts"):
                [Fact(**fact) for fact in expected.get(key, [])]
        except (TypeError, ValidationError) as exc:
            return f"a fact is malformed: {exc}".splitlines()[0]
        if not expected.get("required_facts"):
            return "a summary item lists the facts it must state"
    return ""


def _text(path: Path) -> str:
    try:
        return read_input(path, limit=MAX_DATA_BYTES, kind="work-sample file").decode("utf-8")
    except (InputFileError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: {getattr(exc, 'problem', exc)}") from None


def _jsonl(path: Path, model: type[BaseModel]) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            model(**row)
        except ValueError as exc:
            if isinstance(exc, ValidationError):
                raise ContentError(describe_validation_error(f"{path}:{number}", exc)) from None
            raise ContentError(f"{path}:{number}: not a JSON object ({exc})") from None
        except TypeError:
            raise ContentError(f"{path}:{number}: not a JSON object") from None
        rows.append(row)
    return rows
