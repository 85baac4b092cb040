"""Crash suite: simulated rounds SIGKILLed at many points, in every phase, then resumed.

Each chain starts `mockloop simulate --pace P` in a real process and kills it at its first
kill point; every later kill point kills the `mockloop resume ID` that continues it; a last
`resume` plays the round to the end. After every kill: both databases pass
`PRAGMA integrity_check`, the committed turns are exactly the first turns of an uninterrupted
run with the same seed (none lost, none repeated), and no scorecard is half written. At the
end: the whole transcript equals the uninterrupted run and the session has one scorecard.

Kill points are spread over the round: as soon as the session row exists, a random delay after
the process starts, once N turns are committed (N spread from the opening to the wrap-up), a
seeded random few milliseconds after a turn appears (most likely while the next step's
checkpoints are written), and after the round closed but before its scorecard is stored. Then
exact points, by a process that kills itself there: inside a LangGraph checkpoint transaction,
inside the turn sync, inside a migration of a new database and inside the scorecard write,
each with its statements run and not yet committed.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from simulator.store.migrations import MIGRATIONS
from tests.cli_helpers import mockloop

pytestmark = pytest.mark.slow

MOCKLOOP = str(Path(sys.executable).with_name("mockloop"))
DIMENSIONS = 8  # the system-design rubric's dimensions: rows per stored scorecard
POLL = 0.001
Turn = tuple[str, str]


@dataclass(frozen=True)
class Round:
    brief: str
    candidate: str
    seed: int

    def simulate(self, pace: float) -> list[str]:
        return [
            "simulate",
            "--brief",
            self.brief,
            "--candidate",
            self.candidate,
            "--seed",
            str(self.seed),
            "--pace",
            str(pace),
        ]


STRONG = Round("churn-analysis", "strong-shipper", 3)
AVERAGE = Round("ticket-triage", "vibes-only", 5)
WEAK = Round("support-email-extraction", "buzzword-salad", 7)
TEST_MODE = Round("event-log-email-summary", "repeat", 2)


@functools.cache
def uninterrupted(game: Round) -> tuple[Turn, ...]:
    """The round played straight through, once per seed (in-process, fast)."""
    run = mockloop(*game.simulate(0.0), "--json")
    assert run.code == 0, run.err
    return tuple((t["role"], t["text"]) for t in json.loads(run.out)["transcript"]["turns"])


# --- reading the databases another process writes ---------------------------------------------


class Watch:
    """Polls the session database read-only, reconnecting while it is created or busy."""

    def __init__(self, home: Path) -> None:
        self.db = home / "mockloop.db"
        self.conn: sqlite3.Connection | None = None

    def rows(self, sql: str, *args: Any) -> list[tuple[Any, ...]] | None:
        if not self.db.exists():
            return None
        try:
            if self.conn is None:
                uri = f"file:{self.db}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=1, check_same_thread=False)
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError:  # not migrated yet, or locked for a moment
            self.close()
            return None

    def sessions(self) -> list[tuple[str, str, int, int]]:
        """(id, status, committed turns, scorecards) of every session."""
        rows = self.rows(
            "select s.id, s.status, "
            "(select count(*) from turns t where t.session_id = s.id), "
            "(select count(*) from scorecards c where c.session_id = s.id) from sessions s"
        )
        return [(str(a), str(b), int(c), int(d)) for a, b, c, d in rows or []]

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def read(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(db, timeout=10)) as conn:
        return conn.execute(sql, args).fetchall()


def integrity(db: Path) -> str:
    return "; ".join(str(row[0]) for row in read(db, "pragma integrity_check"))


def stored_turns(home: Path, session_id: str) -> list[tuple[int, str, str]]:
    rows = read(
        home / "mockloop.db",
        "select idx, role, text from turns where session_id = ? order by idx",
        session_id,
    )
    return [(int(i), str(r), str(t)) for i, r, t in rows]


def half_written_scorecards(home: Path) -> list[str]:
    """Scorecards stored without all their dimension rows (a partial write)."""
    rows = read(
        home / "mockloop.db",
        "select s.id from scorecards s where "
        "(select count(*) from dimension_scores d where d.scorecard_id = s.id) != ?",
        DIMENSIONS,
    )
    return [str(r[0]) for r in rows]


# --- kill points ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kill:
    """When to SIGKILL the running process.

    kind: "session" (the session row exists), "turns" (at least `turns` committed),
    "after" (`delay` seconds after at least `turns` are committed), "started" (`delay`
    seconds after the process started), "scoring" (round finished, no scorecard yet).
    """

    kind: str
    turns: int = 0
    delay: float = 0.0

    def __str__(self) -> str:
        if self.kind in ("turns", "after"):
            extra = f"+{self.delay * 1000:.0f}ms" if self.kind == "after" else ""
            return f"{self.kind}>={self.turns}{extra}"
        return f"{self.kind}{f'+{self.delay:.2f}s' if self.delay else ''}"


def _reached(kill: Kill, session: tuple[str, str, int, int] | None) -> bool:
    if kill.kind == "started":
        return True
    if session is None:
        return False
    _, status, turns, cards = session
    if kill.kind == "session":
        return True
    if kill.kind == "scoring":
        return status == "finished" and cards == 0
    return turns >= kill.turns


@dataclass
class Killed:
    session_id: str
    at: str
    turns_when_killed: int


def run_and_kill(home: Path, args: list[str], kill: Kill, log: Path) -> Killed:
    """Start `mockloop ARGS` and SIGKILL it at the kill point; fails if it ends first."""
    watch = Watch(home)
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [MOCKLOOP, *args], stdout=out, stderr=subprocess.STDOUT, env={**os.environ}
        )
        try:
            session = None
            while True:
                sessions = watch.sessions()
                session = sessions[-1] if sessions else None
                if _reached(kill, session):
                    break
                assert proc.poll() is None, f"{args} ended before {kill}: {log.read_text()}"
                assert time.monotonic() - started < 60, f"{kill} never came"
                time.sleep(POLL)
            if kill.kind == "started":
                time.sleep(max(0.0, kill.delay - (time.monotonic() - started)))
            elif kill.kind == "after":
                time.sleep(kill.delay)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)
        finally:
            watch.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL, f"{args} exited {proc.returncode} before {kill}"
    sessions = Watch(home).sessions()
    assert len(sessions) == 1, sessions
    return Killed(sessions[0][0], str(kill), sessions[0][2])


def check_after_kill(home: Path, killed: Killed, game: Round, before: int) -> int:
    """Both databases intact; the committed turns are the uninterrupted run's first turns."""
    assert integrity(home / "mockloop.db") == "ok", killed
    if (home / "checkpoints.db").exists():
        assert integrity(home / "checkpoints.db") == "ok", killed
    turns = stored_turns(home, killed.session_id)
    assert [idx for idx, _, _ in turns] == list(range(1, len(turns) + 1)), killed
    assert len(turns) >= before, f"committed turns were lost at {killed.at}"
    expected = uninterrupted(game)
    assert [(r, t) for _, r, t in turns] == list(expected[: len(turns)]), killed
    assert half_written_scorecards(home) == [], killed
    return len(turns)


