"""Crash suite: rounds SIGKILLed after they closed but before their scorecard was stored, by
`simulate` or by the `resume` that continued them, get exactly one scorecard on `resume`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crash_helpers import (
    check_finished,
    fresh_home,
    kill_chain,
    read,
    resume_to_the_end,
    uninterrupted,
)
from tests.crash_points import SCORING_KILLS
from tests.warm_mockloop import WarmServer

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", list(SCORING_KILLS))
def test_a_round_killed_while_it_is_scored_gets_its_scorecard_on_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm_mockloop: WarmServer, case: str
) -> None:
    game, kills = SCORING_KILLS[case]
    home = fresh_home(game, tmp_path, monkeypatch)
    session_id, committed = kill_chain(warm_mockloop, home, game, kills, 0.01, tmp_path)
    assert committed[-1] == len(uninterrupted(game)), "every turn of the closed round is committed"
    assert read(home / "mockloop.db", "select status from sessions") == [("finished",)]

    report = resume_to_the_end(warm_mockloop, home, session_id)

    check_finished(home, session_id, game, report)
