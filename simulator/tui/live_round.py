"""A round driven from the app: LangGraph's async API with the AsyncSqliteSaver checkpointer.

Interviewer text arrives through the graph's custom stream mode and is handed to a callback
as it is produced; after every step the session tables are synced from the checkpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict, cast

from langgraph.types import Command

from simulator.interview.graph import initial_state
from simulator.interview.runner import (
    DURABILITY,
    Answer,
    RoundDriver,
    interrupted_mid_step,
    sync_store,
)
from simulator.interview.state import InterviewState


class StreamEvent(TypedDict, total=False):
    """What the round streams besides words (`simulator.interview.speech`): `reset`, drop
    what this turn showed so far (a retry starts it over); or a `notice` for the status line,
    also shown as a notification when `warning`. `turn` is the turn's number."""

    reset: bool
    notice: str
    warning: bool
    turn: int


OnDelta = Callable[[str], None]
OnEvent = Callable[[StreamEvent], None]


class LiveRound(RoundDriver):
    """Drives a round with LangGraph's async API (the practice app)."""

    async def state(self) -> InterviewState:
        snapshot = await self.graph.aget_state(self.config)
        return cast("InterviewState", snapshot.values)

    async def start(self, on_delta: OnDelta, on_event: OnEvent | None = None) -> InterviewState:
        """Open the round (or pick it up where it was) and return the state."""
        snapshot = await self.graph.aget_state(self.config)
        if not snapshot.values:
            await self._drive(initial_state(self.session_id, self.setup), on_delta, on_event)
        elif interrupted_mid_step(snapshot):
            await self._drive(None, on_delta, on_event)
        return await self.synced()

    async def cut_short(self) -> bool:
        """Whether a crash interrupted a step that `start` must finish."""
        return interrupted_mid_step(await self.graph.aget_state(self.config))

    async def answer(
        self, answer: Answer, on_delta: OnDelta, on_event: OnEvent | None = None
    ) -> InterviewState:
        await self._drive(Command(resume=answer.payload()), on_delta, on_event)
        return await self.synced()

    async def synced(self) -> InterviewState:
        state = await self.state()
        sync_store(self.sessions, self.session_id, state)
        return state

    async def _drive(
        self,
        graph_input: InterviewState | Command[str] | None,
        on_delta: OnDelta,
        on_event: OnEvent | None,
    ) -> None:
        """Deltas to `on_delta`; resets (drop what this turn showed) and notices to `on_event`."""
        async for chunk in self.graph.astream(
            graph_input, self.config, stream_mode="custom", durability=DURABILITY
        ):
            if not isinstance(chunk, dict):
                continue
            if "delta" in chunk:
                on_delta(str(chunk["delta"]))
            elif on_event is not None:
                on_event(cast(StreamEvent, chunk))
