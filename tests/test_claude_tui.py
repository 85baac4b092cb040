"""The practice app with the Claude engine (fake API): streamed replies in order, the running
cost in the status line, the engine and model a round records, a retried stream that never
shows words twice, and a resumed round that keeps the model it started with."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from textual.widgets import Static

from scoring.heuristic.scorer import HEURISTIC_RATER
from simulator.tui.app import MockloopApp
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.screens.scorecard import ScorecardScreen
from simulator.tui.widgets.turn_view import TurnView
from tests.claude_helpers import is_judge_request, script_interviewer
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.tui_helpers import answer, notices_of, open_round, settle, wait_for

SIZE = (110, 34)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text an interviewer message is given, in order."""
    seen: list[str] = []
    original = TurnView.update

    def spy(self: TurnView, markdown: str) -> Any:
        if self.has_class("interviewer"):
            seen.append(markdown)
        return original(self, markdown)

    monkeypatch.setattr(TurnView, "update", spy)
    return seen


def status(screen: InterviewScreen) -> str:
    return str(screen.query_one("#status", Static).render())


async def test_the_reply_streams_in_order_the_status_shows_its_cost_and_the_round_its_model(
    fake_api: FakeAnthropic, shown: list[str]
) -> None:
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        row = app.workspace.sessions.get(screen.session.id)
        opening = (await screen.live.state())["turns"][0]
        streamed = [s for s in shown if s]
        assert len(streamed) > 3
        for before, after in itertools.pairwise(streamed):
            assert after.startswith(before), "each update extends the last"
        assert streamed[-1].strip() == opening["text"]
        assert screen.query(TurnView).last().source == opening["text"]
        line = status(screen)
        assert "engine claude" in line and "claude-haiku-5-5" in line
        assert re.search(r"[\d,]+ tokens \([\d,]+ thinking\) · \$0\.0\d\d\d", line), line
    # The round records the engine, model and prompt version it started with.
    assert (row.engine, row.model) == ("claude", "claude-haiku-5-5")
    assert row.prompt_version and row.prompt_version.startswith("interviewer-")


async def test_a_stream_cut_in_the_app_is_retried_without_showing_words_twice(
    fake_api: FakeAnthropic, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    notices = notices_of(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        expected = "Thanks. Walk me through the prompt, one part at a time, please."
        script_interviewer(fake_api, Reply.dropped(expected, after=2), Reply(text=expected))
        shown.clear()
        await answer(pilot, "I would start with the ticket volume.")
        assert screen.query(TurnView).last().source == expected
        states = [s.strip() for s in shown if not s.startswith("Interviewer")]
        assert "" in states, "the partial reply was cleared before the retry"
        assert all(expected.startswith(s) for s in states), "no state repeats any words"
        assert any("dropped mid-answer" in n for n in notices)


async def test_when_claude_is_down_the_app_shows_the_offline_fallback(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    notices = notices_of(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        script_interviewer(fake_api, *[Reply.overloaded()] * 3)
        await answer(pilot, "I would start with the ticket volume.")
        state = await screen.live.state()
        assert state["turns"][-1]["meta"]["engine"] == "offline (fallback)"
        assert state["turns"][-2]["text"] == "I would start with the ticket volume."
        assert "worded offline" in str(screen.query(TurnView).last().border_title)
        assert any("worded offline" in n for n in notices)
        assert any("retrying" in n for n in notices)
        assert status(screen).startswith("Your turn")


async def test_a_resumed_claude_round_keeps_the_model_it_started_with(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with MockloopApp(PracticeOptions(engine="claude", seed=1)).run_test(size=SIZE) as pilot:
        session_id = (await open_round(pilot)).session.id
    started = {body["model"] for body in fake_api.message_bodies()}
    assert started == {"claude-haiku-5-5"}

    monkeypatch.setenv("MOCKLOOP_MODEL", "claude-opus-5-5")  # changed between sessions
    fake_api.requests.clear()
    app = MockloopApp(PracticeOptions(engine="auto"), resume=session_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, InterviewScreen)
        await answer(pilot, "I would start with the ticket volume.")
        assert "claude-haiku-5-5" in status(screen)
    assert {body["model"] for body in fake_api.message_bodies()} == started


@pytest.mark.parametrize(
    ("judge_up", "rater", "notice"),
    [
        (True, "claude:claude-sonnet-5-5", "is scoring the round"),
        (False, HEURISTIC_RATER, "scored offline"),
    ],
    ids=["judged-by-claude", "judge-down-scored-offline"],
)
async def test_a_claude_round_ends_with_the_claude_judge_scorecard(
    fake_api: FakeAnthropic,
    monkeypatch: pytest.MonkeyPatch,
    judge_up: bool,
    rater: str,
    notice: str,
) -> None:
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    notices = notices_of(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        await answer(pilot, "I'd stream the summary so the rep sees words within 2 seconds.")
        if not judge_up:
            fake_api.responder = lambda body: Reply.overloaded()
        await pilot.press("ctrl+e", "y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen))
        assert isinstance(pilot.app.screen, ScorecardScreen)
        assert pilot.app.screen.card.rater == rater
        assert pilot.app.screen.card.transcript_id == screen.session.id
    judged = [b for b in fake_api.message_bodies() if is_judge_request(b)]
    assert judged and {b["model"] for b in judged} == {"claude-sonnet-5-5"}
    assert any(notice in n for n in notices)
