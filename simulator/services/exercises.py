"""The stage-2 eval-design exercise as a feature: start one on a work sample, save the
candidate's eval, note, clock and keystroke timeline as they type, run the check, submit,
resume one left unfinished, and rebuild the code from its timeline.

The slow parts (`check`, `assess`: the eval runs in the sandbox, about a second) touch no
database, so the app runs them off its UI thread and stores their result on it
(`record_check`, `submit`). Errors are typed (UnknownIdError and ContentError for a work
sample, ExerciseNotFoundError, ExerciseSubmittedError); nothing here prints or exits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scoring.content import ContentError
from simulator.store.exercises import (
    ExerciseNotFoundError,
    ExerciseRow,
    ExerciseStore,
    Location,
    TimelineEvent,
)

if TYPE_CHECKING:
    from scoring.evaldesign import EvalDesignReport
    from scoring.worksample.models import WorkSample, WorkSampleTask
    from simulator.workspace import Workspace

# The seed's stage 2: a 45-minute live exercise.
EXERCISE_MINUTES = 45
EVAL_FILE = "eval.py"  # the name the candidate's eval runs under
# What Textual's document counts as the end of a line when text ends with it.
_LINE_ENDS = ("\r\n", "\n", "\r")


class ExerciseSubmittedError(ContentError):
    """The exercise was submitted: it can be replayed, not changed or resumed."""


@dataclass(frozen=True)
class ExerciseTask:
    """A work sample as the exercise's task list shows it."""

    id: str
    title: str


@dataclass(frozen=True)
class Exercise:
    """An exercise opened to work on: its row, its work sample, and how many timeline
    events are stored (what the editor records next comes after them)."""

    row: ExerciseRow
    sample: WorkSample
    stored_events: int

    @property
    def id(self) -> str:
        return self.row.id


