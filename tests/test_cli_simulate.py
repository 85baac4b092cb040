"""`mockloop simulate`: a whole round played by a simulated candidate, its probes, curveballs
and wrap-up, and the same transcript for the same seed. Candidates who give no real answers
are in tests/test_cli_simulate_non_answers.py, files of answers in
tests/test_cli_simulate_answers.py, bad command lines in tests/test_cli_simulate_bad_args.py."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from typing import Any

import pytest

from scoring.transcripts import Transcript
from tests.simulate_helpers import (
    BRIEF_FILES,
    CHURN,
    CHURN_TITLES,
    blocks,
    mockloop_script,
    same_run,
    simulate_json,
    turns_of,
)

STRONG = ("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper")


def spoken(data: dict[str, Any]) -> list[tuple[str, str, float | None]]:
    return [(t["role"], t["text"], t["start"]) for t in turns_of(data)]


# --- a strong candidate -----------------------------------------------------------------------


def test_strong_candidate_round_covers_every_churn_probe_area() -> None:
    run = same_run(*STRONG)

    assert run.code == 0, run.err
    summary = run.out[run.out.index("Probe areas:") :]
    for title in CHURN_TITLES:
        assert re.search(rf"^  {re.escape(title)}\s+covered\b", summary, re.M), title
    spoken = " ".join(text for role, _, text in blocks(run.out) if role == "interviewer")
    assert not any(title in spoken for title in CHURN_TITLES), "no internal area titles aloud"


def test_strong_candidate_round_has_a_curveball_and_probes_what_was_said() -> None:
    run = same_run(*STRONG)

    tags = [tag for role, tag, _ in blocks(run.out) if role == "interviewer"]
    assert "curveball" in tags
    assert {"failure probe", "depth follow up"} & set(tags)


def test_a_quote_read_back_is_a_whole_sentence_of_the_previous_answer() -> None:
    turns = turns_of(simulate_json(*STRONG[1:], shared=True))

    quoted_back = []
    for before, turn in itertools.pairwise(turns):
        for quote in re.findall(r"“([^”]+)”", turn["text"]):
            assert before["role"] == "candidate"
            assert quote in before["text"], quote
            quoted_back.append(quote)
    assert quoted_back, "no follow-up picks up the candidate's own words"
    assert all(len(quote.split()) >= 5 for quote in quoted_back), "never a fragment"


def test_strong_candidate_summary_shows_every_area_covered() -> None:
    run = same_run(*STRONG)

    summary = run.out[run.out.index("Probe areas:") :]
    for title in CHURN_TITLES:
        assert re.search(rf"^  {re.escape(title)}\s+covered\b", summary, re.M), title
    assert re.search(r"^Curveballs fired: (?!none)\S", summary, re.M)
    assert re.search(r"^Session \S+: finished; engine offline\.$", summary, re.M)


def test_same_seed_prints_the_same_transcript() -> None:
    args = ("--brief", "churn-analysis", "--candidate", "strong-shipper", "--seed", "5")

    first = simulate_json(*args)
    second = simulate_json(*args)

    assert first["session"]["id"] != second["session"]["id"]
    assert spoken(first) == spoken(second)


def test_same_seed_gives_the_same_transcript_in_a_separate_process() -> None:
    """Wording variation must not depend on Python's per-process hash seed."""
    args = ["simulate", "--brief", "ticket-triage", "--candidate", "buzzword-salad", "--seed", "7"]
    hash_seed = "1" if os.environ.get("PYTHONHASHSEED") == "0" else "0"

    done = subprocess.run(
        [mockloop_script(), *args, "--json"],
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert spoken(json.loads(done.stdout)) == spoken(simulate_json(*args[1:]))


def test_a_different_seed_changes_the_transcript() -> None:
    args = ("--brief", "churn-analysis", "--candidate", "strong-shipper")

    one = simulate_json(*args, "--seed", "1", shared=True)
    two = simulate_json(*args, "--seed", "2")

    assert spoken(one) != spoken(two)


def test_json_output_has_session_coverage_and_transcript() -> None:
    data = simulate_json(*STRONG[1:], shared=True)

    session = data["session"]
    assert session["brief"] == "churn-analysis"
    assert session["candidate"] == "strong-shipper"
    assert session["engine"] == "offline"
    assert session["status"] == "finished"
    assert session["ended_reason"] == "completed"
    assert set(data["coverage"]["areas"]) == {area["id"] for area in CHURN["probe_areas"]}
    transcript = Transcript.model_validate(data["transcript"])
    assert transcript.id == session["id"]
    assert transcript.candidate_turns()
    assert transcript.turns[0].role == "interviewer"


@pytest.mark.parametrize("brief", [path.stem for path in BRIEF_FILES])
def test_strong_candidate_covers_every_area_of_every_shipped_brief(brief: str) -> None:
    data = simulate_json("--brief", brief, "--candidate", "strong-shipper", shared=True)

    statuses = {area: entry["status"] for area, entry in data["coverage"]["areas"].items()}
    assert set(statuses.values()) == {"covered"}, statuses
    assert data["coverage"]["curveballs"]
    moves = [t["meta"].get("move") for t in turns_of(data)]
    assert "curveball" in moves
    assert data["session"]["status"] == "finished"


@pytest.mark.parametrize("interviewer", ["neutral", "coach", "bar-raiser"])
def test_wrap_up_tells_the_candidate_how_much_time_is_really_left(interviewer: str) -> None:
    data = simulate_json(*STRONG[1:], "--interviewer", interviewer, shared=True)

    turns = turns_of(data)
    wrap_up = [t for t in turns if t["meta"].get("move") == "wrap_up"]
    assert len(wrap_up) == 1
    said = re.search(r"(\d+) minutes", wrap_up[0]["text"])
    assert said is not None, wrap_up[0]["text"]
    really_left = data["session"]["minutes"] - wrap_up[0]["start"] / 60
    assert abs(int(said.group(1)) - really_left) <= 1
    if really_left > 10:
        ending = " ".join(t["text"] for t in turns[-3:] if t["role"] == "interviewer")
        assert not re.search(r"close to time|that's time|out of time|time is up", ending, re.I)
