"""Several mockloop processes writing one database at once lose no row.

Two `mockloop bench` runs (offline raters, simulated transcripts, repeats), three simulated rounds
and a plain practice session typed on standard input (the tables the practice app writes:
sessions, turns, drafts) start together against the same MOCKLOOP_HOME. Afterwards every process
has exited 0, every round's turns are all there (the simulated ones equal to an uninterrupted run
with the same seed), each bench run is stored with every one of its ratings, and both databases
pass `PRAGMA integrity_check`. The scenario runs on a fresh home (the migrations race too), then
once more on the same, now populated, home; it stops at the first round that loses something.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils.db

from simulator.store.db import open_database
from simulator.store.sessions import SessionStore
from tests.cli_helpers import mockloop
from tests.warm_mockloop import Forked, WarmServer

pytestmark = pytest.mark.slow

DIMENSIONS = 8
SYNTHETIC = 6
RATERS = ("offline", "offline:plain")
REPEATS = 2
SEEDS = (1, 2, 3)
ANSWERS = (
    "I would first ask how many tickets a typical account has and who reads the summary.",
    "One model call with a JSON schema; the system prompt is cached and stable.",
    "A golden set of 50 labelled accounts, scored in CI before every prompt change.",
)
ROUNDS = 2  # a fresh home, then a populated one


def simulate_args(seed: int) -> list[str]:
    return ["simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper", "--seed",
            str(seed), "--pace", "0.01"]  # fmt: skip


@functools.cache
def uninterrupted(seed: int) -> list[tuple[str, str]]:
    run = mockloop(*simulate_args(seed)[:-2], "--json")
    assert run.code == 0, run.err
    return [(t["role"], t["text"]) for t in json.loads(run.out)["transcript"]["turns"]]


def start_all(server: WarmServer, home: Path, logs: Path) -> dict[str, Forked]:
    """Every process started at once (forked warm, tests/warm_mockloop.py): their standard
    streams are files in `logs`, NAME.out and NAME.err, and the practice's typed answers."""
    env = {**os.environ, "MOCKLOOP_HOME": str(home)}
    bench = ["bench", "--synthetic", str(SYNTHETIC), "--perturb", "0", "--repeats", str(REPEATS)]
    bench += [arg for rater in RATERS for arg in ("--rater", rater)]
    typed = logs / "practice.in"
    typed.write_text("".join(f"{answer}\n\n" for answer in ANSWERS), encoding="utf-8")
    commands = [
        ("bench-1", bench, None),
        ("bench-2", bench, None),
        *((f"simulate-{seed}", simulate_args(seed), None) for seed in SEEDS),
        (
            "practice",
            ["practice", "--plain", "--brief", "churn-analysis", "--seed", "4", "--engine",
             "offline"],
            typed,
        ),
    ]  # fmt: skip
    return {
        name: server.start(
            args, stdout=logs / f"{name}.out", stderr=logs / f"{name}.err", stdin=stdin, env=env
        )
        for name, args, stdin in commands
    }


def read(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(db, timeout=10)) as conn:
        return conn.execute(sql, args).fetchall()


