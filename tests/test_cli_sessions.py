"""`mockloop transcripts` and `history`: the sessions users read, list and export."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from scoring.transcripts import load_transcript
from tests.cli_helpers import mockloop, one_line_error
from tests.simulate_helpers import simulate_json, two_answers

# --- transcripts ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A home holding one finished simulated session, and the session as `simulate --json`
    printed it: played once for the module."""
    home = tmp_path_factory.mktemp("sessions") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOCKLOOP_HOME", str(home))
        patch.delenv("ANTHROPIC_API_KEY", raising=False)  # offline, as in every test's home
        data = simulate_json(
            "--brief", "churn-analysis", "--candidate", "strong-shipper", "--seed", "2"
        )
    return home, data


@pytest.fixture
def session(played: tuple[Path, dict[str, Any]], isolated_home: Path) -> dict[str, Any]:
    """A finished simulated session in this test's home (a copy of the module's)."""
    home, data = played
    shutil.copytree(home, isolated_home, dirs_exist_ok=True)
    return data


def roles_and_texts(turns: list[Any]) -> list[tuple[str, str]]:
    return [(t["role"], t["text"]) if isinstance(t, dict) else (t.role, t.text) for t in turns]


def test_transcripts_list_shows_the_session_and_its_turn_count(session: dict[str, Any]) -> None:
    run = mockloop("transcripts", "list")

    assert run.code == 0, run.err
    turns = len(session["transcript"]["turns"])
    assert re.search(
        rf"^{session['session']['id']}\s+churn-analysis\s+{turns} turns\s+finished$", run.out, re.M
    )


def test_transcripts_show_prints_every_turn_by_id_prefix(session: dict[str, Any]) -> None:
    session_id = session["session"]["id"]

    run = mockloop("transcripts", "show", session_id[:-2])

    assert run.code == 0, run.err
    numbers = [int(m) for m in re.findall(r"^\s*(\d+)\s+\d\d:\d\d\s", run.out, re.M)]
    assert numbers == list(range(1, len(session["transcript"]["turns"]) + 1))
    first_words = " ".join(session["transcript"]["turns"][1]["text"].split()[:5])
    assert first_words in run.out


def test_exported_json_reloads_with_the_same_turns(session: dict[str, Any], tmp_path: Path) -> None:
    run = mockloop("transcripts", "export", session["session"]["id"], "--format", "json")
    path = tmp_path / "export.json"
    path.write_text(run.out, encoding="utf-8")

    transcript = load_transcript(path)

    assert run.code == 0, run.err
    assert transcript.id == session["session"]["id"]
    assert roles_and_texts(transcript.turns) == roles_and_texts(session["transcript"]["turns"])


def test_exported_markdown_reloads_with_the_same_turns(
    session: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "round.md"

    run = mockloop("transcripts", "export", session["session"]["id"], "--out", str(out))

    assert run.code == 0, run.err
    assert run.out == ""
    assert f"wrote {out}" in run.err
    transcript = load_transcript(out)
    assert roles_and_texts(transcript.turns) == roles_and_texts(session["transcript"]["turns"])


def test_export_out_writes_the_json_file(session: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "round.json"

    run = mockloop(
        "transcripts", "export", session["session"]["id"], "--format", "json", "--out", str(out)
    )

    assert run.code == 0, run.err
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == session["session"]["id"]
    assert not out.with_name("round.json.part").exists()


def test_export_of_an_unknown_session_is_one_line_error() -> None:
    line = one_line_error(mockloop("transcripts", "export", "19990101-000000-dead"))

    assert "19990101-000000-dead" in line
    assert "mockloop history" in line


# --- history ----------------------------------------------------------------------------------


def test_history_with_no_sessions_says_how_to_start() -> None:
    run = mockloop("history")

    assert run.code == 0, run.err
    assert "No sessions yet" in run.out


def test_history_lists_sessions_and_unfinished_leaves_out_finished_and_stopped_ones(
    isolated_home: Path, session: dict[str, Any]
) -> None:
    stopped = simulate_json(
        "--brief", "churn-analysis", "--answers", str(two_answers(isolated_home))
    )

    everything = mockloop("history")
    unfinished = mockloop("history", "--unfinished")

    finished_id = session["session"]["id"]
    stopped_id = stopped["session"]["id"]
    assert re.search(
        rf"^{finished_id}\s+churn-analysis\s+strong-shipper\s+finished\s", everything.out, re.M
    )
    assert re.search(
        rf"^{stopped_id}\s+churn-analysis\s+answers\.txt\s+stopped\s", everything.out, re.M
    )
    assert stopped_id not in unfinished.out, "a replay whose answers ran out cannot go on"
    assert finished_id not in unfinished.out


def test_history_unfinished_with_only_finished_sessions_says_none_is_unfinished(
    session: dict[str, Any],
) -> None:
    run = mockloop("history", "--unfinished")

    assert run.code == 0, run.err
    assert "No unfinished sessions" in run.out
    assert "No sessions yet" not in run.out, "there is a session: it is finished"
