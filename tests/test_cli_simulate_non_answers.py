"""`mockloop simulate` with candidates who give no real answers (empty, gibberish, off-topic,
grader injection, repeats): no coverage, no praise, every non-answer recorded."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.cli_helpers import mockloop
from tests.simulate_helpers import CHURN_TITLES, simulate_json, turns_of

TEST_MODE_CANDIDATES = ["empty", "gibberish", "off-topic", "grader-injection", "repeat"]
NON_ANSWER_KINDS = {"empty", "gibberish", "off_topic", "repeat", "injection"}
PRAISE = re.compile(r"\b(great|excellent|well done)\b", re.IGNORECASE)


@pytest.mark.parametrize("candidate", TEST_MODE_CANDIDATES)
def test_non_answers_earn_no_coverage_and_no_praise(candidate: str) -> None:
    data = simulate_json("--brief", "churn-analysis", "--candidate", candidate, shared=True)

    assert "covered" not in {entry["status"] for entry in data["coverage"]["areas"].values()}
    moves = [t["meta"].get("move") for t in turns_of(data)]
    assert "redirect" in moves
    interviewer = [t["text"] for t in turns_of(data) if t["role"] == "interviewer"]
    praise = [text for text in interviewer if PRAISE.search(text)]
    assert not praise
    recorded = [n for n in data["coverage"]["non_answers"] if n["kind"] != "moved_on"]
    assert recorded
    assert data["session"]["status"] == "finished"


def test_empty_answers_are_shown_as_redirects_and_counted_in_the_summary() -> None:
    run = mockloop("simulate", "--brief", "churn-analysis", "--candidate", "empty")

    assert run.code == 0, run.err
    assert "[redirect]" in run.out
    assert "(no answer)" in run.out
    assert re.search(r"^Non-answers: [1-9]\d*; moved on without an answer from: ", run.out, re.M)
    summary = run.out[run.out.index("Probe areas:") :]
    for title in CHURN_TITLES:
        assert re.search(rf"^  {re.escape(title)}\s+skipped\b", summary, re.M), title


@pytest.mark.parametrize(
    "candidate",
    [
        "empty",
        "gibberish",
        "grader-injection",
        "off-topic",
    ],
)
def test_every_answer_of_a_test_mode_candidate_is_recorded_as_a_non_answer(candidate: str) -> None:
    data = simulate_json("--brief", "churn-analysis", "--candidate", candidate, shared=True)

    turns = turns_of(data)
    candidate_turns = [t for t in turns if t["role"] == "candidate"]
    judged = [
        t["meta"].get("answer_kind")
        for before, t in itertools.pairwise(turns)
        if before["role"] == "candidate"
    ]
    assert set(judged) <= NON_ANSWER_KINDS, judged
    recorded = [n for n in data["coverage"]["non_answers"] if n["kind"] != "moved_on"]
    assert len(recorded) == len(candidate_turns)


def test_injection_is_an_alias_for_the_grader_injection_candidate() -> None:
    data = simulate_json("--brief", "churn-analysis", "--candidate", "injection")

    assert data["session"]["candidate"] == "grader-injection"