def run_scenario(server: WarmServer, home: Path, logs: Path) -> list[str]:
    """Every problem found after one concurrent run (empty: nothing lost)."""
    logs.mkdir(parents=True)
    processes = start_all(server, home, logs)
    outputs: dict[str, tuple[int, str, str]] = {}
    for name, proc in processes.items():
        code = proc.wait(timeout=180)
        out, err = ((logs / f"{name}.{stream}").read_text("utf-8") for stream in ("out", "err"))
        outputs[name] = (code, out, err)
    problems = [
        f"{name} exited {code}: {err.strip().splitlines()[-1] if err.strip() else ''}"
        for name, (code, _, err) in outputs.items()
        if code != 0 or "Traceback" in err
    ]
    db = home / "mockloop.db"
    for name in ("mockloop.db", "checkpoints.db"):
        if (result := read(home / name, "pragma integrity_check")) != [("ok",)]:
            problems.append(f"{name}: integrity_check {result}")
    for seed in SEEDS:
        rows = read(db, "select id, status from sessions where seed = ? and candidate = ?", seed,
                    "strong-shipper")  # fmt: skip
        for session_id, status in rows:
            turns = read(db, "select role, text from turns where session_id = ? order by idx",
                         session_id)  # fmt: skip
            if status != "finished" or turns != uninterrupted(seed):
                problems.append(f"simulate seed {seed}: {status}, {len(turns)} turns")
            cards = read(db, "select id from scorecards where session_id = ?", session_id)
            if len(cards) != 1:
                problems.append(f"simulate seed {seed}: {len(cards)} scorecards")
    practice = read(db, "select id from sessions where candidate = 'you'")
    for (session_id,) in practice:
        said = read(db, "select text from turns where session_id = ? and role = 'candidate' "
                    "order by idx", session_id)  # fmt: skip
        if [text for (text,) in said] != list(ANSWERS):
            problems.append(f"practice: candidate turns {said}")
    expected_ratings = SYNTHETIC * DIMENSIONS * len(RATERS) * REPEATS
    for name in ("bench-1", "bench-2"):
        found = re.search(r"Stored as bench run (\S+)\.", outputs[name][1])
        if found is None:
            problems.append(f"{name}: no stored run")
            continue
        run_id = found.group(1)
        count = read(db, "select count(*) from ratings where run_id = ?", run_id)[0][0]
        if count != expected_ratings or not read(
            db, "select 1 from bench_runs where id = ?", run_id
        ):
            problems.append(f"{name}: run {run_id} has {count} of {expected_ratings} ratings")
    return problems


def test_benches_simulations_and_practice_writing_at_once_lose_no_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], warm_mockloop: WarmServer
) -> None:
    for seed in SEEDS:
        uninterrupted(seed)  # baselines first, in the test's own home
    home = tmp_path / "shared-home"
    problems: list[str] = []
    for n in range(ROUNDS):
        problems = run_scenario(warm_mockloop, home, tmp_path / f"round-{n + 1}")
        with capsys.disabled():
            print(f"\nconcurrency round {n + 1}: {'; '.join(problems) or 'nothing lost'}")
        if problems:
            break
    assert problems == []
    sessions = read(home / "mockloop.db", "select count(*) from sessions")[0][0]
    runs = read(home / "mockloop.db", "select count(*) from bench_runs")[0][0]
    assert (sessions, runs) == (ROUNDS * (len(SEEDS) + 1), ROUNDS * 2)


def test_a_turn_sync_waits_for_another_process_commit_instead_of_failing(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race above, made deterministic: another connection writes while a sync is in its
    transaction, before its first write. It must wait for the sync (or the sync for it), not
    make the sync fail."""
    path = isolated_home / "mockloop.db"
    isolated_home.mkdir(parents=True, exist_ok=True)
    ours, theirs = SessionStore(open_database(path)), SessionStore(open_database(path))
    session = ours.create(brief_id="churn-analysis", interviewer_id="neutral", candidate="x",
                          mode="interview", minutes=60, seed=1, engine="offline")  # fmt: skip
    real_upsert_all = sqlite_utils.db.Table.upsert_all
    other = threading.Thread(target=theirs.save_draft, args=(session.id, "typed elsewhere"))

    def upsert_all(table: Any, *args: Any, **kwargs: Any) -> Any:
        if table.db is ours.db and not other.is_alive():
            other.start()  # commits at once unless our transaction already holds the lock
            other.join(timeout=0.5)
        return real_upsert_all(table, *args, **kwargs)

    monkeypatch.setattr(sqlite_utils.db.Table, "upsert_all", upsert_all)

    ours.sync(session.id, [{"role": "interviewer", "text": "Hello."}], phase="opening", coverage={})

    other.join(timeout=20)
    assert [t.text for t in ours.turns(session.id)] == ["Hello."]
    assert theirs.draft(session.id) == "typed elsewhere"
