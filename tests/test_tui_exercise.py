"""The eval-design exercise in the app (simulator/tui/screens/eval_exercise.py): opened from
home or the command palette, typed into, checked with Ctrl+R, submitted with Ctrl+E or by the
clock at zero; everything typed is saved within half a second with a timeline that replays
to the code. On the small fixture work sample, a check takes about a second."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from simulator.services.exercises import replay
from simulator.store.exercises import ExerciseStore, TimelineEvent
from simulator.tui.app import MockloopApp
from simulator.tui.options import PracticeOptions
from simulator.tui.screens import eval_exercise
from simulator.tui.screens.eval_exercise import EvalExerciseScreen
from simulator.tui.screens.exercise_result import ExerciseResultScreen
from tests.tui_helpers import EXERCISE_TASK, install_exercise_sample, open_exercise, wait_for

SIZE = (110, 36)

CATCHING_EVAL = """
def test_dates_and_refunds_match(cases):
    wrong = [
        c["id"] for c in cases
        if not isinstance(c["output"], dict)
        or c["output"]["order_date"] != c["expected"]["order_date"]
        or c["output"]["wants_refund"] != c["expected"]["wants_refund"]
    ]
    assert len(wrong) <= 1, wrong
"""


@pytest.fixture(autouse=True)
def sample(isolated_home: Path) -> None:
    install_exercise_sample(isolated_home)


def app() -> MockloopApp:
    return MockloopApp(PracticeOptions(engine="offline", seed=1))


def store(pilot: Any) -> ExerciseStore:
    return ExerciseStore(pilot.app.workspace.db)


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_command_palette_offers_the_exercise_on_every_task() -> None:
    async with app().run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert "Eval-design exercise: ticket-triage" in commands

        commands[f"Eval-design exercise: {EXERCISE_TASK}"].callback()
        await pilot.pause()
        assert isinstance(pilot.app.screen, EvalExerciseScreen)
        assert pilot.app.screen.exercise.sample.task.id == EXERCISE_TASK


async def test_typing_is_saved_within_half_a_second_and_the_timeline_replays_to_it() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        await pilot.press("enter", *"import", "space", *"re", "backspace", "backspace", *"json")
        screen.note.insert("Runs in CI on every prompt change.")
        # Saved within half a second; a loaded machine may run the save's timer a little late.
        await wait_for(pilot, lambda: store(pilot).get(screen.exercise.id).note != "", 5)

        row = store(pilot).get(screen.exercise.id)
        assert row.code == screen.editor.text
        assert row.code.endswith("\nimport json")
        assert row.note == "Runs in CI on every prompt change."
        events = store(pilot).events(row.id)
        assert replay(events) == row.code
        assert [e.kind for e in events[:2]] == ["start", "edit"]
        assert any(e.deleted == "r" for e in events)  # a backspace keeps what it took away


async def test_undo_and_redo_are_in_the_timeline_too() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        await pilot.press(*"xyz")
        await pilot.press("ctrl+z")
        screen.editor.replace("cases", (0, 0), (0, 3))  # a selection typed over
        await pilot.press("ctrl+z", "ctrl+y", "ctrl+s")
        await pilot.pause()

        row = store(pilot).get(screen.exercise.id)
        assert row.code == screen.editor.text
        assert replay(store(pilot).events(row.id)) == row.code


async def test_ctrl_r_shows_the_report_while_the_editor_stays_usable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked = threading.Event()  # the check is held until the test has typed on
    real_check = eval_exercise.exercises.check

    def held_check(sample: Any, code: str) -> Any:
        checked.wait(20)
        return real_check(sample, code)

    monkeypatch.setattr(eval_exercise.exercises, "check", held_check)
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        editor = screen.editor
        editor.replace(CATCHING_EVAL, editor.document.start, editor.document.end)
        await pilot.press("ctrl+r")
        await pilot.pause()
        panel = screen.query_one("#check-panel")
        assert panel.display and panel.loading
        assert "checking…" in text_of(screen, "#exercise-status")
        await pilot.press("enter", *"x")  # typing goes on while the check runs
        assert editor.text.endswith("\nx")

        checked.set()
        await wait_for(pilot, lambda: not screen.checking)
        assert not panel.loading
        assert "Catches the regression" in text_of(screen, "#check-report")
        assert "last check: catches the regression" in text_of(screen, "#exercise-status")
        row = store(pilot).get(screen.exercise.id)
        assert row.report is not None and row.report["caught_regression"] is True
        events = store(pilot).events(row.id)
        assert [e.inserted for e in events if e.kind == "check"] == [row.report["summary"]]
        assert replay(events) == row.code == editor.text


async def test_the_exercise_opens_from_home_and_a_submit_asks_first_then_shows_the_result() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        exercise_id = screen.exercise.id

        # Opened: the task, both prompts and a starter eval, the clock running.
        sample = screen.exercise.sample
        assert screen.title == sample.task.title
        assert "four fields as one JSON object" in text_of(screen, "#task-summary")
        assert sample.prompts["good"].strip()[:40] in text_of(screen, "#good-prompt Static")
        assert sample.prompts["broken"].strip()[:40] in text_of(screen, "#broken-prompt Static")
        shown = " ".join(str(w.render()) for w in screen.query(Static))
        assert sample.task.broken[:30] not in shown  # what the broken prompt breaks: hidden
        assert "def test_replace_me(cases):" in screen.editor.text
        assert screen.editor.has_focus
        # The clock has just started (a loaded machine may take a second or two to get here).
        status = text_of(screen, "#exercise-status")
        assert re.match(r"(45:00|44:5\d) left · 00:0\d of 45:00", status)
        assert not screen.query_one("#check-panel").display  # until the first check

        # Submitted: asked first, then the result.
        await pilot.press("ctrl+e", "n")
        await pilot.pause()
        assert pilot.app.screen is screen, "No keeps the exercise open"

        await pilot.press("ctrl+e", "y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseResultScreen))
        result = pilot.app.screen
        assert re.match(r"Submitted by you at 00:0\d of 45:00", text_of(result, "#result-heading"))
        shown = text_of(result, "#result-report")
        assert "Misses the regression" in shown
        assert "Eval design grade" in shown
        row = store(pilot).get(exercise_id)
        assert row.status == "submitted"
        assert row.grade is not None and row.grade["caught_regression"] is False
        assert row.report is not None and row.report["caught_regression"] is False
        assert store(pilot).events(exercise_id)[-1].kind == "submit"
        assert store(pilot).unfinished() == []

        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HomeScreen"


class FakeClock:
    """The screen's clock, moved on by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


