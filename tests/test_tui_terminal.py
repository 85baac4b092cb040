"""A new user in a real terminal (tmux): start a round, answer three questions, see a
follow-up react to an answer, end the round and read the scorecard."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoring.reading.catalogue import slot_catalogue

MOCKLOOP = Path(sys.executable).with_name("mockloop")
# A tmux server of the test's own (its socket named like the session): no other test process,
# and no tmux the user has open, shares it.
SESSION = f"mockloop-test-{os.getpid()}"
# The questions that build on a part of the design the candidate has named.
DEEPER = [spec.deeper for spec in slot_catalogue().slots]
POLL = 0.05  # seconds between looks at the screen

if shutil.which("tmux") is None:
    if os.environ.get("CI"):
        raise RuntimeError("tmux is required for the terminal test (make test installs it)")
    pytest.skip("tmux is not installed", allow_module_level=True)


def tmux(*args: str) -> str:
    done = subprocess.run(
        ["tmux", "-L", SESSION, *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-J", "-t", SESSION)


def flowing(shown: str) -> str:
    """The screen's words in one line, without the boxes' borders (wrapped text reads on)."""
    return " ".join(shown.replace("│", " ").split())


def wait_for(text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen()
        if text in shown:
            return shown
        time.sleep(POLL)
    raise AssertionError(f"{text!r} never appeared; the screen shows:\n{shown}")


def wait_for_words(words: str, timeout: float = 20.0) -> str:
    """Wait for words the app may wrap over several lines; the screen's words in one line."""
    deadline = time.monotonic() + timeout
    while words not in (shown := flowing(screen())):
        assert time.monotonic() < deadline, f"{words!r} never appeared:\n{screen()}"
        time.sleep(POLL)
    return shown


def type_answer(text: str) -> None:
    """Type the answer, wait until the answer box shows it, then send it with Ctrl+S."""
    wait_for("Your turn")
    tail = " ".join(text.split()[-6:])
    before = flowing(screen()).count(tail)
    tmux("send-keys", "-t", SESSION, "-l", text)
    deadline = time.monotonic() + 20
    while flowing(screen()).count(tail) <= before:
        assert time.monotonic() < deadline, f"{tail!r} never appeared:\n{screen()}"
        time.sleep(POLL)
    tmux("send-keys", "-t", SESSION, "C-s")


@pytest.fixture
def terminal(isolated_home: Path) -> Iterator[None]:
    command = f"MOCKLOOP_HOME={isolated_home} {MOCKLOOP} practice --engine offline --seed 3"
    tmux("new-session", "-d", "-s", SESSION, "-x", "110", "-y", "36", command)
    socket = Path(tmux("display-message", "-p", "#{socket_path}").strip())
    try:
        yield
    finally:
        subprocess.run(["tmux", "-L", SESSION, "kill-server"], capture_output=True)
        socket.unlink(missing_ok=True)  # the server leaves its socket behind


def test_a_new_user_practises_a_round_in_a_real_terminal(terminal: None) -> None:
    wait_for("Start round")
    tmux("send-keys", "-t", SESSION, "C-s")
    wait_for("Churn-risk analysis")

    type_answer("How many tickets does a typical account have in 90 days?")
    wait_for_words("25 tickets in 90 days")  # answered from the brief's facts

    type_answer("I would call a model with the tickets and show the answer.")
    shown = wait_for_words("get to the model")  # asks for the part of the design left out
    assert "depth follow up" not in shown, "interview mode keeps the interviewer's moves hidden"

    type_answer(
        "I'd stream the summary so the rep sees words within 2 seconds, because a spinner "
        "loses trust, and validate every account name against the CRM before showing it."
    )
    deadline = time.monotonic() + 20
    while not any(q[:20] in flowing(screen()) for q in DEEPER):  # builds on what they said
        assert time.monotonic() < deadline, screen()
        time.sleep(POLL)

    tmux("send-keys", "-t", SESSION, "C-e")
    wait_for("End the round now")
    tmux("send-keys", "-t", SESSION, "y")
    shown = wait_for("Recommendation")
    assert "Scorecard" in shown
    assert "What a stronger answer would have said" in shown or "Problem framing" in shown
