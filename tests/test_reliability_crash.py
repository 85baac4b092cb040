"""Crash suite: simulated rounds SIGKILLed at many points, in every phase, then resumed.

Each chain starts `mockloop simulate --pace P` in a real process and kills it at its first
kill point; every later kill point kills the `mockloop resume ID` that continues it; a last
`resume` plays the round to the end. After every kill: both databases pass
`PRAGMA integrity_check`, the committed turns are exactly the first turns of an uninterrupted
run with the same seed (none lost, none repeated), and no scorecard is half written. At the
end: the whole transcript equals the uninterrupted run and the session has one scorecard.

The kill points are in tests/crash_points.py; the kills around scoring are in
tests/test_reliability_crash_scoring.py, the kills inside write transactions in
tests/test_reliability_crash_inside.py.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.cli_helpers import mockloop
from tests.crash_helpers import (
    Kill,
    Round,
    check_finished,
    fresh_home,
    kill_chain,
    resume_to_the_end,
    uninterrupted,
)
from tests.crash_points import CHAINS, INSIDE, KILL_POINTS, MIGRATIONS_KILLED, SCORING_KILLS
from tests.warm_mockloop import WarmServer

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("chain", list(CHAINS))
def test_a_round_killed_again_and_again_resumes_to_the_uninterrupted_transcript(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    warm_mockloop: WarmServer,
    chain: str,
) -> None:
    game, pace, kills = CHAINS[chain]
    home = fresh_home(game, tmp_path, monkeypatch)
    session_id, committed = kill_chain(warm_mockloop, home, game, kills, pace, tmp_path)
    landed = [f"{kill} -> {turns}" for kill, turns in zip(kills, committed, strict=True)]
    assert committed[-1] < len(uninterrupted(game)), "the last kill came before the end"
    report = resume_to_the_end(warm_mockloop, home, session_id)
    check_finished(home, session_id, game, report)
    with capsys.disabled():
        print(f"\n  {chain}: killed at {', '.join(landed)} committed turns; resumed to "
              f"{len(uninterrupted(game))}")  # fmt: skip


@functools.cache
def phases(game: Round) -> tuple[str, ...]:
    """The phase the round is in once n turns are committed, for n from 0 to the whole round:
    the phase of the last interviewer turn, "start-up" before the first one."""
    run = mockloop(*game.simulate(0.0), "--json")
    assert run.code == 0, run.err
    now, by_count = "start-up", ["start-up"]
    for turn in json.loads(run.out)["transcript"]["turns"]:
        now = turn["meta"]["phase"] if turn["role"] == "interviewer" else now
        by_count.append(now)
    return tuple(by_count)


def where(game: Round, kill: Kill) -> str:
    """The phase of the round a kill point lands in."""
    if kill.kind in ("turns", "after"):
        return phases(game)[kill.turns]
    return {"session": "start-up", "started": "start-up", "scoring": "scoring"}[kill.kind]


def test_the_kill_points_come_before_the_end_and_land_in_every_phase_of_a_round(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plans = [(game, kills) for game, _, kills in CHAINS.values()] + list(SCORING_KILLS.values())
    by_turns = [(game, k) for game, kills in plans for k in kills if k.kind in ("turns", "after")]
    too_late = [
        f"{game.candidate}: {k} of {len(phases(game)) - 1} turns"
        for game, k in by_turns
        if k.turns >= len(phases(game)) - 1
    ]
    assert too_late == [], "the round ends before these kill points come"

    landed = Counter(where(game, k) for game, kills in plans for k in kills)
    assert set(landed) == {"start-up", "opening", "design", "deep_dive", "wrap_up", "scoring"}

    inside = len(INSIDE) + len(MIGRATIONS_KILLED)
    scoring = sum(len(kills) for _, kills in SCORING_KILLS.values()) + 1  # + inside its write
    total = KILL_POINTS + inside + scoring
    with capsys.disabled():
        print(
            f"\ncrash suite: {total} kill points: {KILL_POINTS} in {len(CHAINS)} kill-and-resume "
            f"chains, {inside} inside write transactions, {scoring} around scoring; by phase: "
            f"{dict(landed)}"
        )
    assert total >= 20
