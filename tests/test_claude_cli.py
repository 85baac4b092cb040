"""The CLI with the Claude engine against the fake API: simulate, score (also in batches),
bench, model options, prices, and the API key kept out of everything written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring.rubrics import load_rubrics
from scoring.transcripts import load_transcript
from simulator.engines.claude.batches import BatchItem, BatchStore, submit
from simulator.engines.claude.judge import ClaudeJudge
from simulator.engines.claude.settings import ClaudeSettings
from simulator.workspace import Workspace
from tests.claude_helpers import is_judge_request
from tests.cli_helpers import mockloop, one_line_error
from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.fakes.fixtures import DUMMY_KEY
from tests.fakes.responders import default_reply

SAMPLES = Path(__file__).resolve().parent.parent / "transcripts/samples"
STRONG = SAMPLES / "churn-analysis-strong-shipper.md"
SIM = ("simulate", "--brief", "churn-analysis", "--candidate", "strong-shipper", "--minutes", "20")


def shows_strong_answers(card: dict[str, Any]) -> bool:
    """Whether every dimension of the churn brief's probe areas that fell short of 4 shows
    that brief's strong answer (and at least one did)."""
    with Workspace() as ws:
        probed = {a.dimension for a in ws.library.briefs["churn-analysis"].probe_areas}
    short = [
        d
        for d in card["dimensions"]
        if d["level"] is not None and d["level"] < 4 and d["dimension"] in probed
    ]
    return bool(short) and all(
        any(m.startswith("A strong answer on") for m in d["missed"]) for d in short
    )


