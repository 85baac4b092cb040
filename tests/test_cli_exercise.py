"""`mockloop exercise list | replay ID [--pauses SECONDS]` (simulator/cli/exercise.py): what
an interviewer reads of the eval-design exercises candidates wrote in the app."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result

from simulator.cli.exercise import exercise
from simulator.store.exercises import ExerciseStore, TimelineEvent
from simulator.workspace import Workspace

STARTER = "def test_replace_me(cases):\n    assert len(cases) > 0\n"
FINAL = "def test_replace_me(cases):\n    assert cases[0]['output']\n"


def keys(t: float, row: int, col: int, text: str, step: float = 0.2) -> list[TimelineEvent]:
    """`text` typed one key at a time from (row, col), `step` seconds apart."""
    return [
        TimelineEvent(t + n * step, "edit", (row, col + n), (row, col + n), ch)
        for n, ch in enumerate(text)
    ]


def backspaces(t: float, row: int, col: int, text: str) -> list[TimelineEvent]:
    """`text`, which ends at (row, col), deleted with backspace one key at a time."""
    events = []
    for n in range(len(text)):
        end = col - n
        events.append(
            TimelineEvent(t + n * 0.1, "edit", (row, end - 1), (row, end), "", text[-1 - n])
        )
    return events


@pytest.fixture
def store() -> Iterator[ExerciseStore]:
    with Workspace() as ws:
        yield ExerciseStore(ws.db)


@pytest.fixture
def written(store: ExerciseStore) -> str:
    """An exercise whose eval was written with a long pause before the fix and one check."""
    row = store.create("order-email-fields", minutes=45, starter=STARTER)
    deleting = backspaces(30.0, 1, 25, "len(cases) > 0")
    typing = keys(75.0, 1, 11, "cases[0]['output']")
    check = TimelineEvent(90.0, "check", inserted="Misses the regression: passes on both.")
    store.save(
        row.id,
        code=FINAL,
        note="Runs in CI on every prompt change; threshold 97%.",
        elapsed=95.0,
        events=[*deleting, *typing, check],
        report={"caught_regression": False, "passes_on_good": True, "stopped": None},
    )
    return row.id


def run(*args: str) -> Result:
    return CliRunner().invoke(exercise, list(args))


def test_list_says_how_to_start_when_there_is_none() -> None:
    result = run("list")
    assert result.exit_code == 0
    assert "No exercises yet" in result.output


def test_list_shows_the_task_status_time_and_last_verdict(written: str) -> None:
    result = run("list")

    assert result.exit_code == 0, result.output
    assert re.search(
        rf"^{written}\s+order-email-fields\s+active\s+01:35\s+misses the regression$",
        result.output,
        re.M,
    )


def test_replay_reads_as_runs_of_typing_with_the_pauses_marked(written: str) -> None:
    result = run("replay", written[:15])

    assert result.exit_code == 0, result.output
    timeline = result.output.split("Note:")[0]
    assert f"Exercise {written} · order-email-fields · active · 01:35 of 45:00" in timeline
    lines = [line for line in timeline.splitlines() if re.match(r"^\s*(\d\d:\d\d|··)", line)]
    assert lines == [
        "00:00  started from the starter file (2 lines)",
        "       ·· pause 00:30 ··",
        "00:30  deleted 'len(cases) > 0' at line 2",
        "       ·· pause 00:43 ··",
        "01:15  typed \"cases[0]['output']\" at line 2",
        "01:30  ran the check: Misses the regression: passes on both.",
    ]


def test_replay_ends_with_the_note_and_the_final_code(written: str) -> None:
    result = run("replay", written)

    note, code = result.output.split("Note:\n")[1].split("Final code (eval.py):\n")
    assert note.strip() == "Runs in CI on every prompt change; threshold 97%."
    assert code == FINAL


def test_a_graded_exercise_shows_its_recommendation(store: ExerciseStore) -> None:
    row = store.create("order-email-fields", minutes=45, starter=STARTER)
    store.finish(
        row.id,
        code=STARTER,
        note="",
        elapsed=600.0,
        events=[TimelineEvent(600.0, "submit", inserted="Misses the regression.")],
        report={"caught_regression": False, "passes_on_good": True, "stopped": None},
        grade={"recommendation": "no_hire", "weighted_level": 1.75},
    )

    header = run("replay", row.id).output.split("\n\n")[0]
    assert header.splitlines() == [
        f"Exercise {row.id} · order-email-fields · submitted · 10:00 of 45:00",
        "Last check: misses the regression",
        "Grade: no_hire (weighted level 1.75)",
    ]


def test_shorter_pauses_are_marked_on_request(written: str) -> None:
    result = run("replay", written, "--pauses", "2")

    assert result.output.count("·· pause") == 3  # and the check, 3 s after the last key


def test_an_unknown_exercise_is_one_line_and_exit_2() -> None:
    result = run("replay", "ex-nope")

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "mockloop: no exercise matches 'ex-nope' (see `mockloop exercise list`)"
    )


@pytest.mark.parametrize("pauses", ["0", "-3", "soon"])
def test_pauses_must_be_a_positive_number(written: str, pauses: str) -> None:
    assert run("replay", written, "--pauses", pauses).exit_code == 2
