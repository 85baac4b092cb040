"""The practice app around a round: the unfinished list on the home screen, the interviewer
guide, and the trend chart in History."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Markdown, Static
from textual_plotext import PlotextPlot

import simulator.guide
from simulator.tui.app import MockloopApp
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.guide import GuideScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.screens.scorecard import ScorecardScreen
from tests.cli_helpers import mockloop
from tests.tui_helpers import answer, open_round, settle, wait_for

SIZE = (100, 34)


def app() -> MockloopApp:
    return MockloopApp(PracticeOptions(engine="offline", seed=1))


def unfinished(screen: Any) -> list[str]:
    """The session ids the home screen offers to resume."""
    assert isinstance(screen, HomeScreen)
    table = screen.query_one("#unfinished", DataTable)
    return [str(key.value) for key in table.rows]


async def leave_a_round_unfinished() -> str:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        await answer(pilot, "How many tickets does a typical account have in 90 days?")
        return screen.session.id


async def test_the_unfinished_list_shows_a_round_whole_until_it_is_resumed_and_ended() -> None:
    session_id = await leave_a_round_unfinished()
    wide = (110, 34)  # brief and phase shown whole at 110 columns
    async with app().run_test(size=wide) as pilot:
        await pilot.pause()
        assert unfinished(pilot.app.screen) == [session_id]
        table = pilot.app.screen.query_one("#unfinished", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["session", "brief", "phase"]
        assert table.max_scroll_x == 0, "every column fits: nothing cut, nothing scrolled away"
        assert table.region.right <= wide[0] and table.region.height == 1 + table.row_count
    # Only looked at so far: resumed from the list and ended, it leaves the list.
    async with app().run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert unfinished(pilot.app.screen) == [session_id]
        pilot.app.screen.query_one("#unfinished", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InterviewScreen)
        await answer(pilot, "I'd stream the summary so the rep sees words within 2 seconds.")
        await pilot.press("ctrl+e", "y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ScorecardScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert unfinished(pilot.app.screen) == [], "the round is finished"


async def test_the_guide_key_opens_the_guide_at_once_and_builds_it_off_the_ui_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    build = simulator.guide.build_guide

    def slow_build(*args: Any) -> Any:
        assert release.wait(10), "the test never let the guide be built"
        return build(*args)

    monkeypatch.setattr(simulator.guide, "build_guide", slow_build)
    async with app().run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        screen = pilot.app.screen
        assert isinstance(screen, GuideScreen), "the key is taken at once"
        scroll = screen.query_one(VerticalScroll)
        assert scroll.loading, "and the screen says it is working"
        theme = pilot.app.theme
        await pilot.press("f2")
        assert pilot.app.theme != theme, "the app still answers keys while the guide builds"
        release.set()
        await wait_for(pilot, lambda: not scroll.loading)
        assert "## Timing plan" in screen.query_one("#guide", Markdown).source


async def test_the_trend_chart_counts_whole_sessions_with_full_names_beside_the_plot() -> None:
    for seed in ("1", "2"):
        run = mockloop(
            "simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper",
            "--minutes", "20", "--seed", seed,
        )  # fmt: skip
        assert run.code == 0, run.err
    async with app().run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        plot = screen.query_one(PlotextPlot)
        drawn = plot.render().plain  # type: ignore[union-attr]
        assert not re.search(r"\d\.\d", drawn), f"fractional session numbers:\n{drawn}"
        assert "Prompt architectur" not in drawn, "no legend over the lines"
        legend = str(screen.query_one("#trend-legend", Static).render())
        titles = [d.title for d in next(iter(screen.cards.values())).dimensions]
        assert titles and all(title in legend for title in titles), legend
        assert legend.index(titles[0]) < legend.index(titles[-1])
