"""`mockloop exercise list | replay ID`: the eval-design exercises candidates worked on in the
app, and, for the interviewer, how each eval was written: what was typed and deleted when,
the pauses, the checks the candidate ran, and the final code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from simulator.cli.errors import fail
from simulator.cli.show import show
from simulator.interview.clock import clock

if TYPE_CHECKING:  # the store loads when a command runs, so --help stays fast
    from simulator.store.exercises import ExerciseRow, TimelineEvent

DEFAULT_PAUSE_SECONDS = 20.0
MAX_SHOWN = 60  # characters of typed or deleted text on one line of the replay


@click.group()
def exercise() -> None:
    """The stage-2 eval-design exercises written in the app, for interviewers."""


@exercise.command("list")
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True)
@click.option("--unfinished", is_flag=True, help="Only exercises that can be resumed.")
def list_exercises(limit: int, unfinished: bool) -> None:
    """List exercises, the most recently worked on first: id, task, status, time used and
    the last check's verdict."""
    from simulator.services.exercises import verdict
    from simulator.store.exercises import ExerciseStore
    from simulator.workspace import Workspace

    with Workspace() as ws:
        rows = ExerciseStore(ws.db).recent(status="active" if unfinished else None, limit=limit)
    if not rows:
        show("No exercises yet. Start one in `mockloop practice`: Eval-design exercise (F5).")
        return
    show(f"{'exercise':<27} {'task':<26} {'status':<9} {'elapsed':>7}  last check")
    for row in rows:
        show(
            f"{row.id:<27} {row.task_id[:26]:<26} {row.status:<9} {clock(row.elapsed):>7}  "
            f"{verdict(row.report)}"
        )


@exercise.command("replay")
@click.argument("exercise_id", metavar="ID")
@click.option(
    "--pauses",
    "pause",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_PAUSE_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="Mark every pause longer than this.",
)
def replay(exercise_id: str, pause: float) -> None:
    """How the eval of exercise ID (or a unique prefix) was written: each run of typing or
    deleting with its time on the exercise's clock, the pauses longer than SECONDS, the
    checks run, then the note and the final code."""
    from simulator.services.exercises import replay as rebuild
    from simulator.services.exercises import timeline
    from simulator.store.exercises import ExerciseNotFoundError
    from simulator.workspace import Workspace

    with Workspace() as ws:
        try:
            row, events = timeline(ws, exercise_id)
        except ExerciseNotFoundError as exc:
            fail(str(exc))
    show(header(row))
    show()
    for line in timeline_lines(events, pause):
        show(line)
    show()
    show("Note:")
    show(row.note.strip() or "(none written)")
    show()
    show("Final code (eval.py):")
    code = rebuild(events)
    show(code, nl=False)
    if code != row.code:  # never expected: the store writes both in one transaction
        show("mockloop: the timeline does not rebuild the saved code", err=True)


def header(row: ExerciseRow) -> str:
    from simulator.services.exercises import verdict

    used = f"{clock(row.elapsed)} of {clock(row.minutes * 60)}"
    lines = [
        f"Exercise {row.id} · {row.task_id} · {row.status} · {used}",
        f"Last check: {verdict(row.report)}",
    ]
    if row.grade:
        level = row.grade.get("weighted_level")
        shown_level = f" (weighted level {level:.2f})" if isinstance(level, float) else ""
        lines.append(f"Grade: {row.grade.get('recommendation')}{shown_level}")
    return "\n".join(lines)


@dataclass
class Run:
    """Edits that read as one action: typing on from where the last key left off, or
    deleting back (or forward) from where the last deletion was."""

    t: float
    what: str  # "typed", "deleted", "replaced", or an event kind
    at: tuple[int, int]
    text: str = ""
    removed: str = ""
    end: tuple[int, int] = (0, 0)  # where the next keystroke of the same run lands

    def line(self) -> str:
        where = f"line {self.at[0] + 1}"
        if self.what == "typed":
            return f"{clock(self.t)}  typed {shown(self.text)} at {where}"
        if self.what == "deleted":
            return f"{clock(self.t)}  deleted {shown(self.removed)} at {where}"
        if self.what == "replaced":
            return (
                f"{clock(self.t)}  replaced {shown(self.removed)} by {shown(self.text)} at {where}"
            )
        if self.what == "start":
            lines = self.text.count("\n")
            return f"{clock(self.t)}  started from the starter file ({lines} lines)"
        if self.what == "check":
            return f"{clock(self.t)}  ran the check: {self.text}"
        if self.what == "resume":
            return f"{clock(self.t)}  reopened the exercise"
        return f"{clock(self.t)}  submitted: {self.text}"


def timeline_lines(events: Sequence[TimelineEvent], pause: float) -> list[str]:
    """The timeline as the interviewer reads it: one line a run, pauses longer than `pause`
    seconds marked where they happened."""
    lines: list[str] = []
    runs: list[Run] = []
    last_t: float | None = None
    for event in events:
        gap = 0.0 if last_t is None else event.t - last_t
        last_t = event.t
        if gap > pause:
            runs.append(Run(event.t, "pause", (0, 0), text=clock(gap)))
        elif runs and _extends(runs[-1], event):
            _extend(runs[-1], event)
            continue
        runs.append(_run(event))
    for run in runs:
        lines.append(f"       ·· pause {run.text} ··" if run.what == "pause" else run.line())
    return lines


def _run(event: TimelineEvent) -> Run:
    if event.kind != "edit":
        return Run(event.t, event.kind, event.start, text=event.inserted)
    if event.inserted and not event.deleted:
        return Run(event.t, "typed", event.start, event.inserted, end=_after(event))
    if event.deleted and not event.inserted:
        top = min(event.start, event.end)
        return Run(event.t, "deleted", top, removed=event.deleted, end=top)
    return Run(event.t, "replaced", event.start, event.inserted, event.deleted)


def _extends(run: Run, event: TimelineEvent) -> bool:
    if event.kind != "edit":
        return False
    top = min(event.start, event.end)
    if run.what == "typed":
        return bool(event.inserted) and not event.deleted and top == run.end
    if run.what == "deleted":
        bottom = max(event.start, event.end)
        backwards = bottom == run.end
        forwards = top == run.end
        return bool(event.deleted) and not event.inserted and (backwards or forwards)
    return False


def _extend(run: Run, event: TimelineEvent) -> None:
    if run.what == "typed":
        run.text += event.inserted
        run.end = _after(event)
        return
    top = min(event.start, event.end)
    if max(event.start, event.end) == run.end and top != run.end:  # backspace
        run.removed = event.deleted + run.removed
        run.at = top
    else:  # the Delete key, at the same place
        run.removed += event.deleted
    run.end = top


def _after(event: TimelineEvent) -> tuple[int, int]:
    """Where the cursor is after typing `event.inserted` at its start."""
    row, col = min(event.start, event.end)
    lines = event.inserted.split("\n")
    if len(lines) == 1:
        return row, col + len(lines[0])
    return row + len(lines) - 1, len(lines[-1])


def shown(text: str) -> str:
    """Typed text on one line: quoted, line breaks and tabs as \\n and \\t, long text cut."""
    quoted = repr(text)
    return quoted if len(quoted) <= MAX_SHOWN else quoted[: MAX_SHOWN - 2] + "…" + quoted[0]
