"""Driving the practice app in tests: open a round, answer like a persona, wait for the
interviewer (or for the background judge), collect the notifications shown, and open the
eval-design exercise on a small fixture work sample."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, TextArea

from simulator.engines.offline import SimulatedCandidate
from simulator.interview.moves import Move
from simulator.tui.app import MockloopApp
from simulator.tui.screens.eval_exercise import EvalExerciseScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.interview import InterviewScreen


async def settle(pilot: Pilot[Any], seconds: float = 60) -> None:
    """Wait until the interviewer has finished speaking and the screen has redrawn.

    A key's action may only queue the work it starts (Ctrl+S sends once the answer box has
    handled its keys; a new screen opens the round when it mounts), and a loaded machine runs
    that queued step later than the key press returns. So wait until the app is still: two
    passes in a row that handle every queued message and find no worker left to finish."""
    deadline = time.monotonic() + seconds
    still = 0
    while still < 2:
        assert time.monotonic() < deadline, f"the app was still busy after {seconds} s"
        await pilot.pause()
        busy = [worker for worker in pilot.app.workers if not worker.is_finished]
        if busy:
            still = 0
            await pilot.app.workers.wait_for_complete(busy)
        else:
            still += 1


async def answer(pilot: Pilot[Any], text: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    screen.query_one("#answer", TextArea).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def answer_as(pilot: Pilot[Any], persona_id: str, brief_id: str, seed: int = 1) -> None:
    """Answer the pending question the way a simulated persona would."""
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    state = await screen.live.state()
    library = screen.mockloop_app.workspace.library  # the app's own, read once
    candidate = SimulatedCandidate(library.candidate(persona_id), library.brief(brief_id), seed)
    move = Move.from_dict(state["pending_move"] or {})
    await answer(pilot, candidate.answer(move, state["turns"]) or "I am not sure.")


async def open_round(pilot: Any) -> InterviewScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


def notices_of(app: MockloopApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification the app shows, in order (still shown as usual)."""
    notices: list[str] = []
    original = app.notify
    monkeypatch.setattr(app, "notify", lambda m, **kw: (notices.append(m), original(m, **kw)))
    return notices


async def wait_for(pilot: Any, done: Callable[[], bool], seconds: float = 20) -> None:
    """Pause until `done()` (say, the scorecard the background judge hands over)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert done(), f"still waiting after {seconds} s"
    await pilot.pause()  # let the screen that appeared finish mounting


EXERCISE_SAMPLE = Path(__file__).resolve().parent / "data" / "worksample" / "order-email-fields"
EXERCISE_TASK = "order-email-fields"


def install_exercise_sample(home: Path) -> None:
    """The small fixture work sample as the user's own (MOCKLOOP_HOME/worksamples): its
    check runs in about a second."""
    shutil.copytree(EXERCISE_SAMPLE, home / "worksamples" / EXERCISE_TASK)


async def open_exercise(pilot: Pilot[Any], task: str = EXERCISE_TASK) -> EvalExerciseScreen:
    """From the home screen: choose the task and press F5; the exercise screen is open once
    its editor has the focus it takes when mounted (a loaded machine gets there a few frames
    after the key press)."""
    await pilot.pause()
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.query_one("#exercise-task", Select).value = task
    await pilot.press("f5")
    await wait_for(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, EvalExerciseScreen) and pilot.app.screen.editor.has_focus
        ),
    )
    screen = pilot.app.screen
    assert isinstance(screen, EvalExerciseScreen)
    steady_cursor(screen.editor)
    return screen


def steady_cursor(area: TextArea) -> None:
    """Stop the cursor blinking, drawn where it is: a blinking cursor is noise in snapshots.

    A TextArea keeps its drawn lines cached by a key that leaves out whether it blinks, so a
    line drawn while the blink was off (a loaded machine gets here after the first half
    second) would be shown again without the cursor: drop them."""
    area.cursor_blink = False
    area.notify_style_update()
