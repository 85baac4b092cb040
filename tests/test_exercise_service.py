"""The eval-design exercise as a feature (simulator/services/exercises.py): starting one,
saving as the candidate types, resuming, and what is refused. The fixture work sample is
installed as the user's own (MOCKLOOP_HOME/worksamples). The check's reports here are built
as the sandbox's verdicts would make them; running it for real is in test_tui_exercise.py."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from scoring.evaldesign import EvalDesignReport, RunOutcome, analyse_eval, build_report
from simulator.content.loader import UnknownIdError
from simulator.services import exercises
from simulator.services.exercises import Draft, ExerciseSubmittedError
from simulator.services.worksamples import work_sample
from simulator.store.exercises import ExerciseNotFoundError, TimelineEvent
from simulator.workspace import Workspace

SAMPLE = Path(__file__).resolve().parent / "data" / "worksample" / "order-email-fields"
TASK = "order-email-fields"


@pytest.fixture(autouse=True)
def user_sample(isolated_home: Path) -> None:
    shutil.copytree(SAMPLE, isolated_home / "worksamples" / TASK)


def test_a_new_exercise_starts_from_a_starter_file_for_its_task(ws: Workspace) -> None:
    exercise = exercises.start(ws, TASK)

    code = exercise.row.code
    ast.parse(code)  # a valid Python module
    for field in ("customer_name", "order_id", "order_date", "wants_refund"):
        assert field in code
    assert "def test_replace_me(cases):" in code
    assert exercise.stored_events == 1
    assert exercises.replay(exercises.timeline(ws, exercise.id)[1]) == code


@pytest.mark.parametrize("task", ["ticket-triage", "event-log-email-summary"])
def test_every_kind_of_task_gets_a_starter_that_parses(task: str) -> None:
    sample = work_sample(task)
    code = exercises.starter_code(sample.task)
    ast.parse(code)
    assert sample.task.broken not in code  # what the broken prompt breaks stays hidden


def test_an_unknown_task_writes_nothing(ws: Workspace) -> None:
    with pytest.raises(UnknownIdError, match="unknown work-sample task"):
        exercises.start(ws, "no-such-task")
    assert exercises.unfinished(ws) == []


def test_the_task_list_titles_every_work_sample() -> None:
    tasks = {t.id: t.title for t in exercises.exercise_tasks()}
    assert tasks[TASK] == "Extract four fields from an order email (test fixture)"
    assert "ticket-triage" in tasks


def test_a_saved_draft_resumes_with_its_code_note_clock_and_timeline(ws: Workspace) -> None:
    exercise = exercises.start(ws, TASK)
    starter = exercise.row.code
    typed = TimelineEvent(12.5, "edit", (0, 0), (0, 0), "import re\n")
    exercises.save(
        ws,
        exercise.id,
        Draft(
            code="import re\n" + starter, note="Runs on every PR.", elapsed=14.0, events=(typed,)
        ),
    )

    again = exercises.resume(ws, exercise.id[:12])
    assert again.row.code == "import re\n" + starter
    assert (again.row.note, again.row.elapsed, again.stored_events) == (
        "Runs on every PR.",
        14.0,
        2,
    )
    assert exercises.replay(exercises.timeline(ws, exercise.id)[1]) == again.row.code


def test_a_submitted_exercise_cannot_be_resumed(ws: Workspace) -> None:
    exercise = exercises.start(ws, TASK)
    ws.db.table("exercises").update(exercise.id, {"status": "submitted"})

    with pytest.raises(ExerciseSubmittedError, match="mockloop exercise replay"):
        exercises.resume(ws, exercise.id)
    assert exercises.unfinished(ws) == []


def test_an_unknown_exercise_is_one_line(ws: Workspace) -> None:
    with pytest.raises(ExerciseNotFoundError, match="no exercise matches 'ex-nope'"):
        exercises.resume(ws, "ex-nope")


def report_of(good: str, broken: str) -> EvalDesignReport:
    """A check's report with the two runs' verdicts given, as the sandbox would judge them."""
    runs = [
        RunOutcome(version=version, verdict=verdict, detail="", tests=1)
        for version, verdict in (("good", good), ("broken", broken))
    ]
    return build_report(TASK, "eval.py", analyse_eval("def test_x(cases): pass\n"), *runs, {})


def test_a_check_is_kept_as_the_last_report_and_a_moment_of_the_timeline(ws: Workspace) -> None:
    exercise = exercises.start(ws, TASK)
    report = report_of("passed", "failed")
    exercises.record_check(ws, exercise.id, Draft(exercise.row.code, "", 61.0), report)

    row, events = exercises.timeline(ws, exercise.id)
    assert row.report == report.model_dump(mode="json")
    assert events[-1] == TimelineEvent(61.0, "check", inserted=report.summary)
    assert exercises.verdict(row.report) == "catches the regression"


def test_a_submitted_exercise_keeps_its_report_and_leaves_the_unfinished_list(
    ws: Workspace,
) -> None:
    exercise = exercises.start(ws, TASK)
    report = report_of("passed", "passed")
    assessment = exercises.Assessment(report=report, grade=None, text="table")
    exercises.submit(ws, exercise.id, Draft("x = 1\n", "CI nightly", 300.0), assessment)

    row, events = exercises.timeline(ws, exercise.id)
    assert (row.status, row.code, row.note, row.elapsed) == (
        "submitted",
        "x = 1\n",
        "CI nightly",
        300.0,
    )
    assert exercises.verdict(row.report) == "misses the regression"
    assert events[-1].kind == "submit"
    assert exercises.unfinished(ws) == []


@pytest.mark.parametrize(
    ("good", "broken", "words"),
    [
        ("failed", "failed", "fails on the good version"),
        ("timeout", "passed", "did not finish: the sandbox stopped the eval: timeout"),
    ],
)
def test_the_verdict_says_why_an_eval_misses(good: str, broken: str, words: str) -> None:
    report = report_of(good, broken).model_dump(mode="json")
    assert exercises.verdict(report).startswith(words)
    assert exercises.verdict(None) == "not run"
