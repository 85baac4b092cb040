"""The crash suite's machinery: a round played straight through (the baseline), a real
`mockloop` process SIGKILLed at a kill point, and the checks made on the databases it leaves
behind: both pass `PRAGMA integrity_check`, the committed turns are the baseline's first turns,
no scorecard is half written, and a finished round has the baseline's transcript and one
scorecard.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import mockloop
from tests.warm_mockloop import Forked, WarmServer
from tests.warm_mockloop import run as warm_run

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


def start(
    server: WarmServer, args: list[str], kill: Kill, log: Path
) -> subprocess.Popen[bytes] | Forked:
    """`mockloop ARGS`, forked warm from the server; a cold process when the kill point is a
    time after the start, so that it lands while the process is still starting up."""
    if kill.kind != "started":
        return server.start(args, stdout=log)
    with log.open("w", encoding="utf-8") as out:
        return subprocess.Popen(
            [MOCKLOOP, *args], stdout=out, stderr=subprocess.STDOUT, env={**os.environ}
        )


def run_and_kill(server: WarmServer, home: Path, args: list[str], kill: Kill, log: Path) -> Killed:
    """Start `mockloop ARGS` and SIGKILL it at the kill point; fails if it ends first."""
    watch = Watch(home)
    started = time.monotonic()
    proc = start(server, args, kill, log)
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
        proc.send_signal(signal.SIGKILL)
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


def resume_to_the_end(server: WarmServer, home: Path, session_id: str) -> dict[str, Any]:
    code, out, err = warm_run(server, ["resume", session_id, "--json"], 120, home.parent)
    assert code == 0, err
    assert "Traceback" not in err
    report: dict[str, Any] = json.loads(out)
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


def kill_chain(
    server: WarmServer, home: Path, game: Round, kills: Sequence[Kill], pace: float, logs: Path
) -> tuple[str, list[int]]:
    """Start the round, kill it at the first point, then resume and kill it at each next one,
    checking the databases after every kill. The session id and the committed turns after
    each kill."""
    session_id = ""
    committed = [0]
    for n, kill in enumerate(kills):
        args = game.simulate(pace) if n == 0 else ["resume", session_id]
        killed = run_and_kill(server, home, args, kill, logs / f"run-{n}.log")
        assert not session_id or killed.session_id == session_id
        session_id = killed.session_id
        committed.append(check_after_kill(home, killed, game, committed[-1]))
    return session_id, committed[1:]
