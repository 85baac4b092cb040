"""Answering in the practice app: what an interviewer's turn shows in each mode."""

from __future__ import annotations

from typing import Any

from simulator.tui.app import MockloopApp
from simulator.tui.options import PracticeOptions
from simulator.tui.screens.interview import InterviewScreen
from simulator.tui.widgets.message import Message
from tests.tui_helpers import answer, open_round, settle

SIZE = (100, 34)


def app(**options: Any) -> MockloopApp:
    return MockloopApp(PracticeOptions(**{"engine": "offline", "seed": 1, **options}))


def resumed(session_id: str) -> MockloopApp:
    return MockloopApp(PracticeOptions(engine="offline"), resume=session_id)


def interviewer_titles(screen: Any) -> list[str]:
    return [str(m.border_title) for m in screen.query(Message) if m.has_class("interviewer")]


async def moves_said(screen: InterviewScreen) -> list[str]:
    turns = (await screen.live.state())["turns"]
    return [t["meta"]["move"].replace("_", " ") for t in turns if t["role"] == "interviewer"]


async def test_interview_mode_keeps_the_interviewers_moves_to_itself() -> None:
    async with app().run_test(size=SIZE) as pilot:
        screen = await open_round(pilot)
        await answer(pilot, "I would call a model with the tickets and show the answer.")
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
