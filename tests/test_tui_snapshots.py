"""Snapshots of the main screens at 80x24 (pytest-textual-snapshot).

Session ids, seeds and the clock are fixed so each screen renders the same every run.
Update after an intended change with: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import TextArea

from simulator.store import exercises as exercise_store
from simulator.store import sessions
from simulator.store.scorecards import ScorecardStore
from simulator.tui import app as app_module
from simulator.tui.app import MockloopApp
from simulator.tui.options import PracticeOptions
from simulator.tui.screens import eval_exercise, interview
from tests.tui_helpers import (
    answer,
    install_exercise_sample,
    open_exercise,
    settle,
    steady_cursor,
)

SIZE = (80, 24)


class FrozenClock:
    def monotonic(self) -> float:
        return 1000.0

    def time(self) -> float:
        return 1_700_000_000.0


@pytest.fixture(autouse=True)
def deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    ids = iter(f"20260101-000000-00000{n}" for n in range(10))
    monkeypatch.setattr(sessions, "new_session_id", lambda: next(ids))
    monkeypatch.setattr(sessions, "now", lambda: "2026-01-01T00:00:00+00:00")
    monkeypatch.setattr(interview, "time", FrozenClock())
    monkeypatch.setattr(app_module, "time", FrozenClock())
    monkeypatch.setattr(eval_exercise, "time", FrozenClock())
    monkeypatch.setattr(exercise_store, "new_exercise_id", lambda: "ex-20260101-000000-000001")


def practice_app() -> MockloopApp:
    return MockloopApp(PracticeOptions(engine="offline", seed=7))


async def into_round(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)
    steady_cursor(pilot.app.screen.query_one(TextArea))


async def scrolled_to_the_end(pilot: Pilot[Any]) -> None:
    """The chat follows new turns after a refresh; on a loaded machine that can take a few
    frames more than the reply itself."""
    chat = pilot.app.screen.query_one("#chat", VerticalScroll)
    for _ in range(100):
        await pilot.pause(0.02)
        if chat.scroll_y >= chat.max_scroll_y:
            break
    await pilot.wait_for_scheduled_animations()


async def after_one_answer(pilot: Pilot[Any]) -> None:
    await into_round(pilot)
    await answer(pilot, "Who reads the summary, and how many analyses a day should I plan for?")
    await scrolled_to_the_end(pilot)


async def at_scorecard(pilot: Pilot[Any]) -> None:
    await into_round(pilot)
    await answer(
        pilot,
        "I'd stream the summary so the rep sees words in 2 seconds, because waiting loses trust.",
    )
    await pilot.press("ctrl+e", "y")
    await settle(pilot)


def one_scored_round(app: MockloopApp) -> None:
    """The history below must show the one round this test played; if a run ever finds more
    (seen once in CI, not reproduced since), say which rounds, and how they ended."""
    rows = app.workspace.sessions.recent()
    cards = ScorecardStore(app.workspace.db).latest_by_session()
    seen = [(r.id, r.status, r.phase, r.ended_reason, r.id in cards) for r in rows]
    assert len(rows) == 1 and len(cards) == 1, f"expected one scored round, found {seen}"


async def at_history(pilot: Pilot[Any]) -> None:
    await at_scorecard(pilot)
    assert isinstance(pilot.app, MockloopApp)
    one_scored_round(pilot.app)
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("f3")
    await pilot.pause()


def test_home_screen(snap_compare: Any) -> None:
    assert snap_compare(practice_app(), terminal_size=SIZE)


def test_interview_screen(snap_compare: Any) -> None:
    assert snap_compare(practice_app(), terminal_size=SIZE, run_before=after_one_answer)


def test_scorecard_screen(snap_compare: Any) -> None:
    assert snap_compare(practice_app(), terminal_size=SIZE, run_before=at_scorecard)


def test_history_screen(snap_compare: Any) -> None:
    assert snap_compare(practice_app(), terminal_size=SIZE, run_before=at_history)


async def at_eval_exercise(pilot: Pilot[Any]) -> None:
    await open_exercise(pilot)
    await pilot.pause()


def test_eval_exercise_screen(snap_compare: Any, isolated_home: Path) -> None:
    install_exercise_sample(isolated_home)
    assert snap_compare(practice_app(), terminal_size=SIZE, run_before=at_eval_exercise)
