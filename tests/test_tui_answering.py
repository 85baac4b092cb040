"""Answering in the practice app: a restored draft, what a send takes, a follow-up that reacts
to the answer, what an interviewer's turn shows in each mode, and notices that show model and
user text as it is."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.content import Content
from textual.widgets import Static, TextArea

from simulator.tui.app import MockloopApp
from simulator.tui.live_round import LiveRound
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.widgets.turn_view import TurnView
from simulator.workspace import Workspace
from tests.tui_helpers import answer, open_round, settle

SIZE = (100, 34)
REPO = Path(__file__).resolve().parent.parent
MARKUP = "the model said [bold]hi[/bold], then [/] and [red"


def app(**options: Any) -> MockloopApp:
    return MockloopApp(PracticeOptions(**{"engine": "offline", "seed": 1, **options}))


def resumed(session_id: str) -> MockloopApp:
    return MockloopApp(PracticeOptions(engine="offline"), resume=session_id)


async def test_a_restored_draft_puts_the_cursor_after_its_last_word() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        screen.query_one("#answer", TextArea).text = "Two parts.\nFirst I would cache"
        screen.save_draft()
    async with resumed(screen.session.id).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "i", "t")
        text = pilot.app.screen.query_one("#answer", TextArea).text
        assert text == "Two parts.\nFirst I would cache it"


async def test_a_send_straight_after_a_paste_and_typing_sends_the_whole_text() -> None:
    pasted = "We'd build a golden set of 200 accounts labelled by the account managers"
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        # As a terminal delivers them: queued together, the send before the box has caught up.
        pilot.app.post_message(events.Paste(pasted))
        for key, char in [("space", " "), ("f", "f"), ("i", "i"), ("r", "r"), ("s", "s")]:
            pilot.app.post_message(events.Key(key, char))
        pilot.app.post_message(events.Key("ctrl+s", None))
        await settle(pilot)
        turns = (await screen.live.state())["turns"]
        assert [t["text"] for t in turns if t["role"] == "candidate"] == [f"{pasted} firs"]
        assert screen.query_one("#answer", TextArea).text == ""


def interviewer_titles(screen: Any) -> list[str]:
    return [str(m.border_title) for m in screen.query(TurnView) if m.has_class("interviewer")]


async def moves_said(screen: InterviewScreen) -> list[str]:
    turns = (await screen.live.state())["turns"]
    return [t["meta"]["move"].replace("_", " ") for t in turns if t["role"] == "interviewer"]


async def test_a_follow_up_reacts_to_the_answer_and_keeps_the_move_to_itself() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        await answer(pilot, "I would call a model with the tickets and show the answer.")
        reply = screen.query(TurnView).last()
        assert "get to the model" in reply.source, "it asks for the part of the design left out"
        assert "What exactly do you ask the model" not in reply.source, "not what was said"
        moves = await moves_said(screen)
        live = interviewer_titles(screen)
    async with resumed(screen.session.id).run_test(size=SIZE) as pilot:
        await settle(pilot)
        restored = interviewer_titles(pilot.app.screen)
    assert "depth follow up" in moves
    for titles in (live, restored):
        assert len(titles) == len(moves)
        assert not any(move in title for title in titles for move in moves), titles


async def test_coach_mode_shows_each_interviewer_turns_move() -> None:
    async with app(mode="coach", interviewer_id="coach").run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        await answer(pilot, "I would call a model with the tickets and show the answer.")
        moves = await moves_said(screen)
        titles = interviewer_titles(screen)
    assert len(titles) == len(moves)
    assert all(move in title for move, title in zip(moves, titles, strict=True)), titles


def toasts(app: MockloopApp) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_notices_and_the_status_line_show_markup_in_model_text_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = asyncio.Event()

    async def retried_then_down(self: LiveRound, *args: Any) -> Any:
        on_event = args[-1]
        on_event({"notice": MARKUP, "warning": True})
        await release.wait()
        raise RuntimeError(MARKUP)

    async with app().run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_round(pilot)
        monkeypatch.setattr(LiveRound, "answer", retried_then_down)
        screen.query_one("#answer", TextArea).text = "My answer."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert MARKUP in str(screen.query_one("#status", Static).render())
        release.set()
        await settle(pilot)
        shown = toasts(pilot.app)
        assert MARKUP in shown, shown
        assert f"Could not get the interviewer's reply: {MARKUP}" in shown, shown


async def test_a_turn_title_shows_markup_in_a_speakers_name_as_it_is() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        view = TurnView("interviewer", f"Interviewer {MARKUP}")
        await screen.query_one("#chat").mount(view)
        assert view.border_title is not None
        assert Content.from_markup(view.border_title).plain == f"Interviewer {MARKUP}"


async def test_a_brief_and_interviewer_titled_with_markup_show_as_written(tmp_path: Path) -> None:
    churn = (REPO / "briefs" / "churn-analysis.yaml").read_text(encoding="utf-8")
    title = f"Churn {MARKUP}"
    brief = re.sub(r"^title: .*$", f"title: {title!r}", churn, count=1, flags=re.M)
    brief = brief.replace("id: churn-analysis", "id: churn-markup", 1)
    (tmp_path / "churn-markup.yaml").write_text(brief, encoding="utf-8")
    options = PracticeOptions(engine="offline", seed=1, brief_id="churn-markup")
    shown = MockloopApp(options, workspace=Workspace(tmp_path))
    async with shown.run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        assert screen.title == title
