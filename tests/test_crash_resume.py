"""Nothing is lost: a round killed mid-way is continued by `mockloop resume` at the same turn."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import signal
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from simulator import simulation
from tests.cli_helpers import mockloop
from tests.warm_mockloop import Forked, WarmServer
from tests.warm_mockloop import run as warm_run

SIMULATE = ("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper", "--seed", "3")
PACE = "0.3"
Row = tuple[int, str, str]


@functools.cache
def uninterrupted() -> list[tuple[str, str]]:
    """The same round played straight through (in whichever test's home asks first)."""
    run = mockloop(*SIMULATE, "--json")
    assert run.code == 0, run.err
    return [(t["role"], t["text"]) for t in json.loads(run.out)["transcript"]["turns"]]


def query(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Read a database another process is writing: read-only, retried while it is busy."""
    deadline = time.monotonic() + 10
    while True:
        try:
            uri = f"file:{db}?mode=ro"
            with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=1)) as conn:
                return conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError:
            # Not created yet, migrations not applied yet, or locked: try again shortly.
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def stored_turns(db: Path, session_id: str) -> list[Row]:
    rows = query(
        db, "select idx, role, text from turns where session_id = ? order by idx", session_id
    )
    return [(int(idx), str(role), str(text)) for idx, role, text in rows]


def session_status(db: Path, session_id: str) -> str:
    return str(query(db, "select status from sessions where id = ?", session_id)[0][0])


@dataclass(frozen=True)
class Killed:
    session_id: str
    turns: list[Row]


def kill_simulation_after(
    server: WarmServer,
    home: Path,
    log: Path,
    at_least: int,
    sig: signal.Signals = signal.SIGKILL,
) -> Killed:
    """Start a paced simulated round in a real process (forked warm, tests/warm_mockloop.py)
    and send it `sig` (SIGKILL by default, SIGINT for Ctrl+C) once `at_least` turns are
    committed."""
    db = home / "mockloop.db"
    proc = server.start([*SIMULATE, "--pace", PACE], stdout=log)
    try:
        session_id = _wait_for_turns(proc, db, at_least)
        proc.send_signal(sig)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    output = log.read_text(encoding="utf-8")
    expected = 130 if sig == signal.SIGINT else -sig
    assert proc.returncode == expected, output
    assert "Traceback" not in output
    return Killed(session_id, stored_turns(db, session_id))


def _wait_for_turns(proc: Forked, db: Path, at_least: int) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the round ended before it could be killed"
        if db.exists():
            rows = query(
                db,
                "select sessions.id, count(turns.idx) from sessions "
                "left join turns on turns.session_id = sessions.id group by sessions.id",
            )
            for session_id, count in rows:
                if count >= at_least:
                    return str(session_id)
        time.sleep(0.05)
    raise AssertionError(f"no session reached {at_least} turns")


def integrity(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return "; ".join(row[0] for row in conn.execute("pragma integrity_check"))


def assert_no_duplicates(turns: list[Row]) -> None:
    assert [idx for idx, _, _ in turns] == list(range(1, len(turns) + 1))
    roles = [role for _, role, _ in turns]
    assert roles == ["interviewer", "candidate"] * (len(roles) // 2) + ["interviewer"] * (
        len(roles) % 2
    )
    answers = [text for _, role, text in turns if role == "candidate"]
    assert all(a != b for a, b in itertools.pairwise(answers))


# --- a killed round resumes where it stopped --------------------------------------------------


@pytest.mark.parametrize("at_least", [6, 15])
def test_a_killed_round_resumes_without_losing_or_repeating_a_turn(
    isolated_home: Path, tmp_path: Path, warm_mockloop: WarmServer, at_least: int
) -> None:
    db = isolated_home / "mockloop.db"
    log = tmp_path / "simulate.log"
    killed = kill_simulation_after(warm_mockloop, isolated_home, log, at_least)
    assert len(killed.turns) >= at_least
    assert session_status(db, killed.session_id) == "active"
    assert integrity(db) == "ok"
    assert integrity(isolated_home / "checkpoints.db") == "ok"

    code, out, err = warm_run(warm_mockloop, ["resume", killed.session_id, "--json"], 120, tmp_path)

    assert code == 0, err
    report = json.loads(out)
    assert report["session"]["id"] == killed.session_id
    assert report["session"]["status"] == "finished"
    assert session_status(db, killed.session_id) == "finished"
    after = stored_turns(db, killed.session_id)
    assert after[: len(killed.turns)] == killed.turns
    assert len(after) > len(killed.turns)
    assert_no_duplicates(after)
    assert [(role, text) for _, role, text in after] == uninterrupted()
    assert [(t["role"], t["text"]) for t in report["transcript"]["turns"]] == uninterrupted()


def test_resume_without_an_id_continues_the_round_stopped_with_ctrl_c(
    isolated_home: Path, tmp_path: Path, warm_mockloop: WarmServer
) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text(
        "I would ask who reads the churn summary and how many accounts there are.\n",
        encoding="utf-8",
    )
    older = mockloop("simulate", "--brief", "churn-analysis", "--answers", str(answers), "--json")
    assert older.code == 0, older.err
    older_id = json.loads(older.out)["session"]["id"]
    log = tmp_path / "simulate.log"
    stopped = kill_simulation_after(warm_mockloop, isolated_home, log, 6, signal.SIGINT)

    resumed = mockloop("resume", "--json")

    assert resumed.code == 0, resumed.err
    assert json.loads(resumed.out)["session"]["id"] == stopped.session_id
    db = isolated_home / "mockloop.db"
    assert session_status(db, stopped.session_id) == "finished"
    assert session_status(db, older_id) == "stopped", "a replay with no answers left is not resumed"
    after = stored_turns(db, stopped.session_id)
    assert after[: len(stopped.turns)] == stopped.turns
    assert [(role, text) for _, role, text in after] == uninterrupted()


def test_ctrl_c_says_the_round_is_saved_and_can_be_resumed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"answers": 0}
    real_clock = simulation.next_answer_time

    def interrupted_on_the_third_answer(*args: Any) -> float:
        calls["answers"] += 1
        if calls["answers"] == 3:
            raise KeyboardInterrupt
        return real_clock(*args)

    monkeypatch.setattr(simulation, "next_answer_time", interrupted_on_the_third_answer)

    run = mockloop(*SIMULATE)

    assert run.code == 130
    assert "saved" in run.err
    assert "resume" in run.err or "history" in run.err


# --- what resume refuses ----------------------------------------------------------------------


def test_resuming_a_finished_round_is_refused() -> None:
    finished = mockloop(*SIMULATE, "--json")
    session_id = json.loads(finished.out)["session"]["id"]

    run = mockloop("resume", session_id)

    assert run.code == 2
    assert run.err.strip() == (
        f"mockloop: session {session_id} is finished; see `mockloop transcripts show {session_id}`"
    )


def test_resume_with_nothing_unfinished_says_so() -> None:
    run = mockloop("resume")

    assert run.code == 2
    assert run.err.strip() == "mockloop: no unfinished session to resume"


def test_resuming_an_unknown_session_is_one_line_error() -> None:
    run = mockloop("resume", "19990101-000000-dead")

    assert run.code == 2
    assert run.err.startswith("mockloop: ")
    assert "19990101-000000-dead" in run.err
    assert len(run.err.strip().splitlines()) == 1
