"""Claude scoring a finished round in the practice app, in the background (fake API, judge
slowed down): a judge worker that hands the card to the screen that asked for it, one judge
run however often the round is ended, a new round is never taken over by an old round's
scorecard, and quitting never waits for the judge."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from textual.message import Message

from scoring.judge import DEFAULT_SAMPLES
from simulator.services.rounds import RoundScoring
from simulator.store.scorecards import ScorecardStore
from simulator.tui.app import MockloopApp
from simulator.tui.daemon_thread import run_in_daemon_thread
from simulator.tui.messages import RoundEnded, ScorecardReady
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.scorecard import ScorecardScreen
from simulator.workspace import Workspace
from tests.claude_helpers import is_judge_request
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fakes.responders import default_reply
from tests.test_claude_tui import SIZE
from tests.tui_helpers import answer, notices_of, open_round, settle, wait_for

ANSWER = "I'd stream the summary so the rep sees words within 2 seconds."
JUDGE_SECONDS = 0.3


def slow_judge(fake_api: FakeAnthropic) -> None:
    def reply(body: dict[str, Any]) -> Any:
        if is_judge_request(body):
            time.sleep(JUDGE_SECONDS)
        return default_reply(body)

    fake_api.responder = reply


def judge_calls(fake_api: FakeAnthropic) -> int:
    return len([b for b in fake_api.message_bodies() if is_judge_request(b)])


def stored_cards(session_id: str) -> int:
    with Workspace() as ws:
        return 1 if ScorecardStore(ws.db).for_session(session_id) is not None else 0


async def test_the_judge_worker_hands_the_card_to_the_round_that_asked_for_it(
    fake_api: FakeAnthropic,
) -> None:
    seen: list[Message] = []
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await open_round(pilot)
        session_id = screen.session.id
        await answer(pilot, ANSWER)
        slow_judge(fake_api)
        await pilot.press("ctrl+e", "y")
        await pilot.pause(0.05)
        [judge] = [w for w in app.workers if w.group == "judge"]
        assert judge.name == f"judge {session_id}" and app.is_judging(session_id)
        await judge.wait()
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen))
        assert not app.is_judging(session_id)
        assert screen not in app.screen_stack, "the card took the round's place"
    # the hook sees a message at every node it bubbles through: count each one once
    [ended] = {id(m): m for m in seen if isinstance(m, RoundEnded)}.values()
    [ready] = {id(m): m for m in seen if isinstance(m, ScorecardReady)}.values()
    assert ended.session_id == ready.session_id == session_id
    assert ready.origin is screen and ready.replace
    assert ready.card.rater.startswith("claude:")


async def test_a_judge_that_fails_says_so_and_the_round_can_be_opened_again(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: RoundScoring, ws: Workspace, on_notice: Any) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(RoundScoring, "score", broken)
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    notices = notices_of(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        session_id = (await open_round(pilot)).session.id
        await answer(pilot, ANSWER)
        await pilot.press("ctrl+e", "y")
        await wait_for(pilot, lambda: any("Could not score" in n for n in notices))
        await settle(pilot)
        assert not app.is_judging(session_id)
        assert not any(isinstance(s, ScorecardScreen) for s in app.screen_stack)
    assert any("disk full" in n and "History" in n for n in notices)


def test_quitting_leaves_the_judges_thread_behind_instead_of_waiting_for_it() -> None:
    """`asyncio.run`, as `App.run` uses it, joins the default executor's threads on the way
    out: a Textual thread worker (or asyncio.to_thread) would keep the quit waiting until the
    judge finished. The judge's daemon thread is still at work when the loop is gone."""
    release = threading.Event()

    async def quit_while_scoring() -> None:
        scoring = asyncio.ensure_future(
            run_in_daemon_thread(lambda: release.wait(30), name="judge-quit-test")
        )
        await asyncio.sleep(0.05)
        scoring.cancel()  # what Textual does to the app's workers when it exits

    asyncio.run(quit_while_scoring())
    still_scoring = [t for t in threading.enumerate() if t.name == "judge-quit-test"]
    release.set()
    assert still_scoring and still_scoring[0].is_alive() and still_scoring[0].daemon


async def test_the_judges_thread_hands_back_its_result_or_its_error() -> None:
    assert await run_in_daemon_thread(lambda: 42, name="judge-result-test") == 42

    def fail() -> int:
        raise ValueError("malformed judge output")

    with pytest.raises(ValueError, match="malformed"):
        await run_in_daemon_thread(fail, name="judge-error-test")


async def test_ending_the_round_twice_runs_the_judge_once(fake_api: FakeAnthropic) -> None:
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        await answer(pilot, ANSWER)
        slow_judge(fake_api)
        await pilot.press("ctrl+e", "y")
        await pilot.pause(0.05)
        assert screen.scoring and "scoring" in str(screen.query_one("#status").render())
        await pilot.press("ctrl+e")  # no confirm dialog: the round is already over
        await pilot.press("ctrl+s")  # nothing is sent while Claude scores
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen))
        await settle(pilot)
        assert sum(isinstance(s, ScorecardScreen) for s in pilot.app.screen_stack) == 1
    assert judge_calls(fake_api) == DEFAULT_SAMPLES
    assert stored_cards(screen.session.id) == 1


async def test_a_late_scorecard_never_takes_over_a_new_round(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    notices = notices_of(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        first = (await open_round(pilot)).session.id
        await answer(pilot, ANSWER)
        slow_judge(fake_api)
        await pilot.press("ctrl+e", "y")
        await pilot.pause(0.05)
        app.go_home()
        await pilot.pause()
        second = await open_round(pilot)
        assert second.session.id != first
        await wait_for(pilot, lambda: any("is ready" in n for n in notices))
        await settle(pilot)
        assert pilot.app.screen is second
        assert not any(isinstance(s, ScorecardScreen) for s in pilot.app.screen_stack)
    assert stored_cards(first) == 1
    assert any(first in n and "History" in n for n in notices)


async def test_quitting_while_claude_scores_is_immediate_and_the_round_is_scored_later(
    fake_api: FakeAnthropic,
) -> None:
    app = MockloopApp(PracticeOptions(engine="claude", seed=1))
    async with app.run_test(size=SIZE) as pilot:
        session_id = (await open_round(pilot)).session.id
        await answer(pilot, ANSWER)
        fake_api.responder = lambda body: (
            (time.sleep(2) if is_judge_request(body) else None) or default_reply(body)
        )
        await pilot.press("ctrl+e", "y")
        await pilot.pause(0.05)
        quitting = time.monotonic()
    assert time.monotonic() - quitting < 2, "quitting does not wait for the judge"
    assert stored_cards(session_id) == 0

    fake_api.responder = default_reply
    reopened = MockloopApp(PracticeOptions(engine="claude"), resume=session_id)
    async with reopened.run_test(size=SIZE) as pilot:
        # three judge samples through the loopback API: seconds on an idle machine, far more
        # on a loaded one
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen), 60)
        assert pilot.app.screen.card.rater.startswith("claude:")
    assert stored_cards(session_id) == 1
