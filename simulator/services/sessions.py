"""Starting a round: the session row, written the same way by the CLI and by the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.engines.base import ModelEngine

if TYPE_CHECKING:
    from simulator.engines.base import Engine
    from simulator.store.sessions import SessionRow
    from simulator.workspace import Workspace

HUMAN = "you"  # the candidate of a round a person plays (not a simulated persona)


def check_choices(ws: Workspace, *, brief_id: str, interviewer_id: str) -> None:
    """UnknownIdError (one line, naming what exists) unless both ids are in the library."""
    ws.library.brief(brief_id)
    ws.library.interviewer(interviewer_id)


def create_session(
    ws: Workspace,
    *,
    brief_id: str,
    interviewer_id: str,
    candidate: str,
    mode: str,
    minutes: int,
    seed: int,
    engine: Engine,
) -> SessionRow:
    """A new active session, stored with the engine's name, its model and (for a model
    engine) its prompt version; the ids are checked first, so nothing is written for a
    brief or an interviewer that does not exist."""
    check_choices(ws, brief_id=brief_id, interviewer_id=interviewer_id)
    return ws.sessions.create(
        brief_id=brief_id,
        interviewer_id=interviewer_id,
        candidate=candidate,
        mode=mode,
        minutes=minutes,
        seed=seed,
        engine=engine.name,
        model=engine.model,
        prompt_version=engine.prompt_version if isinstance(engine, ModelEngine) else None,
    )
