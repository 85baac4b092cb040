"""Driving a round: start it, feed answers in, and keep the store in step with the checkpoint.

The LangGraph checkpoint is the truth; every step is followed by an idempotent sync of the
turns to the session tables, and a resume syncs first, so no committed turn is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, cast

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command

from simulator.engines.base import Engine
from simulator.interview.graph import RoundSetup, build_graph, initial_state
from simulator.interview.moves import Move
from simulator.interview.state import InterviewState, RoundCoverage
from simulator.interview.turns import AnswerPayload, TurnMeta
from simulator.store.sessions import SessionStore

INTERRUPT = "__interrupt__"  # the key of the chunk a pause streams in "values" mode

# Each step's checkpoint is written before the next step starts, not by a background thread:
# as safe after a crash, and faster on a small machine than handing every write to a thread.
DURABILITY: Literal["sync"] = "sync"


@dataclass(frozen=True)
class Answer:
    """One resume payload: what the candidate said and when (seconds since the start)."""

    text: str
    elapsed: float
    hint: bool = False
    meta: TurnMeta = field(default_factory=TurnMeta)  # recorded on the candidate's turn

    def payload(self) -> AnswerPayload:
        payload: AnswerPayload = {"text": self.text, "elapsed": self.elapsed, "hint": self.hint}
        if self.meta:
            payload["meta"] = TurnMeta(**self.meta)
        return payload


class RoundDriver:
    """One session's compiled graph and thread: what the CLI runner and the app share."""

    def __init__(
        self,
        setup: RoundSetup,
        engine: Engine,
        checkpointer: BaseCheckpointSaver[Any],
        sessions: SessionStore,
        session_id: str,
    ) -> None:
        self.setup = setup
        self.engine = engine
        self.sessions = sessions
        self.session_id = session_id
        self.graph = build_graph(setup, engine).compile(checkpointer=checkpointer)
        self.config: RunnableConfig = {"configurable": {"thread_id": session_id}}


class RoundRunner(RoundDriver):
    """Drives a round synchronously (CLI: simulate, resume, plain practice)."""

    _phase: str | None = None  # as of the last sync

    @property
    def state(self) -> InterviewState:
        return cast("InterviewState", self.graph.get_state(self.config).values)

    def _step(self, graph_input: Any) -> InterviewState | None:
        """Run until the graph pauses or ends; the state it ended in. The state after each
        step is streamed (references, not copies), so it need not be read back from SQLite;
        the pause arrives as a chunk of its own, which is not state."""
        last: InterviewState | None = None
        for values in self.graph.stream(
            graph_input, self.config, stream_mode="values", durability=DURABILITY
        ):
            if INTERRUPT not in values:
                last = cast("InterviewState", values)
        return last

    @property
    def started(self) -> bool:
        return bool(self.graph.get_state(self.config).values)

    @property
    def finished(self) -> bool:
        return self.state.get("phase") == "closed"

    @property
    def pending_move(self) -> Move:
        return Move.from_dict(self.state["pending_move"] or {})

    def start(self) -> None:
        """Open the round (greeting and brief), finish a step a crash cut short, or just
        re-sync when the round is waiting for an answer."""
        snapshot = self.graph.get_state(self.config)
        if not snapshot.values:
            self._step(initial_state(self.session_id, self.setup))
        elif interrupted_mid_step(snapshot):
            self._step(None)
        self.sync()

    def answer(self, answer: Answer) -> None:
        # The phase the last sync saw saves reading the checkpoint back before every answer.
        phase = self._phase if self._phase is not None else self.state.get("phase")
        if phase == "closed":
            raise RuntimeError("the round is over")
        self.sync(self._step(Command(resume=answer.payload())))

    def sync(self, state: InterviewState | None = None) -> None:
        """Copy the checkpoint (or the state a step just ended in) into the session tables."""
        state = state if state is not None else self.state
        self._phase = state.get("phase")
        sync_store(self.sessions, self.session_id, state)


def interrupted_mid_step(snapshot: Any) -> bool:
    """A step was under way when the process died: work is pending, yet the graph is not
    paused at `listen` waiting for the candidate."""
    tasks = snapshot.tasks or ()
    return bool(tasks) and not any(task.interrupts for task in tasks)


def sync_store(sessions: SessionStore, session_id: str, state: InterviewState) -> None:
    """Copy the checkpoint's turns and progress into the session tables (idempotent)."""
    finished = state.get("phase") == "closed"
    sessions.sync(
        session_id,
        state.get("turns", []),
        phase=str(state.get("phase", "opening")),
        coverage=RoundCoverage(
            areas=state.get("coverage", {}),
            non_answers=state.get("non_answers", []),
            curveballs=state.get("curveballs_fired", []),
            hints=state.get("hints_used", 0),
        ),
        status="finished" if finished else None,
        ended_reason=state.get("ended_reason") if finished else None,
    )
