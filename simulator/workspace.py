"""The user's workspace: content, the database and the checkpoints, opened on demand."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import sqlite_utils

from scoring.vocabulary.matcher import Matcher, default_matcher
from simulator import paths
from simulator.content.loader import Library, load_library
from simulator.engines.base import Engine
from simulator.services.sessions import check_choices, create_session
from simulator.store.db import connect, open_database
from simulator.store.opening import check_checkpoints
from simulator.store.sessions import SessionRow, SessionStore
from simulator.store_access import reader_warning

if TYPE_CHECKING:  # LangGraph loads only when a round runs, so the app's home opens fast
    from langgraph.checkpoint.sqlite import SqliteSaver

    from simulator.engines.claude.prices import PriceTable
    from simulator.interview.graph import RoundSetup
    from simulator.interview.runner import RoundRunner


@dataclass
class Workspace:
    briefs_dir: Path | None = None
    _connections: list[sqlite3.Connection] = field(default_factory=list)

    @cached_property
    def library(self) -> Library:
        return load_library(self.briefs_dir)

    @cached_property
    def prices(self) -> PriceTable:
        """The price table (with the user's override), read once per workspace."""
        from simulator.engines.claude.prices import load_prices

        return load_prices()

    @cached_property
    def matcher(self) -> Matcher:
        return default_matcher()

    @cached_property
    def db(self) -> sqlite_utils.Database:
        # A command that only reads may read a newer mockloop's store (see store_access).
        db = open_database(paths.database_path(), on_newer=reader_warning())
        self._connections.append(db.conn)
        return db

    @cached_property
    def sessions(self) -> SessionStore:
        return SessionStore(self.db)

    @cached_property
    def checkpointer(self) -> SqliteSaver:
        from langgraph.checkpoint.sqlite import SqliteSaver

        check_checkpoints(paths.checkpoints_path())
        conn = connect(paths.checkpoints_path())
        self._connections.append(conn)
        return SqliteSaver(conn)

    def setup_for(self, session: SessionRow) -> RoundSetup:
        from simulator.interview.graph import RoundSetup

        return RoundSetup(
            brief=self.library.brief(session.brief_id),
            interviewer=self.library.interviewer(session.interviewer_id),
            mode=session.mode,
            minutes=session.minutes,
            seed=session.seed,
            matcher=self.matcher,
        )

    def new_round(
        self,
        *,
        brief_id: str,
        interviewer_id: str,
        candidate: str,
        mode: str,
        minutes: int,
        seed: int,
        engine: Engine,
    ) -> RoundRunner:
        # Every id is checked, and the checkpoints opened, before anything is written: a
        # damaged checkpoints file is refused before the row.
        check_choices(self, brief_id=brief_id, interviewer_id=interviewer_id)
        self.checkpointer  # noqa: B018
        session = create_session(
            self,
            brief_id=brief_id,
            interviewer_id=interviewer_id,
            candidate=candidate,
            mode=mode,
            minutes=minutes,
            seed=seed,
            engine=engine,
        )
        return self.round_for(session, engine)

    def round_for(self, session: SessionRow, engine: Engine) -> RoundRunner:
        from simulator.interview.runner import RoundRunner

        return RoundRunner(
            self.setup_for(session), engine, self.checkpointer, self.sessions, session.id
        )

    def close(self) -> None:
        for conn in self._connections:
            conn.close()
        self._connections.clear()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
