"""Opening the database: WAL, a busy timeout for concurrent writers, migrations applied."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from simulator.store.migrations import apply_migrations
from simulator.store.opening import check_store

BUSY_TIMEOUT_MS = 10_000


def connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if str(path) != ":memory:":
        _switch_to_wal(conn)
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Turn on WAL. On a brand-new file opened by several processes at once this can fail
    with "database is locked" without waiting (SQLite's busy timeout does not cover it), so
    it is retried until the busy timeout has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def open_database(
    path: Path | str, *, on_newer: Callable[[str], None] | None = None
) -> sqlite_utils.Database:
    """mockloop's store, checked before anything is written (see `check_store`), migrated.

    A store from a newer mockloop is refused, unless `on_newer` is given (the command only
    reads): it is then called with a one-line warning, and the store is opened read-only and
    left as it is, unmigrated."""
    if str(path) != ":memory:":
        newer = check_store(Path(path), newer_readable=on_newer is not None)
        if newer is not None and on_newer is not None:
            on_newer(newer)
            return sqlite_utils.Database(connect_read_only(Path(path)))
    db = sqlite_utils.Database(connect(path))
    apply_migrations(db)
    return db


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, whatever runs on it."""
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn
