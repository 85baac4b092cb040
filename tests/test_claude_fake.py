"""The loopback fake itself, through the real SDK: SSE order, tool use, broken tool JSON,
count_tokens, max_tokens, batch results as JSONL, and timeouts the SDK retries."""

from __future__ import annotations

import anthropic
import pytest

from simulator.engines.claude.calls import CallRecord
from simulator.engines.claude.client import ClaudeClient
from simulator.engines.claude.settings import ClaudeSettings
from tests.fakes.anthropic_api import FakeAnthropic, Reply

MODEL = "claude-haiku-5-5"
HELLO = [{"role": "user", "content": "hello"}]


def sdk() -> anthropic.Anthropic:
    return anthropic.Anthropic(max_retries=2)


def test_streaming_sends_the_events_in_order(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="one two three four five six seven"))
    with sdk().messages.stream(model=MODEL, max_tokens=50, messages=HELLO) as stream:
        kinds = [event.type for event in stream]
        final = stream.get_final_message()
    assert kinds[0] == "message_start" and kinds[-1] == "message_stop"
    assert kinds.count("text") == 3
    assert final.content[0].text == "one two three four five six seven"  # type: ignore[union-attr]
    assert final.stop_reason == "end_turn" and final.usage.output_tokens > 1


def test_tool_use_and_a_broken_tool_json_stream(fake_api: FakeAnthropic) -> None:
    tool = {"name": "t", "description": "d", "input_schema": {"type": "object"}}
    fake_api.queue(Reply(tool_input={"a": [1, 2]}))
    message = sdk().messages.create(model=MODEL, max_tokens=50, messages=HELLO, tools=[tool])
    assert message.stop_reason == "tool_use" and message.content[0].input == {"a": [1, 2]}  # type: ignore[union-attr]
    fake_api.queue(Reply(tool_json='{"a" 1, "b": nope}', stop_reason="tool_use"))
    with (
        pytest.raises(ValueError, match="Unable to parse tool parameter JSON"),
        sdk().messages.stream(model=MODEL, max_tokens=50, messages=HELLO, tools=[tool]) as s,
    ):
        s.get_final_message()


def test_count_tokens_and_max_tokens(fake_api: FakeAnthropic) -> None:
    client = ClaudeClient(ClaudeSettings())
    params = {"model": MODEL, "max_tokens": 5, "messages": HELLO}
    assert client.count_tokens(params) > 0
    fake_api.queue(Reply(text="cut", stop_reason="max_tokens"))
    message = client.create(params, CallRecord(purpose="test", model=MODEL, prompt_version="x"))
    assert message.stop_reason == "max_tokens"


def test_batch_results_come_back_as_jsonl(fake_api: FakeAnthropic) -> None:
    fake_api.polls_before_end = 0
    fake_api.queue(Reply(text="fine"), Reply.server_error())
    client = sdk()
    params = {"model": MODEL, "max_tokens": 5, "messages": HELLO}
    batch = client.messages.batches.create(
        requests=[{"custom_id": "a", "params": params}, {"custom_id": "b", "params": params}]  # type: ignore[list-item]
    )
    assert client.messages.batches.retrieve(batch.id).processing_status == "ended"
    results = {r.custom_id: r.result.type for r in client.messages.batches.results(batch.id)}
    assert results == {"a": "succeeded", "b": "errored"}


def test_a_timeout_is_retried_by_the_sdk_and_reported(fake_api: FakeAnthropic) -> None:
    client = ClaudeClient(ClaudeSettings(timeout=0.3))
    fake_api.queue(Reply(text="late", delay=1.0), Reply(text="on time"))
    notices: list[str] = []
    record = CallRecord(purpose="test", model=MODEL, prompt_version="x")
    message = client.create(
        {"model": MODEL, "max_tokens": 5, "messages": HELLO}, record, on_notice=notices.append
    )
    assert message.content[0].text == "on time"  # type: ignore[union-attr]
    assert notices == ["Claude API timed out: retrying (attempt 2 of 3)"]
    assert record.attempts == 2
