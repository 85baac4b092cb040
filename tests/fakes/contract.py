"""The request contract of the current Claude models, as the fake API enforces it.

A request the real API refuses gets the same HTTP error from the fake: 404 `not_found_error`
for an unknown model, 400 `invalid_request_error` for a request shape the model does not take.
Checks run in a fixed order and the first failing one answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.fakes.schemas import schema_problem


@dataclass(frozen=True)
class ModelRules:
    model: str
    default_effort: str  # output_config.effort when the request has none
    forced_tool_use: bool  # tool_choice {"type": "tool" | "any"}
    sampling_params: bool = False  # temperature, top_p, top_k
    assistant_prefill: bool = False  # a last message from the assistant
    budget_thinking: bool = False  # thinking {"type": "enabled", "budget_tokens": n}
    token_scale_pct: int = 130  # its tokenizer: tokens per 100 cl100k tokens of the same text


MODELS: dict[str, ModelRules] = {
    rules.model: rules
    for rules in (
        ModelRules("claude-haiku-5-5", default_effort="medium", forced_tool_use=True),
        ModelRules("claude-sonnet-5-5", default_effort="high", forced_tool_use=False),
        ModelRules("claude-opus-5-5", default_effort="high", forced_tool_use=False),
        # fable 5.1's rules are not documented: the fake applies the strictest (Sonnet/Opus) ones.
        ModelRules("claude-fable-5-1", default_effort="high", forced_tool_use=False),
    )
}

EFFORTS = ("low", "medium", "high", "xhigh", "max")
SAMPLING_PARAMS = ("temperature", "top_p", "top_k")


@dataclass(frozen=True)
class ContractError:
    """A refused request: the HTTP status and the API's error JSON."""

    status: int
    type: str
    message: str

    def error(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}

    def payload(self) -> dict[str, Any]:
        return {"type": "error", "error": self.error()}


def effort_of(body: dict[str, Any]) -> str:
    """The request's effort, or its model's default."""
    config = body.get("output_config")
    effort = config.get("effort") if isinstance(config, dict) else None
    if effort is not None:
        return str(effort)
    rules = MODELS.get(str(body.get("model")))
    return rules.default_effort if rules else "high"


def check_model(body: dict[str, Any]) -> ContractError | None:
    """POST /v1/messages/count_tokens checks only the model."""
    if body.get("model") not in MODELS:
        return ContractError(404, "not_found_error", f"model: {body.get('model')}")
    return None


def check_message_request(body: dict[str, Any]) -> ContractError | None:
    """A POST /v1/messages request (or a batch's params): the first contract it breaks."""
    unknown = check_model(body)
    if unknown is not None:
        return unknown
    rules = MODELS[body["model"]]
    for check in CHECKS:
        message = check(rules, body)
        if message is not None:
            return ContractError(400, "invalid_request_error", message)
    return None


def _sampling(rules: ModelRules, body: dict[str, Any]) -> str | None:
    for name in SAMPLING_PARAMS:
        if name in body and not rules.sampling_params:
            return f"{name}: sampling parameters are not supported on this model"
    return None


def _prefill(rules: ModelRules, body: dict[str, Any]) -> str | None:
    messages = body.get("messages") or []
    last = messages[-1] if isinstance(messages, list) and messages else {}
    if isinstance(last, dict) and last.get("role") == "assistant" and not rules.assistant_prefill:
        return (
            "messages: assistant prefill is not supported on this model; "
            "the last message must be from the user"
        )
    return None


def _thinking(rules: ModelRules, body: dict[str, Any]) -> str | None:
    thinking = body.get("thinking")
    budget = isinstance(thinking, dict) and thinking.get("type") == "enabled"
    if budget and not rules.budget_thinking:
        return (
            "thinking: budget_tokens thinking is not supported on this model; "
            "use adaptive thinking and output_config.effort"
        )
    return None


def _tool_choice(rules: ModelRules, body: dict[str, Any]) -> str | None:
    choice = body.get("tool_choice")
    forced = isinstance(choice, dict) and choice.get("type") in ("tool", "any")
    if forced and not rules.forced_tool_use:
        return "tool_choice: forced tool use is not supported on this model; use auto or none"
    return None


def _output_config(body: dict[str, Any]) -> dict[str, Any]:
    config = body.get("output_config")
    return config if isinstance(config, dict) else {}


def _effort(rules: ModelRules, body: dict[str, Any]) -> str | None:
    effort = _output_config(body).get("effort")
    if effort is not None and effort not in EFFORTS:
        return f"output_config.effort: {effort!r} is not one of {', '.join(EFFORTS)}"
    return None


def _format(rules: ModelRules, body: dict[str, Any]) -> str | None:
    fmt = _output_config(body).get("format")
    if fmt is None:
        return None
    if not isinstance(fmt, dict) or fmt.get("type") != "json_schema":
        return "output_config.format.type: must be 'json_schema'"
    if not isinstance(fmt.get("schema"), dict):
        return "output_config.format.schema: a JSON schema object is required"
    return schema_problem(fmt["schema"], "output_config.format.schema")


def _strict_tools(rules: ModelRules, body: dict[str, Any]) -> str | None:
    for index, tool in enumerate(body.get("tools") or []):
        if isinstance(tool, dict) and tool.get("strict") is True:
            problem = schema_problem(tool.get("input_schema"), f"tools[{index}].input_schema")
            if problem is not None:
                return problem
    return None


CHECKS: tuple[Callable[[ModelRules, dict[str, Any]], str | None], ...] = (
    _sampling,
    _prefill,
    _thinking,
    _tool_choice,
    _effort,
    _format,
    _strict_tools,
)
