"""What the fake's message holds for a `Reply`: the adaptive-thinking block, the text or tool
call within `max_tokens`, the stop reason and the output usage.

Thinking is on unless the request has `thinking: {"type": "disabled"}`; its length follows the
effort (`output_config.effort`, else the model's default). It is billed as output and counts
towards `max_tokens`: thinking first (cut to `max_tokens` if need be), then the text in whole
words, then the tool call (dropped when it does not fit).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from tests.fakes.cache import count_model_tokens
from tests.fakes.contract import effort_of
from tests.fakes.replies import Reply

THINKING_TOKENS = {"low": 40, "medium": 150, "high": 400, "xhigh": 800, "max": 1500}
DEFAULT_MAX_TOKENS = 4096

_THOUGHTS = (
    "Let me work out what is being asked before answering.",
    "Weighing the constraints first, then the options, keeps this grounded.",
    "Hmm, there is a trade-off between latency, cost and quality here.",
    "Checking the earlier turns for anything already settled.",
    "Considering edge cases: empty inputs, very long inputs, retries.",
    "Maybe a shorter plan reads better; keep it concrete.",
    "Reconsidering the ordering so the main point comes first.",
)


@dataclass(frozen=True)
class Shaped:
    thinking: str  # "" when there is no thinking block
    text: str | None
    tool_input: object | None  # None when there is no tool_use block
    stop_reason: str
    stop_details: dict[str, Any] | None
    thinking_tokens: int
    output_tokens: int


def thinking_enabled(body: dict[str, Any]) -> bool:
    thinking = body.get("thinking")
    return not (isinstance(thinking, dict) and thinking.get("type") == "disabled")


@cache
def generated_thinking(model: str, effort: str) -> str:
    """Deterministic thinking text of about THINKING_TOKENS[effort] tokens of `model`."""
    target = THINKING_TOKENS.get(effort, THINKING_TOKENS["high"])
    words: list[str] = []
    for thought in itertools.cycle(_THOUGHTS):
        words += thought.split(" ")
        if count_model_tokens(" ".join(words), model) >= target:
            break
    return fit_words(" ".join(words), target, model)


def fit_words(text: str, budget: int, model: str) -> str:
    """The longest whole-word prefix of `text` that is at most `budget` tokens of `model`."""
    if count_model_tokens(text, model) <= budget:
        return text
    words = text.split(" ")
    fits, too_long = 0, len(words)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if count_model_tokens(" ".join(words[:middle]), model) <= budget:
            fits = middle
        else:
            too_long = middle
    return " ".join(words[:fits])


def signature(model: str, thinking: str) -> str:
    """An opaque signature, as the API returns for each thinking block."""
    digest = hashlib.sha256(f"{model}\x00{thinking}".encode()).digest()
    return base64.b64encode(b"fake-sig:" + digest).decode()


def shape(body: dict[str, Any], reply: Reply) -> Shaped:
    model = str(body["model"])
    budget = int(body.get("max_tokens") or DEFAULT_MAX_TOKENS)
    cut = False
    thinking = ""
    if thinking_enabled(body):
        scripted = reply.thinking
        thinking = scripted if scripted is not None else generated_thinking(model, effort_of(body))
    thinking_tokens = count_model_tokens(thinking, model) if thinking else 0
    if thinking_tokens > budget:
        thinking, cut = fit_words(thinking, budget, model), True
        thinking_tokens = count_model_tokens(thinking, model) if thinking else 0
    left = 0 if cut else budget - thinking_tokens  # cut while thinking: nothing follows
    text, text_tokens = reply.text, 0
    if text is not None:
        text_tokens = count_model_tokens(text, model)
        if text_tokens > left:
            text, cut = fit_words(text, left, model) or None, True
            text_tokens = count_model_tokens(text, model) if text else 0
    left -= text_tokens
    tool_input, tool_tokens = reply.tool_input, 0
    if tool_input is not None:
        tool_tokens = count_model_tokens(json.dumps(tool_input), model)
        if tool_tokens > left:
            tool_input, tool_tokens, cut = None, 0, True
    if cut:
        stop, details = "max_tokens", None
    else:
        stop = reply.stop_reason or ("tool_use" if tool_input is not None else "end_turn")
        details = reply.stop_details
    output = min(budget, max(1, thinking_tokens + text_tokens + tool_tokens))
    return Shaped(thinking, text, tool_input, stop, details, thinking_tokens, output)


def content_blocks(
    body: dict[str, Any], shaped: Shaped, new_id: Callable[[str], str]
) -> list[dict[str, Any]]:
    content: list[dict[str, Any]] = []
    if shaped.thinking:
        sig = signature(str(body["model"]), shaped.thinking)
        content.append({"type": "thinking", "thinking": shaped.thinking, "signature": sig})
    if shaped.text is not None:
        content.append({"type": "text", "text": shaped.text})
    if shaped.tool_input is not None:
        choice = body.get("tool_choice") or {}
        name = choice.get("name") or (body.get("tools") or [{}])[0].get("name", "tool")
        content.append(
            {"type": "tool_use", "id": new_id("toolu"), "name": name, "input": shaped.tool_input}
        )
    return content
