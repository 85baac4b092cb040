"""The checks run on mockloop's two databases before either is written to: the store
(`mockloop.db`, migrated by mockloop) and LangGraph's checkpoints (`checkpoints.db`)."""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

import sqlite_utils

from simulator.store.integrity import (
    MOVE_ASIDE,
    Schema,
    StoreError,
    Table,
    check_file,
    expected_schema,
    first_difference,
    read_schema,
    unknown_names,
)
from simulator.store.migrations import MIGRATIONS

STORE = "mockloop's database"
CHECKPOINTS = "the round checkpoints database"
# LangGraph adds this column itself to checkpoint files made before it existed.
CHECKPOINT_COLUMNS_ADDED_ON_OPEN = {"writes": {"task_path"}}


def check_store(path: Path, *, newer_readable: bool = False) -> str | None:
    """Refuse (StoreError, one line) a store that is not mockloop's, is damaged, lacks a
    table, column, key or index its recorded migrations made, or records a migration this
    version does not know (a newer mockloop's: left untouched).

    With `newer_readable` (the command only reads), a newer mockloop's store whose tables
    still hold what this version reads is accepted: the one-line warning to show is returned,
    and the store must then be opened read-only. None: an ordinary store."""
    if not check_file(path, STORE):
        return None
    found, recorded = read_schema(path, STORE)
    if not found:
        return None  # an empty SQLite file: migrations make everything
    if "_migrations" not in found:
        raise StoreError(f"{path}: not {STORE} (no record of its migrations); {MOVE_ASIDE}")
    newer = unknown_names(recorded, (name for name, _ in MIGRATIONS))
    if newer and not newer_readable:
        raise StoreError(
            f"{path}: made by a newer mockloop (migration {newer[-1]} is unknown to this "
            f"version), so it is left untouched; upgrade mockloop, or {MOVE_ASIDE}"
        )
    problem = first_difference(found, _store_after(frozenset(recorded)))
    if problem and newer:
        raise StoreError(
            f"{path}: made by a newer mockloop that changed its tables ({problem}), so this "
            f"version cannot read it; upgrade mockloop, or {MOVE_ASIDE}"
        )
    if problem:
        raise StoreError(f"{path}: {STORE} is damaged ({problem}); {MOVE_ASIDE}")
    if newer:
        return (
            f"{path}: made by a newer mockloop (migration {newer[-1]} is unknown to this "
            "version); reading it without changing it, upgrade mockloop to add to it"
        )
    return None


def check_checkpoints(path: Path) -> None:
    """Refuse (StoreError, one line) a checkpoints file that is not LangGraph's or is damaged."""
    if not check_file(path, CHECKPOINTS):
        return
    found, _ = read_schema(path, CHECKPOINTS)
    if not found:
        return  # LangGraph makes its tables on first use
    expected = _checkpoint_tables()
    if not set(expected) & set(found):
        raise StoreError(f"{path}: not {CHECKPOINTS} (no checkpoint tables); {MOVE_ASIDE}")
    problem = first_difference(found, expected)
    if problem:
        raise StoreError(f"{path}: {CHECKPOINTS} is damaged ({problem}); {MOVE_ASIDE}")


@cache
def _store_after(recorded: frozenset[str]) -> Schema:
    """The schema the recorded migrations make, in their order, on an empty database."""

    def build(conn: sqlite3.Connection) -> None:
        db = sqlite_utils.Database(conn)
        db.table("_migrations").create({"name": str, "applied_at": str}, pk="name")
        for name, fn in MIGRATIONS:
            if name in recorded:
                fn(db)

    return expected_schema(build)


@cache
def _checkpoint_tables() -> Schema:
    from langgraph.checkpoint.sqlite import SqliteSaver

    tables = expected_schema(lambda conn: SqliteSaver(conn).setup())
    for name, added in CHECKPOINT_COLUMNS_ADDED_ON_OPEN.items():
        table = tables[name]
        tables[name] = Table(
            table.columns - added, table.primary_key, table.foreign_keys, table.indexes
        )
    return tables