def resume_to_the_end(home: Path, session_id: str, game: Round) -> dict[str, Any]:
    done = subprocess.run(
        [MOCKLOOP, "resume", session_id, "--json"],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    assert report["session"]["status"] == "finished"
    return report


def check_finished(home: Path, session_id: str, game: Round, report: dict[str, Any]) -> None:
    expected = list(uninterrupted(game))
    turns = stored_turns(home, session_id)
    assert [(r, t) for _, r, t in turns] == expected
    assert [(t["role"], t["text"]) for t in report["transcript"]["turns"]] == expected
    assert report["scorecard"] is not None
    cards = read(
        home / "mockloop.db", "select count(*) from scorecards where session_id = ?", session_id
    )
    assert cards == [(1,)], "exactly one scorecard for the session"
    assert half_written_scorecards(home) == []
    assert integrity(home / "mockloop.db") == "ok"
    assert integrity(home / "checkpoints.db") == "ok"


def fresh_home(game: Round, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A MOCKLOOP_HOME of its own for the killed processes (the baseline is computed first,
    in the test's home, so it never shares a database with them)."""
    uninterrupted(game)
    home = tmp_path / "killed-home"
    monkeypatch.setenv("MOCKLOOP_HOME", str(home))
    return home


# --- the chains -------------------------------------------------------------------------------


def at_turns(*counts: int) -> list[Kill]:
    return [Kill("turns", n) for n in counts]


def _jitter(seed: int, count: int, first: int, step: int) -> list[Kill]:
    """Kills a seeded random 0-25 ms after a turn appears: mid-step, during checkpoint writes."""
    rng = random.Random(seed)
    return [Kill("after", first + n * step, rng.uniform(0.0, 0.025)) for n in range(count)]


CHAINS: dict[str, tuple[Round, float, list[Kill]]] = {
    # Turn counts spread over the whole round (39 turns): opening, design, deep dives, wrap-up.
    "strong-by-turns": (
        STRONG,
        0.05,
        at_turns(1, 6, 13, 22, 29, 34),
    ),
    # A longer round (53 turns), killed later and later, resumed each time.
    "average-by-turns": (
        AVERAGE,
        0.05,
        at_turns(3, 10, 19, 28, 37, 45),
    ),
    # A few random milliseconds after a turn is committed: inside the next step's writes.
    "weak-mid-write": (WEAK, 0.01, _jitter(seed=11, count=6, first=2, step=6)),
    # Before the first turn, during start-up, then mid-write on a test-mode persona.
    "test-mode-early": (
        TEST_MODE,
        0.05,
        [Kill("session"), Kill("started", delay=0.35), *_jitter(seed=5, count=3, first=5, step=8)],
    ),
}
KILL_POINTS = sum(len(kills) for _, _, kills in CHAINS.values())


@pytest.mark.parametrize("chain", list(CHAINS))
def test_a_round_killed_again_and_again_resumes_to_the_uninterrupted_transcript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chain: str
) -> None:
    game, pace, kills = CHAINS[chain]
    home = fresh_home(game, tmp_path, monkeypatch)
    committed = 0
    session_id = ""
    landed: list[str] = []
    for n, kill in enumerate(kills):
        args = game.simulate(pace) if n == 0 else ["resume", session_id]
        killed = run_and_kill(home, args, kill, tmp_path / f"run-{n}.log")
        assert not session_id or killed.session_id == session_id
        session_id = killed.session_id
        committed = check_after_kill(home, killed, game, committed)
        landed.append(f"{kill} -> {committed}")
    assert committed < len(uninterrupted(game)), "the last kill came before the end"
    report = resume_to_the_end(home, session_id, game)
    check_finished(home, session_id, game, report)
    with capsys.disabled():
        print(f"\n  {chain}: killed at {', '.join(landed)} committed turns; resumed to "
              f"{len(uninterrupted(game))}")  # fmt: skip


# --- killed while the scorecard is written ---------------------------------------------------


SCORING_KILLS: dict[str, tuple[Round, list[Kill]]] = {
    "simulate-killed-while-scoring": (STRONG, [Kill("scoring")]),
    "resume-killed-while-scoring": (AVERAGE, [Kill("turns", 40), Kill("scoring")]),
}


@pytest.mark.parametrize("case", list(SCORING_KILLS))
def test_a_round_killed_while_it_is_scored_gets_its_scorecard_on_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    game, kills = SCORING_KILLS[case]
    home = fresh_home(game, tmp_path, monkeypatch)
    committed, session_id = 0, ""
    for n, kill in enumerate(kills):
        args = game.simulate(0.01) if n == 0 else ["resume", session_id]
        killed = run_and_kill(home, args, kill, tmp_path / f"run-{n}.log")
        session_id = killed.session_id
        committed = check_after_kill(home, killed, game, committed)
    assert committed == len(uninterrupted(game)), "every turn of the closed round is committed"
    assert read(home / "mockloop.db", "select status from sessions") == [("finished",)]

    report = resume_to_the_end(home, session_id, game)

    check_finished(home, session_id, game, report)


# --- killed inside a transaction, at an exact point --------------------------------------------

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
# A 39-turn round makes about 200 checkpoint transactions and 20 turn syncs.
INSIDE = [
    "checkpoint:3",
    "checkpoint:6",
    "checkpoint:60",
    "checkpoint:150",
    "sync:1",
    "sync:9",
    "sync:18",
]
MIGRATIONS_KILLED = ["migration:1", "migration:3", "migration:5"]


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


def test_the_suite_kills_at_least_twenty_points(capsys: pytest.CaptureFixture[str]) -> None:
    scoring = sum(len(kills) for _, kills in SCORING_KILLS.values()) + 1  # + inside its write
    inside = len(INSIDE) + len(MIGRATIONS_KILLED)
    total = KILL_POINTS + inside + scoring
    with capsys.disabled():
        print(
            f"\ncrash suite: {total} kill points: {KILL_POINTS} in {len(CHAINS)} kill-and-resume "
            f"chains, {inside} inside write transactions, {scoring} around scoring"
        )
    assert total >= 20
