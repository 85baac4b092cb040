"""The loopback fake itself, through the real SDK: SSE order, adaptive thinking before the
answer, thinking billed as output and counted in max_tokens, refusals, structured output, the
5.5 tokenizer, tool use, broken tool JSON, batch results as JSONL, and timeouts the SDK
retries."""

from __future__ import annotations

import json
import math
from typing import Any

import anthropic
import pydantic
import pytest
from anthropic.types import MessageParam, ToolParam
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming

from tests.fakes.anthropic_api import FakeAnthropic, Reply
from tests.fakes.cache import count_model_tokens, count_tokens
from tests.fakes.responders import judge_output
from tests.fakes.schemas import instance_problems

MODEL = "claude-haiku-5-5"
HELLO: list[MessageParam] = [{"role": "user", "content": "hello"}]
NO_THINKING = {"type": "disabled"}


def sdk(**kw: Any) -> anthropic.Anthropic:
    return anthropic.Anthropic(max_retries=kw.pop("max_retries", 0), **kw)


def create(**kw: Any) -> anthropic.types.Message:
    params: dict[str, Any] = {"model": MODEL, "max_tokens": 4000, "messages": HELLO, **kw}
    return sdk().messages.create(**params)


def test_a_reply_starts_with_a_signed_thinking_block(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="Hello there."))
    message = create()
    thinking, text = message.content
    assert thinking.type == "thinking" and thinking.thinking and thinking.signature
    assert text.type == "text" and text.text == "Hello there."


def test_disabled_thinking_leaves_only_the_answer(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="Hello there."))
    message = create(thinking=NO_THINKING)
    assert [b.type for b in message.content] == ["text"]
    assert message.usage.output_tokens_details.thinking_tokens == 0  # type: ignore[union-attr]


def test_a_test_can_script_the_thinking_or_leave_it_out(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="Fine.", thinking="A short plan."), Reply(text="Fine.", thinking=""))
    assert create().content[0].thinking == "A short plan."  # type: ignore[union-attr]
    assert [b.type for b in create().content] == ["text"]


def test_streaming_sends_thinking_then_text_in_order(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="one two three four five six seven"))
    with sdk().messages.stream(model=MODEL, max_tokens=4000, messages=HELLO) as stream:
        events = list(stream)
        final = stream.get_final_message()
    kinds = [event.type for event in events]
    assert kinds[0] == "message_start" and kinds[-1] == "message_stop"
    starts = [e.content_block.type for e in events if e.type == "content_block_start"]
    assert starts == ["thinking", "text"]
    assert kinds.index("signature") < kinds.index("text")
    texts = [e.text for e in events if e.type == "text"]
    assert texts == ["one two three ", "four five six ", "seven"]
    thought = "".join(e.thinking for e in events if e.type == "thinking")
    assert thought == final.content[0].thinking  # type: ignore[union-attr]
    assert final.content[1].text == "one two three four five six seven"  # type: ignore[union-attr]
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == create_usage_total(final)


def create_usage_total(message: anthropic.types.Message) -> int:
    details = message.usage.output_tokens_details
    assert details is not None
    text = "".join(b.text for b in message.content if b.type == "text")
    return details.thinking_tokens + count_model_tokens(text, message.model)


def test_thinking_is_billed_as_output(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="A reply of a few words."))
    message = create()
    thinking = message.content[0].thinking  # type: ignore[union-attr]
    assert message.usage.output_tokens_details.thinking_tokens == count_model_tokens(  # type: ignore[union-attr]
        thinking, MODEL
    )
    assert message.usage.output_tokens == create_usage_total(message)


@pytest.mark.parametrize(
    ("model", "effort", "tokens"),
    [
        ("claude-haiku-5-5", None, 150),  # Haiku's default effort is medium
        ("claude-sonnet-5-5", None, 400),  # the others default to high
        ("claude-opus-5-5", "low", 40),
        ("claude-opus-5-5", "xhigh", 800),
        ("claude-fable-5-1", "max", 1500),
    ],
)
def test_thinking_length_follows_the_effort(
    fake_api: FakeAnthropic, model: str, effort: str | None, tokens: int
) -> None:
    config = {"output_config": {"effort": effort}} if effort else {}
    message = create(model=model, **config)
    thinking_tokens = message.usage.output_tokens_details.thinking_tokens  # type: ignore[union-attr]
    assert tokens * 0.9 <= thinking_tokens <= tokens


