"""`mockloop practice` and `mockloop resume` for your own rounds: the plain line-by-line round
and what happens when there is no terminal for the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli_helpers import mockloop

MOCKLOOP = Path(sys.executable).with_name("mockloop")


def without_terminal(*args: str, answers: str = "") -> subprocess.CompletedProcess[str]:
    """`mockloop ARGS` with pipes for stdin and stdout, as from a script or a CI job."""
    return subprocess.run(
        [MOCKLOOP, *args], input=answers, capture_output=True, text=True, timeout=30
    )


def assert_points_to_plain(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("mockloop: ") and "terminal" in lines[0] and "--plain" in lines[0]
    assert done.stdout == ""


def test_practice_with_no_terminal_points_to_plain_instead_of_starting_the_app() -> None:
    assert_points_to_plain(without_terminal("practice", "--engine", "offline"))


def test_resume_with_no_terminal_points_to_plain_instead_of_starting_the_app() -> None:
    started = without_terminal(
        "practice", "--plain", "--engine", "offline", answers="How many reps use it?\n\n"
    )
    assert started.returncode == 0, started.stderr
    session_id = started.stdout.split()[1]  # "session <id> · <brief> · engine offline"

    assert_points_to_plain(without_terminal("resume", session_id))

    history = mockloop("history", "--unfinished")
    assert session_id in history.out, "the round is still there to resume"
