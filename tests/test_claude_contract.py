"""The fake API enforces the current models' request contract, through the real SDK: what each
model refuses (with the API's error type and message) and what it accepts."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import anthropic
import pydantic
import pytest
from anthropic.types import MessageParam, ToolParam
from anthropic.types.message_create_params import MessageCreateParamsNonStreaming

from tests.fakes.anthropic_api import FakeAnthropic, Reply

HAIKU, SONNET, OPUS, FABLE = (
    "claude-haiku-5-5",
    "claude-sonnet-5-5",
    "claude-opus-5-5",
    "claude-fable-5-1",
)
ALL_MODELS = [HAIKU, SONNET, OPUS, FABLE]
MODELS_5_5 = [HAIKU, SONNET, OPUS]
HELLO: list[MessageParam] = [{"role": "user", "content": "hello"}]
TOOL: ToolParam = {"name": "record", "description": "d", "input_schema": {"type": "object"}}


def create(**kw: Any) -> anthropic.types.Message:
    params: dict[str, Any] = {"model": HAIKU, "max_tokens": 4000, "messages": HELLO, **kw}
    return anthropic.Anthropic(max_retries=0).messages.create(**params)


def refusal(**kw: Any) -> str:
    """The message of the 400 the request gets."""
    with pytest.raises(anthropic.BadRequestError) as caught:
        create(**kw)
    assert caught.value.status_code == 400
    body = caught.value.body
    assert isinstance(body, dict) and body["error"]["type"] == "invalid_request_error"
    return str(body["error"]["message"])


def with_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return {"output_config": {"format": {"type": "json_schema", "schema": schema}}}


def obj(**properties: Any) -> dict[str, Any]:
    """An object schema in the supported subset."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


# -- refused request shapes ----------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS_5_5)
@pytest.mark.parametrize(("param", "value"), [("temperature", 0.2), ("top_p", 0.9), ("top_k", 5)])
def test_5_5_models_refuse_sampling_parameters(
    fake_api: FakeAnthropic, model: str, param: str, value: float
) -> None:
    message = refusal(model=model, extra_body={param: value})
    assert message == f"{param}: sampling parameters are not supported on this model"


def test_a_streamed_request_is_refused_the_same_way(fake_api: FakeAnthropic) -> None:
    client = anthropic.Anthropic(max_retries=0)
    with (
        pytest.raises(anthropic.BadRequestError, match="sampling parameters are not supported"),
        client.messages.stream(
            model=OPUS, max_tokens=100, messages=HELLO, extra_body={"temperature": 0}
        ) as stream,
    ):
        stream.get_final_message()


@pytest.mark.parametrize("model", ALL_MODELS)
def test_assistant_prefill_is_refused(fake_api: FakeAnthropic, model: str) -> None:
    prefill = [*HELLO, {"role": "assistant", "content": '{"risk": "'}]
    assert refusal(model=model, messages=prefill) == (
        "messages: assistant prefill is not supported on this model; "
        "the last message must be from the user"
    )


@pytest.mark.parametrize("model", ALL_MODELS)
def test_budget_tokens_thinking_is_refused(fake_api: FakeAnthropic, model: str) -> None:
    message = refusal(model=model, thinking={"type": "enabled", "budget_tokens": 2048})
    assert message == (
        "thinking: budget_tokens thinking is not supported on this model; "
        "use adaptive thinking and output_config.effort"
    )


@pytest.mark.parametrize("model", [SONNET, OPUS, FABLE])
@pytest.mark.parametrize("choice", [{"type": "tool", "name": "record"}, {"type": "any"}])
def test_sonnet_and_opus_refuse_forced_tool_use(
    fake_api: FakeAnthropic, model: str, choice: dict[str, str]
) -> None:
    message = refusal(model=model, tools=[TOOL], tool_choice=choice)
    assert "forced tool use is not supported on this model" in message


@pytest.mark.parametrize("effort", ["extreme", "HIGH", ""])
def test_an_unknown_effort_is_refused(fake_api: FakeAnthropic, effort: str) -> None:
    message = refusal(output_config={"effort": effort})
    assert message == (
        f"output_config.effort: {effort!r} is not one of low, medium, high, xhigh, max"
    )


INT, STR = {"type": "integer"}, {"type": "string"}
ARRAY = {"type": "array", "items": INT}