def test_thinking_eats_the_max_tokens_budget_before_the_text(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="never shown"))
    starved = create(model="claude-sonnet-5-5", max_tokens=100)
    assert [b.type for b in starved.content] == ["thinking"]
    assert starved.stop_reason == "max_tokens" and starved.usage.output_tokens <= 100
    thought = create(thinking={"type": "adaptive"}).usage.output_tokens_details.thinking_tokens  # type: ignore[union-attr]
    fake_api.queue(Reply(text="one two three four five six seven eight nine ten"))
    cut = create(max_tokens=thought + 4)
    assert cut.content[1].text == "one two three"  # type: ignore[union-attr]
    assert cut.stop_reason == "max_tokens" and cut.usage.output_tokens == thought + 4


def test_a_scripted_max_tokens_stop_is_kept(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="cut", stop_reason="max_tokens"))
    message = create()
    assert message.stop_reason == "max_tokens" and message.content[1].text == "cut"  # type: ignore[union-attr]


def test_a_refusal_carries_stop_details(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply.refusal(text="I started to", explanation="Declined."))
    message = create()
    assert message.stop_reason == "refusal" and message.content[-1].text == "I started to"  # type: ignore[union-attr]
    assert message.stop_details is not None
    assert (message.stop_details.type, message.stop_details.category) == ("refusal", None)
    assert message.stop_details.explanation == "Declined."


def test_a_streamed_refusal_carries_stop_details(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply.refusal(text="I started to"))
    with sdk().messages.stream(model=MODEL, max_tokens=4000, messages=HELLO) as stream:
        deltas = [e for e in stream if e.type == "message_delta"]
        final = stream.get_final_message()
    assert deltas[0].delta.stop_details is not None
    assert final.stop_reason == "refusal" and final.stop_details is not None


class Verdict(pydantic.BaseModel):
    risk: str
    ticket_ids: list[int]


def test_a_structured_reply_parses_as_json(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply.structured({"risk": "high", "ticket_ids": [4, 9]}))
    parsed = sdk().messages.parse(
        model=MODEL, max_tokens=4000, messages=HELLO, output_format=Verdict
    )
    assert parsed.parsed_output == Verdict(risk="high", ticket_ids=[4, 9])
    default = sdk().messages.parse(
        model=MODEL, max_tokens=4000, messages=HELLO, output_format=Verdict
    )
    assert default.parsed_output == Verdict(risk="", ticket_ids=[])