@dataclass(frozen=True)
class Draft:
    """What the candidate has at one moment: the code, the note, the clock, and the
    timeline events recorded since the last save."""

    code: str
    note: str
    elapsed: float
    events: tuple[TimelineEvent, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """A submitted eval judged: the check's report, the grade (JSON) and both as the
    candidate reads them."""

    report: EvalDesignReport
    grade: dict[str, Any] | None
    text: str


def exercise_tasks() -> list[ExerciseTask]:
    """Every work sample the exercise can use, by id, titled from its task.yaml (a task
    whose file cannot be read is listed by its id; starting it says what is wrong)."""
    from scoring.content import load_model
    from scoring.worksample.models import WorkSampleTask
    from simulator.services.worksamples import work_sample_folders

    tasks = []
    for task_id, folder in work_sample_folders().items():
        try:
            title = load_model(folder / "task.yaml", WorkSampleTask).title
        except ContentError:
            title = task_id
        tasks.append(ExerciseTask(task_id, title))
    return tasks


def starter_code(task: WorkSampleTask) -> str:
    """The file the candidate starts from: a docstring on the `cases` fixture for this
    task, and one example test that checks nothing yet (it passes on both versions)."""
    if task.kind == "extraction":
        expected = "{" + ", ".join(f'"{f.name}": ...' for f in task.fields) + "}"
    elif task.kind == "triage":
        expected = '{"category": one of ' + ", ".join(task.categories) + "}"
    else:
        expected = '{"required_facts": [fact, ...], "forbidden_facts": [fact, ...]}'
    lines = [
        f'"""An eval for: {task.title}.',
        "",
        "Write pytest tests that pass on the good prompt's outputs and fail on the broken",
        "one's. A test that takes the fixture `cases` gets one record per dataset item:",
        "",
        '    {"id": ..., "input": ..., "expected": ..., "output": ...}',
        "",
        f"- expected: {expected}",
    ]
    if task.kind == "summary":
        lines.append('  where a fact is {"id": ..., "text": ..., "patterns": [regex, ...]}')
    lines += [
        "- output: the model's output parsed as JSON where it parses, else the raw text",
        '"""',
        "",
        "",
        "def test_replace_me(cases):",
        "    # An example to replace: it checks nothing about the outputs yet.",
        "    assert len(cases) > 0",
        "",
    ]
    return "\n".join(lines)


def _store(ws: Workspace) -> ExerciseStore:
    return ExerciseStore(ws.db)


def start(ws: Workspace, task_id: str) -> Exercise:
    """A new exercise on `task_id` with the starter file; the work sample is read first, so
    nothing is written for a task that does not exist or cannot be read."""
    from simulator.services.worksamples import work_sample

    sample = work_sample(task_id)
    row = _store(ws).create(task_id, minutes=EXERCISE_MINUTES, starter=starter_code(sample.task))
    return Exercise(row, sample, stored_events=1)


def find(ws: Workspace, exercise_id: str) -> ExerciseRow:
    """An exercise by id or unique prefix (ExerciseNotFoundError, one line)."""
    return _store(ws).find(exercise_id)


def unfinished(ws: Workspace, limit: int = 20) -> list[ExerciseRow]:
    """Exercises still open, the most recently worked on first."""
    return _store(ws).unfinished(limit)


def resume(ws: Workspace, exercise_id: str) -> Exercise:
    """An unfinished exercise as it was last saved: code, note, clock and timeline. A
    submitted one is refused (ExerciseSubmittedError); its work sample must still exist."""
    from simulator.services.worksamples import work_sample

    store = _store(ws)
    row = store.find(exercise_id)
    if row.status == "submitted":
        raise ExerciseSubmittedError(
            f"exercise {row.id} was submitted; `mockloop exercise replay {row.id}` shows it"
        )
    sample = work_sample(row.task_id)
    return Exercise(row, sample, stored_events=len(store.events(row.id)))


def save(ws: Workspace, exercise_id: str, draft: Draft) -> None:
    """Store the draft: code, note, clock and new events together."""
    _store(ws).save(
        exercise_id,
        code=draft.code,
        note=draft.note,
        elapsed=draft.elapsed,
        events=draft.events,
    )


def check(sample: WorkSample, code: str) -> EvalDesignReport:
    """Run the candidate's eval against the good and the broken outputs in the sandbox
    (slow; no database)."""
    from simulator.services.evaldesign import check_eval

    return check_eval(sample, code, EVAL_FILE)


def record_check(ws: Workspace, exercise_id: str, draft: Draft, report: EvalDesignReport) -> None:
    """Store the draft the check ran on, the report as the last one, and the check as a
    moment of the timeline (its headline)."""
    event = TimelineEvent(draft.elapsed, "check", inserted=report.summary)
    _store(ws).save(
        exercise_id,
        code=draft.code,
        note=draft.note,
        elapsed=draft.elapsed,
        events=(*draft.events, event),
        report=report.model_dump(mode="json"),
    )


def assess(sample: WorkSample, code: str, note: str) -> Assessment:
    """Judge a submitted eval (slow; no database): the check's report and the grade of the
    report and the note against the eval-design rubric, shown as `mockloop evaldesign grade`
    shows them."""
    from scoring.evaldesign import render_grade, report_table
    from simulator.services.evaldesign import grade_eval

    report, grade = grade_eval(sample, code, EVAL_FILE, note)
    return Assessment(
        report=report,
        grade=grade.model_dump(mode="json"),
        text=report_table(report) + "\n" + render_grade(grade),
    )


def submit(ws: Workspace, exercise_id: str, draft: Draft, assessment: Assessment) -> None:
    """The exercise is handed in (by the candidate, or by the clock at zero): the last
    draft, the report and the grade are stored, and it is no longer offered for resuming."""
    event = TimelineEvent(draft.elapsed, "submit", inserted=assessment.report.summary)
    _store(ws).finish(
        exercise_id,
        code=draft.code,
        note=draft.note,
        elapsed=draft.elapsed,
        events=(*draft.events, event),
        report=assessment.report.model_dump(mode="json"),
        grade=assessment.grade,
    )


def verdict(report: dict[str, object] | None) -> str:
    """The last check in a few words (a stored report's JSON): whether the eval catches the
    regression, or why not."""
    if report is None:
        return "not run"
    if report.get("stopped"):
        return "did not finish: " + str(report["stopped"])
    if report.get("caught_regression"):
        return "catches the regression"
    if not report.get("passes_on_good"):
        return "fails on the good version"
    return "misses the regression"


def timeline(ws: Workspace, exercise_id: str) -> tuple[ExerciseRow, list[TimelineEvent]]:
    """An exercise (by id or prefix) and its whole timeline, for replaying."""
    store = _store(ws)
    row = store.find(exercise_id)
    return row, store.events(row.id)


def replay(events: Sequence[TimelineEvent]) -> str:
    """The code the timeline's edits make, applied in order to an empty file, exactly as
    Textual's editor applies them (its `Document.replace_range`)."""
    lines = [""]
    for event in events:
        if event.changes_code:
            lines = _replace(lines, event.start, event.end, event.inserted)
    return "\n".join(lines)


def _replace(lines: list[str], start: Location, end: Location, text: str) -> list[str]:
    (top_row, top_col), (bottom_row, bottom_col) = sorted((start, end))
    inserted = text.splitlines()
    if text.endswith(_LINE_ENDS):
        inserted.append("")
    before = lines[top_row][:top_col] if top_row < len(lines) else ""
    after = lines[bottom_row][bottom_col:] if bottom_row < len(lines) else ""
    if inserted:
        inserted[0] = before + inserted[0]
        inserted[-1] = inserted[-1] + after
    else:
        inserted = [before + after]
    return [*lines[:top_row], *inserted, *lines[bottom_row + 1 :]]


def text_change(before: str, after: str, t: float) -> TimelineEvent | None:
    """One edit that turns `before` into `after` (the common start and end kept), for
    changes that do not pass through a single edit (an undo, a redo, a whole new text);
    None when nothing changed. Both texts use "\\n" between lines, as the editor's do."""
    if before == after:
        return None
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < limit - prefix
        and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]
    ):
        suffix += 1
    return TimelineEvent(
        t,
        "edit",
        start=_location(before, prefix),
        end=_location(before, len(before) - suffix),
        inserted=after[prefix : len(after) - suffix],
        deleted=before[prefix : len(before) - suffix],
    )


def _location(text: str, offset: int) -> Location:
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


__all__ = [
    "EXERCISE_MINUTES",
    "Assessment",
    "Draft",
    "Exercise",
    "ExerciseNotFoundError",
    "ExerciseSubmittedError",
    "ExerciseTask",
    "TimelineEvent",
    "assess",
    "check",
    "exercise_tasks",
    "find",
    "record_check",
    "replay",
    "resume",
    "save",
    "start",
    "starter_code",
    "submit",
    "text_change",
    "timeline",
    "unfinished",
    "verdict",
]
