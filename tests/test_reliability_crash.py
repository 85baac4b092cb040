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

from pathlib import Path

import pytest

from tests.crash_helpers import (
    check_finished,
    fresh_home,
    kill_chain,
    resume_to_the_end,
    uninterrupted,
)
from tests.crash_points import CHAINS, INSIDE, KILL_POINTS, MIGRATIONS_KILLED, SCORING_KILLS

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("chain", list(CHAINS))
def test_a_round_killed_again_and_again_resumes_to_the_uninterrupted_transcript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chain: str
) -> None:
    game, pace, kills = CHAINS[chain]
    home = fresh_home(game, tmp_path, monkeypatch)
    session_id, committed = kill_chain(home, game, kills, pace, tmp_path)
    landed = [f"{kill} -> {turns}" for kill, turns in zip(kills, committed, strict=True)]
    assert committed[-1] < len(uninterrupted(game)), "the last kill came before the end"
    report = resume_to_the_end(home, session_id, game)
    check_finished(home, session_id, game, report)
    with capsys.disabled():
        print(f"\n  {chain}: killed at {', '.join(landed)} committed turns; resumed to "
              f"{len(uninterrupted(game))}")  # fmt: skip


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
