"""Is this mockloop's database, whole, and of a version this mockloop knows? Checked at open,
before anything is written to it.

A file that is not SQLite, is cut short, is a folder, belongs to another program, lacks a
table, column or index mockloop made, or records a migration from a newer mockloop is
refused in one line naming it: writing to it would damage it further or hide the damage
(a dropped table would come back empty, without its keys and indexes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
MOVE_ASIDE = "move it aside (rename it) and mockloop starts a new one"


class StoreError(ValueError):
    """A database mockloop will not use; the message is one line naming the file."""


@dataclass(frozen=True)
class Table:
    """What mockloop relies on in one table: its columns, primary key, foreign keys, indexes."""

    columns: frozenset[str]
    primary_key: tuple[str, ...]
    foreign_keys: frozenset[tuple[str, str, str]]
    indexes: frozenset[tuple[str, ...]]


Schema = dict[str, Table]


def check_file(path: Path, what: str) -> bool:
    """Whether a database file is there to check (False: a new one will be made). Refuses a
    folder, a file that is not SQLite, and one shorter than its own header says."""
    if path.is_dir():
        raise StoreError(f"{path}: {what} is a folder, not a database; {MOVE_ASIDE}")
    if not path.exists():
        return False
    with path.open("rb") as file:
        header = file.read(HEADER_BYTES)
    if not header:
        return True  # empty until its first checkpoint, its tables may sit in the -wal file
    if len(header) < HEADER_BYTES or not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"{path}: {what} is not a SQLite database; {MOVE_ASIDE}")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is valid only when the change counter matches "version-valid-for".
    if header[24:28] == header[92:96] and path.stat().st_size < pages * page_size:
        raise StoreError(
            f"{path}: {what} is damaged (cut short: {path.stat().st_size} of "
            f"{pages * page_size} bytes); {MOVE_ASIDE}"
        )
    return True


def read_schema(path: Path, what: str) -> tuple[Schema, set[str]]:
    """The tables of an existing database (read-only) and the migrations it records."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: {what} cannot be opened ({exc}); {MOVE_ASIDE}") from None
    try:
        schema = schema_of(conn)
        recorded: set[str] = set()
        if "_migrations" in schema:
            recorded = {row[0] for row in conn.execute("select name from _migrations")}
        return schema, recorded
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: {what} is damaged ({exc}); {MOVE_ASIDE}") from None
    finally:
        conn.close()


def schema_of(conn: sqlite3.Connection) -> Schema:
    """Every table's columns, keys and indexes (SQLite's internal tables left out)."""
    names = [
        row[0]
        for row in conn.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
        )
    ]
    return {name: _table(conn, name) for name in names}


def _table(conn: sqlite3.Connection, name: str) -> Table:
    quoted = '"' + name.replace('"', '""') + '"'
    info = conn.execute(f"pragma table_info({quoted})").fetchall()
    keys = tuple(row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5]))
    foreign = conn.execute(f"pragma foreign_key_list({quoted})").fetchall()
    indexes = set()
    for index in conn.execute(f"pragma index_list({quoted})").fetchall():
        if index[3] == "c":  # made by CREATE INDEX, not by a key or UNIQUE constraint
            index_name = '"' + index[1].replace('"', '""') + '"'
            columns = conn.execute(f"pragma index_info({index_name})").fetchall()
            indexes.add(tuple(row[2] for row in sorted(columns)))
    return Table(
        columns=frozenset(row[1] for row in info),
        primary_key=keys,
        foreign_keys=frozenset((row[3], row[2], row[4]) for row in foreign),
        indexes=frozenset(indexes),
    )


def first_difference(found: Schema, expected: Schema) -> str | None:
    """What the database lacks of the expected schema, said for a person (None: nothing)."""
    for name, table in expected.items():
        have = found.get(name)
        if have is None:
            return f"table {name} is missing"
        missing = sorted(table.columns - have.columns)
        if missing:
            return f"table {name} lacks column {', '.join(missing)}"
        if have.primary_key != table.primary_key:
            return f"table {name} lost its primary key"
        if not table.foreign_keys <= have.foreign_keys:
            return f"table {name} lost a foreign key"
        lost = sorted(table.indexes - have.indexes)
        if lost:
            return f"table {name} lost its index on {', '.join(lost[0])}"
    return None


def expected_schema(build: Callable[[sqlite3.Connection], None]) -> Schema:
    """The schema `build` makes on an empty in-memory database."""
    conn = sqlite3.connect(":memory:")
    try:
        build(conn)
        return schema_of(conn)
    finally:
        conn.close()


def unknown_names(recorded: Iterable[str], known: Iterable[str]) -> list[str]:
    return sorted(set(recorded) - set(known))