QUOTE = {
    "type": "object",
    "properties": {"turn": {"type": "integer"}, "quote": {"type": "string"}},
    "required": ["turn", "quote"],
    "additionalProperties": False,
}
ENTRY = {
    "type": "object",
    "properties": {
        "level": {"enum": [1, 2, 3, 4]},
        "evidence": {"type": "array", "items": {"$ref": "#/$defs/Quote"}},
        "rationale": {"type": "string"},
        "missed": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["level", "evidence", "rationale", "missed"],
    "additionalProperties": False,
}
DIMENSIONS = ["evaluation", "cost", "failure_modes"]
JUDGE_SCHEMA = {
    "$defs": {"Quote": QUOTE, "Entry": ENTRY},
    "type": "object",
    "properties": {
        "dimensions": {
            "type": "object",
            "properties": {dim: {"$ref": "#/$defs/Entry"} for dim in DIMENSIONS},
            "required": DIMENSIONS,
            "additionalProperties": False,
        },
        "red_flags": {"type": "array", "items": {"type": "object", "additionalProperties": False}},
        "grader_aimed": {"type": "array", "items": {"$ref": "#/$defs/Quote"}},
    },
    "required": ["dimensions", "red_flags", "grader_aimed"],
    "additionalProperties": False,
}
TRANSCRIPT = (
    '<turn id="1" role="interviewer">\nHow would you keep costs down?\n</turn>\n'
    '<turn id="2" role="candidate">\nI would cache the system prompt. '
    "Then I would cap the input at twelve thousand tokens.\n</turn>"
)


def judge_body(transcript: str) -> dict[str, Any]:
    fmt = {"type": "json_schema", "schema": JUDGE_SCHEMA}
    return {
        "model": "claude-opus-5-5",
        "max_tokens": 8000,
        "messages": [{"role": "user", "content": transcript}],
        "output_config": {"format": fmt},
    }


def test_the_judge_gets_a_valid_scorecard_quoting_the_candidate(fake_api: FakeAnthropic) -> None:
    body = judge_body(TRANSCRIPT)
    message = sdk().messages.create(**body)
    card = json.loads(message.content[-1].text)
    assert card == judge_output(body) and instance_problems(card, JUDGE_SCHEMA) == []
    assert list(card["dimensions"]) == DIMENSIONS
    assert [e["level"] for e in card["dimensions"].values()] == [2, 3, 2]
    quotes = [e["evidence"][0]["quote"] for e in card["dimensions"].values()]
    assert quotes[:2] == [
        "I would cache the system prompt.",
        "Then I would cap the input at twelve thousand tokens.",
    ]
    assert card["red_flags"] == [] and card["grader_aimed"] == []


def test_a_judge_without_candidate_sentences_scores_level_one() -> None:
    card = judge_output(judge_body('<turn id="1" role="interviewer">\nHello?\n</turn>'))
    assert all(e == {**e, "level": 1, "evidence": []} for e in card["dimensions"].values())
    assert instance_problems(card, JUDGE_SCHEMA) == []


def test_count_tokens_is_about_1_3_times_cl100k(fake_api: FakeAnthropic) -> None:
    text = "The 5.5 models count about thirty percent more tokens than cl100k does. " * 20
    messages = [{"role": "user", "content": text}]
    counted = sdk().messages.count_tokens(model=MODEL, messages=messages).input_tokens  # type: ignore[arg-type]
    expected = math.ceil((count_tokens(text) + 4) * 1.3)  # 4: the message's own overhead
    assert counted == expected
    assert create(messages=messages, thinking=NO_THINKING).usage.input_tokens == expected
    assert count_model_tokens(text, MODEL) == math.ceil(count_tokens(text) * 1.3)


def test_tool_use_and_a_broken_tool_json_stream(fake_api: FakeAnthropic) -> None:
    tool: ToolParam = {"name": "t", "description": "d", "input_schema": {"type": "object"}}
    fake_api.queue(Reply(tool_input={"a": [1, 2]}))
    message = create(tools=[tool])
    assert message.stop_reason == "tool_use" and message.content[1].input == {"a": [1, 2]}  # type: ignore[union-attr]
    fake_api.queue(Reply(tool_json='{"a" 1, "b": nope}', stop_reason="tool_use"))
    with (
        pytest.raises(ValueError, match="Unable to parse tool parameter JSON"),
        sdk().messages.stream(model=MODEL, max_tokens=4000, messages=HELLO, tools=[tool]) as s,
    ):
        s.get_final_message()


def test_a_dropped_stream_counts_only_text_deltas(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply.dropped("one two three four five six seven", after=1))
    texts: list[str] = []
    with (
        pytest.raises(Exception, match="incomplete chunked read"),  # httpx's, whichever package
        sdk().messages.stream(model=MODEL, max_tokens=4000, messages=HELLO) as stream,
    ):
        texts.extend(e.text for e in stream if e.type == "text")
    assert texts == ["one two three "]


def test_batch_results_come_back_as_jsonl(fake_api: FakeAnthropic) -> None:
    fake_api.polls_before_end = 0
    fake_api.queue(Reply(text="fine"), Reply.server_error())
    client = sdk()
    params: MessageCreateParamsNonStreaming = {"model": MODEL, "max_tokens": 500, "messages": HELLO}
    batch = client.messages.batches.create(
        requests=[{"custom_id": "a", "params": params}, {"custom_id": "b", "params": params}]
    )
    assert client.messages.batches.retrieve(batch.id).processing_status == "ended"
    results = {r.custom_id: r.result.type for r in client.messages.batches.results(batch.id)}
    assert results == {"a": "succeeded", "b": "errored"}


def test_a_timeout_is_retried_by_the_sdk(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="late", delay=0.5), Reply(text="on time"))
    client = sdk(timeout=0.2, max_retries=1)
    message = client.messages.create(model=MODEL, max_tokens=4000, messages=HELLO)
    assert message.content[-1].text == "on time"  # type: ignore[union-attr]
    assert len(fake_api.message_bodies()) == 2
