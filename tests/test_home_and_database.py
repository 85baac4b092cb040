"""A mockloop folder that is not a usable folder, and a database that is not mockloop's, is
damaged or is newer than this mockloop: one line naming the path and what to do, exit 2, no
traceback, and nothing written to the database first.

A home that is a file, a dangling link or a device, and a database of random bytes, are rows
of the bad-input table (tests/bad_input_special.py, SPECIAL); a store from a newer mockloop has
tests/test_store_newer.py."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from simulator.store import db as store_db
from tests.cli_helpers import mockloop, one_line_error

SIMULATE = ("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")
MOVE_ASIDE = "move it aside"


def made_store(home: Path) -> Path:
    """A real store, made by a command, closed and checkpointed."""
    assert mockloop("history").code == 0
    store = home / "mockloop.db"
    assert store.stat().st_size > 0
    return store


def refused(path: Path, *fragments: str) -> None:
    """`history` is refused in one line naming `path`, and `path` is left byte for byte."""
    before = path.read_bytes() if path.is_file() else None
    line = one_line_error(mockloop("history"))
    assert str(path) in line, line
    for fragment in fragments:
        assert fragment in line, line
    if before is not None:
        assert path.read_bytes() == before, "nothing is written to it"


def edit(store: Path, *statements: str) -> None:
    conn = sqlite3.connect(store)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


# --- the folder ----------------------------------------------------------------------------


def test_a_read_only_home_is_one_line(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolated_home.mkdir()
    isolated_home.chmod(0o555)
    if os.geteuid() == 0:  # root writes through permissions: answer as a read-only mount does

        def read_only(folder: Path) -> None:
            raise PermissionError(errno.EROFS, "Read-only file system", str(folder))

        monkeypatch.setattr("simulator.home_folder.probe_writable", read_only)
    try:
        line = one_line_error(mockloop("history"))
    finally:
        isolated_home.chmod(0o755)
    assert f"{isolated_home}: mockloop's folder is read-only" in line
    assert list(isolated_home.iterdir()) == []


def test_a_full_disk_is_one_line_and_leaves_no_half_made_store(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = store_db.connect

    def full_disk(path: Path | str) -> sqlite3.Connection:
        conn = real_connect(path)
        conn.execute("PRAGMA max_page_count=1")  # SQLite answers as on a full disk
        return conn

    monkeypatch.setattr(store_db, "connect", full_disk)
    line = one_line_error(mockloop("history"))
    assert f"{isolated_home}: no space left on the disk" in line
    monkeypatch.undo()
    monkeypatch.setenv("MOCKLOOP_HOME", str(isolated_home))
    assert mockloop("history").code == 0, "the store is made whole once there is space"


# --- the store -----------------------------------------------------------------------------


def test_a_truncated_store_is_damaged(isolated_home: Path) -> None:
    store = made_store(isolated_home)
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])
    refused(store, "is damaged", "cut short", MOVE_ASIDE)


def test_a_folder_where_the_store_goes_is_one_line(isolated_home: Path) -> None:
    store = isolated_home / "mockloop.db"
    store.mkdir(parents=True)
    refused(store, "is a folder, not a database", MOVE_ASIDE)


def test_another_programs_database_is_not_touched(isolated_home: Path) -> None:
    isolated_home.mkdir()
    store = isolated_home / "mockloop.db"
    edit(store, "create table notes (id integer primary key, body text)")
    refused(store, "not mockloop's database", MOVE_ASIDE)


def test_a_renamed_column_is_damage(isolated_home: Path) -> None:
    store = made_store(isolated_home)
    edit(store, "alter table sessions rename column status to state")
    refused(store, "table sessions lacks column status", MOVE_ASIDE)


def test_a_dropped_table_is_not_silently_recreated(isolated_home: Path) -> None:
    store = made_store(isolated_home)
    edit(store, "drop table drafts")
    refused(store, "table drafts is missing", MOVE_ASIDE)


def test_a_dropped_index_is_damage(isolated_home: Path) -> None:
    store = made_store(isolated_home)
    edit(store, "drop index idx_sessions_updated_at")
    refused(store, "table sessions lost its index on updated_at", MOVE_ASIDE)


# --- the checkpoints -----------------------------------------------------------------------


def test_damaged_checkpoints_refuse_a_round_before_its_session_is_made(
    isolated_home: Path,
) -> None:
    store = made_store(isolated_home)
    checkpoints = isolated_home / "checkpoints.db"
    checkpoints.write_bytes(os.urandom(4096))
    line = one_line_error(mockloop(*SIMULATE, "--minutes", "20"))
    assert f"{checkpoints}: the round checkpoints database is not a SQLite database" in line
    sessions = sqlite3.connect(store).execute("select count(*) from sessions").fetchone()
    assert sessions == (0,), "no session row is left behind"


def test_checkpoints_of_another_program_are_not_touched(isolated_home: Path) -> None:
    made_store(isolated_home)
    checkpoints = isolated_home / "checkpoints.db"
    edit(checkpoints, "create table notes (id integer primary key, body text)")
    before = checkpoints.read_bytes()
    line = one_line_error(mockloop(*SIMULATE, "--minutes", "20"))
    assert "not the round checkpoints database" in line and MOVE_ASIDE in line
    assert checkpoints.read_bytes() == before
