"""Grading a candidate's stage-1 outputs on a work sample's dataset, as the seed grades it:
reliability across the dataset (overall and per label: positive, edge, adversarial), and,
when a note is given, the failure-mode note.

`grade_outputs` is pure: the task, its items, the text of the outputs file and the note's
text in; a `WorkSampleGrade` out. Nothing in the outputs raises: malformed lines and outputs
are counted, listed and graded as failures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from scoring.worksample.extraction import ExtractionGrade, grade_extraction
from scoring.worksample.models import Item, ItemLabel, TaskKind, WorkSampleTask
from scoring.worksample.note import NoteGrade, read_note
from scoring.worksample.submission import (
    Problem,
    ProblemKind,
    output_object,
    output_text,
    read_submission,
)
from scoring.worksample.summary import SummaryGrade, grade_summaries
from scoring.worksample.triage import TriageGrade, grade_triage

LABELS: tuple[ItemLabel, ...] = ("positive", "edge", "adversarial")
KindGrade = ExtractionGrade | TriageGrade | SummaryGrade


class LabelGrade(BaseModel):
    """The headline figures of the items of one label."""

    label: ItemLabel
    items: int
    metrics: dict[str, float | None]


class WorkSampleGrade(BaseModel):
    task: str
    title: str
    kind: TaskKind
    items: int
    usable: int  # items with an output that could be read
    problems: list[Problem]
    problem_counts: dict[ProblemKind, int]
    extraction: ExtractionGrade | None = None
    triage: TriageGrade | None = None
    summary: SummaryGrade | None = None
    by_label: list[LabelGrade]
    note: NoteGrade | None = None

    def headline(self) -> dict[str, float | None]:
        graded = self.extraction or self.triage or self.summary
        return graded.headline() if graded is not None else {}


def grade_outputs(
    task: WorkSampleTask, items: Sequence[Item], outputs_text: str, note: str | None = None
) -> WorkSampleGrade:
    """Grade the outputs file's text (JSONL of `{"id", "output"}`) on `items`, and the note."""
    submission = read_submission(outputs_text, [item.id for item in items])
    problems = list(submission.problems)
    for item in items:
        if item.id in submission.outputs:
            why = _malformed(task.kind, submission.outputs[item.id])
            if why:
                line = submission.lines[item.id]
                problems.append(Problem(kind="malformed_output", line=line, id=item.id, detail=why))
    outputs = submission.outputs
    graded = grade_items(task, items, outputs)
    by_label = [
        LabelGrade(
            label=label,
            items=len(subset),
            metrics=grade_items(task, subset, outputs).headline(),
        )
        for label in LABELS
        if (subset := [item for item in items if item.label == label])
    ]
    unusable = {p.id for p in problems if p.kind in ("malformed_output", "no_output")}
    unusable |= {p.id for p in problems if p.kind == "missing_output"}
    return WorkSampleGrade(
        task=task.id,
        title=task.title,
        kind=task.kind,
        items=len(items),
        usable=sum(item.id not in unusable for item in items),
        problems=problems,
        problem_counts=dict(Counter(p.kind for p in problems)),
        extraction=graded if isinstance(graded, ExtractionGrade) else None,
        triage=graded if isinstance(graded, TriageGrade) else None,
        summary=graded if isinstance(graded, SummaryGrade) else None,
        by_label=by_label,
        note=read_note(note, [item.id for item in items]) if note is not None else None,
    )


def grade_items(task: WorkSampleTask, items: Sequence[Item], outputs: dict[str, Any]) -> KindGrade:
    """The metrics of the task's kind on `items` (an item missing from `outputs` failed)."""
    if task.kind == "extraction":
        return grade_extraction(task.fields, items, outputs)
    if task.kind == "triage":
        return grade_triage(task.categories, items, outputs)
    return grade_summaries(items, outputs)


def _malformed(kind: TaskKind, output: Any) -> str:
    if kind == "summary":
        return output_text(output)[1]
    return output_object(output)[1]