def test_simulate_with_claude_interviews_plays_the_persona_and_judges(
    fake_api: FakeAnthropic,
) -> None:
    run = mockloop(*SIM, "--engine", "claude", "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    session = data["session"]
    assert session["engine"] == "claude" and session["model"] == "claude-haiku-5-5"
    assert session["prompt_version"].startswith("interviewer-")
    candidate = [t for t in data["transcript"]["turns"] if t["role"] == "candidate"]
    assert candidate and candidate[0]["text"].startswith("On question")
    usage = data["usage"]
    assert usage["calls"] >= 2 * len(candidate) and usage["dollars"] > 0
    assert usage["cache_read_tokens"] > 0
    card = data["scorecard"]
    assert card["rater"] == "claude:claude-sonnet-5-5" and card["prompt_version"]
    assert card["usage"]["dollars"] > 0
    assert shows_strong_answers(card), "the judge's card shows the brief's strong answers too"
    models = {b["model"] for b in fake_api.message_bodies()}
    assert models == {"claude-haiku-5-5", "claude-sonnet-5-5"}


def test_models_come_from_options_then_environment(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCKLOOP_JUDGE_MODEL", "claude-opus-5-5")
    run = mockloop(*SIM, "--engine", "claude", "--model", "claude-sonnet-5-5")
    assert run.code == 0, run.err
    bodies = fake_api.message_bodies()
    judged = [b for b in bodies if is_judge_request(b)]
    assert judged and {b["model"] for b in judged} == {"claude-opus-5-5"}
    assert {b["model"] for b in bodies if not is_judge_request(b)} == {"claude-sonnet-5-5"}
    assert "engine claude (claude-sonnet-5-5)" in run.out and "thinking) · $" in run.out


def test_effort_comes_per_role_from_options_then_environment(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = mockloop(*SIM, "--engine", "claude")
    assert run.code == 0, run.err
    efforts = {
        (is_judge_request(b), b["output_config"]["effort"]) for b in fake_api.message_bodies()
    }
    assert efforts == {(False, "low"), (True, "medium")}, "interviewer and candidate low"
    with Workspace() as ws:
        rows = ws.db.execute("select purpose, effort from model_calls").fetchall()
    assert {purpose: effort for purpose, effort in rows} == {
        "interviewer": "low",
        "candidate": "low",
        "reading": "low",
        "judge": "medium",
    }
    monkeypatch.setenv("MOCKLOOP_JUDGE_EFFORT", "high")
    since = len(fake_api.message_bodies())
    run = mockloop(*SIM, "--engine", "claude", "--effort", "medium")
    assert run.code == 0, run.err
    later = fake_api.message_bodies()[since:]
    assert {(is_judge_request(b), b["output_config"]["effort"]) for b in later} == {
        (False, "medium"),
        (True, "high"),
    }
    since = len(fake_api.message_bodies())
    assert mockloop("score", str(STRONG), "--samples", "1", "--effort", "xhigh").code == 0
    assert fake_api.message_bodies()[since]["output_config"]["effort"] == "xhigh"


def test_a_bad_effort_is_one_line(fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "'extreme'" in one_line_error(mockloop("score", str(STRONG), "--effort", "extreme"))
    monkeypatch.setenv("MOCKLOOP_JUDGE_EFFORT", "max-ish")
    line = one_line_error(mockloop("score", str(STRONG)))
    assert "MOCKLOOP_JUDGE_EFFORT" in line and "low, medium, high, xhigh, max" in line
    assert fake_api.requests == []


def test_score_counts_the_input_before_judging_and_says_what_it_may_cost(
    fake_api: FakeAnthropic,
) -> None:
    run = mockloop("score", str(STRONG), "--samples", "3")
    assert run.code == 0, run.err
    counted = [r for r in fake_api.requests if r.path == "/v1/messages/count_tokens"]
    assert len(counted) == 1
    line = next(x for x in run.err.splitlines() if "judging with" in x)
    assert "claude-sonnet-5-5 (effort medium): 3 requests" in line
    assert "(counted) input tokens, input at most $" in line


def test_score_with_every_sample_declined_says_not_scored_and_exits_1(
    fake_api: FakeAnthropic, isolated_home: Path
) -> None:
    fake_api.queue(*[Reply.refusal(text="")] * 3)
    run = mockloop("score", str(STRONG), "--samples", "3")
    assert run.code == 1 and "Traceback" not in run.err
    assert "Overall: not scored (no dimension could be scored)" in run.out
    assert "strong no hire" not in run.out
    assert run.err.strip().splitlines()[-1].startswith(f"mockloop: {STRONG}: not scored: ")
    assert "declined" in run.err
    with Workspace() as ws:
        assert ws.db.execute("select count(*) from scorecards").fetchone() == (0,)


def test_simulate_falls_back_to_the_offline_card_when_the_judge_scores_nothing(
    fake_api: FakeAnthropic,
) -> None:
    def decline_judging(body: dict[str, Any]) -> Reply:
        return Reply.refusal(text="") if is_judge_request(body) else default_reply(body)

    fake_api.responder = decline_judging
    run = mockloop(*SIM, "--engine", "claude", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["scorecard"]["rater"].startswith("offline:")
    assert "the Claude judge scored nothing" in run.err and "scored offline" in run.err


def test_candidate_turns_worded_offline_are_marked_and_the_session_says_it_mixed_engines(
    fake_api: FakeAnthropic,
) -> None:
    def decline_one_answer(body: dict[str, Any]) -> Reply:
        playing = "You play a candidate" in json.dumps(body.get("system"))
        if playing and len(body["messages"]) == 3:  # the candidate's second answer
            return Reply.refusal(text="")
        return default_reply(body)

    fake_api.responder = decline_one_answer
    run = mockloop(*SIM, "--engine", "claude", "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    answers = [t for t in data["transcript"]["turns"] if t["role"] == "candidate"]
    assert answers[0]["meta"]["engine"] == "claude" and answers[0]["meta"]["effort"] == "low"
    assert answers[1]["meta"]["engine"] == "offline (fallback)"
    assert "declined" in answers[1]["meta"]["fallback_reason"]
    assert data["session"]["engine"] == "claude"
    assert data["session"]["engines"] == "claude, offline (fallback)"
    assert "a candidate turn was played offline" in run.err


def test_score_with_claude_prints_usage_and_stores_the_prompt_version(
    fake_api: FakeAnthropic, isolated_home: Path
) -> None:
    run = mockloop("score", str(STRONG), "--format", "json", "--samples", "2")
    assert run.code == 0, run.err
    card = json.loads(run.out)
    assert card["rater"] == "claude:claude-sonnet-5-5" and card["engine"] == "claude"
    assert card["usage"]["input_tokens"] + card["usage"]["cache_read_tokens"] > 0
    assert len(fake_api.message_bodies()) == 2
    assert shows_strong_answers(card)  # the file names its brief
    with Workspace() as ws:
        row = ws.db.execute("select rater, prompt_version from scorecards").fetchone()
    assert row == ("claude:claude-sonnet-5-5", card["prompt_version"])


def test_score_offline_stays_offline_with_a_key(fake_api: FakeAnthropic) -> None:
    run = mockloop("score", str(STRONG), "--engine", "offline", "--format", "json")
    assert json.loads(run.out)["rater"].startswith("offline:")
    assert fake_api.requests == []


def test_score_with_claude_and_no_key_is_one_line() -> None:
    line = one_line_error(mockloop("score", str(STRONG), "--engine", "claude"))
    assert line == "mockloop: the claude engine needs ANTHROPIC_API_KEY to be set"


def test_score_when_the_api_is_down_is_one_line_and_exit_1(fake_api: FakeAnthropic) -> None:
    fake_api.queue(*[Reply.overloaded()] * 9)
    run = mockloop("score", str(STRONG), "--samples", "3")
    assert run.code == 1 and "Traceback" not in run.err
    assert "the Claude judge is unavailable" in run.err and len(run.err.splitlines()) <= 10


def test_score_in_a_batch_and_collect_a_stored_batch_later(fake_api: FakeAnthropic) -> None:
    run = mockloop("score", str(STRONG), "--batch", "--poll", "0.01", "--samples", "2")
    assert run.code == 0, run.err
    assert "submitted batch msgbatch_" in run.err and "Scorecard" in run.out
    # a batch submitted by an earlier process, collected by this one
    rubric = load_rubrics()["system-design"]
    with Workspace() as ws:
        item = BatchItem("t0", str(STRONG), load_transcript(STRONG))
        judge = ClaudeJudge(ClaudeSettings.from_env())
        batch_id = submit(judge, BatchStore(ws.db), [item], rubric, samples=1)
    run = mockloop("score", "--resume-batch", "--poll", "0.01", "--format", "json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["transcript_id"] == "churn-analysis-strong-shipper"
    assert shows_strong_answers(json.loads(run.out))
    with Workspace() as ws:
        assert BatchStore(ws.db).get(batch_id).status == "collected"
    assert one_line_error(mockloop("score", "--resume-batch")).endswith(
        "no batch waiting to be collected"
    )


def test_bench_rates_with_the_claude_rater_in_a_batch(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("simulator.engines.claude.rater.BATCH_POLL_SECONDS", 0.01)
    run = mockloop(
        "bench", str(SAMPLES), "--rater", "offline", "--rater", "claude:claude-haiku-5-5",
        "--batch", "--perturb", "0", "--no-save",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert "claude:claude-haiku-5-5" in run.out
    created = [r for r in fake_api.requests if r.path == "/v1/messages/batches"]
    assert len(created) == 1


def test_a_price_override_in_mockloop_home_sets_the_dollars(
    fake_api: FakeAnthropic, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "prices.yaml").write_text(
        "date: 2027-01-01\nmodels:\n  claude-sonnet-5-5: "
        "{input: 0, output: 0, cache_write: 0, cache_read: 0}\n"
    )
    card = json.loads(mockloop("score", str(STRONG), "--format", "json", "--samples", "1").out)
    assert card["usage"]["dollars"] == 0
    with Workspace() as ws:
        assert ws.db.execute("select distinct price_date from model_calls").fetchall() == [
            ("2027-01-01",)
        ]


def test_the_api_key_is_never_written_anywhere(
    fake_api: FakeAnthropic, isolated_home: Path, tmp_path: Path
) -> None:
    fake_api.queue(Reply.error(401, "authentication_error", f"invalid x-api-key: {DUMMY_KEY}"))
    run = mockloop(*SIM, "--engine", "claude", "--json")
    assert run.code == 0, run.err
    session_id = json.loads(run.out)["session"]["id"]
    mockloop("score", str(STRONG), "--samples", "1")
    fake_api.queue(Reply.spend_limit())
    mockloop("score", str(STRONG), "--samples", "1")
    exports = [tmp_path / "t.md", tmp_path / "t.json"]
    for path in exports:
        fmt = path.suffix[1:]
        assert (
            mockloop("transcripts", "export", session_id, "--format", fmt, "--out", str(path)).code
            == 0
        )
    sent = " ".join(str(r.headers) for r in fake_api.requests)
    assert DUMMY_KEY in sent, "the key did go to the API"
    with Workspace() as ws:
        errors = [r[0] for r in ws.db.execute("select error from model_calls where error != ''")]
    assert any("[redacted]" in e for e in errors) and any("spend limit" in e for e in errors)
    written = [p for p in isolated_home.rglob("*") if p.is_file()] + exports
    assert any(p.name.startswith("mockloop.db") for p in written)
    for path in written:
        assert DUMMY_KEY.encode() not in path.read_bytes(), path
    assert DUMMY_KEY not in run.out + run.err
