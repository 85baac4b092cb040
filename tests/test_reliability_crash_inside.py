"""Crash suite: processes that SIGKILL themselves at an exact point inside a write transaction,
with its statements run and not yet committed: a LangGraph checkpoint write, the turn sync, a
migration of a new database and the scorecard write. Nothing committed is lost, nothing half
written is kept, and the round resumes to the uninterrupted transcript."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from simulator.store.migrations import MIGRATIONS
from tests.cli_helpers import mockloop
from tests.crash_helpers import (
    STRONG,
    Killed,
    Watch,
    check_after_kill,
    check_finished,
    fresh_home,
    half_written_scorecards,
    integrity,
    read,
    resume_to_the_end,
    uninterrupted,
)
from tests.crash_points import INSIDE, MIGRATIONS_KILLED

pytestmark = pytest.mark.slow

# Runs the real CLI with one write path patched to SIGKILL the process once the N-th write of
# that kind has run its statements but not committed them: a LangGraph checkpoint write
# ("checkpoint"), the store's sync of the turns ("sync"), a database migration on first use
# ("migration"), or a scorecard whose dimension rows are next ("scorecard").
KILL_INSIDE = textwrap.dedent(
    """
    import contextlib, os, signal, sys
    target, at = os.environ["MOCKLOOP_TEST_KILL"].split(":")
    calls = 0

    def nth_call():
        global calls
        calls += 1
        return calls == int(at)

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if target == "checkpoint":
        from langgraph.checkpoint.sqlite import SqliteSaver
        real_cursor = SqliteSaver.cursor

        @contextlib.contextmanager
        def cursor(self, transaction=True):
            with real_cursor(self, transaction) as cur:
                yield cur
                if transaction and nth_call():  # executed, not committed
                    die()

        SqliteSaver.cursor = cursor
    elif target == "sync":
        import sqlite_utils.db
        from simulator.store.sessions import SessionStore
        real_sync, real_update = SessionStore.sync, sqlite_utils.db.Table.update

        def update_then_die(table, *args, **kwargs):
            real_update(table, *args, **kwargs)
            die()  # turns upserted and the session updated, not committed

        def sync(self, *args, **kwargs):
            if nth_call():
                sqlite_utils.db.Table.update = update_then_die
            return real_sync(self, *args, **kwargs)

        SessionStore.sync = sync
    elif target == "migration":
        from simulator.store import migrations
        name, real_migration = migrations.MIGRATIONS[int(at) - 1]

        def migrate_then_die(db):
            real_migration(db)
            die()

        migrations.MIGRATIONS[int(at) - 1] = (name, migrate_then_die)
    elif target == "scorecard":
        import sqlite_utils.db
        real_insert_all = sqlite_utils.db.Table.insert_all

        def insert_all(self, *args, **kwargs):
            if self.name == "dimension_scores" and nth_call():  # the card row is in
                die()
            return real_insert_all(self, *args, **kwargs)

        sqlite_utils.db.Table.insert_all = insert_all
    from simulator.cli.main import main
    main(sys.argv[1:])
    """
)


def kill_inside(home: Path, tmp_path: Path, where: str, args: list[str]) -> list[Killed]:
    script = tmp_path / "kill_inside.py"
    script.write_text(KILL_INSIDE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "MOCKLOOP_TEST_KILL": where},
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, f"not killed at {where}: {done.stderr}"
    assert integrity(home / "mockloop.db") == "ok", where
    return [Killed(sid, where, turns) for sid, _, turns, _ in Watch(home).sessions()]


@pytest.mark.parametrize("where", INSIDE)
def test_a_kill_inside_a_write_transaction_loses_nothing_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    home = fresh_home(STRONG, tmp_path, monkeypatch)
    [killed] = kill_inside(home, tmp_path, where, STRONG.simulate(0.0))
    committed = check_after_kill(home, killed, STRONG, 0)
    assert committed < len(uninterrupted(STRONG))

    report = resume_to_the_end(home, killed.session_id, STRONG)

    check_finished(home, killed.session_id, STRONG, report)


@pytest.mark.parametrize("where", MIGRATIONS_KILLED)
def test_a_kill_while_a_new_database_is_migrated_leaves_it_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    home = fresh_home(STRONG, tmp_path, monkeypatch)
    assert kill_inside(home, tmp_path, where, STRONG.simulate(0.0)) == [], "no session yet"

    run = mockloop(*STRONG.simulate(0.0), "--json")

    assert run.code == 0, run.err
    report = json.loads(run.out)
    check_finished(home, report["session"]["id"], STRONG, report)
    names = read(home / "mockloop.db", "select name from _migrations order by name")
    assert [n for (n,) in names] == sorted(name for name, _ in MIGRATIONS)


def test_a_kill_inside_the_scorecard_write_leaves_no_half_scorecard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = fresh_home(STRONG, tmp_path, monkeypatch)

    [killed] = kill_inside(home, tmp_path, "scorecard:1", STRONG.simulate(0.0))

    check_after_kill(home, killed, STRONG, 0)
    assert half_written_scorecards(home) == []
    assert read(home / "mockloop.db", "select count(*) from scorecards") == [(0,)]
