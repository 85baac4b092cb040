"""Write transactions that wait their turn instead of failing under concurrent writers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import sqlite_utils


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All-or-nothing writes that wait their turn: BEGIN IMMEDIATE takes the write lock up
    front, so a concurrent writer makes this one wait (busy timeout) instead of failing with
    "database is locked" when a read transaction tries to become a write one. Nested use
    becomes a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")
