"""Bulk judging with Message Batches: submit, restart, resume, collect."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.rubrics import load_rubrics
from scoring.scorecard import Scorecard
from scoring.transcripts import load_transcript
from simulator.engines.claude.batches import (
    COLLECTED,
    BatchItem,
    BatchStore,
    collect,
    submit,
    wait_and_collect,
)
from simulator.engines.claude.calls import CallLog
from simulator.engines.claude.judge import ClaudeJudge
from simulator.engines.claude.prices import TokenCounts, load_prices
from simulator.engines.claude.settings import ClaudeSettings
from simulator.workspace import Workspace
from tests.fakes.anthropic_api import FakeAnthropic, Reply

SAMPLES = Path(__file__).resolve().parent.parent / "transcripts/samples"
RUBRIC = load_rubrics()["system-design"]


def items() -> list[BatchItem]:
    paths = sorted(SAMPLES.glob("churn-analysis-*.md"))
    return [BatchItem(f"t{n}", str(p), load_transcript(p)) for n, p in enumerate(paths)]


def test_submit_restart_resume_collect(fake_api: FakeAnthropic) -> None:
    with Workspace() as ws:
        batch_id = submit(
            ClaudeJudge(ClaudeSettings.from_env()), BatchStore(ws.db), items(), RUBRIC, samples=2
        )
    created = [r for r in fake_api.requests if r.path == "/v1/messages/batches"]
    assert len(created) == 1 and len(created[0].body["requests"]) == 4  # type: ignore[index]
    assert created[0].body["requests"][0]["custom_id"] == "t0-s0"  # type: ignore[index]

    # a new process: nothing in memory but the database
    with Workspace() as ws:
        store = BatchStore(ws.db)
        [pending] = store.open()
        assert pending.id == batch_id and pending.samples == 2 and len(pending.items) == 2
        judge = ClaudeJudge(ClaudeSettings.from_env(judge_model=pending.model))
        assert collect(judge, store, batch_id, RUBRIC) is None, "still running"
        cards = collect(judge, store, batch_id, RUBRIC)
        assert cards is not None and set(cards) == {"t0", "t1"}
        assert store.get(batch_id).status == COLLECTED and store.open() == []
    for key, card in cards.items():
        assert isinstance(card, Scorecard)
        assert card.rater == "claude:claude-sonnet-5-5"
        assert card.transcript_id == pending.items[int(key[1:])].transcript.id
        assert all(d.status != "unscored" for d in card.dimensions)
    rows = CallLog().rows(batch_id=batch_id)
    assert len(rows) == 4 and {r["purpose"] for r in rows} == {"judge-batch"}
    row = rows[0]
    tokens = TokenCounts(
        input=row["input_tokens"],
        output=row["output_tokens"],
        cache_write=row["cache_write_tokens"],
        cache_read=row["cache_read_tokens"],
    )
    full = load_prices().dollars(row["model"], tokens)
    batch = load_prices().dollars(row["model"], tokens, batch=True)
    assert full is not None and batch is not None and batch < full
    assert abs(row["dollars"] - batch) < 1e-9, "recorded at the batch price"
    assert row["effort"] == "medium" and row["thinking_tokens"] > 0


def test_a_malformed_batch_answer_is_retried_directly_and_errors_are_reported(
    fake_api: FakeAnthropic,
) -> None:
    fake_api.polls_before_end = 0
    fake_api.queue(
        Reply(text="not json"),  # t0-s0
        Reply.server_error(),  # t0-s1: errored in the batch
        Reply.server_error(),  # t1-s0
        Reply.server_error(),  # t1-s1
    )
    with Workspace() as ws:
        judge = ClaudeJudge(ClaudeSettings.from_env())
        store = BatchStore(ws.db)
        batch_id = submit(judge, store, items(), RUBRIC, samples=2)
        cards = wait_and_collect(judge, store, batch_id, RUBRIC, poll_every=0.01, timeout=5)
    assert cards is not None
    assert isinstance(cards["t0"], Scorecard), "the retried sample scores t0"
    assert isinstance(cards["t1"], str) and "errored" in cards["t1"]
    direct = fake_api.message_bodies()
    assert len(direct) == 1
    assert direct[0]["messages"][-2] == {
        "role": "assistant",
        "content": [{"type": "text", "text": "not json"}],
    }
    assert "not valid JSON" in direct[0]["messages"][-1]["content"][-1]["text"]


def test_a_killed_bench_run_picks_up_its_stored_batch(
    fake_api: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scoring.bench.raters import RaterOptions
    from simulator.engines.claude.rater import ClaudeRater, claude_rater

    monkeypatch.setattr("simulator.engines.claude.rater.BATCH_POLL_SECONDS", 0.01)
    transcripts = [i.transcript for i in items()]
    rater = claude_rater("claude-haiku-5-5", RaterOptions(batch=True))
    assert isinstance(rater, ClaudeRater) and rater.uses_batches
    with Workspace() as ws:  # an earlier run submitted this work, then died while waiting
        earlier = [BatchItem(f"t{n}", t.id, t) for n, t in enumerate(transcripts)]
        submit(rater.judge, BatchStore(ws.db), earlier, RUBRIC, samples=3, purpose="bench")
    levels = rater.rate_all(transcripts, RUBRIC)
    assert len([r for r in fake_api.requests if r.path == "/v1/messages/batches"]) == 1
    assert len(levels) == 2 and all(v is not None for lv in levels for v in lv.values())
    assert rater.usage.dollars and rater.usage.dollars > 0
    assert rater.name == "claude:claude-haiku-5-5"


def test_a_batch_request_the_api_refuses_comes_back_errored_not_scored(
    fake_api: FakeAnthropic,
) -> None:
    fake_api.polls_before_end = 0
    with Workspace() as ws:
        judge = ClaudeJudge(ClaudeSettings(judge_model="claude-nonexistent-1"))
        store = BatchStore(ws.db)
        batch_id = submit(judge, store, items()[:1], RUBRIC, samples=1)
        cards = wait_and_collect(judge, store, batch_id, RUBRIC, poll_every=0.01, timeout=5)
    assert cards is not None and isinstance(cards["t0"], str)
    assert "errored" in cards["t0"]
