"""Several processes opening a brand-new database at once (a bench and two simulations started
together on a fresh MOCKLOOP_HOME): every one opens it, and each migration runs exactly once."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from simulator.store.db import open_database
from simulator.store.migrations import MIGRATIONS

OPENERS = 6
ROUNDS = 15


def open_together(path: Path) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(OPENERS)

    def opener() -> None:
        start.wait()
        try:
            db = open_database(path)
            db.conn.close()
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(OPENERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_a_new_database_opened_by_many_at_once_is_migrated_exactly_once(tmp_path: Path) -> None:
    for n in range(ROUNDS):
        path = tmp_path / f"fresh-{n}.db"

        assert open_together(path) == []

        with contextlib.closing(sqlite3.connect(path)) as conn:
            names = [row[0] for row in conn.execute("select name from _migrations")]
        assert sorted(names) == sorted(name for name, _ in MIGRATIONS)