async def test_the_clock_counts_down_and_submits_at_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeClock()
    monkeypatch.setattr(eval_exercise, "time", fake)
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        fake.now += 10 * 60 + 5
        screen._tick()
        assert text_of(screen, "#exercise-status").startswith("34:55 left · 10:05 of 45:00")

        await pilot.press(*"ok")
        fake.now += 35 * 60
        screen._tick()
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseResultScreen))
        heading = text_of(pilot.app.screen, "#result-heading")
        assert "Submitted when the time ran out at 45:00 of 45:00" in heading
        row = store(pilot).get(screen.exercise.id)
        assert (row.status, row.elapsed) == ("submitted", 45 * 60)
        assert row.code.endswith("ok")


async def test_an_exercise_left_mid_way_resumes_with_code_note_clock_and_timeline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeClock()
    monkeypatch.setattr(eval_exercise, "time", fake)
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        exercise_id = screen.exercise.id
        fake.now += 125
        await pilot.press("enter", *"abc")
        screen.note.insert("Threshold 0.97")
        code = screen.editor.text
    # Closed at once: no half-second save was due yet, the last one ran on the way out.

    async with app().run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = pilot.app.screen
        table = home.query_one("#unfinished-exercises")
        assert [str(k.value) for k in table.rows] == [exercise_id]
        assert table.get_row_at(0) == [exercise_id, EXERCISE_TASK, "42:55"]
        table.focus()
        await pilot.press("enter")
        await pilot.pause()

        screen = pilot.app.screen
        assert isinstance(screen, EvalExerciseScreen)
        assert screen.editor.text == code
        assert screen.note.text == "Threshold 0.97"
        assert text_of(screen, "#exercise-status").startswith("42:55 left · 02:05 of 45:00")
        await pilot.press(*"d")
        await pilot.press("ctrl+s")
        await pilot.pause()
        events = store(pilot).events(exercise_id)
        assert TimelineEvent(125.0, "resume") in events
        assert events[-1].t == 125.0  # the clock stopped while the app was closed
        assert replay(events) == screen.editor.text == code + "d"


async def test_a_submitted_exercise_is_not_offered_again() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        exercise_id = screen.exercise.id
        store(pilot).db.table("exercises").update(exercise_id, {"status": "submitted"})
        pilot.app.open_exercise(exercise_id)
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_a_failed_save_keeps_the_edits_for_the_next_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot)
        real_save = eval_exercise.exercises.save
        failing = {"on": True, "tried": 0}

        def save(*args: Any) -> None:
            if failing["on"]:
                failing["tried"] += 1
                raise OSError("disk full")
            real_save(*args)

        monkeypatch.setattr(eval_exercise.exercises, "save", save)
        await pilot.press(*"ab")
        await wait_for(pilot, lambda: failing["tried"] > 0, 5)
        assert screen.editor.recorded, "kept for the next save"
        failing["on"] = False
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.editor.recorded == [], 5)
        events = store(pilot).events(screen.exercise.id)
        assert replay(events) == screen.editor.text
