"""The practice app driven with Pilot: a whole round, resuming, errors, exports, history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Markdown, TextArea

from simulator.tui.app import MockloopApp
from simulator.tui.live_round import LiveRound
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.screens.scorecard import ScorecardScreen
from simulator.tui.widgets.turn_view import TurnView
from simulator.workspace import Workspace
from tests.tui_helpers import answer, answer_as, notices_of, open_round, settle

SIZE = (100, 34)


def app(**options: Any) -> MockloopApp:
    return MockloopApp(PracticeOptions(**{"engine": "offline", "seed": 1, **options}))


async def test_whole_round_from_home_to_scorecard() -> None:
    async with app(minutes=60).run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        opening = screen.query(TurnView).last()
        assert screen.live.setup.brief.title in opening.source, "the brief is presented"
        # No time passes in a test, so the round ends when nothing is left to ask.
        for _ in range(120):
            if not isinstance(pilot.app.screen, InterviewScreen):
                break
            await answer_as(pilot, "strong-shipper", "churn-analysis")
        assert isinstance(pilot.app.screen, ScorecardScreen)
        card = pilot.app.screen.card
        assert card.recommendation in ("hire", "strong_hire")
        shown = pilot.app.screen.query_one("#scorecard", Markdown).source
        assert "Recommendation" in shown and "turn" in shown


async def test_closing_mid_round_and_resuming_keeps_every_turn_and_the_draft() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        session_id = screen.session.id
        await answer(pilot, "How many tickets does a typical account have in 90 days?")
        screen.query_one("#answer", TextArea).text = "half-typed answer about caching"
        screen.save_draft()
        before = [m.source for m in screen.query(TurnView)]
    async with MockloopApp(PracticeOptions(engine="offline"), resume=session_id).run_test(
        size=SIZE
    ) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.id == session_id
        assert [m.source for m in screen.query(TurnView)] == before
        assert screen.query_one("#answer", TextArea).text == "half-typed answer about caching"
        await answer(pilot, "Let me assume 1,500 analyses a day; I'd stream the summary.")
        turns = (await screen.live.state())["turns"]
        assert [t["text"] for t in turns[: len(before)]] == before
        assert len(turns) == len(before) + 2


async def test_an_error_keeps_the_typed_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(self: LiveRound, *args: Any) -> Any:
        raise RuntimeError("the model is down")

    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        # recorded as shown: on a loaded machine a toast can time out before it is checked
        notices = notices_of(pilot.app, monkeypatch)
        monkeypatch.setattr(LiveRound, "answer", broken)
        await answer(pilot, "My carefully typed answer.")
        assert screen.query_one("#answer", TextArea).text == "My carefully typed answer."
        assert any("the model is down" in str(n) for n in notices)
        assert Workspace().sessions.draft(screen.session.id) == "My carefully typed answer."


async def test_coach_mode_hint_is_shown_and_recorded() -> None:
    async with app(mode="coach", interviewer_id="coach").run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        await answer(pilot, "I would use a model and make it work well for the reps overall.")
        await pilot.press("ctrl+t")
        await settle(pilot)
        turns = (await screen.live.state())["turns"]
        assert turns[-1]["meta"].get("hint") == "true"
        assert "hint" in screen.query(TurnView).last().classes


async def test_hint_key_does_nothing_in_interview_mode() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        count = len(screen.query(TurnView))
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert len(screen.query(TurnView)) == count


async def test_ending_the_round_asks_first_then_shows_the_scorecard() -> None:
    async with app().run_test(size=SIZE) as pilot:
        await open_round(pilot)
        await answer(pilot, "I'd put a JSON schema in the system prompt, because it is checkable.")
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InterviewScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ScorecardScreen)


async def test_scorecard_exports_markdown_and_json(isolated_home: Path) -> None:
    async with app().run_test(size=SIZE) as pilot:
        await open_round(pilot)
        await answer(
            pilot,
            "I'd stream the answer so the rep sees words in 2 s, because waiting loses trust.",
        )
        await pilot.press("ctrl+e", "y")
        await settle(pilot)
        await pilot.press("m", "j")
        await pilot.pause()
        exports = sorted((isolated_home / "exports").iterdir())
        assert [p.suffix for p in exports] == [".json", ".md"]
        card = json.loads(exports[0].read_text())
        assert card["rubric_id"] == "system-design"
        assert "# Scorecard" in exports[1].read_text()


async def test_history_lists_sessions_and_opens_a_scorecard() -> None:
    async with app().run_test(size=SIZE) as pilot:
        await open_round(pilot)
        await answer(
            pilot, "I'd cache the static system prompt, because it cuts input cost by 90%."
        )
        await pilot.press("ctrl+e", "y")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HistoryScreen)
        table = pilot.app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ScorecardScreen)


async def test_light_theme_and_command_palette_entries() -> None:
    async with app().run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert {"New round", "History", "Interviewer guide", "Light or dark theme"} <= set(titles)
        before = pilot.app.theme
        await pilot.press("f2")
        assert pilot.app.theme != before
