"""`mockloop practice` and `mockloop resume` for your own rounds: the plain line-by-line round
and what happens when there is no terminal for the app."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.judge import DEFAULT_SAMPLES
from simulator.store.scorecards import ScorecardStore
from simulator.workspace import Workspace
from tests.claude_helpers import is_judge_request
from tests.cli_helpers import Run, mockloop
from tests.fakes.anthropic_api import FakeAnthropic
from tests.simulate_helpers import blocks

MOCKLOOP = Path(sys.executable).with_name("mockloop")


ANSWER = "I'd stream the summary so the rep sees words in 2 s, because waiting loses trust."


def plain_round(
    monkeypatch: pytest.MonkeyPatch, typed: str, *options: str, engine: str = "offline"
) -> tuple[Run, str]:
    """A plain round answered with `typed` (the keyboard as one string): the run, its session."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    run = mockloop("practice", "--plain", "--engine", engine, "--seed", "1", *options)
    assert run.code == 0, run.err
    return run, run.out.split()[1]  # "session <id> · <brief> · engine offline"


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


def test_a_plain_round_ended_early_prints_and_stores_its_scorecard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run, session_id = plain_round(monkeypatch, f"{ANSWER}\n\n/end\ny\n")

    with Workspace() as ws:
        card = ScorecardStore(ws.db).for_session(session_id)
        assert ws.sessions.get(session_id).status == "finished"
    assert card is not None, "scored like a round ended early in the app"
    assert f"Scorecard · {session_id}" in run.out
    assert f"Overall: {card.recommendation.replace('_', ' ')}" in run.out


def test_a_plain_round_ended_before_any_answer_has_nothing_to_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run, session_id = plain_round(monkeypatch, "/end\ny\n")

    assert "nothing to score" in run.out
    with Workspace() as ws:
        assert ScorecardStore(ws.db).for_session(session_id) is None


def test_a_plain_claude_round_ended_early_is_scored_by_the_claude_judge(
    monkeypatch: pytest.MonkeyPatch, fake_api: FakeAnthropic
) -> None:
    run, session_id = plain_round(monkeypatch, f"{ANSWER}\n\n/end\ny\n", engine="claude")

    judged = [b for b in fake_api.message_bodies() if is_judge_request(b)]
    assert len(judged) == DEFAULT_SAMPLES, "the judge the app uses for a Claude round"
    assert "is scoring the round" in run.err
    with Workspace() as ws:
        card = ScorecardStore(ws.db).for_session(session_id)
    assert card is not None and card.rater.startswith("claude")
    assert f"rater {card.rater}" in run.out


@pytest.mark.parametrize(
    ("options", "shown"),
    [((), False), (("--mode", "coach", "--interviewer", "coach"), True)],
    ids=["interview", "coach"],
)
def test_a_plain_round_names_the_interviewers_moves_in_coach_mode_only(
    monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...], shown: bool
) -> None:
    run, session_id = plain_round(monkeypatch, f"{ANSWER}\n\n/end\ny\n", *options)

    tags = [tag for role, tag, _ in blocks(run.out) if role == "interviewer"]
    assert len(tags) == 2, run.out  # the opening and the follow-up
    assert all(tag is not None for tag in tags) == shown, tags
    assert any(tag is not None for tag in tags) == shown, tags
    export = json.loads(mockloop("transcripts", "export", session_id, "--format", "json").out)
    said = [t for t in export["turns"] if t["role"] == "interviewer"]
    assert len(said) == 2 and all(t["meta"]["move"] for t in said), "the export keeps them"


def test_the_app_opens_with_the_briefs_of_briefs_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A brief that exists only in --briefs-dir is there once the app is open, not only for
    the check before it."""
    import yaml

    from simulator.tui.app import MockloopApp

    shipped = Path(__file__).resolve().parent.parent / "briefs" / "churn-analysis.yaml"
    brief = dict(yaml.safe_load(shipped.read_text("utf-8")), id="team-churn")
    (tmp_path / "team-churn.yaml").write_text(yaml.safe_dump(brief), encoding="utf-8")
    opened: list[str] = []
    monkeypatch.setattr("simulator.cli.practice.has_terminal", lambda: True)
    monkeypatch.setattr(
        MockloopApp,
        "run",
        lambda app: opened.append(app.workspace.library.brief(app.options.brief_id).title),
    )

    run = mockloop("practice", "--brief", "team-churn", "--briefs-dir", tmp_path)

    assert run.code == 0, run.err
    assert opened == [brief["title"]]
