"""Driving the practice app in tests: answer like a persona, wait for the interviewer."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from simulator.content.loader import load_library
from simulator.engines.offline import SimulatedCandidate
from simulator.interview.moves import Move
from simulator.tui.screens.interview import InterviewScreen


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the interviewer has finished speaking and the screen has redrawn."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


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
    library = load_library()
    candidate = SimulatedCandidate(library.candidate(persona_id), library.brief(brief_id), seed)
    move = Move.from_dict(state["pending_move"] or {})
    await answer(pilot, candidate.answer(move, state["turns"]) or "I am not sure.")