@pytest.mark.parametrize(
    ("prop", "problem"),
    [
        ({**INT, "minimum": 1}, ": unsupported keyword 'minimum'"),
        ({**INT, "maximum": 4}, ": unsupported keyword 'maximum'"),
        ({**INT, "default": 2}, ": unsupported keyword 'default'"),
        ({**STR, "minLength": 1}, ": unsupported keyword 'minLength'"),
        ({**STR, "pattern": "^[a-z]+$"}, ": unsupported keyword 'pattern'"),
        ({**STR, "format": "binary"}, ": unsupported format 'binary'"),
        ({**ARRAY, "maxItems": 3}, ": unsupported keyword 'maxItems'"),
        ({**ARRAY, "uniqueItems": True}, ": unsupported keyword 'uniqueItems'"),
        ({**ARRAY, "minItems": 2}, ": minItems must be 0 or 1 (got 2)"),
        ({**ARRAY, "items": {**INT, "exclusiveMinimum": 0}}, ".items: unsupported keyword "),
        ({"oneOf": [INT, STR]}, ": unsupported keyword 'oneOf'"),
        ({"anyOf": [INT, {**STR, "maxLength": 9}]}, ".anyOf[1]: unsupported keyword 'maxLength'"),
        ({"$ref": "#/definitions/X"}, ": $ref must point into #/$defs/ (got '#/definitions/X')"),
        ({"$ref": "#/$defs/Missing"}, ": $ref '#/$defs/Missing' does not resolve"),
    ],
)
def test_an_output_schema_outside_the_supported_subset_is_refused(
    fake_api: FakeAnthropic, prop: dict[str, Any], problem: str
) -> None:
    message = refusal(**with_schema(obj(level=prop)))
    assert message.startswith("output_config.format.schema.properties.level" + problem)


def test_definitions_are_checked_too_and_only_dollar_defs_is_allowed(
    fake_api: FakeAnthropic,
) -> None:
    defs = {**obj(level={"$ref": "#/$defs/L"}), "$defs": {"L": {**INT, "multipleOf": 2}}}
    assert refusal(**with_schema(defs)) == (
        "output_config.format.schema.$defs.L: unsupported keyword 'multipleOf'"
    )
    legacy = {**obj(level={"$ref": "#/definitions/L"}), "definitions": {"L": INT}}
    assert refusal(**with_schema(legacy)) == (
        "output_config.format.schema: unsupported keyword 'definitions'"
    )


@pytest.mark.parametrize(
    ("schema", "where"),
    [
        ({"type": "object", "properties": {}}, "output_config.format.schema: "),
        ({**obj(), "additionalProperties": True}, "output_config.format.schema: "),
        (obj(inner={"type": "object", "properties": {}}), ".schema.properties.inner: "),
        (obj(items={"type": "array", "items": {"type": "object"}}), ".properties.items.items: "),
    ],
)
def test_every_object_schema_must_forbid_additional_properties(
    fake_api: FakeAnthropic, schema: dict[str, Any], where: str
) -> None:
    message = refusal(model=SONNET, **with_schema(schema))
    assert where + "object schemas must set 'additionalProperties': false" in message


def test_an_output_format_must_be_a_json_schema(fake_api: FakeAnthropic) -> None:
    fmt = {"type": "json_object"}
    message = refusal(output_config={"format": fmt})
    assert message == "output_config.format.type: must be 'json_schema'"


def test_a_strict_tool_schema_follows_the_same_subset(fake_api: FakeAnthropic) -> None:
    loose = {**TOOL, "input_schema": obj(level={**INT, "minimum": 1})}
    message = refusal(tools=[TOOL, {**loose, "strict": True}])
    assert message == "tools[1].input_schema.properties.level: unsupported keyword 'minimum'"
    fake_api.queue(Reply(text="fine"))
    assert create(tools=[loose]).stop_reason == "end_turn"  # not strict: not checked


def test_an_unknown_model_is_not_found(fake_api: FakeAnthropic) -> None:
    client = anthropic.Anthropic(max_retries=0)
    with pytest.raises(anthropic.NotFoundError) as caught:
        create(model="claude-sonnet-4-5", extra_body={"temperature": 1})  # 404 before 400
    assert caught.value.body == {
        "type": "error",
        "error": {"type": "not_found_error", "message": "model: claude-sonnet-4-5"},
    }
    with pytest.raises(anthropic.NotFoundError, match="model: claude-opus-9"):
        client.messages.count_tokens(model="claude-opus-9", messages=HELLO)


def test_checks_run_in_order_and_the_first_failure_answers(fake_api: FakeAnthropic) -> None:
    prefill = [*HELLO, {"role": "assistant", "content": "Sure"}]
    both = refusal(model=OPUS, messages=prefill, extra_body={"top_k": 3})
    assert both.startswith("top_k: ")
    later = refusal(model=OPUS, messages=prefill, tools=[TOOL], tool_choice={"type": "any"})
    assert later.startswith("messages: assistant prefill")


