"""Kills at an exact point inside a write transaction, armed in a `mockloop` process before it
runs: SIGKILL once the N-th write of one kind has run its statements but not committed them.

`where` is "KIND:N": a LangGraph checkpoint write ("checkpoint"), the store's sync of the
turns ("sync"), a database migration on first use ("migration", N its number) or a scorecard
whose dimension rows are next ("scorecard")."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from typing import Any


def arm(where: str) -> None:
    """Patch this process's write path `where` names to SIGKILL the process there."""
    target, at = where.split(":")
    calls = 0

    def nth_call() -> bool:
        nonlocal calls
        calls += 1
        return calls == int(at)

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    if target == "checkpoint":
        from langgraph.checkpoint.sqlite import SqliteSaver

        real_cursor = SqliteSaver.cursor

        @contextlib.contextmanager
        def cursor(self: Any, transaction: bool = True) -> Iterator[Any]:
            with real_cursor(self, transaction) as cur:
                yield cur
                if transaction and nth_call():  # executed, not committed
                    die()

        SqliteSaver.cursor = cursor  # type: ignore[method-assign]
    elif target == "sync":
        import sqlite_utils.db

        from simulator.store.sessions import SessionStore

        real_sync, real_update = SessionStore.sync, sqlite_utils.db.Table.update

        def update_then_die(table: Any, *args: Any, **kwargs: Any) -> Any:
            real_update(table, *args, **kwargs)
            die()  # turns upserted and the session updated, not committed

        def sync(self: Any, *args: Any, **kwargs: Any) -> Any:
            if nth_call():
                sqlite_utils.db.Table.update = update_then_die  # type: ignore[method-assign]
            return real_sync(self, *args, **kwargs)

        SessionStore.sync = sync  # type: ignore[method-assign]
    elif target == "migration":
        from simulator.store import migrations

        name, real_migration = migrations.MIGRATIONS[int(at) - 1]

        def migrate_then_die(db: Any) -> None:
            real_migration(db)
            die()

        migrations.MIGRATIONS[int(at) - 1] = (name, migrate_then_die)
    elif target == "scorecard":
        import sqlite_utils.db

        real_insert_all = sqlite_utils.db.Table.insert_all

        def insert_all(self: Any, *args: Any, **kwargs: Any) -> Any:
            if self.name == "dimension_scores" and nth_call():  # the card row is in
                die()
            return real_insert_all(self, *args, **kwargs)

        sqlite_utils.db.Table.insert_all = insert_all  # type: ignore[method-assign]
    else:
        raise ValueError(f"no kill point {where!r}")
