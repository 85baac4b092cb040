"""Crash suite: processes that SIGKILL themselves at an exact point inside a write transaction,
with its statements run and not yet committed: a LangGraph checkpoint write, the turn sync, a
migration of a new database and the scorecard write. Nothing committed is lost, nothing half
written is kept, and the round resumes to the uninterrupted transcript."""

from __future__ import annotations

import json
import signal
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
from tests.warm_mockloop import WarmServer
from tests.warm_mockloop import run as warm_run

pytestmark = pytest.mark.slow


def kill_inside(server: WarmServer, home: Path, where: str, args: list[str]) -> list[Killed]:
    """Run `mockloop ARGS` with a kill armed inside a write transaction (tests/kill_inside.py);
    the sessions it left."""
    code, _, err = warm_run(server, args, 120, home.parent, kill_inside=where)
    assert code == -signal.SIGKILL, f"not killed at {where}: {err}"
    assert integrity(home / "mockloop.db") == "ok", where
    return [Killed(sid, where, turns) for sid, _, turns, _ in Watch(home).sessions()]


@pytest.mark.parametrize("where", INSIDE)
def test_a_kill_inside_a_write_transaction_loses_nothing_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm_mockloop: WarmServer, where: str
) -> None:
    home = fresh_home(STRONG, tmp_path, monkeypatch)
    [killed] = kill_inside(warm_mockloop, home, where, STRONG.simulate(0.0))
    committed = check_after_kill(home, killed, STRONG, 0)
    assert committed < len(uninterrupted(STRONG))

    report = resume_to_the_end(warm_mockloop, home, killed.session_id)

    check_finished(home, killed.session_id, STRONG, report)


@pytest.mark.parametrize("where", MIGRATIONS_KILLED)
def test_a_kill_while_a_new_database_is_migrated_leaves_it_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm_mockloop: WarmServer, where: str
) -> None:
    home = fresh_home(STRONG, tmp_path, monkeypatch)
    assert kill_inside(warm_mockloop, home, where, STRONG.simulate(0.0)) == [], "no session yet"

    run = mockloop(*STRONG.simulate(0.0), "--json")

    assert run.code == 0, run.err
    report = json.loads(run.out)
    check_finished(home, report["session"]["id"], STRONG, report)
    names = read(home / "mockloop.db", "select name from _migrations order by name")
    assert [n for (n,) in names] == sorted(name for name, _ in MIGRATIONS)


def test_a_kill_inside_the_scorecard_write_leaves_no_half_scorecard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm_mockloop: WarmServer
) -> None:
    home = fresh_home(STRONG, tmp_path, monkeypatch)

    [killed] = kill_inside(warm_mockloop, home, "scorecard:1", STRONG.simulate(0.0))

    check_after_kill(home, killed, STRONG, 0)
    assert half_written_scorecards(home) == []
    assert read(home / "mockloop.db", "select count(*) from scorecards") == [(0,)]
