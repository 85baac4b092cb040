"""Fault suite: a judge whose every answer is cut at max_tokens scores what it could verify
and leaves the rest unscored, saying why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring.transcripts import load_transcript
from tests.claude_helpers import cut_scorecard
from tests.cli_helpers import mockloop
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.fakes.responders import judge_output
from tests.fault_helpers import Tally, check_judged

pytestmark = pytest.mark.slow

SAMPLE = (
    Path(__file__).resolve().parent.parent / "transcripts/samples/churn-analysis-strong-shipper.md"
)


def test_a_judge_cut_short_every_time_leaves_the_rest_unscored_with_the_reason(
    faulty_api: FakeAnthropic,
) -> None:
    """Every answer (re-asks included) stops at max_tokens after three dimensions: those three
    are scored from verified quotes, the other five are unscored and say why."""

    def cut_after_three(body: dict[str, Any]) -> Reply:
        return Reply(text=cut_scorecard(judge_output(body), complete=3), stop_reason="max_tokens")

    faulty_api.responder = cut_after_three

    run = mockloop("score", str(SAMPLE), "--engine", "claude", "--samples", "3", "--format", "json")

    assert run.code == 0, run.err
    card = json.loads(run.out)
    statuses = [d["status"] for d in card["dimensions"]]
    assert statuses == ["scored"] * 3 + ["unscored"] * 5
    for dim in card["dimensions"][3:]:
        assert dim["level"] is None
        assert "max_tokens" in dim["rationale"] and dim["rationale"].startswith("Unscored: ")
    turns = [{"text": t.text} for t in load_transcript(SAMPLE).turns]
    check_judged(card, turns, Tally())
    assert len(faulty_api.message_bodies()) == 6, "each of the 3 samples re-asked once"