def test_an_invalid_request_inside_a_batch_comes_back_errored(fake_api: FakeAnthropic) -> None:
    fake_api.polls_before_end = 0
    fake_api.queue(Reply(text="fine"))
    client = anthropic.Anthropic(max_retries=0)
    good: MessageCreateParamsNonStreaming = {"model": SONNET, "max_tokens": 4000, "messages": HELLO}
    bad: MessageCreateParamsNonStreaming = {
        **good,
        "tools": [TOOL],
        "tool_choice": {"type": "tool", "name": "record"},
    }
    batch = client.messages.batches.create(
        requests=[{"custom_id": "bad", "params": bad}, {"custom_id": "good", "params": good}]
    )
    client.messages.batches.retrieve(batch.id)
    results = {r.custom_id: r.result for r in client.messages.batches.results(batch.id)}
    assert results["bad"].type == "errored"
    error = results["bad"].error.error
    assert error.type == "invalid_request_error"
    assert "forced tool use is not supported on this model" in error.message
    assert results["good"].type == "succeeded"
    assert results["good"].message.content[-1].text == "fine"  # type: ignore[union-attr]


# -- accepted request shapes ---------------------------------------------------------------------


@pytest.mark.parametrize("choice", [{"type": "tool", "name": "record"}, {"type": "any"}])
def test_haiku_accepts_forced_tool_use(fake_api: FakeAnthropic, choice: dict[str, str]) -> None:
    fake_api.queue(Reply(tool_input={"ok": True}))
    message = create(model=HAIKU, tools=[TOOL], tool_choice=choice)
    assert message.stop_reason == "tool_use" and message.content[-1].name == "record"  # type: ignore[union-attr]


@pytest.mark.parametrize("model", ALL_MODELS)
@pytest.mark.parametrize("choice", [{"type": "auto"}, {"type": "none"}])
def test_auto_and_none_tool_choice_are_accepted(
    fake_api: FakeAnthropic, model: str, choice: dict[str, str]
) -> None:
    assert create(model=model, tools=[TOOL], tool_choice=choice).stop_reason == "end_turn"


@pytest.mark.parametrize("model", ALL_MODELS)
@pytest.mark.parametrize("thinking", [{"type": "adaptive"}, {"type": "disabled"}])
def test_adaptive_or_disabled_thinking_is_accepted(
    fake_api: FakeAnthropic, model: str, thinking: dict[str, str]
) -> None:
    assert create(model=model, thinking=thinking).stop_reason == "end_turn"


@pytest.mark.parametrize("effort", ["low", "medium", "high", "xhigh", "max"])
def test_every_documented_effort_is_accepted(fake_api: FakeAnthropic, effort: str) -> None:
    message = create(model=OPUS, max_tokens=4000, output_config={"effort": effort})
    assert message.stop_reason == "end_turn"


class Evidence(pydantic.BaseModel):
    turn: int = pydantic.Field(ge=1)
    quote: str = pydantic.Field(min_length=3, max_length=400, pattern=r"\S")


class Scorecard(pydantic.BaseModel):
    level: Literal[1, 2, 3, 4]
    evidence: list[Evidence] = pydantic.Field(min_length=1, max_length=5)
    summary: str | None = None
    scored_at: dt.datetime
    tags: set[str] = pydantic.Field(default_factory=set)


@pytest.mark.parametrize("model", ALL_MODELS)
def test_a_schema_from_transform_schema_is_accepted(fake_api: FakeAnthropic, model: str) -> None:
    schema = anthropic.transform_schema(Scorecard)
    fake_api.queue(Reply.structured({"level": 3}))
    message = create(model=model, **with_schema(schema))
    assert message.content[-1].text == '{"level": 3}'  # type: ignore[union-attr]


def test_a_strict_tool_with_a_transformed_schema_is_accepted(fake_api: FakeAnthropic) -> None:
    tool = {**TOOL, "strict": True, "input_schema": anthropic.transform_schema(Scorecard)}
    fake_api.queue(Reply(tool_input={"level": 2}))
    assert create(tools=[tool]).stop_reason == "tool_use"


def test_a_refused_request_leaves_the_scripted_replies_queued(fake_api: FakeAnthropic) -> None:
    fake_api.queue(Reply(text="still here"))
    refusal(extra_body={"temperature": 0})
    assert create().content[-1].text == "still here"  # type: ignore[union-attr]
    assert len(fake_api.message_bodies()) == 2  # the refused request is recorded too


def test_a_raw_pydantic_schema_is_refused_until_transformed(fake_api: FakeAnthropic) -> None:
    message = refusal(**with_schema(Scorecard.model_json_schema()))
    assert message == (
        "output_config.format.schema: object schemas must set 'additionalProperties': false"
    )
