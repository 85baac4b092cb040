"""Crash suite: rounds SIGKILLed after they closed but before their scorecard was stored, by
`simulate` or by the `resume` that continued them, get exactly one scorecard on `resume`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crash_helpers import (
    check_after_kill,
    check_finished,
    fresh_home,
    read,
    resume_to_the_end,
    run_and_kill,
    uninterrupted,
)
from tests.crash_points import SCORING_KILLS

pytestmark = pytest.mark.slow


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
